from . import crm_correspondence
from . import res_partner
