from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestSalesPlanHistory(RetentionCase):
    """The plan history is written by the plan switch only (audit A5, A7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["mail.activity.plan"]
        cls.plan_retail = Plan.create({"name": "Retail cycle", "res_model": "res.partner"})
        cls.plan_wholesale = Plan.create({"name": "Wholesale cycle", "res_model": "res.partner"})
        cls.client = cls.Partner.create(
            {"name": "Sofa Corner", "is_company": True, "user_id": cls.salesman.id}
        )

    def test_salesperson_switches_through_the_wizard_but_cannot_forge_history(self):
        Switch = self.env["crm.sales.plan.switch"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            Switch.create(
                {
                    "partner_id": self.client.id,
                    "to_plan_id": self.plan_wholesale.id,
                    "reason": "backdated",
                }
            )
        self.env["crm.sales.plan.switch.wizard"].with_user(self.salesman).create(
            {
                "partner_ids": self.client.ids,
                "plan_id": self.plan_wholesale.id,
                "reason": "Buys by the truckload now",
                "launch_plan": False,
            }
        ).action_switch()
        self.assertEqual(self.client.sales_plan_id, self.plan_wholesale)
        switch = Switch.search([("partner_id", "=", self.client.id)])
        self.assertEqual(
            (switch.user_id, switch.to_plan_id, switch.reason),
            (self.salesman, self.plan_wholesale, "Buys by the truckload now"),
        )

    def test_a_client_the_salesperson_cannot_edit_is_not_switched(self):
        other = self.env["res.users"].browse(self.sales_manager.id)
        foreign = self.Partner.create(
            {"name": "Someone else's client", "is_company": True, "user_id": other.id}
        )
        outsider = self.env["res.users"].create(
            {
                "name": "Viewer",
                "login": "rt_viewer",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            foreign.with_user(outsider)._switch_sales_plan(self.plan_retail, "no right")
        self.assertFalse(
            self.env["crm.sales.plan.switch"].search([("partner_id", "=", foreign.id)])
        )
