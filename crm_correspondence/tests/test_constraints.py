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
                {"date_from": date(2031, 5, 31), "date_to": date(2031, 5, 1)}
            )

    def test_direction_of_a_numbered_item_cannot_be_changed(self):
        item = self._create_item(direction="incoming")
        number = item.name
        with self.assertRaises(UserError) as refusal:
            item.write({"direction": "outgoing"})
        self.assertIn("cannot be changed", str(refusal.exception))
        item.invalidate_recordset()
        self.assertEqual((item.direction, item.name), ("incoming", number))
