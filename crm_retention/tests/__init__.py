from . import test_anniversaries
from . import test_data_standards
from . import test_menus
from . import test_partner_profile
from . import test_translations
from . import test_ui
