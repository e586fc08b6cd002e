from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestOverdue(CorrespondenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["crm.correspondence"])
        past = cls.today - timedelta(days=20)
        cls.overdue = cls._create_item(
            subject="Overdue claim",
            date_registered=past,
            document_date=past,
            reply_deadline=cls.today - timedelta(days=1),
            user_id=cls.user_marina.id,
        )
        cls.in_time = cls._create_item(
            subject="Fresh request",
            date_registered=cls.today,
            reply_deadline=cls.today + timedelta(days=5),
            user_id=cls.user_marina.id,
        )
        cls.overdue_dmitry = cls._create_item(
            subject="Overdue price question",
            partner_id=cls.other_client.id,
            date_registered=past,
            reply_deadline=cls.today - timedelta(days=3),
            user_id=cls.user_dmitry.id,
        )

    def _activities(self, items):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.correspondence"),
                ("res_id", "in", items.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("crm_correspondence.mail_activity_type_correspondence_reply").id,
                ),
            ]
        )

    def test_open_item_past_its_deadline_is_overdue(self):
        self.assertTrue(self.overdue.is_overdue)
        self.assertFalse(self.in_time.is_overdue)

    def test_overdue_filter_finds_exactly_the_overdue_items(self):
        mine = self.overdue | self.in_time | self.overdue_dmitry
        found = self.env["crm.correspondence"].search(
            [("is_overdue", "=", True), ("id", "in", mine.ids)]
        )
        self.assertEqual(found, self.overdue | self.overdue_dmitry)
        not_overdue = self.env["crm.correspondence"].search(
            [("is_overdue", "=", False), ("id", "in", mine.ids)]
        )
        self.assertEqual(not_overdue, self.in_time)

    def test_answered_item_is_no_longer_overdue(self):
        self._create_item(direction="outgoing", reply_to_id=self.overdue.id)
        self.assertEqual(self.overdue.state, "answered")
        self.assertFalse(self.overdue.is_overdue)
        self.assertNotIn(
            self.overdue,
            self.env["crm.correspondence"].search([("is_overdue", "=", True)]),
        )

    def test_item_without_deadline_is_never_overdue(self):
        item = self._create_item(date_registered=self.today - timedelta(days=400))
        item.reply_deadline = False
        self.assertFalse(item.is_overdue)
        self.assertIn(item, self.env["crm.correspondence"].search([("is_overdue", "=", False)]))

    def test_default_deadline_follows_the_company_setting(self):
        self.company.correspondence_reply_days = 5
        incoming = self._create_item(date_registered=self.today)
        outgoing = self._create_item(direction="outgoing", date_registered=self.today)
        self.assertEqual(incoming.reply_deadline, self.today + timedelta(days=5))
        self.assertFalse(outgoing.reply_deadline)

    def test_cron_plans_one_activity_per_overdue_item_for_its_responsible(self):
        self.env["crm.correspondence"]._cron_notify_overdue()
        activities = self._activities(self.overdue | self.in_time | self.overdue_dmitry)
        self.assertEqual(len(activities), 2)
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == self.overdue.id).user_id,
            self.user_marina,
        )
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == self.overdue_dmitry.id).user_id,
            self.user_dmitry,
        )

    def test_cron_run_twice_does_not_duplicate_activities(self):
        self.env["crm.correspondence"]._cron_notify_overdue()
        self.env["crm.correspondence"]._cron_notify_overdue()
        self.assertEqual(len(self._activities(self.overdue)), 1)
        self.assertEqual(len(self._activities(self.overdue_dmitry)), 1)

    def test_cron_sends_each_responsible_a_digest_of_their_overdue_items(self):
        self.env["crm.correspondence"]._cron_notify_overdue()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.user_marina.partner_id.ids)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.subject, "Correspondence awaiting your reply")
        self.assertIn(self.overdue.name, mails.body_html)
        self.assertNotIn(self.in_time.name, mails.body_html)
        self.assertNotIn(self.overdue_dmitry.name, mails.body_html)

    def test_reminders_are_planned_without_an_email_per_item(self):
        """The digest tells each responsible about all their items: no mail per activity."""
        items = self.overdue | self.in_time | self.overdue_dmitry
        last_message = self.env["mail.message"].search([], order="id desc", limit=1).id
        last_mail = self.env["mail.mail"].search([], order="id desc", limit=1).id
        self.env["crm.correspondence"]._cron_notify_overdue()
        self.assertEqual(len(self._activities(items)), 2)
        notifications = self.env["mail.message"].search(
            [
                ("id", ">", last_message),
                ("model", "=", "crm.correspondence"),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertFalse(notifications)
        mails = self.env["mail.mail"].search([("id", ">", last_mail)])
        # the digests only (the demo data has overdue items of its own users too)
        self.assertEqual(set(mails.mapped("subject")), {"Correspondence awaiting your reply"})
        for user in (self.user_marina, self.user_dmitry):
            to_user = [mail for mail in mails if user.partner_id in mail.recipient_ids]
            self.assertEqual(len(to_user), 1)
