"""The backtest panel in Chromium: the history of test_backtest in a company of its own
(the admin works in it), so that the demo's salon plays no part."""

from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .test_client_prediction import HISTORY

CUT_OFF = date(2026, 3, 31)
AFTER = {"R1": [(20, 400), (50, 300)], "F2": [(10, 100)], "O1": [(30, 200)], "R4": [(95, 100)]}


@tagged("post_install", "-at_install")
class TestBacktestUi(HttpCase):
    def setUp(self):
        super().setUp()
        admin = self.env.ref("base.user_admin")
        self.company = self.env["res.company"].create({"name": "Backtest Tour Salon"})
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=self.company, install_demo=False
        )
        admin.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        self.product = self.env["product.product"].create(
            {"name": "Backtest sofa", "list_price": 100, "taxes_id": []}
        )
        clients = {}
        for name, purchases in HISTORY.items():
            clients[name] = self.env["res.partner"].create(
                {"name": f"{name} Tour", "is_company": True}
            )
            for offset, amount in purchases:
                self._invoice(clients[name], CUT_OFF + timedelta(days=offset), amount)
        for name, purchases in AFTER.items():
            for offset, amount in purchases:
                self._invoice(clients[name], CUT_OFF + timedelta(days=offset), amount)
        self._invoice(clients["R1"], CUT_OFF + timedelta(days=60), 100, "out_refund")

    def _invoice(self, partner, day, amount, move_type="out_invoice"):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": self.company.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()

    def test_backtest_panel(self):
        self.start_tour(
            "/odoo/action-crm_retention.res_partner_action_role_client",
            "crm_retention_backtest_tour",
            login="admin",
            timeout=120,
        )
        backtest = self.env["crm.client.backtest"].search([("company_id", "=", self.company.id)])
        self.assertEqual(backtest.state, "done")
        self.assertEqual(backtest.cut_off_date, CUT_OFF)
        self.assertAlmostEqual(backtest.actual_revenue, 900.0)
        self.assertEqual(backtest.rebought_count, 3)
