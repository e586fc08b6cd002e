"""The customer portal of a quotation below its minimum order amount (audit E1)."""

from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

# a 1x1 transparent GIF: a signature the portal accepts as image data
SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
SIGN_BUTTON = 'data-bs-target="#modalaccept"'


@tagged("post_install", "-at_install")
class TestMinimumOrderPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.main_company").minimum_order_amount = 1000
        cls.product = cls.env["product.product"].create(
            {"name": "Oak wardrobe", "list_price": 800.0, "type": "consu"}
        )
        cls.client = cls.env["res.partner"].create({"name": "Portal Client", "is_company": True})
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Irina Buyer", "email": "irina@example.com", "parent_id": cls.client.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="rt_portal_buyer",
            groups="base.group_portal",
            partner_id=cls.buyer.id,
            name=cls.buyer.name,
            email=cls.buyer.email,
        )
        # one earlier order above every minimum: no trial order left for this client
        cls._quotation(qty=10).action_confirm()

    @classmethod
    def _quotation(cls, qty=1):
        quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": qty})
                ],
            }
        )
        quotation.message_subscribe(cls.buyer.ids)  # as sending it does: the buyer reads it
        return quotation

    def _portal_page(self, order):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_quotation_below_the_minimum_shows_a_note_and_no_signature(self):
        page = self._portal_page(self._quotation())  # 800 < 1,000
        self.assertIn("o_minimum_order_portal_note", page)
        self.assertIn("Your salesperson will get back to you about this quotation", page)
        self.assertNotIn(SIGN_BUTTON, page)
        self.assertNotIn("1,000.00", page)

    def test_quotation_above_the_minimum_offers_the_signature(self):
        page = self._portal_page(self._quotation(qty=2))  # 1,600
        self.assertNotIn("o_minimum_order_portal_note", page)
        self.assertIn(SIGN_BUTTON, page)

    def test_signature_of_a_quotation_below_the_minimum_is_refused(self):
        order = self._quotation()
        self.authenticate(self.portal_user.login, self.portal_user.login)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept", {"name": "Irina Buyer", "signature": SIGNATURE}
        )
        self.assertEqual(
            result, {"error": "The order is not in a state requiring customer signature."}
        )
        order.invalidate_recordset()
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "draft")
