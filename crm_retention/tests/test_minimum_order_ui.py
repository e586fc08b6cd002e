from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMinimumOrderUi(HttpCase):
    def test_manager_confirms_a_quotation_below_the_minimum_from_the_form(self):
        self.env.ref("base.main_company").minimum_order_amount = 5000
        client = self.env.ref("crm_retention.demo_partner_domostroy")
        product = self.env["product.product"].create(
            {"name": "Beech chair", "list_price": 800.0, "type": "consu"}
        )

        def quotation(qty):
            return self.env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty})],
                }
            )

        quotation(10).action_confirm()  # the client is not new: no trial
        order = quotation(1)  # 800 below the company minimum of 5,000
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "crm_retention_confirm_below_minimum_tour",
            login="admin",
        )
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
