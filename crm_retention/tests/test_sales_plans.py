from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestSalesPlans(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["mail.activity.plan"]
        cls.Switch = cls.env["crm.sales.plan.switch"]
        cls.tag_wholesale = cls.env["res.partner.category"].create({"name": "Big buyers"})
        cls.tag_retail = cls.env["res.partner.category"].create({"name": "Households"})
        call = cls.env.ref("mail.mail_activity_data_call")
        email = cls.env.ref("mail.mail_activity_data_email")
        cls.plan_wholesale = cls.Plan.create(
            {
                "name": "Big buyers cycle",
                "res_model": "res.partner",
                "partner_category_ids": cls.tag_wholesale.ids,
                "template_ids": [
                    Command.create({"activity_type_id": call.id, "summary": "Price list call",
                                    "delay_count": 0, "delay_from": "after_plan_date"}),
                    Command.create({"activity_type_id": email.id, "summary": "Order reminder",
                                    "delay_count": 7, "delay_from": "after_plan_date"}),
                ],
            }
        )  # fmt: skip
        cls.plan_retail = cls.Plan.create(
            {
                "name": "Households cycle",
                "res_model": "res.partner",
                "partner_category_ids": cls.tag_retail.ids,
                "template_ids": [
                    Command.create({"activity_type_id": call.id, "summary": "Thank-you call"})
                ],
            }
        )
        cls.client = cls.Partner.create(
            {
                "name": "Vologda Beds",
                "is_company": True,
                "user_id": cls.salesman.id,
                "category_id": cls.tag_wholesale.ids,
            }
        )
        cls.other_salesman = new_test_user(
            cls.env, login="rt_other_salesman", groups="sales_team.group_sale_salesman"
        )

    def _switch(self, partners, plan, reason, user=None, launch=False):
        Wizard = self.env["crm.sales.plan.switch.wizard"].with_user(user or self.salesman)
        return Wizard.create(
            {
                "partner_ids": partners.ids,
                "plan_id": plan.id,
                "reason": reason,
                "launch_plan": launch,
            }
        ).action_switch()

    def test_new_client_gets_the_plan_of_its_group(self):
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        with Form(self.Partner) as form:
            form.name = "Anna Household"
            form.category_id.add(self.tag_retail)
            self.assertEqual(form.sales_plan_id, self.plan_retail)

    def test_new_group_plan_reaches_existing_clients_without_plan(self):
        tag = self.env["res.partner.category"].create({"name": "Hotels"})
        hotel = self.Partner.create({"name": "Hotel Kostroma", "category_id": tag.ids})
        self.assertFalse(hotel.sales_plan_id)
        plan = self.Plan.create(
            {"name": "Hotels cycle", "res_model": "res.partner", "partner_category_ids": tag.ids}
        )
        self.assertEqual(hotel.sales_plan_id, plan)

    def test_tag_change_does_not_switch_plan_silently(self):
        self.client.category_id = self.tag_retail
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        self.assertFalse(self.client.sales_plan_switch_ids)

    def test_plain_partner_has_no_plan(self):
        plain = self.Partner.create({"name": "Walk-in buyer"})
        self.assertFalse(plain.sales_plan_id)
        self.assertFalse(plain.activity_ids)

    def test_switch_records_who_when_from_to_and_why(self):
        self._switch(self.client, self.plan_retail, "Buys for its own shop now")
        switch = self.client.sales_plan_switch_ids
        self.assertEqual(len(switch), 1)
        self.assertEqual(self.client.sales_plan_id, self.plan_retail)
        self.assertEqual(
            (switch.from_plan_id, switch.to_plan_id, switch.user_id, switch.salesperson_id),
            (self.plan_wholesale, self.plan_retail, self.salesman, self.salesman),
        )
        self.assertEqual(switch.reason, "Buys for its own shop now")
        self.assertTrue(switch.date)

    def test_switch_without_reason_is_refused_and_changes_nothing(self):
        for reason in (False, "   "):
            with self.assertRaises(ValidationError):
                self._switch(self.client, self.plan_retail, reason)
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        self.assertFalse(self.Switch.search([("partner_id", "=", self.client.id)]))

    def test_switch_to_the_same_plan_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Switch.create(
                {
                    "partner_id": self.client.id,
                    "from_plan_id": self.plan_wholesale.id,
                    "to_plan_id": self.plan_wholesale.id,
                    "reason": "Nothing",
                }
            )

    def test_switch_launches_the_new_plan_for_the_salesperson(self):
        self._switch(self.client, self.plan_retail, "Moved to households", launch=True)
        activities = self.client.activity_ids
        self.assertEqual(activities.mapped("summary"), ["Thank-you call"])
        self.assertEqual(activities.user_id, self.salesman)

    def test_launch_plan_schedules_every_step(self):
        self.client.action_launch_sales_plan()
        self.assertEqual(
            sorted(self.client.activity_ids.mapped("summary")),
            ["Order reminder", "Price list call"],
        )
        self.assertIn(
            'The plan "Big buyers cycle" has been started', self.client.message_ids[0].body
        )

    def test_a_group_follows_one_plan_only(self):
        with self.assertRaises(ValidationError):
            self.Plan.create(
                {
                    "name": "Second big buyers cycle",
                    "res_model": "res.partner",
                    "partner_category_ids": self.tag_wholesale.ids,
                }
            )

    def test_switch_history_is_reportable(self):
        self._switch(self.client, self.plan_retail, "Households now")
        groups = self.Switch._read_group(
            [("partner_id", "=", self.client.id)], ["from_plan_id", "to_plan_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.plan_wholesale, self.plan_retail, 1)])
        action = self.env.ref("crm_retention.crm_sales_plan_switch_action")
        self.assertEqual(action.view_mode, "list,pivot,graph")

    def test_salesperson_sees_only_switches_of_own_clients(self):
        self._switch(self.client, self.plan_retail, "Households now")
        switch = self.client.sales_plan_switch_ids
        self.assertEqual(
            self.Switch.with_user(self.salesman).search([("id", "=", switch.id)]), switch
        )
        self.assertFalse(
            self.Switch.with_user(self.other_salesman).search([("id", "=", switch.id)])
        )
        with self.assertRaises(AccessError):
            switch.with_user(self.salesman).reason = "Rewritten history"

    def test_only_managers_configure_sales_plans(self):
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.salesman).create({"name": "Mine", "res_model": "res.partner"})
        plan = self.Plan.with_user(self.sales_manager).create(
            {"name": "Managers' plan", "res_model": "res.partner"}
        )
        self.assertEqual(plan.res_model, "res.partner")

    def test_plan_without_company_reaches_only_the_companies_the_user_works_in(self):
        main_company = self.env.ref("base.main_company")
        branch = self.env["res.company"].create({"name": "Yaroslavl branch"})
        self.sales_manager.company_ids = [Command.link(branch.id)]
        tag = self.env["res.partner.category"].create({"name": "Furniture shops"})
        mine, theirs, shared = self.Partner.create(
            [
                {"name": "Shop Rybinsk", "company_id": main_company.id, "category_id": tag.ids},
                {"name": "Shop Yaroslavl", "company_id": branch.id, "category_id": tag.ids},
                {"name": "Shop for all", "category_id": tag.ids},
            ]
        )
        plan = (
            self.Plan.with_user(self.sales_manager)
            .with_context(allowed_company_ids=main_company.ids)
            .create(
                {
                    "name": "Shops cycle",
                    "res_model": "res.partner",
                    "company_id": False,
                    "partner_category_ids": tag.ids,
                }
            )
        )
        self.assertEqual(mine.sales_plan_id, plan)
        self.assertEqual(shared.sales_plan_id, plan)
        self.assertFalse(theirs.sales_plan_id, "the user did not work in the branch")
        # working in both companies, saving the plan again reaches the branch too
        plan.with_user(self.sales_manager).with_context(
            allowed_company_ids=[main_company.id, branch.id]
        ).write({"partner_category_ids": [Command.set(tag.ids)]})
        self.assertEqual(theirs.sales_plan_id, plan)

    def test_client_cannot_follow_a_plan_of_another_company(self):
        main_company = self.env.ref("base.main_company")
        branch = self.env["res.company"].create({"name": "Kineshma branch"})
        plan_branch = self.Plan.create(
            {"name": "Branch cycle", "res_model": "res.partner", "company_id": branch.id}
        )
        self.client.company_id = main_company
        with self.assertRaises(ValidationError):
            self.client.sales_plan_id = plan_branch
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        # the switch history refuses the plan of another company before the client does
        with self.assertRaises(UserError):
            self.client._switch_sales_plan(plan_branch, "Moved to the branch")
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        self.assertFalse(self.Switch.search([("partner_id", "=", self.client.id)]))
        # a client shared by all companies may follow it
        self.client.company_id = False
        self.client.sales_plan_id = plan_branch
        self.assertEqual(self.client.sales_plan_id, plan_branch)
