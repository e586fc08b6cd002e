from . import crm_relationship_role
from . import crm_data_standard
from . import crm_data_standard_line
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
