from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestConstraints(CorrespondenceCase):
    def test_reply_deadline_before_document_date_is_refused(self):
        item = self._create_item(document_date=date(2025, 5, 10), reply_deadline=date(2025, 5, 20))
        with self.assertRaises(ValidationError) as refusal:
            item.write({"reply_deadline": date(2025, 5, 1)})
        self.assertIn("cannot be earlier than its document date", str(refusal.exception))
        item.invalidate_recordset()
        self.assertEqual(item.reply_deadline, date(2025, 5, 20))

    def test_document_date_in_the_future_is_refused(self):
        tomorrow = fields.Date.context_today(self.env["crm.correspondence"]) + timedelta(days=1)
        count = self.env["crm.correspondence"].search_count([])
        with self.assertRaises(ValidationError) as refusal:
            self._create_item(subject="Letter from the future", document_date=tomorrow)
        self.assertIn("cannot be in the future", str(refusal.exception))
        self.assertEqual(self.env["crm.correspondence"].search_count([]), count)

    def test_journal_period_ending_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["crm.correspondence.journal.wizard"].create(
                {"date_from": date(2021, 5, 31), "date_to": date(2021, 5, 1)}
            )

    def test_direction_of_a_numbered_item_cannot_be_changed(self):
        item = self._create_item(direction="incoming")
        number = item.name
        with self.assertRaises(UserError) as refusal:
            item.write({"direction": "outgoing"})
        self.assertIn("cannot be changed", str(refusal.exception))
        item.invalidate_recordset()
        self.assertEqual((item.direction, item.name), ("incoming", number))

    # reply deadline setting ---------------------------------------------

    def test_reply_days_outside_zero_to_ten_years_are_refused(self):
        self.company.correspondence_reply_days = 10
        for days in (-1, 3651):
            with self.assertRaises(ValidationError) as refusal:
                self.company.write({"correspondence_reply_days": days})
            self.assertIn("between 0 and 3650 days", str(refusal.exception))
        self.company.invalidate_recordset()
        self.assertEqual(self.company.correspondence_reply_days, 10)

    def test_reply_days_set_in_the_settings_are_checked_too(self):
        self.company.correspondence_reply_days = 10
        with self.assertRaises(ValidationError):
            settings = self.env["res.config.settings"].create({"correspondence_reply_days": -3})
            settings.execute()
        self.company.invalidate_recordset()
        self.assertEqual(self.company.correspondence_reply_days, 10)

    def test_reply_days_at_the_bounds_are_accepted(self):
        for days in (0, 3650):
            self.company.correspondence_reply_days = days
            self.assertEqual(self.company.correspondence_reply_days, days)

    # registration -------------------------------------------------------

    def test_registration_date_in_the_future_is_refused(self):
        tomorrow = fields.Date.context_today(self.env["crm.correspondence"]) + timedelta(days=1)
        count = self.env["crm.correspondence"].search_count([])
        with self.assertRaises(ValidationError) as refusal:
            self._create_item(subject="Registered tomorrow", date_registered=tomorrow)
        self.assertIn("registration date", str(refusal.exception))
        self.assertEqual(self.env["crm.correspondence"].search_count([]), count)

    def test_user_cannot_change_the_number_date_or_company_of_a_numbered_item(self):
        item = self._create_item(user_id=self.user_marina.id)
        company_b = self.env["res.company"].create({"name": "Salon Rybinsk"})
        self.user_marina.company_ids += company_b
        before = (item.name, item.date_registered, item.company_id)
        for vals in (
            {"name": "IN/2021/0999"},
            {"date_registered": date(2020, 12, 30)},
            {"company_id": company_b.id, "partner_id": False},
        ):
            with self.assertRaises(UserError) as refusal:
                item.with_user(self.user_marina).write(vals)
            self.assertIn("only a Correspondence Administrator", str(refusal.exception))
        item.invalidate_recordset()
        self.assertEqual((item.name, item.date_registered, item.company_id), before)
        self.assertTrue(item.with_user(self.user_marina).registration_locked)

    def test_user_may_save_the_unchanged_registration_of_an_item(self):
        item = self._create_item(user_id=self.user_marina.id)
        item.with_user(self.user_marina).write(
            {"date_registered": item.date_registered, "subject": "Price request (copy)"}
        )
        self.assertEqual(item.subject, "Price request (copy)")

    def test_administrator_corrects_the_registration_date(self):
        item = self._create_item()
        item.with_user(self.user_petr).write({"date_registered": date(2021, 3, 1)})
        self.assertEqual(item.date_registered, date(2021, 3, 1))
        self.assertFalse(item.with_user(self.user_petr).registration_locked)

    # states --------------------------------------------------------------

    def test_archiving_an_archived_item_is_refused(self):
        item = self._create_item()
        item.action_set_archived()
        with self.assertRaises(UserError) as refusal:
            item.action_set_archived()
        self.assertIn("already archived", str(refusal.exception))
        self.assertEqual(item.state, "archived")

    def test_only_closed_items_can_be_reset(self):
        item = self._create_item()
        item.action_start()
        with self.assertRaises(UserError) as refusal:
            item.action_reset()
        self.assertIn("cannot be reset to Registered", str(refusal.exception))
        self.assertEqual(item.state, "in_progress")

    def test_unsupported_operator_on_the_overdue_filter_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["crm.correspondence"].search([("is_overdue", "in", [True])])

    # correspondents -------------------------------------------------------

    def test_a_correspondent_of_the_register_cannot_be_deleted(self):
        contact = self.env["res.partner"].create(
            {"name": "Ivan Wardrobe", "parent_id": self.client.id}
        )
        item = self._create_item(partner_id=contact.id)
        with self.assertRaises(UserError) as refusal:
            contact.unlink()
        self.assertIn("Ivan Wardrobe", str(refusal.exception))
        self.assertIn("Archive it instead", str(refusal.exception))
        self.assertTrue(contact.exists())
        self.assertEqual(item.partner_id, contact)
        contact.action_archive()
        self.assertFalse(contact.active)
        self.assertEqual(item.partner_id, contact)
