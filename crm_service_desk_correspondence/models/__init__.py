from . import crm_correspondence
from . import helpdesk_ticket
