from . import crm_handover_wizard
from . import crm_handover_wizard_line
from . import crm_sales_plan_switch_wizard
from . import crm_lead_lost
from . import res_partner_mark_lost
from . import sale_order_minimum_override
from . import base_partner_merge_automatic_wizard
