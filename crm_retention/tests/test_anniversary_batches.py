import threading
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestAnniversaryBatches(RetentionCase):
    """The daily anniversary job: batches, no notification each, no double reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Activity = cls.env["mail.activity"]
        cls.activity_type = cls.env.ref("crm_retention.mail_activity_type_anniversary")
        cls.env.ref("base.main_company").write(
            {"anniversary_horizon_days": 30, "anniversary_round_years": 5}
        )

    def _create_due_partners(self):
        # on 2026-11-22 each has a round founding anniversary within 30 days
        return self.Partner.create(
            [
                {"name": "Kineshma Chairs", "founding_date": "2011-12-05",
                 "user_id": self.salesman.id},
                {"name": "Plyos Tables", "founding_date": "2016-12-01",
                 "user_id": self.salesman.id},
                {"name": "Kostroma Beds", "founding_date": "2006-11-30",
                 "user_id": self.salesman.id},
            ]
        )  # fmt: skip

    def _reminders(self, partners=None):
        domain = [
            ("res_model", "=", "res.partner"),
            ("activity_type_id", "=", self.activity_type.id),
        ]
        if partners is not None:
            domain.append(("res_id", "in", partners.ids))
        return self.Activity.search(domain)

    def _run_cron(self, **kwargs):
        self.Partner._cron_schedule_anniversary_activities(**kwargs)

    @freeze_time("2026-11-22")
    def test_reminders_come_without_a_notification_each(self):
        partners = self._create_due_partners()
        notifications = self.env["mail.notification"].search_count([])
        mails = self.env["mail.mail"].search_count([])
        messages = self.env["mail.message"].search_count(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        self._run_cron()
        reminders = self._reminders(partners)
        self.assertEqual(
            sorted(reminders.mapped("summary")),
            ["10 years since founding", "15 years since founding", "20 years since founding"],
        )
        self.assertEqual(reminders.user_id, self.salesman)
        self.assertEqual(self.env["mail.notification"].search_count([]), notifications)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ),
            messages,
        )

    @freeze_time("2026-11-22")
    def test_a_run_that_saw_an_anniversary_due_before_another_run_reminded_it_skips_it(self):
        partner = self._create_due_partners()[0]
        self._run_cron()
        self.assertEqual(len(self._reminders(partner)), 1)
        self.assertEqual(partner.founding_reminded_years, 15)
        Report = type(self.env["crm.anniversary.report"])
        current = Report._anniversary_query

        def read_before_the_other_run(report, today):
            # what a run started at the same time read: the anniversary still due
            return SQL(
                "SELECT a.id, a.partner_id, a.user_id, a.kind, a.years, a.anniversary_date, "
                "a.is_round AND a.days_left <= 30 AS reminder_due "
                "FROM (%s) a WHERE a.partner_id = %s",
                current(report, today),
                partner.id,
            )

        with patch.object(Report, "_anniversary_query", read_before_the_other_run):
            self._run_cron()
        self.assertEqual(len(self._reminders(partner)), 1, "reminded once only")
        self.assertEqual(partner.founding_reminded_years, 15)

    @freeze_time("2026-11-22")
    def test_cron_worker_commits_every_batch_of_two(self):
        self._run_cron()  # whatever the demo data has due today is reminded first
        partners = self._create_due_partners()
        reminders = self._reminders()
        cron = self.env.ref("crm_retention.ir_cron_anniversary_activities")
        cron, progress = cron._add_progress()
        with (
            patch.object(threading.current_thread(), "testing", False),
            patch.object(self.env.cr, "commit") as commit,
        ):
            self.Partner.with_context(
                cron_id=cron.id, ir_cron_progress_id=progress.id
            )._cron_schedule_anniversary_activities(batch_size=2)
        self.assertEqual(commit.call_count, 2, "3 anniversaries in batches of 2")
        self.assertEqual((progress.done, progress.remaining), (3, 0))
        new = self._reminders() - reminders
        self.assertEqual(sorted(new.mapped("res_id")), sorted(partners.ids))

    @freeze_time("2026-11-22")
    def test_manual_run_never_commits(self):
        partners = self._create_due_partners()
        with (
            patch.object(threading.current_thread(), "testing", False),
            patch.object(self.env.cr, "commit") as commit,
        ):
            self._run_cron(batch_size=2)
        commit.assert_not_called()
        self.assertEqual(len(self._reminders(partners)), 3)
