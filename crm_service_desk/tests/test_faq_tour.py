from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFaqTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Tour upholstery", "show_in_portal": True}
        )
        cls.env.company.helpdesk_mgmt_portal_select_category = True
        cls.article = cls.env["crm.service.faq.article"].create(
            {
                "name": "Tour: cleaning velvet",
                "keywords": "velvet shabby pile",
                "body": "<p>Brush velvet along the pile with a soft brush once a week.</p>",
                "category_id": cls.category.id,
                "is_published": True,
            }
        )
        cls.client = new_test_user(cls.env, login="tour_velvet_client", groups="base.group_portal")

    def test_help_page_vote_and_deflection(self):
        self.start_tour("/help", "crm_service_desk_faq_help_page", login=self.client.login)
        vote = self.env["crm.service.faq.vote"].search([("article_id", "=", self.article.id)])
        self.assertEqual((vote.user_id, vote.helpful), (self.client, True))
        self.assertEqual(self.article.view_count, 1)

        tickets_before = self.env["helpdesk.ticket"].search_count([])
        self.start_tour("/new/ticket", "crm_service_desk_faq_deflection", login=self.client.login)
        deflection = self.env["crm.service.faq.deflection"].search(
            [("article_id", "=", self.article.id)]
        )
        self.assertEqual(deflection.partner_id, self.client.partner_id)
        self.assertEqual(deflection.category_id, self.category)
        self.assertEqual(deflection.subject, "Tour: velvet armchair looks shabby")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets_before)
        self.assertEqual(self.article.deflection_count, 1)

    def test_agent_links_the_solution(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour: the velvet armchair looks shabby",
                "description": "<p>The pile is flattened.</p>",
                "category_id": self.category.id,
            }
        )
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "crm_service_desk_faq_agent_solution",
            login="admin",
        )
        self.assertEqual(ticket.solution_article_id, self.article)
