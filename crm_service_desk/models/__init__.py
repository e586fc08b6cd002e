from . import helpdesk_ticket_stage
from . import helpdesk_ticket_team
from . import res_partner_service_tier
from . import resource_calendar
from . import crm_service_sla_term
from . import crm_service_ticket_sla
from . import crm_service_ticket_sla_pause
from . import helpdesk_ticket_sla
