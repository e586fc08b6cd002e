from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import GROUP_USER

MAIL_WITH_SCAN = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_4200734_24778174.1344608186754"
Date: Fri, 10 Aug 2012 14:16:26 +0000
Message-ID: {msg_id}
{extra}
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Please find attached our claim about the damaged sofa.

------=_Part_4200734_24778174.1344608186754
Content-Type: application/pdf; name="claim_scan.pdf"
Content-Disposition: attachment; filename="claim_scan.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSBzY2FubmVkIGNsYWltCg==
------=_Part_4200734_24778174.1344608186754--
"""


@tagged("post_install", "-at_install")
class TestMailGateway(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("crm_correspondence.mail_alias_correspondence")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.user_employee.groups_id += cls.env.ref(GROUP_USER)
        cls.salesperson = cls.user_employee
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Dom Interiors Test",
                "is_company": True,
                "email": "info@dom-interiors.example.com",
                "user_id": cls.salesperson.id,
            }
        )
        cls.client_contact = cls.env["res.partner"].create(
            {
                "name": "Olga Smirnova",
                "parent_id": cls.client.id,
                "email": "o.smirnova@dom-interiors.example.com",
            }
        )

    def _receive(self, email_from, subject):
        return self.format_and_process(
            MAIL_WITH_SCAN,
            email_from,
            f"correspondence@{self.alias_domain}",
            subject=subject,
            target_model="crm.correspondence",
            target_field="subject",
        )

    def test_email_to_alias_registers_incoming_item_of_the_sender(self):
        item = self._receive(
            '"Olga Smirnova" <o.smirnova@dom-interiors.example.com>', "Damaged sofa"
        )
        self.assertEqual(len(item), 1)
        self.assertEqual(item.direction, "incoming")
        self.assertEqual(item.channel, "email")
        self.assertEqual(item.state, "registered")
        self.assertRegex(item.name, r"^IN/\d{4}/\d{4}$")
        self.assertEqual(item.partner_id, self.client)
        self.assertEqual(item.contact_id, self.client_contact)
        self.assertEqual(item.user_id, self.salesperson)
        self.assertEqual(str(item.document_date), "2012-08-10")
        self.assertIn("damaged sofa", item.summary)

    def test_email_to_alias_keeps_the_mail_and_its_files_as_attachments(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Damaged sofa with scan")
        names = sorted(item.attachment_ids.mapped("name"))
        self.assertEqual(names, sorted(["claim_scan.pdf", f"{item.name.replace('/', '-')}.eml"]))
        eml = item.attachment_ids.filtered(lambda a: a.name.endswith(".eml"))
        self.assertIn(b"Subject: Damaged sofa with scan", eml.raw)
        self.assertEqual(set(item.attachment_ids.mapped("res_id")), {item.id})

    def test_email_from_unknown_sender_registers_item_without_client(self):
        item = self._receive("stranger@unknown.example.com", "Advertising offer")
        self.assertEqual(len(item), 1)
        self.assertFalse(item.partner_id)
        self.assertFalse(item.user_id)
        self.assertEqual(item.message_ids[-1].email_from, "stranger@unknown.example.com")

    def test_email_sent_from_incoming_item_registers_the_outgoing_answer(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Claim awaiting answer")
        with self.mock_mail_gateway():
            item.with_user(self.user_employee).message_post(
                body="<p>We will replace the sofa next week.</p>",
                subject="Re: Claim awaiting answer",
                partner_ids=self.client_contact.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        answer = item.reply_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.direction, "outgoing")
        self.assertEqual(answer.channel, "email")
        self.assertEqual(answer.partner_id, self.client)
        self.assertEqual(answer.contact_id, self.client_contact)
        self.assertEqual(answer.user_id, self.user_employee)
        self.assertIn("replace the sofa", answer.summary)
        self.assertRegex(answer.name, r"^OUT/\d{4}/\d{4}$")
        self.assertEqual(item.state, "answered")

    def test_internal_note_on_incoming_item_is_not_registered(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Just a claim")
        item.with_user(self.user_employee).message_post(
            body="<p>Call her tomorrow.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(item.reply_ids)
        self.assertEqual(item.state, "registered")
