from . import test_access
