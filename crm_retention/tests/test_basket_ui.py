"""The quotation's suggested products in Chromium.

Company "Basket Tour Salon" of its own (the admin works in it), 12 baskets, all confirmed
orders of last year: clients A1, A2, A3 bought the sofa S with the cushions C; the tour's
client bought S alone; eight others bought the lamp L alone. N = 12, n_S = 4, n_C = 3,
S-C 3 times: confidence C → S 3/3, S → C 3/4 = 75 %, lift 0.75 / (3/12) = 3.0;
p = P(X ≥ 3) = C(4,3)·C(8,0) / C(12,3) = 4/220 = 0.018 ≤ 0.05: kept. The tour's client never
bought C: its quotation (one table) suggests C.
"""

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

CLIENT = "Tour Basket Client"


@tagged("post_install", "-at_install")
class TestBasketUi(HttpCase):
    def setUp(self):
        super().setUp()
        admin = self.env.ref("base.user_admin")
        self.company = self.env["res.company"].create({"name": "Basket Tour Salon"})
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=self.company, install_demo=False
        )
        admin.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        Product = self.env["product.product"]
        self.sofa = Product.create({"name": "Tour Sofa", "list_price": 900, "taxes_id": []})
        self.cushions = Product.create({"name": "Tour Cushions", "list_price": 60, "taxes_id": []})
        lamp = Product.create({"name": "Tour Lamp", "list_price": 40, "taxes_id": []})
        self.table = Product.create({"name": "Tour Table", "list_price": 300, "taxes_id": []})
        self.client = self._client(CLIENT)
        year = fields.Date.context_today(self.env["crm.client.analysis"]).year - 1
        baskets = [(self._client(f"Tour A{n}"), [self.sofa, self.cushions]) for n in (1, 2, 3)]
        baskets += [(self.client, [self.sofa])]
        baskets += [(self._client(f"Tour F{n}"), [lamp]) for n in range(8)]
        for day, (client, products) in enumerate(baskets, start=1):
            self._order(client, products).write({"date_order": f"{year}-03-{day:02d} 10:00:00"})
        self.env["crm.client.analysis"]._refresh_current(self.company)
        suggestion = self.env["crm.product.suggestion"].search(
            [("partner_id", "=", self.client.id)]
        )
        # the precondition the tour relies on
        self.assertEqual(suggestion.product_id, self.cushions)
        self.assertAlmostEqual(suggestion.lift, 3.0)
        self.quotation = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [Command.create({"product_id": self.table.id})],
            }
        )

    def _client(self, name):
        admin = self.env.ref("base.user_admin")
        return self.env["res.partner"].create(
            {"name": name, "is_company": True, "user_id": admin.id}
        )

    def _order(self, client, products):
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "order_line": [Command.create({"product_id": p.id}) for p in products],
            }
        )
        order.action_confirm()
        return order

    def test_salesperson_adds_a_suggested_product(self):
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{self.quotation.id}",
            "crm_retention_basket_tour",
            login="admin",
            timeout=120,
        )
        self.quotation.invalidate_recordset()
        self.assertEqual(self.quotation.order_line.product_id, self.table | self.cushions)
        self.assertEqual(self.quotation.state, "draft")
