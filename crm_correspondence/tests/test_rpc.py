import io
from datetime import date

from openpyxl import load_workbook

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common import GROUP_USER, REG_DATE


@tagged("post_install", "-at_install")
class TestRpc(HttpCase):
    """Every button of the register works over XML-RPC, as integrators call them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        # a configured document layout, as on any company printing documents
        cls.env.company.external_report_layout_id = cls.env.ref("web.external_layout_standard")
        cls.client = cls.env["res.partner"].create(
            {"name": "RPC Wardrobe Client", "is_company": True, "email": "rpc@example.com"}
        )
        cls.letter = cls.env["crm.correspondence"].create(
            {
                "subject": "Letter asked over RPC",
                "partner_id": cls.client.id,
                "date_registered": REG_DATE,
            }
        )

    def _call(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            get_db_name(), self.admin.id, "admin", model, method, list(args)
        )

    def test_reply_action_carries_only_plain_values(self):
        action = self._call("crm.correspondence", "action_reply", [self.letter.id])
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(action["res_model"], "crm.correspondence")
        context = action["context"]
        self.assertEqual(context["default_direction"], "outgoing")
        self.assertEqual(context["default_reply_to_id"], self.letter.id)
        self.assertEqual(context["default_partner_id"], self.client.id)
        self.assertEqual(context["default_subject"], "Re: Letter asked over RPC")
        # no related document: False, which XML-RPC carries, and not None
        self.assertIs(context["default_related_document_ref"], False)
        self.assertIs(context["default_lead_id"], False)

    def test_reply_action_with_a_related_document_names_it(self):
        self.letter.related_document_ref = f"res.partner,{self.client.id}"
        action = self._call("crm.correspondence", "action_reply", [self.letter.id])
        self.assertEqual(
            action["context"]["default_related_document_ref"], f"res.partner,{self.client.id}"
        )

    def test_state_buttons_answer_true_and_change_the_state(self):
        item = self.letter.id
        self.assertIs(self._call("crm.correspondence", "action_start", [item]), True)
        self.assertEqual(self.letter.state, "in_progress")
        self.assertIs(self._call("crm.correspondence", "action_mark_no_reply", [item]), True)
        self.assertEqual(self.letter.state, "no_reply")
        self.assertIs(self._call("crm.correspondence", "action_reset", [item]), True)
        self.assertEqual(self.letter.state, "registered")
        self.assertIs(self._call("crm.correspondence", "action_set_archived", [item]), True)
        self.assertEqual(self.letter.state, "archived")

    def test_confirm_sender_answers_true(self):
        self.letter.write(
            {"partner_id": False, "suggested_partner_id": self.client.id, "sender_to_verify": True}
        )
        self.assertIs(
            self._call("crm.correspondence", "action_confirm_sender", [self.letter.id]), True
        )
        self.assertFalse(self.letter.sender_to_verify)
        self.assertEqual(self.letter.partner_id, self.client)

    def test_replies_and_client_buttons_open_the_register(self):
        answer = self.env["crm.correspondence"].create(
            {
                "direction": "outgoing",
                "subject": "Answer over RPC",
                "reply_to_id": self.letter.id,
                "date_registered": REG_DATE,
            }
        )
        action = self._call("crm.correspondence", "action_view_replies", [self.letter.id])
        self.assertEqual(action["domain"], [["reply_to_id", "=", self.letter.id]])
        self.assertEqual(self.env["crm.correspondence"].search(action["domain"]), answer)
        action = self._call("res.partner", "action_view_correspondence", [self.client.id])
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(action["context"]["default_partner_id"], self.client.id)

    def test_journal_buttons_answer_plain_actions(self):
        [wizard_id] = self._call(
            "crm.correspondence.journal.wizard",
            "create",
            [{"date_from": "2021-03-01", "date_to": "2021-03-31", "direction": "all"}],
        )
        action = self._call("crm.correspondence.journal.wizard", "action_print_pdf", [wizard_id])
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "crm_correspondence.crm_correspondence_journal_document"
        )
        self.assertEqual(action["context"]["active_ids"], [wizard_id])
        action = self._call("crm.correspondence.journal.wizard", "action_export_xlsx", [wizard_id])
        self.assertEqual(action["url"], f"/crm_correspondence/journal/{wizard_id}/xlsx")


@tagged("post_install", "-at_install")
class TestJournalDownload(HttpCase):
    """The XLSX register is built on request, for the user asking, and for nobody else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env, login="corr_rpc_clerk", password="corr_rpc_clerk", groups=GROUP_USER
        )
        cls.secret = cls.env["crm.correspondence"].create(
            {"subject": "Confidential claim of the director", "date_registered": REG_DATE}
        )
        cls.own = cls.env["crm.correspondence"].create(
            {
                "subject": "Letter registered by the clerk",
                "date_registered": REG_DATE,
                "user_id": cls.clerk.id,
            }
        )
        cls.period = {"date_from": date(2021, 3, 1), "date_to": date(2021, 3, 31)}

    def _subjects(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        return {row[7] for row in sheet.iter_rows(min_row=5, values_only=True)}

    def test_administrator_downloads_the_whole_register(self):
        wizard = (
            self.env["crm.correspondence.journal.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create(self.period)
        )
        self.authenticate("admin", "admin")
        subjects = self._subjects(self.url_open(wizard.action_export_xlsx()["url"]))
        self.assertIn(self.secret.subject, subjects)
        self.assertIn(self.own.subject, subjects)

    def test_user_downloads_only_the_items_they_may_read(self):
        wizard = (
            self.env["crm.correspondence.journal.wizard"].with_user(self.clerk).create(self.period)
        )
        self.authenticate("corr_rpc_clerk", "corr_rpc_clerk")
        subjects = self._subjects(self.url_open(wizard.action_export_xlsx()["url"]))
        self.assertIn(self.own.subject, subjects)
        self.assertNotIn(self.secret.subject, subjects)

    def test_user_cannot_download_the_export_of_an_administrator(self):
        wizard = (
            self.env["crm.correspondence.journal.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create(self.period)
        )
        self.authenticate("corr_rpc_clerk", "corr_rpc_clerk")
        with mute_logger("odoo.http"):
            response = self.url_open(wizard.action_export_xlsx()["url"])
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.secret.subject.encode(), response.content)
