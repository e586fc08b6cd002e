from . import crm_anniversary_report
from . import crm_churn_report
from . import crm_client_cohort_report
