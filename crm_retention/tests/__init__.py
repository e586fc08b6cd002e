from . import test_anniversaries
from . import test_data_standards
from . import test_menus
from . import test_partner_profile
from . import test_translations
from . import test_ui
from . import test_contact_standards
from . import test_handover_wizard
from . import test_sales_plans
from . import test_handover_ui
from . import test_minimum_order
from . import test_client_churn
from . import test_lead_lost
from . import test_churn_report
from . import test_churn_ui
from . import test_minimum_order_ui
from . import test_partner_field_access
from . import test_churn_integrity
from . import test_sales_plan_history
from . import test_contact_standard_batches
from . import test_anniversary_batches
from . import test_anniversary_install_hook
from . import test_minimum_order_online
from . import test_minimum_order_portal
from . import test_minimum_order_concurrency
from . import test_data_standard_audit
from . import test_client_value
<<<<<<< HEAD
from . import test_client_scores
from . import test_client_analysis_xlsx
=======
from . import test_client_analysis_ui
from . import test_client_value_queries
>>>>>>> an-ui
