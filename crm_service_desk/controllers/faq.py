"""The portal's help page: published FAQ articles by category with a search, “Was this
helpful?”, and the suggestions of the ticket form where “this solved my problem” counts a
deflection instead of creating a ticket.

Every route reads the articles as the caller: the record rules show clients and visitors
only the published articles of their company. Votes and deflections are written with sudo
(clients have no access to those tables) and only for the caller and an article the caller
could read."""

import hashlib
import textwrap

import werkzeug

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import html2plaintext

from ..models.crm_service_faq_article import search_words, word_domain


class ServiceDeskFaq(http.Controller):
    def _readable_article(self, article_id):
        try:
            article = request.env["crm.service.faq.article"].browse(int(article_id)).exists()
            if article:
                article.check_access("read")
                article.fetch(["name"])
        except (AccessError, MissingError, TypeError, ValueError):
            article = None
        if not article:
            raise werkzeug.exceptions.NotFound()
        return article

    def _category(self, category_id):
        try:
            category = request.env["helpdesk.ticket.category"].browse(int(category_id or 0))
            return category.exists() if category_id else category
        except (TypeError, ValueError):
            return request.env["helpdesk.ticket.category"]

    def _visitor_key(self):
        return hashlib.sha256(request.session.sid.encode()).hexdigest()

    @staticmethod
    def _excerpt(article, size=180):
        return textwrap.shorten(html2plaintext(article.body or ""), size, placeholder="…")

    @http.route("/help", type="http", auth="public", website=True, sitemap=True)
    def faq_help(self, search="", category=None, **kw):
        Article = request.env["crm.service.faq.article"]
        category = self._category(category)
        domain = expression.AND(
            [
                [("category_id", "child_of", category.ids)] if category else [],
                *(word_domain(word) for word in search_words(search)),
            ]
        )
        articles = Article.search(domain)
        categories = articles.category_id
        return request.render(
            "crm_service_desk.faq_help_page",
            {
                "articles": articles,
                "categories": categories,
                "uncategorised": articles.filtered(lambda article: not article.category_id),
                "category": category,
                "search": search,
                "excerpt": self._excerpt,
                "page_name": "help",
            },
        )

    @http.route(
        "/help/<model('crm.service.faq.article'):article>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def faq_article(self, article, voted=None, solved=None, **kw):
        article = self._readable_article(article.id)
        if not voted:  # the page shown again after a vote is no new reading
            # sudo: the view counter of an article the caller may read, and nothing else
            article.sudo()._increment_views()
        return request.render(
            "crm_service_desk.faq_article_page",
            {"article": article, "voted": voted, "solved": solved, "page_name": "help"},
        )

    @http.route(
        "/help/<int:article_id>/vote",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        csrf=True,
    )
    def faq_vote(self, article_id, helpful=None, comment=None, **kw):
        article = self._readable_article(article_id)
        user = request.env.user
        public = user._is_public()
        # sudo: clients cannot write votes; this one is the caller's own, on an article
        # they can read
        request.env["crm.service.faq.vote"].sudo()._record(
            article,
            helpful == "1",
            comment=(comment or "")[:2000],
            user=None if public else user,
            visitor_key=self._visitor_key() if public else None,
        )
        return request.redirect(f"{article._get_portal_url()}?voted=1")

    @http.route("/help/suggest", type="json", auth="user")
    def faq_suggest(self, text="", category_id=None, limit=5):
        articles = request.env["crm.service.faq.article"]._suggest(
            text, self._category(category_id), limit=min(int(limit or 5), 10)
        )
        return [
            {
                "id": article.id,
                "name": article.name,
                "url": article._get_portal_url(),
                "excerpt": self._excerpt(article),
            }
            for article in articles
        ]

    @http.route("/help/deflect", type="json", auth="user")
    def faq_deflect(self, article_id, subject="", category_id=None):
        article = self._readable_article(article_id)
        category = self._category(category_id)
        # sudo: clients cannot write deflections; this one records the caller's own
        # answer on an article they can read
        request.env["crm.service.faq.deflection"].sudo().create(
            {
                "article_id": article.id,
                "partner_id": request.env.user.partner_id.id,
                "category_id": category.id,
                "subject": (subject or "")[:200],
            }
        )
        return {"redirect": f"{article._get_portal_url()}?solved=1"}
