from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, login="portal_owner", groups="base.group_portal")
        cls.other = new_test_user(cls.env, login="portal_other", groups="base.group_portal")
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Showroom service"})
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.done.close_from_portal = True
        cls.new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Torn armrest",
                "description": "<p>Torn</p>",
                "team_id": cls.team.id,
                "partner_id": cls.owner.partner_id.id,
                "stage_id": cls.new.id,
            }
        )

    def _close(self, method="POST", **params):
        data = {"ticket_id": self.ticket.id, "stage_id": self.done.id, **params}
        if method == "POST":
            data["csrf_token"] = Request.csrf_token(self)
            return self.url_open("/ticket/close", data=data, allow_redirects=False)
        return self.url_open(
            "/ticket/close?" + "&".join(f"{k}={v}" for k, v in data.items()), allow_redirects=False
        )

    def test_new_ticket_entry_without_any_ticket(self):
        self.authenticate(self.other.login, self.other.login)
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn('action="/new/ticket"', response.text)

    def test_another_customer_cannot_view_reply_or_close(self):
        self.authenticate(self.other.login, self.other.login)
        page = self.url_open(f"/my/ticket/{self.ticket.id}", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
        self.assertNotIn("Torn armrest", page.text)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "helpdesk.ticket",
                    "thread_id": self.ticket.id,
                    "post_data": {"body": "closing this", "message_type": "comment"},
                },
            )
        self.assertFalse(
            self.ticket.message_ids.filtered(lambda m: "closing this" in (m.body or ""))
        )
        self._close()
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.new)

    def test_get_never_closes_even_for_the_owner(self):
        self.authenticate(self.owner.login, self.owner.login)
        response = self._close(method="GET")
        self.assertEqual(response.status_code, 405)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.new)

    def test_owner_closes_with_post(self):
        self.authenticate(self.owner.login, self.owner.login)
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('method="POST"', page.text)
        self._close()
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.done)

    def test_owner_cannot_move_to_a_stage_not_offered(self):
        progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self.authenticate(self.owner.login, self.owner.login)
        self._close(stage_id=progress.id)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.new)
