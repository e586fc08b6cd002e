from odoo.tests import HttpCase, get_db_name, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceRpc(HttpCase):
    """The buttons of ratings and the FAQ, as an integrator calls them over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="rpc_faq_agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "RPC service"})
        cls.article = cls.env["crm.service.faq.article"].create(
            {
                "name": "RPC: tightening chair legs",
                "body": "<p>Use the hex key.</p>",
                "is_published": True,
            }
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Wobbly chair", "description": "<p>It wobbles.</p>", "team_id": cls.team.id}
        )

    def _call(self, model, method, *args, context=None):
        return self.xmlrpc_object.execute_kw(
            get_db_name(),
            self.agent.id,
            self.agent.login,
            model,
            method,
            list(args),
            {"context": context or {}},
        )

    def test_faq_buttons(self):
        action = self._call(
            "helpdesk.ticket", "action_reply_with_article", [self.ticket.id], self.article.id
        )
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertIn("Use the hex key.", action["context"]["default_body"])
        self.assertIs(
            self._call(
                "helpdesk.ticket", "action_link_solution_article", [self.ticket.id], self.article.id
            ),
            True,
        )
        self.assertEqual(self.ticket.solution_article_id, self.article)
        # the suggestion row's button, with the ticket in the context as the form sends it
        self.ticket.solution_article_id = False
        result = self._call(
            "crm.service.faq.article",
            "action_link_as_solution",
            [self.article.id],
            context={"crm_faq_ticket_id": self.ticket.id},
        )
        self.assertEqual(result, {"type": "ir.actions.client", "tag": "soft_reload"})
        self.assertEqual(self.ticket.solution_article_id, self.article)
        self.assertIs(
            self._call("crm.service.faq.article", "action_mark_reviewed", [self.article.id]), True
        )
        self.assertTrue(self.article.last_reviewed_date)
        action = self._call("crm.service.faq.article", "action_view_tickets", [self.article.id])
        self.assertEqual(action["domain"], [["solution_article_id", "=", self.article.id]])

    def test_team_rating_button(self):
        action = self._call("helpdesk.ticket.team", "action_view_team_rating", [self.team.id])
        self.assertEqual(action["res_model"], "rating.rating")
        self.assertIn(["parent_res_id", "=", self.team.id], action["domain"])
