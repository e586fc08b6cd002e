from . import crm_handover_wizard
from . import crm_handover_wizard_line
from . import crm_sales_plan_switch_wizard
