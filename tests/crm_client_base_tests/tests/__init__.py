from . import test_core_partner_tests
from . import test_stock_flows
from . import test_button_rpc
