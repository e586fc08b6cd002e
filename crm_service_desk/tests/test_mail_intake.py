from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

MAIL = """Return-Path: <{email_from}>
To: {to}
Cc: {cc}
From: {email_from}
Subject: {subject}
Message-ID: <{msg_id}>
Date: Mon, 19 Jan 2026 10:00:00 +0200
Content-Type: text/plain; charset="utf-8"

The armrest of the sofa is torn.
"""


@tagged("post_install", "-at_install")
class TestMailIntake(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_lviv = cls.env["res.company"].create({"name": "Salon Lviv"})
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Lviv service",
                "company_id": cls.company_lviv.id,
                "alias_name": "service-lviv",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Olena Kovalenko", "email": "olena@example.com"}
        )
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Taras Kovalenko", "email": "taras@example.com"}
        )

    def test_mail_ticket_gets_company_channel_followers_and_confirmation(self):
        to = f"service-lviv@{self.alias_domain}"
        with self.mock_mail_gateway():
            ticket = self.format_and_process(
                MAIL,
                "olena@example.com",
                to,
                cc="taras@example.com",
                subject="Torn armrest",
                target_model="helpdesk.ticket",
                msg_id="torn-armrest@example.com",
            )
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.company_id, self.company_lviv)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        )
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertIn(self.colleague, ticket.message_partner_ids)
        confirmation = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(confirmation), 1)
        self.assertIn(self.customer, confirmation.partner_ids)
        self.assertIn(f"access_token={ticket.access_token}", confirmation.body)
        self.assertTrue(ticket.access_token)
        sent = [mail for mail in self._new_mails if self.customer in mail.recipient_ids]
        self.assertTrue(sent, "the confirmation is mailed to the customer")
        self.assertIn(ticket.get_portal_url(), sent[0].body_html)
        # the acknowledgement is automatic: it never answers the customer for the SLA
        self.assertFalse(ticket.sla_first_response_date)

    def test_ticket_entered_by_an_agent_gets_no_confirmation(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Phone call",
                "description": "<p>Call</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
            }
        )
        self.assertFalse(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment"))
