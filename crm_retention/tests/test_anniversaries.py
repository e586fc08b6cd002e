from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestAnniversaries(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["crm.anniversary.report"]
        cls.Activity = cls.env["mail.activity"]
        cls.activity_type = cls.env.ref("crm_retention.mail_activity_type_anniversary")
        # Partners without a company take the settings of the main company.
        cls.main_company = cls.env.ref("base.main_company")
        cls.main_company.write({"anniversary_horizon_days": 30, "anniversary_round_years": 5})

    def _reminders(self, partner):
        return self.Activity.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id),
             ("activity_type_id", "=", self.activity_type.id)],
            order="date_deadline",
        )  # fmt: skip

    def _run_cron(self):
        self.Partner._cron_schedule_anniversary_activities()

    @freeze_time("2026-11-22")
    def test_round_founding_anniversary_gets_one_reminder_for_the_salesperson(self):
        partner = self.Partner.create(
            {"name": "Fifteen", "is_company": True, "founding_date": "2011-12-05",
             "user_id": self.salesman.id}
        )  # fmt: skip
        self._run_cron()
        reminder = self._reminders(partner)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.salesman)
        self.assertEqual(reminder.date_deadline, date(2026, 12, 5))
        self.assertEqual(reminder.summary, "15 years since founding")
        self._run_cron()
        self.assertEqual(len(self._reminders(partner)), 1)

    @freeze_time("2026-11-22")
    def test_non_round_founding_anniversary_is_not_reminded(self):
        partner = self.Partner.create(
            {"name": "Fourteen", "founding_date": "2012-12-05", "user_id": self.salesman.id}
        )
        self._run_cron()
        self.assertFalse(self._reminders(partner))

    @freeze_time("2026-11-22")
    def test_anniversary_beyond_the_horizon_waits(self):
        partner = self.Partner.create(
            {"name": "Later", "founding_date": "2011-12-30", "user_id": self.salesman.id}
        )
        self._run_cron()
        self.assertFalse(self._reminders(partner))
        self.main_company.anniversary_horizon_days = 40
        self._run_cron()
        self.assertEqual(len(self._reminders(partner)), 1)

    def test_cooperation_anniversary_counts_years_since_first_order(self):
        partner = self.Partner.create({"name": "Loyal", "user_id": self.salesman.id})
        self._confirmed_order(partner, date_order=datetime(2023, 12, 1, 10, 0))
        with freeze_time("2026-11-22"):
            self._run_cron()
        reminder = self._reminders(partner)
        self.assertEqual(reminder.summary, "3 years of cooperation")
        self.assertEqual(reminder.date_deadline, date(2026, 12, 1))

    def test_next_round_anniversary_is_reminded_again(self):
        partner = self.Partner.create(
            {"name": "Yearly", "user_id": self.salesman.id, "founding_date": "2016-11-25"}
        )
        with freeze_time("2026-11-22"):
            self._run_cron()
        with freeze_time("2031-11-20"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(
            self._reminders(partner).mapped("summary"),
            ["10 years since founding", "15 years since founding"],
        )

    def test_client_without_salesperson_is_reminded_to_the_administrator(self):
        partner = self.Partner.create({"name": "Nobody's", "founding_date": "2016-11-25"})
        with freeze_time("2026-11-22"):
            self._run_cron()
        self.assertEqual(self._reminders(partner).user_id, self.env.ref("base.user_admin"))

    def test_report_lists_the_next_anniversary_from_today(self):
        today = date.today()  # the report is a live view on the database's date
        founded = today + timedelta(days=9) - relativedelta(years=20)
        partner = self.Partner.create({"name": "Twenty", "founding_date": founded})
        row = self.Report.search([("partner_id", "=", partner.id)])
        self.assertEqual(row.kind, "founding")
        self.assertEqual((row.years, row.days_left), (20, 9))
        self.assertEqual(row.anniversary_date, today + timedelta(days=9))
        self.assertTrue(row.is_round)
        self.assertTrue(row.reminder_due)
        partner.founding_date = founded - relativedelta(years=1)
        self.Report.invalidate_model()
        row = self.Report.search([("partner_id", "=", partner.id)])
        self.assertEqual((row.years, row.is_round, row.reminder_due), (21, False, False))

    def test_negative_horizon_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env.company.anniversary_horizon_days = -1
        with self.assertRaises(ValidationError):
            self.env.company.anniversary_round_years = 0

    def test_salesperson_sees_only_anniversaries_of_own_clients(self):
        colleague = new_test_user(
            self.env, login="rt_colleague", groups="sales_team.group_sale_salesman"
        )
        mine = self.Partner.create(
            {"name": "Mine", "founding_date": "2016-12-01", "user_id": self.salesman.id}
        )
        theirs = self.Partner.create(
            {"name": "Theirs", "founding_date": "2016-12-01", "user_id": colleague.id}
        )
        visible = self.Report.with_user(self.salesman).search([]).partner_id
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
