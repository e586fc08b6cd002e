from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_register_letter_with_scan_and_reply_in_the_browser(self):
        client = self.env["res.partner"].create(
            {"name": "Tour Wardrobe Client", "is_company": True}
        )
        self.start_tour(
            "/odoo/action-crm_correspondence.crm_correspondence_action",
            "crm_correspondence_register_and_reply",
            login="admin",
        )
        letter = self.env["crm.correspondence"].search(
            [("subject", "=", "Order of ten oak wardrobes")]
        )
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.direction, "incoming")
        self.assertEqual(letter.partner_id, client)
        self.assertRegex(letter.name, r"^IN/\d{4}/\d{4}$")
        self.assertEqual(letter.attachment_ids.mapped("name"), ["scan_letter.pdf"])
        self.assertEqual(letter.attachment_ids.res_id, letter.id)
        self.assertEqual(letter.state, "answered")
        answer = letter.reply_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.direction, "outgoing")
        self.assertRegex(answer.name, r"^OUT/\d{4}/\d{4}$")
        self.assertEqual(answer.subject, "Re: Order of ten oak wardrobes")
        self.assertEqual(answer.partner_id, client)
        self.assertEqual(answer.summary, "We confirm the order and the delivery in two weeks.")
