"""FAQ articles: answers a client can find alone on the portal, and an agent can send or
link as a ticket's solution."""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext

# words too common to tell articles apart (the languages the suite ships)
STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "you",
        "your",
        "our",
        "was",
        "are",
        "not",
        "but",
        "have",
        "has",
        "how",
        "can",
        "what",
        "when",
        "why",
        "this",
        "that",
        "from",
        "into",
        "about",
        "after",
        "before",
        "there",
        "their",
        "them",
        "they",
        "will",
        "would",
        "и",
        "в",
        "во",
        "не",
        "на",
        "что",
        "как",
        "для",
        "по",
        "из",
        "за",
        "от",
        "до",
        "или",
        "это",
        "его",
        "её",
        "мой",
        "моя",
        "мои",
        "ваш",
        "ваша",
        "та",
        "і",
        "й",
        "у",
        "в",
        "на",
        "що",
        "як",
        "для",
        "по",
        "із",
        "з",
        "за",
        "від",
        "до",
        "або",
        "це",
        "мій",
        "моя",
        "мої",
        "ваш",
        "ваша",
    ]
)
WORD = re.compile(r"\w{3,}", re.UNICODE)


def search_words(text):
    """The distinct lower-case words of at least three letters that can match an article."""
    return [
        word for word in dict.fromkeys(WORD.findall((text or "").lower())) if word not in STOP_WORDS
    ]


def word_domain(word):
    """Articles whose question, keywords or answer contain the word (in the reader's
    language)."""
    return expression.OR([[(field, "ilike", word)] for field in ("name", "keywords", "body")])


class CrmServiceFaqArticle(models.Model):
    _name = "crm.service.faq.article"
    _description = "FAQ Article"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(string="Question", required=True, translate=True, tracking=True)
    body = fields.Html(string="Answer", translate=True, sanitize=True)
    keywords = fields.Char(
        translate=True,
        help="Other words clients use for this question, e.g. “stain spot dirt”; they "
        "count for the search and the suggestions like words of the question.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        index=True,
        help="The ticket category this article answers: a client choosing it on the ticket "
        "form is shown this article first.",
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the article with every company."
    )
    is_published = fields.Boolean(
        string="Published on the Portal",
        tracking=True,
        help="Published articles are on the portal's help page for clients and visitors; "
        "the others are for the agents only.",
    )
    last_reviewed_date = fields.Date(
        string="Last Reviewed", tracking=True, groups="base.group_user"
    )
    view_count = fields.Integer(string="Views", readonly=True, copy=False, groups="base.group_user")
    vote_ids = fields.One2many(
        "crm.service.faq.vote", "article_id", string="Votes", groups="base.group_user"
    )
    helpful_count = fields.Integer(
        string="Helpful", compute="_compute_feedback", groups="base.group_user"
    )
    unhelpful_count = fields.Integer(
        string="Not Helpful", compute="_compute_feedback", groups="base.group_user"
    )
    helpful_ratio = fields.Float(
        string="Helpful (%)",
        compute="_compute_feedback",
        groups="base.group_user",
        help="Of the visitors who answered “Was this helpful?”, the share who said yes.",
    )
    deflection_count = fields.Integer(
        string="Deflections",
        compute="_compute_feedback",
        groups="base.group_user",
        help="Clients who were about to send a ticket and said this article solved their "
        "problem instead.",
    )
    ticket_count = fields.Integer(
        string="Tickets Solved",
        compute="_compute_feedback",
        groups="base.group_user",
        help="Tickets the agents linked to this article as their solution.",
    )

    @api.depends("vote_ids.helpful")
    def _compute_feedback(self):
        """Every counter of the listed articles in three grouped queries."""
        votes, deflections, tickets = {}, {}, {}
        if self.ids:
            # sudo: counts only, of the articles the caller already reads
            votes_sudo = self.env["crm.service.faq.vote"].sudo()
            # sudo: counts only, of the articles the caller already reads
            deflections_sudo = self.env["crm.service.faq.deflection"].sudo()
            for article, helpful, count in votes_sudo._read_group(
                [("article_id", "in", self.ids)], ["article_id", "helpful"], ["__count"]
            ):
                votes[article.id, helpful] = count
            deflections = dict(
                deflections_sudo._read_group(
                    [("article_id", "in", self.ids)], ["article_id"], ["__count"]
                )
            )
            if self.env["helpdesk.ticket"].has_access("read"):
                tickets = dict(
                    self.env["helpdesk.ticket"]._read_group(
                        [("solution_article_id", "in", self.ids)],
                        ["solution_article_id"],
                        ["__count"],
                    )
                )
        for article in self:
            yes = votes.get((article.id, True), 0)
            no = votes.get((article.id, False), 0)
            article.helpful_count = yes
            article.unhelpful_count = no
            article.helpful_ratio = 100.0 * yes / (yes + no) if yes + no else 0.0
            article.deflection_count = deflections.get(article, 0)
            article.ticket_count = tickets.get(article, 0)

    # ------------------------------------------------------------------ portal
    def _get_portal_url(self):
        self.ensure_one()
        return f"/help/{self.env['ir.http']._slug(self)}"

    def _increment_views(self):
        """One more view for each article, in SQL so that simultaneous readers never lose
        a count (and the write date of the article is the editors' own)."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_service_faq_article SET view_count = COALESCE(view_count, 0) + 1"
                    " WHERE id IN %s",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(["view_count"])

    # ---------------------------------------------------------------- suggestions
    @api.model
    def _suggest(self, text, category=None, limit=5):
        """Articles for a question being written: an article scores one point per word of
        the text found in its question, keywords or answer, and two more when it answers
        the chosen category (or one of its sub-categories); articles without a point are
        not suggested. The caller's access rules decide what may be suggested (published
        articles only for clients)."""
        words = search_words(text)
        category_ids = set()
        if category:
            category_ids = set(
                self.env["helpdesk.ticket.category"].search([("id", "child_of", category.ids)]).ids
            )
        domains = [
            [("category_id", "in", list(category_ids))] if category_ids else [],
            *(word_domain(word) for word in words),
        ]
        domains = [domain for domain in domains if domain]
        if not domains:
            return self.browse()
        scored = []
        for article in self.search(expression.OR(domains), limit=50):
            haystack = " ".join(
                (article.name or "", article.keywords or "", html2plaintext(article.body or ""))
            ).lower()
            score = sum(1 for word in words if word in haystack)
            if article.category_id.id in category_ids:
                score += 2
            if score:
                scored.append((-score, article.sequence, article.id))
        scored.sort()
        return self.browse([row[2] for row in scored[:limit]])

    # ------------------------------------------------------------------ actions
    def action_mark_reviewed(self):
        self.last_reviewed_date = fields.Date.context_today(self)
        return True

    def action_view_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tickets solved by “%s”", self.name),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("solution_article_id", "=", self.id)],
        }

    def _context_ticket(self):
        ticket = self.env["helpdesk.ticket"].browse(self.env.context.get("crm_faq_ticket_id"))
        if len(ticket) != 1:
            raise UserError(self.env._("Open the ticket first: the article is used on a ticket."))
        return ticket

    def action_link_as_solution(self):
        """From the suggestions on a ticket's form (the ticket in the context)."""
        self.ensure_one()
        self._context_ticket().action_link_solution_article(self.id)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_insert_in_reply(self):
        self.ensure_one()
        return self._context_ticket().action_reply_with_article(self.id)
