from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCorrespondenceContacts(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.contact.standard"].search([]).active = False
        role_client = cls.env.ref("crm_retention.crm_relationship_role_client")
        cls.env["crm.contact.standard"].create(
            {"name": "Clients: 4 a year", "role_ids": role_client.ids,
             "required_count": 4, "period": "year"}
        )  # fmt: skip
        cls.salesman = new_test_user(
            cls.env,
            login="rc_salesman",
            groups="sales_team.group_sale_salesman,crm_correspondence.crm_correspondence_group_user",
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Rybinsk Kitchens", "is_company": True, "user_id": cls.salesman.id,
             "relationship_role_ids": role_client.ids}
        )  # fmt: skip
        cls.employee = cls.env["res.partner"].create(
            {"name": "Buyer of Rybinsk Kitchens", "parent_id": cls.client.id}
        )

    def _register(self, partner, when, direction="incoming"):
        return self.env["crm.correspondence"].create(
            {"direction": direction, "channel": "letter", "partner_id": partner.id,
             "subject": "Price list request", "date_registered": when}
        )  # fmt: skip

    @freeze_time("2026-11-22")
    def test_registered_letters_count_as_contacts_of_the_client(self):
        self._register(self.employee, "2026-03-02")
        self._register(self.client, "2026-09-15", direction="outgoing")
        self.assertEqual(self.client.contact_period_count, 2)
        self.assertEqual(self.client.last_contact_date, date(2026, 9, 15))
        self.assertTrue(self.client.contact_overdue)  # 3 of 4 due by late November
        self._register(self.client, "2026-11-20")
        self.assertEqual(self.client.contact_period_count, 3)
        self.assertFalse(self.client.contact_overdue)

    @freeze_time("2026-11-22")
    def test_deleting_or_moving_a_letter_recounts_the_client(self):
        letter = self._register(self.client, "2026-11-20")
        self.assertEqual(self.client.contact_period_count, 1)
        letter.date_registered = "2025-11-20"  # last year: outside this year's period
        self.assertEqual(self.client.contact_period_count, 0)
        self.assertEqual(self.client.last_contact_date, date(2025, 11, 20))
        letter.unlink()
        self.assertFalse(self.client.last_contact_date)
