from datetime import UTC, datetime
from email.utils import format_datetime

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import GROUP_MANAGER, GROUP_USER

MAIL_WITH_SCAN = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_4200734_24778174.1344608186754"
Date: {date}
Message-ID: {msg_id}
{extra}
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Please find attached our claim about the damaged sofa.

------=_Part_4200734_24778174.1344608186754
Content-Type: application/pdf; name="{file_name}"
Content-Disposition: attachment; filename="{file_name}"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSBzY2FubmVkIGNsYWltCg==
------=_Part_4200734_24778174.1344608186754--
"""

MAIL_WITH_LOGO_AND_SCAN = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-boundary"
Date: Fri, 10 Aug 2012 14:16:26 +0000
Message-ID: {msg_id}
{extra}
--outer-boundary
Content-Type: multipart/related; boundary="related-boundary"

--related-boundary
Content-Type: text/html; charset=utf-8

<p>Our claim is attached.</p><p><img src="cid:logo@dom-interiors"></p>
--related-boundary
Content-Type: image/png; name="logo.png"
Content-Disposition: inline; filename="logo.png"
Content-ID: <logo@dom-interiors>
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
--related-boundary--
--outer-boundary
Content-Type: application/pdf; name="claim_scan.pdf"
Content-Disposition: attachment; filename="claim_scan.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSBzY2FubmVkIGNsYWltCg==
--outer-boundary--
"""

MAIL_DATE = "Fri, 10 Aug 2012 14:16:26 +0000"


class MailGatewayCase(MailCommon):
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
        cls.registrar = new_test_user(
            cls.env,
            login="corr_registrar",
            name="Registry Clerk",
            email="registry.clerk@example.com",
            groups=GROUP_MANAGER,
        )

    def _receive(self, email_from, subject, template=MAIL_WITH_SCAN, **kwargs):
        kwargs.setdefault("date", MAIL_DATE)
        kwargs.setdefault("file_name", "claim_scan.pdf")
        kwargs.setdefault("to", f"correspondence@{self.alias_domain}")
        return self.format_and_process(
            template,
            email_from,
            subject=subject,
            target_model="crm.correspondence",
            target_field="subject",
            **kwargs,
        )

    def _assignment_notifications(self, item):
        return self.env["mail.message"].search(
            [
                ("model", "=", item._name),
                ("res_id", "=", item.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.salesperson.partner_id.ids),
            ]
        )

    def _set_reply_days_as_stored_before_the_constraint(self, days):
        companies = self.mail_alias_domain.company_ids
        self.env.cr.execute(
            "UPDATE res_company SET correspondence_reply_days = %s WHERE id IN %s",
            (days, tuple(companies.ids)),
        )
        companies.invalidate_recordset(["correspondence_reply_days"])


@tagged("post_install", "-at_install")
class TestMailGateway(MailGatewayCase):
    # registration ------------------------------------------------------

    def test_email_to_alias_registers_an_incoming_item_with_its_sender_to_verify(self):
        item = self._receive(
            '"Olga Smirnova" <o.smirnova@dom-interiors.example.com>', "Damaged sofa"
        )
        self.assertEqual(len(item), 1)
        self.assertEqual(item.direction, "incoming")
        self.assertEqual(item.channel, "email")
        self.assertEqual(item.state, "registered")
        self.assertRegex(item.name, r"^IN/\d{4}/\d{4}$")
        self.assertEqual(str(item.document_date), "2012-08-10")
        self.assertIn("damaged sofa", item.summary)
        self.assertTrue(item.sender_to_verify)
        self.assertEqual(item.email_from, '"Olga Smirnova" <o.smirnova@dom-interiors.example.com>')
        # the From only suggests the client: no correspondent, no responsible
        self.assertEqual(item.suggested_partner_id, self.client_contact)
        self.assertFalse(item.partner_id)
        self.assertFalse(item.contact_id)
        self.assertFalse(item.user_id)

    def test_unverified_email_notifies_nobody_and_puts_nothing_on_the_client(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Forged invoice")
        self.assertFalse(self._assignment_notifications(item))
        self.assertNotIn(self.salesperson.partner_id, item.message_partner_ids)
        self.assertFalse(self.client.correspondence_ids)
        self.assertEqual(self.client.correspondence_count, 0)

    def test_confirming_the_sender_makes_the_client_the_correspondent(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Real claim")
        self.assertIs(item.with_user(self.registrar).action_confirm_sender(), True)
        self.assertFalse(item.sender_to_verify)
        self.assertEqual(item.partner_id, self.client)
        self.assertEqual(item.contact_id, self.client_contact)
        self.assertEqual(item.user_id, self.salesperson)
        # the salesperson hears of the item once it is confirmed, as of any assignment
        self.assertEqual(len(self._assignment_notifications(item)), 1)
        self.assertEqual(self.client.correspondence_ids, item)

    def test_correspondent_chosen_by_the_user_wins_over_the_suggested_one(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Claim of a reseller")
        reseller = self.env["res.partner"].create({"name": "Reseller", "is_company": True})
        item.with_user(self.registrar).write({"partner_id": reseller.id})
        item.with_user(self.registrar).action_confirm_sender()
        self.assertEqual(item.partner_id, reseller)
        self.assertFalse(item.contact_id)
        self.assertFalse(item.user_id)

    def test_confirming_without_any_correspondent_is_refused(self):
        item = self._receive("stranger@unknown.example.com", "Unsigned letter")
        with self.assertRaises(UserError) as refusal:
            item.with_user(self.registrar).action_confirm_sender()
        self.assertIn("Choose the correspondent", str(refusal.exception))
        self.assertTrue(item.sender_to_verify)
        self.assertFalse(item.partner_id)

    def test_email_from_unknown_sender_registers_item_without_client(self):
        item = self._receive("stranger@unknown.example.com", "Advertising offer")
        self.assertEqual(len(item), 1)
        self.assertFalse(item.partner_id)
        self.assertFalse(item.suggested_partner_id)
        self.assertFalse(item.user_id)
        self.assertEqual(item.message_ids[-1].email_from, "stranger@unknown.example.com")

    def test_email_forwarded_by_an_employee_leaves_the_correspondent_empty(self):
        item = self._receive("registry.clerk@example.com", "Scan of a paper letter")
        self.assertEqual(len(item), 1)
        self.assertTrue(item.sender_to_verify)
        self.assertFalse(item.partner_id)
        self.assertFalse(item.suggested_partner_id)
        self.assertFalse(item.contact_id)

    # files ------------------------------------------------------------

    def test_email_to_alias_keeps_the_mail_and_its_files_as_attachments(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Damaged sofa with scan")
        names = sorted(item.attachment_ids.mapped("name"))
        self.assertEqual(names, sorted(["claim_scan.pdf", f"{item.name.replace('/', '-')}.eml"]))
        eml = item.attachment_ids.filtered(lambda attachment: attachment.name.endswith(".eml"))
        self.assertIn(b"Subject: Damaged sofa with scan", eml.raw)
        self.assertEqual(set(item.attachment_ids.mapped("res_id")), {item.id})

    def test_pictures_inside_the_text_are_not_scans(self):
        item = self._receive(
            "o.smirnova@dom-interiors.example.com",
            "Claim with a signature logo",
            template=MAIL_WITH_LOGO_AND_SCAN,
        )
        message = item.message_ids.filtered(lambda msg: msg.message_type == "email")
        self.assertEqual(
            sorted(message.attachment_ids.mapped("name")), ["claim_scan.pdf", "logo.png"]
        )
        self.assertEqual(
            sorted(item.attachment_ids.mapped("name")),
            sorted(["claim_scan.pdf", f"{item.name.replace('/', '-')}.eml"]),
        )

    def test_files_of_a_later_email_on_the_item_are_not_scans(self):
        first_id = "<claim-4711@dom-interiors.example.com>"
        item = self._receive(
            "o.smirnova@dom-interiors.example.com", "Claim with follow-up", msg_id=first_id
        )
        self._receive(
            "o.smirnova@dom-interiors.example.com",
            "Re: Claim with follow-up",
            file_name="holiday_photos.pdf",
            extra=f"In-Reply-To: {first_id}\nReferences: {first_id}",
        )
        reply = item.message_ids.filtered(
            lambda msg: "holiday_photos.pdf" in msg.attachment_ids.mapped("name")
        )
        self.assertEqual(len(reply), 1)
        self.assertNotIn("holiday_photos.pdf", item.attachment_ids.mapped("name"))
        self.assertIn("claim_scan.pdf", item.attachment_ids.mapped("name"))

    def test_malformed_header_does_not_cost_the_letter_its_registration(self):
        # the gateway reads this Cc as "claims@", on which the header parser of the .eml
        # copy fails with an IndexError
        item = self._receive(
            "o.smirnova@dom-interiors.example.com", "Claim with a broken Cc", cc='"claims@'
        )
        self.assertEqual(len(item), 1)
        eml = item.attachment_ids.filtered(lambda attachment: attachment.name.endswith(".eml"))
        self.assertIn(b"Subject: Claim with a broken Cc", eml.raw)
        self.assertNotIn(b"Cc:", eml.raw)

    # reply deadline ------------------------------------------------------

    def test_negative_reply_days_of_an_old_database_do_not_drop_the_email(self):
        self._set_reply_days_as_stored_before_the_constraint(-5)
        today = fields.Date.context_today(self.env["crm.correspondence"])
        item = self._receive(
            "o.smirnova@dom-interiors.example.com",
            "Claim sent today",
            date=format_datetime(datetime.now(UTC)),
        )
        self.assertEqual(len(item), 1)
        self.assertLessEqual(item.document_date, today)
        self.assertFalse(item.reply_deadline)

    def test_huge_reply_days_of_an_old_database_do_not_drop_the_email(self):
        self._set_reply_days_as_stored_before_the_constraint(10**7)
        item = self._receive("o.smirnova@dom-interiors.example.com", "Claim for eternity")
        self.assertEqual(len(item), 1)
        self.assertFalse(item.reply_deadline)

    # outgoing answers -----------------------------------------------------

    def test_email_sent_from_incoming_item_registers_the_outgoing_answer(self):
        item = self._receive("o.smirnova@dom-interiors.example.com", "Claim awaiting answer")
        item.action_confirm_sender()
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
        item.action_confirm_sender()
        item.with_user(self.user_employee).message_post(
            body="<p>Call her tomorrow.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(item.reply_ids)
        self.assertEqual(item.state, "registered")


@tagged("post_install", "-at_install")
class TestMailGatewayMultiCompany(MailGatewayCase):
    """One alias per company: an e-mail belongs to the company of the alias it reached."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mail.alias"].create(
            {
                "alias_name": "correspondence",
                "alias_domain_id": cls.mail_alias_domain_c2.id,
                "alias_model_id": cls.env["ir.model"]._get_id("crm.correspondence"),
                "alias_contact": "everyone",
            }
        )
        cls.client_c2 = cls.env["res.partner"].create(
            {
                "name": "Baltic Sofas",
                "is_company": True,
                "email": "office@baltic-sofas.example.com",
                "company_id": cls.company_2.id,
            }
        )

    def test_email_to_the_alias_of_another_company_is_registered_there(self):
        item = self._receive(
            "office@baltic-sofas.example.com",
            "Claim for the second company",
            to=f"correspondence@{self.alias_domain_c2_name}",
        )
        self.assertEqual(item.company_id, self.company_2)
        self.assertRegex(item.name, r"^IN/\d{4}/0001$")
        self.assertEqual(item.suggested_partner_id, self.client_c2)

    def test_sender_of_another_company_is_not_suggested_and_the_email_is_kept(self):
        item = self._receive("office@baltic-sofas.example.com", "Claim sent to the wrong company")
        self.assertEqual(len(item), 1)
        self.assertEqual(item.company_id, self.company_admin)
        self.assertFalse(item.suggested_partner_id)
        self.assertFalse(item.partner_id)
