from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.crm_correspondence.tests.common import CorrespondenceCase
from odoo.addons.crm_retention.tests.common import RetentionCase


@tagged("post_install", "-at_install")
class TestCorrespondenceContacts(CorrespondenceCase, RetentionCase):
    """The register's client (Wardrobe Wholesale) under a standard of 4 contacts a year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.contact.standard"].search([]).active = False
        cls.env["crm.contact.standard"].create(
            {
                "name": "Clients: 4 a year",
                "role_ids": cls.role_client.ids,
                "required_count": 4,
                "period": "year",
            }
        )
        cls.client.relationship_role_ids = cls.role_client

    @freeze_time("2026-11-22")
    def test_registered_letters_count_as_contacts_of_the_client(self):
        self._create_item(partner_id=self.client_contact.id, date_registered="2026-03-02")
        self._create_item(direction="outgoing", date_registered="2026-09-15")
        self.assertEqual(self.client.contact_period_count, 2)
        self.assertEqual(self.client.last_contact_date, date(2026, 9, 15))
        self.assertTrue(self.client.contact_overdue)  # 3 of 4 due by late November
        self._create_item(date_registered="2026-11-20")
        self.assertEqual(self.client.contact_period_count, 3)
        self.assertFalse(self.client.contact_overdue)

    @freeze_time("2026-11-22")
    def test_deleting_or_moving_a_letter_recounts_the_client(self):
        letter = self._create_item(date_registered="2026-11-20")
        self.assertEqual(self.client.contact_period_count, 1)
        letter.date_registered = "2025-11-20"  # last year: outside this year's period
        self.assertEqual(self.client.contact_period_count, 0)
        self.assertEqual(self.client.last_contact_date, date(2025, 11, 20))
        letter.unlink()
        self.assertFalse(self.client.last_contact_date)

    @freeze_time("2026-11-22")
    def test_email_with_an_unverified_sender_is_no_contact_until_confirmed(self):
        # a user already chose the client, but nobody confirmed who sent the e-mail
        email = self._create_item(
            channel="email",
            date_registered="2026-11-20",
            sender_to_verify=True,
            email_from="office@wardrobe.example.com",
        )
        self.assertEqual(self.client.contact_period_count, 0)
        self.assertFalse(self.client.last_contact_date)
        email.action_confirm_sender()
        self.assertEqual(self.client.contact_period_count, 1)
        self.assertEqual(self.client.last_contact_date, date(2026, 11, 20))
