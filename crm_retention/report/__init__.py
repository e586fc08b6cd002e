from . import crm_anniversary_report
from . import crm_churn_report
