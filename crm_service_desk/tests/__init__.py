from . import test_sla
from . import test_sla_access
from . import test_tour
