from odoo import http
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFaqPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["crm.service.faq.article"]
        cls.category = cls.env["helpdesk.ticket.category"].create({"name": "Upholstery care"})
        cls.published = Article.create(
            {
                "name": "Blotting a wine stain",
                "keywords": "stain wine",
                "body": "<p>Blot, never rub.</p>",
                "category_id": cls.category.id,
                "is_published": True,
            }
        )
        cls.internal = Article.create(
            {
                "name": "Stain claims the workshop refuses",
                "keywords": "stain",
                "body": "<p>Internal only.</p>",
                "category_id": cls.category.id,
            }
        )
        other_company = cls.env["res.company"].create({"name": "Another salon"})
        cls.foreign = Article.create(
            {
                "name": "Stain removal at the other salon",
                "keywords": "stain",
                "company_id": other_company.id,
                "is_published": True,
            }
        )
        cls.client = new_test_user(cls.env, login="faq_portal_client", groups="base.group_portal")

    def _json(self, route, **params):
        return self.make_jsonrpc_request(route, params)

    def test_help_page_lists_and_searches_published_answers_only(self):
        page = self.url_open("/help?search=stain")  # a visitor, not logged in
        self.assertEqual(page.status_code, 200)
        self.assertIn("Blotting a wine stain", page.text)
        self.assertNotIn("Stain claims the workshop refuses", page.text)
        self.assertNotIn("Stain removal at the other salon", page.text)
        page = self.url_open("/help?search=xylophone")
        self.assertNotIn("Blotting a wine stain", page.text)
        self.assertIn("No answer matches your search yet.", page.text)

    def test_unpublished_article_is_not_found(self):
        self.authenticate(self.client.login, self.client.login)
        for article in (self.internal, self.foreign):
            response = self.url_open(f"/help/{self.env['ir.http']._slug(article)}")
            # refused by the record rules before the page is rendered
            self.assertIn(response.status_code, (403, 404), article.name)
            self.assertNotIn(article.name, response.text)
        suggested = {row["id"] for row in self._json("/help/suggest", text="stain wine")}
        self.assertIn(self.published.id, suggested)
        self.assertFalse(suggested & {self.internal.id, self.foreign.id})
        in_category = self._json("/help/suggest", text="stain", category_id=self.category.id)
        self.assertEqual(in_category[0]["id"], self.published.id)

    def test_article_page_counts_views_and_one_vote_per_user(self):
        self.authenticate(self.client.login, self.client.login)
        url = f"/help/{self.env['ir.http']._slug(self.published)}"
        self.assertIn("Was this helpful?", self.url_open(url).text)
        self.url_open(url)
        self.published.invalidate_recordset()
        self.assertEqual(self.published.view_count, 2)
        csrf = http.Request.csrf_token(self)
        vote_url = f"/help/{self.published.id}/vote"
        self.url_open(
            vote_url, data={"helpful": "0", "comment": "No word on red wine", "csrf_token": csrf}
        )
        response = self.url_open(
            vote_url, data={"helpful": "0", "comment": "Still nothing", "csrf_token": csrf}
        )
        self.assertIn("Thank you for your feedback.", response.text)
        votes = self.env["crm.service.faq.vote"].search([("article_id", "=", self.published.id)])
        self.assertEqual(len(votes), 1)
        self.assertEqual(
            (votes.user_id, votes.helpful, votes.comment), (self.client, False, "Still nothing")
        )
        # a GET on the vote route records nothing
        self.assertEqual(self.url_open(vote_url + "?helpful=1").status_code, 405)
        # an internal article cannot be voted on by a client either
        response = self.url_open(
            f"/help/{self.internal.id}/vote", data={"helpful": "1", "csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["crm.service.faq.vote"].search([("article_id", "=", self.internal.id)])
        )

    def test_visitors_vote_once_per_browser_session(self):
        self.authenticate(None, None)
        csrf = http.Request.csrf_token(self)
        for _ in range(2):
            self.url_open(
                f"/help/{self.published.id}/vote", data={"helpful": "1", "csrf_token": csrf}
            )
        self.authenticate(None, None)  # another visitor
        csrf = http.Request.csrf_token(self)
        self.url_open(f"/help/{self.published.id}/vote", data={"helpful": "1", "csrf_token": csrf})
        votes = self.env["crm.service.faq.vote"].search([("article_id", "=", self.published.id)])
        self.assertEqual(len(votes), 2)
        self.assertFalse(votes.user_id)
        self.assertEqual(len(set(votes.mapped("visitor_key"))), 2)

    def test_deflection_counted_without_a_ticket(self):
        self.authenticate(self.client.login, self.client.login)
        tickets_before = self.env["helpdesk.ticket"].search_count([])
        result = self._json(
            "/help/deflect",
            article_id=self.published.id,
            subject="Red wine on the sofa",
            category_id=self.category.id,
        )
        self.assertEqual(
            result["redirect"], f"/help/{self.env['ir.http']._slug(self.published)}?solved=1"
        )
        deflection = self.env["crm.service.faq.deflection"].search(
            [("article_id", "=", self.published.id)]
        )
        self.assertEqual(len(deflection), 1)
        self.assertEqual(deflection.partner_id, self.client.partner_id)
        self.assertEqual(deflection.subject, "Red wine on the sofa")
        self.assertEqual(self.published.deflection_count, 1)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets_before)
        # an internal article cannot be claimed as the answer
        with self.assertRaises(JsonRpcException) as caught:
            self._json("/help/deflect", article_id=self.internal.id)
        self.assertIn("NotFound", str(caught.exception))
        self.assertFalse(
            self.env["crm.service.faq.deflection"].search([("article_id", "=", self.internal.id)])
        )

    def test_ticket_page_shows_the_solution_but_no_internal_note(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Wine on the sofa",
                "description": "<p>Help</p>",
                "partner_id": self.client.partner_id.id,
                "solution_article_id": self.published.id,
            }
        )
        ticket.message_post(
            body="Internal: the client stained it at a party",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.authenticate(self.client.login, self.client.login)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Blotting a wine stain", page.text)
        self.assertNotIn("stained it at a party", page.text)
        # the chatter's messages, as the portal reads them
        messages = self._json(
            "/mail/thread/messages", thread_model="helpdesk.ticket", thread_id=ticket.id, limit=30
        )
        bodies = " ".join(str(m.get("body")) for m in messages["data"]["mail.message"])
        self.assertNotIn("stained it at a party", bodies)
