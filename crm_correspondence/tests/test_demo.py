from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_demo_salon_has_an_answered_reply_chain_and_an_overdue_claim(self):
        request = self.env.ref("crm_correspondence.demo_correspondence_hotel_request")
        quotation = self.env.ref("crm_correspondence.demo_correspondence_hotel_quotation")
        claim = self.env.ref("crm_correspondence.demo_correspondence_claim")
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.reply_ids, quotation)
        self.assertEqual(request.channel, "fax")
        self.assertTrue(quotation.name.startswith("OUT/"))
        self.assertTrue(claim.is_overdue)
        self.assertEqual(claim.user_id.name, "Marina Orlova")
