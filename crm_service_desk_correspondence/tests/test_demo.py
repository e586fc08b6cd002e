from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_demo_complaint_letter_became_a_showroom_ticket(self):
        letter = self.env.ref("crm_correspondence.demo_correspondence_claim")
        ticket = letter.ticket_id
        self.assertEqual(ticket.name, "Complaint: damaged corner sofa in delivery No. 318")
        self.assertEqual(
            ticket.partner_id, self.env.ref("crm_correspondence.demo_partner_dom_interiors")
        )
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("crm_service_desk_correspondence.helpdesk_ticket_channel_letter"),
        )
        self.assertEqual(ticket.team_id, self.env.ref("crm_service_desk.demo_team_showroom"))
        self.assertEqual(ticket.user_id, self.env.ref("base.user_demo"))
        self.assertEqual(ticket.correspondence_ids, letter)
        self.assertEqual(ticket.correspondence_count, 1)
