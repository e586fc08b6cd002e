from . import test_sla
from . import test_sla_access
from . import test_tour
from . import test_ticket_links
from . import test_mail_intake
from . import test_portal
from . import test_demo
from . import test_reasons
