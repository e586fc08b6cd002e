from . import test_stock_flows
