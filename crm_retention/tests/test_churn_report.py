from odoo.tests import new_test_user, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestChurnReport(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["crm.churn.report"]
        cls.price = cls.env["crm.lost.reason"].create({"name": "Price (report)"})
        cls.delivery = cls.env["crm.lost.reason"].create({"name": "Delivery (report)"})
        cls.colleague = new_test_user(
            cls.env, login="rt_colleague", groups="sales_team.group_sale_salesman"
        )
        cls.mine = cls.Partner.create(
            {"name": "Mine", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.theirs = cls.Partner.create(
            {"name": "Theirs", "is_company": True, "user_id": cls.colleague.id}
        )
        cls.mine._mark_lost(cls.price)
        cls.theirs._mark_lost(cls.delivery)
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Lost deal", "type": "opportunity", "user_id": cls.salesman.id}
        )
        cls.lead.action_set_lost(lost_reason_id=cls.price.id)
        cls.reasons = cls.price | cls.delivery

    def _counts(self, report):
        return {
            (reason.name, kind): count
            for reason, kind, count in report._read_group(
                [("lost_reason_id", "in", self.reasons.ids)],
                ["lost_reason_id", "kind"],
                ["__count"],
            )
        }

    def test_churn_counts_lost_clients_and_lost_leads_by_reason(self):
        self.assertEqual(
            self._counts(self.Report),
            {
                ("Price (report)", "client"): 1,
                ("Price (report)", "lead"): 1,
                ("Delivery (report)", "client"): 1,
            },
        )

    def test_reactivated_client_stays_in_the_churn_report(self):
        self.mine.action_reactivate()
        row = self.Report.search([("partner_id", "=", self.mine.id), ("kind", "=", "client")])
        self.assertEqual(len(row), 1)
        self.assertTrue(row.reactivated)
        self.assertEqual(row.lost_reason_id, self.price)

    def test_salesperson_sees_only_own_churn(self):
        self.assertEqual(
            self._counts(self.Report.with_user(self.salesman)),
            {("Price (report)", "client"): 1, ("Price (report)", "lead"): 1},
        )

    def test_losses_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Kostroma Branch"})
        partner = self.Partner.create({"name": "Kostroma client", "company_id": other_company.id})
        partner._mark_lost(self.price)
        manager = self.sales_manager  # member of the main company only
        self.assertFalse(self.Report.with_user(manager).search([("partner_id", "=", partner.id)]))
        self.assertFalse(
            self.env["crm.client.loss"].with_user(manager).search([("partner_id", "=", partner.id)])
        )
