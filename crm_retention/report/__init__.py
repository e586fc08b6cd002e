from . import crm_anniversary_report
