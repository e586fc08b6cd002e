from . import test_correspondence_contacts
