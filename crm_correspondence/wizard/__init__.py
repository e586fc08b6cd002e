from . import crm_correspondence_journal_wizard
