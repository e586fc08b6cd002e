from . import crm_service_sla_report
from . import crm_service_client_ranking
from . import crm_service_ticket_report
