from . import crm_lead_lost
from . import res_partner_mark_lost
from . import sale_order_minimum_override
