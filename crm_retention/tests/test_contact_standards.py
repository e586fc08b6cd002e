from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestContactStandards(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ContactStandard = cls.env["crm.contact.standard"]
        # demo standards must not interfere with the figures tested here
        cls.ContactStandard.search([]).active = False
        cls.standard = cls.ContactStandard.create(
            {
                "name": "Clients: 4 a year",
                "role_ids": cls.role_client.ids,
                "required_count": 4,
                "period": "year",
            }
        )
        cls.client = cls.Partner.create(
            {
                "name": "Tver Sofas",
                "is_company": True,
                "user_id": cls.salesman.id,
                "relationship_role_ids": cls.role_client.ids,
            }
        )
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.contact_type = cls.env.ref("crm_retention.mail_activity_type_contact")

    def _done_activity(self, record, when):
        """Mark a call on ``record`` done at ``when`` (a 'YYYY-MM-DD' string)."""
        with freeze_time(when):
            activity = record.activity_schedule(
                activity_type_id=self.call.id, user_id=self.salesman.id
            )
            activity.action_feedback(feedback="Called")

    def _meeting(self, partners, when):
        return self.env["calendar.event"].create(
            {
                "name": "Visit",
                "start": f"{when} 10:00:00",
                "stop": f"{when} 11:00:00",
                "partner_ids": partners.ids,
            }
        )

    def _recount(self, today="2026-11-22"):
        with freeze_time(today):
            self.Partner._update_contact_figures()

    @freeze_time("2026-11-22")
    def test_done_activity_on_partner_is_counted_at_once(self):
        self._done_activity(self.client, "2026-11-20")
        self.assertEqual(self.client.last_contact_date, date(2026, 11, 20))
        self.assertEqual(self.client.contact_period_count, 1)
        self.assertEqual(self.client.contact_standard_id, self.standard)
        self.assertEqual(self.client.contact_required_count, 4)

    def test_contacts_of_its_people_leads_and_orders_count_on_the_company(self):
        person = self.Partner.create({"name": "Ivan Tverskoy", "parent_id": self.client.id})
        lead = self.env["crm.lead"].create({"name": "Sofas", "partner_id": person.id})
        order = self.env["sale.order"].create({"partner_id": self.client.id})
        self._done_activity(person, "2026-02-10")
        self._done_activity(lead, "2026-05-10")
        self._done_activity(order, "2026-08-10")
        self._recount()
        self.assertEqual(self.client.contact_period_count, 3)
        self.assertEqual(self.client.last_contact_date, date(2026, 8, 10))
        self.assertEqual(person.contact_period_count, 0, "counted on the commercial partner")

    def test_past_meeting_counts_and_future_meeting_does_not(self):
        self._meeting(self.client, "2026-11-02")
        self._meeting(self.client, "2026-12-15")
        self._recount()
        self.assertEqual(self.client.contact_period_count, 1)
        self.assertEqual(self.client.last_contact_date, date(2026, 11, 2))

    def test_creating_a_meeting_recounts_its_attendees(self):
        self.assertFalse(self.client.last_contact_date)
        with freeze_time("2026-11-22"):
            self._meeting(self.client, "2026-11-21")
        self.assertEqual(self.client.last_contact_date, date(2026, 11, 21))

    def test_several_contacts_on_one_day_count_once(self):
        self._done_activity(self.client, "2026-10-05")
        self._meeting(self.client, "2026-10-05")
        self._recount()
        self.assertEqual(self.client.contact_period_count, 1)

    def test_period_starts_on_the_first_day_of_the_calendar_period(self):
        self.standard.write({"period": "quarter", "required_count": 2})
        self._meeting(self.client, "2026-09-30")
        self._meeting(self.client, "2026-10-01")
        self._recount()
        self.assertEqual(self.client.contact_period_count, 1, "Q4 starts on October 1st")
        self.assertEqual(self.client.last_contact_date, date(2026, 10, 1))
        # 53 of 92 days of Q4 elapsed: 2 x 53 / 92 = 1 contact due
        self.assertEqual(self.client.contact_due_count, 1)
        self.assertFalse(self.client.contact_overdue)

    def test_overdue_when_fewer_contacts_than_due_pro_rata(self):
        self._meeting(self.client, "2026-03-01")
        self._meeting(self.client, "2026-06-01")
        self._recount()
        # November 22nd is day 326 of 365: 4 x 326 / 365 = 3 contacts due
        self.assertEqual(self.client.contact_due_count, 3)
        self.assertEqual(self.client.contact_period_count, 2)
        self.assertTrue(self.client.contact_overdue)
        self._meeting(self.client, "2026-09-01")
        self._recount()
        self.assertFalse(self.client.contact_overdue)

    def test_nothing_is_due_early_in_the_period(self):
        self._recount("2027-03-01")
        # day 60 of 365: 4 x 60 / 365 = 0 contacts due yet
        self.assertEqual(self.client.contact_due_count, 0)
        self.assertFalse(self.client.contact_overdue)
        self._recount("2027-04-02")
        self.assertEqual(self.client.contact_due_count, 1)
        self.assertTrue(self.client.contact_overdue)

    def test_most_demanding_standard_applies(self):
        tag = self.env["res.partner.category"].create({"name": "Key account"})
        monthly = self.ContactStandard.create(
            {
                "name": "Key accounts",
                "category_ids": tag.ids,
                "required_count": 1,
                "period": "month",
            }
        )
        self.client.category_id = tag
        self._recount()
        self.assertEqual(self.client.contact_standard_id, monthly)
        self.assertEqual(self.client.contact_required_count, 1)
        self.assertEqual(self.client.contact_period, "month")

    def test_partner_without_standard_is_never_overdue(self):
        plain = self.Partner.create({"name": "Walk-in buyer"})
        self._meeting(plain, "2026-11-01")
        self._recount()
        self.assertFalse(plain.contact_standard_id)
        self.assertFalse(plain.contact_overdue)
        self.assertEqual(plain.last_contact_date, date(2026, 11, 1))

    def test_other_sources_plug_in_through_the_extension_point(self):
        original = type(self.Partner)._contact_source_queries
        client = self.client

        def with_letters(partner_model):
            letter = SQL(
                "SELECT %s AS partner_id, %s::date AS contact_date", client.id, "2026-07-07"
            )
            return [*original(partner_model), letter]

        with patch.object(type(self.Partner), "_contact_source_queries", with_letters):
            self._recount()
        self.assertEqual(self.client.last_contact_date, date(2026, 7, 7))
        self.assertEqual(self.client.contact_period_count, 1)

    def test_recount_costs_the_same_queries_for_1_and_50_partners(self):
        partners = self.Partner.create(
            [
                {
                    "name": f"Client {i}",
                    "is_company": True,
                    "relationship_role_ids": self.role_client.ids,
                }
                for i in range(50)
            ]
        )
        self._meeting(partners, "2026-11-01")
        with freeze_time("2026-11-22"):
            with self.assertQueryCount(1):
                self.Partner._update_contact_figures(partners[:1].ids)
            with self.assertQueryCount(1):
                self.Partner._update_contact_figures(partners.ids)
        self.assertEqual(partners.mapped("contact_period_count"), [1] * 50)

    @freeze_time("2026-11-22")
    def test_cron_plans_one_contact_activity_for_the_salesperson(self):
        cron = self.ContactStandard._cron_check_contact_standards
        cron()
        reminders = self.client.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.contact_type
        )
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.salesman)
        self.assertEqual(reminders.summary, "0 of 3 contacts due by now")
        cron()
        self.assertEqual(
            len(
                self.client.activity_ids.filtered(lambda a: a.activity_type_id == self.contact_type)
            ),
            1,
            "no second reminder while one is open",
        )

    @freeze_time("2026-11-22")
    def test_cron_leaves_clients_on_track_alone(self):
        for day in ("2026-02-01", "2026-05-01", "2026-08-01"):
            self._meeting(self.client, day)
        self.ContactStandard._cron_check_contact_standards()
        self.assertFalse(self.client.activity_ids)

    def test_zero_required_contacts_is_refused(self):
        with self.assertRaises(ValidationError):
            self.standard.required_count = 0
        self.assertEqual(self.standard.required_count, 4)

    def test_standard_without_role_or_tag_is_refused(self):
        with self.assertRaises(ValidationError):
            self.ContactStandard.create({"name": "Everybody", "required_count": 2})
        self.assertFalse(self.ContactStandard.search([("name", "=", "Everybody")]))

    def test_salesperson_reads_standards_but_cannot_edit_them(self):
        standard = self.standard.with_user(self.salesman)
        self.assertEqual(standard.required_count, 4)
        with self.assertRaises(AccessError):
            standard.required_count = 1
        with self.assertRaises(AccessError):
            self.ContactStandard.with_user(self.salesman).create(
                {"name": "Mine", "role_ids": self.role_client.ids}
            )
        self.standard.with_user(self.sales_manager).required_count = 5
        self.assertEqual(self.standard.required_count, 5)

    def test_standard_of_another_company_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Kostroma branch"})
        foreign = self.ContactStandard.create(
            {
                "name": "Kostroma clients",
                "role_ids": self.role_client.ids,
                "company_id": other_company.id,
            }
        )
        visible = self.ContactStandard.with_user(self.salesman).search([])
        self.assertIn(self.standard, visible)
        self.assertNotIn(foreign, visible)
        outsider = new_test_user(
            self.env,
            login="rt_kostroma",
            groups="sales_team.group_sale_salesman",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        self.assertIn(foreign, self.ContactStandard.with_user(outsider).search([]))

    def test_overdue_list_groups_by_salesperson(self):
        self._recount()
        action = self.env.ref("crm_retention.res_partner_action_contact_overdue")
        self.assertIn(self.client, self.Partner.search(safe_eval(action.domain)))
        self.assertEqual(safe_eval(action.context), {"search_default_salesperson": 1})
