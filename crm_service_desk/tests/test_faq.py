from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


class FaqCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo's articles would take part in every suggestion below
        cls.env["crm.service.faq.article"].search([]).active = False
        Category = cls.env["helpdesk.ticket.category"]
        cls.care = Category.create({"name": "Care"})
        cls.delivery = Category.create({"name": "Delivery"})
        cls.delivery_kyiv = Category.create({"name": "Kyiv", "parent_id": cls.delivery.id})
        Article = cls.env["crm.service.faq.article"]
        cls.stain = Article.create(
            {
                "name": "Remove a stain from fabric",
                "keywords": "spot sofa",
                "body": "<p>Blot it with a dry cloth.</p>",
                "category_id": cls.care.id,
                "is_published": True,
            }
        )
        cls.times = Article.create(
            {
                "name": "Delivery times",
                "keywords": "late carrier",
                "body": "<p>Delivered in five days.</p>",
                "category_id": cls.delivery_kyiv.id,
                "is_published": True,
            }
        )
        cls.fees = Article.create(
            {
                "name": "Fees on invoices",
                "body": "<p>A late payment costs nothing the first week.</p>",
                "is_published": True,
            }
        )
        cls.hours = Article.create(
            {"name": "Opening hours", "body": "<p>Monday to Saturday.</p>", "is_published": True}
        )
        cls.internal = Article.create(
            {
                "name": "Carrier penalties for late delivery",
                "body": "<p>Internal: claim 5 % from the carrier.</p>",
                "category_id": cls.delivery.id,
            }
        )
        cls.agent = new_test_user(
            cls.env, login="faq_agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.portal = new_test_user(cls.env, login="faq_client", groups="base.group_portal")


class TestFaqSuggestions(FaqCase):
    def test_category_and_words_rank_the_suggestions(self):
        # words: wardrobe, delivery, late ("my", "is" are too short)
        # - times: delivery + late = 2, and 2 more for its category (a child of Delivery) = 4
        # - internal: delivery + late = 2, and 2 for the category = 4; sequence ties, id after
        # - fees: late = 1
        # - stain, hours: nothing
        Article = self.env["crm.service.faq.article"].with_user(self.agent)
        found = Article._suggest("My wardrobe delivery is late", self.delivery)
        self.assertEqual(found.ids, [self.times.id, self.internal.id, self.fees.id])
        # a client is never offered an internal article
        found = Article.with_user(self.portal)._suggest(
            "My wardrobe delivery is late", self.delivery
        )
        self.assertEqual(found.ids, [self.times.id, self.fees.id])

    def test_words_alone_and_category_alone(self):
        Article = self.env["crm.service.faq.article"]
        self.assertEqual(Article._suggest("Coffee spot on the sofa").ids, [self.stain.id])
        self.assertEqual(Article._suggest("", self.care).ids, [self.stain.id])
        self.assertFalse(Article._suggest("the and for"))
        self.assertFalse(Article._suggest(""))

    def test_ticket_suggests_and_links_the_solution(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Wardrobe delivery is late",
                "description": "<p>Nobody came.</p>",
                "category_id": self.delivery.id,
            }
        )
        self.assertEqual(
            ticket.with_user(self.agent).suggested_article_ids.ids,
            [self.times.id, self.internal.id, self.fees.id],
        )
        # the button of the suggestion row, as the web client calls it
        result = (
            self.times.with_user(self.agent)
            .with_context(crm_faq_ticket_id=ticket.id)
            .action_link_as_solution()
        )
        self.assertEqual(result, {"type": "ir.actions.client", "tag": "soft_reload"})
        self.assertEqual(ticket.solution_article_id, self.times)
        self.assertNotIn(self.times, ticket.suggested_article_ids)
        self.assertEqual(self.times.ticket_count, 1)

    def test_reply_composer_carries_the_answer(self):
        ticket = self.env["helpdesk.ticket"].create({"name": "Stain", "description": "x"})
        action = ticket.with_user(self.agent).action_reply_with_article(self.stain.id)
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertIn("Blot it with a dry cloth.", action["context"]["default_body"])
        self.assertIn(
            f"/help/remove-a-stain-from-fabric-{self.stain.id}", action["context"]["default_body"]
        )
        self.assertEqual(action["context"]["default_res_ids"], ticket.ids)

    def test_article_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Other salon"})
        foreign = self.env["crm.service.faq.article"].create(
            {"name": "Their policy", "company_id": other.id}
        )
        ticket = self.env["helpdesk.ticket"].create({"name": "Policy?", "description": "x"})
        with self.assertRaises(UserError) as caught:
            ticket.action_link_solution_article(foreign.id)
        self.assertIn("another company", str(caught.exception))
        self.assertFalse(ticket.solution_article_id)
        with self.assertRaises(UserError):
            ticket.action_link_solution_article(999999999)
        with self.assertRaises(UserError):  # the row button without its ticket
            self.stain.action_link_as_solution()
        self.assertFalse(ticket.solution_article_id)


class TestFaqVotes(FaqCase):
    def test_one_vote_per_user_the_last_answer_counts(self):
        Vote = self.env["crm.service.faq.vote"]
        Vote._record(self.stain, False, comment="Nothing about wine", user=self.portal)
        Vote._record(self.stain, True, comment="ignored with a yes", user=self.portal)
        votes = Vote.search([("article_id", "=", self.stain.id)])
        self.assertEqual(len(votes), 1)
        self.assertTrue(votes.helpful)
        self.assertFalse(votes.comment)
        Vote._record(self.stain, False, comment="  Nothing about wine ", user=self.agent)
        Vote._record(self.stain, False, visitor_key="visitor-a")
        Vote._record(self.stain, True, visitor_key="visitor-b")
        Vote._record(self.stain, True, visitor_key="visitor-b")
        # 2 yes (portal, visitor b), 2 no (agent, visitor a): 50 %
        self.assertEqual((self.stain.helpful_count, self.stain.unhelpful_count), (2, 2))
        self.assertEqual(self.stain.helpful_ratio, 50.0)
        agent_vote = Vote.search(
            [("article_id", "=", self.stain.id), ("user_id", "=", self.agent.id)]
        )
        self.assertEqual(agent_vote.comment, "Nothing about wine")

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_a_second_vote(self):
        Vote = self.env["crm.service.faq.vote"]
        Vote.create({"article_id": self.stain.id, "user_id": self.portal.id, "helpful": True})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            Vote.create({"article_id": self.stain.id, "user_id": self.portal.id})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            Vote.create({"article_id": self.stain.id})  # neither a user nor a visitor

    def test_clients_cannot_read_votes_or_internal_articles(self):
        with self.assertRaises(AccessError):
            self.env["crm.service.faq.vote"].with_user(self.portal).search([])
        Article = self.env["crm.service.faq.article"].with_user(self.portal)
        self.assertNotIn(self.internal, Article.search([]))
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal).read(["name"])
        # internal figures are not for clients either
        with self.assertRaises(AccessError):
            self.stain.with_user(self.portal).read(["view_count"])


class TestFaqCounters(FaqCase):
    def test_article_list_counters_cost_constant_queries(self):
        Vote = self.env["crm.service.faq.vote"]
        for n, article in enumerate(self.stain | self.times | self.fees):
            Vote._record(article, bool(n % 2), visitor_key=f"v{n}")
            self.env["crm.service.faq.deflection"].create({"article_id": article.id})
        fields = [
            "helpful_count",
            "helpful_ratio",
            "deflection_count",
            "ticket_count",
            "view_count",
        ]
        counts = []
        self.internal.with_user(self.agent).read(fields)  # access rules and caches warmed up
        for articles in (self.stain, self.stain | self.times | self.fees | self.hours):
            self.env.invalidate_all()
            articles = articles.with_user(self.agent)
            start = self.cr.sql_log_count
            articles.read(fields)
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])

    def test_views_are_counted_in_sql(self):
        self.stain._increment_views()
        (self.stain | self.times)._increment_views()
        self.assertEqual((self.stain.view_count, self.times.view_count), (2, 1))
