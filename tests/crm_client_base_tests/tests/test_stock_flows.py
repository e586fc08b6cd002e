"""Stock Odoo flows keep working with the suite installed and nothing configured."""

from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestStockFlowsWithSuite(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Oak chair", "list_price": 5.0, "type": "consu"}
        )

    def test_plain_partner_is_created_through_the_form(self):
        with Form(self.env["res.partner"]) as partner_form:
            partner_form.name = "Walk-in buyer"
        partner = partner_form.save()
        self.assertEqual(partner.name, "Walk-in buyer")
        self.assertTrue(partner.active)

    def test_small_first_order_of_a_plain_partner_is_confirmed(self):
        partner = self.env["res.partner"].create({"name": "Walk-in buyer"})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_untaxed, 5.0)
        self.assertEqual(partner.sale_order_count, 1)

    def test_lead_is_converted_to_an_opportunity_and_won(self):
        lead = self.env["crm.lead"].create({"name": "Kitchen set", "type": "lead"})
        lead.convert_opportunity(self.env["res.partner"])
        self.assertEqual(lead.type, "opportunity")
        lead.action_set_won()
        self.assertEqual(lead.stage_id.is_won, True)
