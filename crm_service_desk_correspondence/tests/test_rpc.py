"""The buttons of the bridge over real XML-RPC, as an integration calls them: what they
return must marshal (no None, no recordset)."""

import xmlrpc.client

import odoo
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestButtonsOverXmlRpc(HttpCase):
    def setUp(self):
        super().setUp()
        port = odoo.tools.config["http_port"]
        common = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}/xmlrpc/2/common")
        self.models = xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{port}/xmlrpc/2/object", allow_none=False
        )
        self.db = self.env.cr.dbname
        self.uid = common.authenticate(self.db, "admin", "admin", {})

    def _rpc(self, model, method, ids):
        # the server answers through its own cursor: write what the test holds first
        self.env.flush_all()
        try:
            return self.models.execute_kw(self.db, self.uid, "admin", model, method, [ids])
        finally:
            self.env.invalidate_all()

    def test_create_ticket_and_open_its_letters_over_xmlrpc(self):
        client = self.env["res.partner"].create({"name": "RPC Sofa Salon", "is_company": True})
        letter = self.env["crm.correspondence"].create(
            {
                "direction": "incoming",
                "subject": "The sofa's legs are loose",
                "summary": "All four legs wobble.",
                "partner_id": client.id,
            }
        )
        action = self._rpc("crm.correspondence", "action_create_ticket", [letter.id])
        ticket = letter.ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.name, "The sofa's legs are loose")
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(action["views"], [[False, "form"]])

        action = self._rpc("helpdesk.ticket", "action_view_correspondence", [ticket.id])
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(action["domain"], [["ticket_id", "=", ticket.id]])
        self.assertEqual(action["context"]["default_partner_id"], client.id)
