from . import test_demo
from . import test_rpc
from . import test_ticket_from_letter
