"""Articles on the ticket: suggestions from its category and words, a reply built from an
article, and the article that solved it (shown to the client on the portal)."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    solution_article_id = fields.Many2one(
        "crm.service.faq.article",
        index="btree_not_null",
        tracking=True,
        copy=False,
        help="The FAQ article that solved this ticket; a published one is shown to the "
        "client on the portal.",
    )
    suggested_article_ids = fields.Many2many(
        "crm.service.faq.article",
        string="Suggested Articles",
        compute="_compute_suggested_article_ids",
        groups="base.group_user",
    )

    @api.depends("name", "description", "category_id", "solution_article_id")
    @api.depends_context("lang")
    def _compute_suggested_article_ids(self):
        Article = self.env["crm.service.faq.article"]
        for ticket in self:
            ticket.suggested_article_ids = (
                Article._suggest(
                    f"{ticket.name or ''} {ticket.description or ''}", ticket.category_id
                )
                - ticket.solution_article_id
            )

    def _faq_article(self, article_id):
        self.ensure_one()
        article = self.env["crm.service.faq.article"].browse(int(article_id)).exists()
        if not article:
            raise UserError(self.env._("This FAQ article does not exist any more."))
        article.check_access("read")
        if article.company_id and article.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "The article “%(article)s” belongs to another company than the ticket "
                    "%(ticket)s.",
                    article=article.name,
                    ticket=self.display_name,
                )
            )
        return article

    def action_link_solution_article(self, article_id):
        """Link the article as the ticket's solution (a button of the suggestions)."""
        article = self._faq_article(article_id)
        self.solution_article_id = article
        return True

    def action_reply_with_article(self, article_id):
        """Open the reply composer with the article's answer, in the client's language."""
        article = self._faq_article(article_id)
        lang = self.partner_id.lang or self.env.lang
        article = article.with_context(lang=lang)
        body = Markup(article.body or "")
        if article.is_published:
            # the client can read the whole article on the portal
            url = f"{self.get_base_url()}{article._get_portal_url()}"
            body += Markup('<p><a href="%s">%s</a></p>') % (url, article.name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {
                "default_composition_mode": "comment",
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_body": str(body),
                "default_subtype_xmlid": "mail.mt_comment",
                "default_message_type": "comment",
            },
        }
