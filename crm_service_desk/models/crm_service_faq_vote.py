"""“Was this helpful?”: one answer per user, or per visitor for the anonymous, that the
voter can change; a comment goes with a “no”."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmServiceFaqVote(models.Model):
    _name = "crm.service.faq.vote"
    _description = "FAQ Article Vote"
    _order = "id desc"

    article_id = fields.Many2one(
        "crm.service.faq.article", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="article_id.company_id", store=True)
    user_id = fields.Many2one("res.users", index=True, ondelete="cascade")
    visitor_key = fields.Char(
        index=True, help="Anonymous visitors are told apart by their browser session."
    )
    helpful = fields.Boolean()
    comment = fields.Text(help="What the visitor missed, when the answer did not help.")

    _sql_constraints = [
        (
            "one_vote_per_user",
            "UNIQUE(article_id, user_id)",
            "A user answers “Was this helpful?” once per article.",
        ),
        (
            "one_vote_per_visitor",
            "UNIQUE(article_id, visitor_key)",
            "A visitor answers “Was this helpful?” once per article.",
        ),
        (
            "voter",
            "CHECK((user_id IS NULL) != (visitor_key IS NULL))",
            "A vote belongs either to a user or to an anonymous visitor.",
        ),
    ]

    @api.constrains("helpful", "comment")
    def _check_comment(self):
        for vote in self:
            if vote.comment and len(vote.comment) > 2000:
                raise ValidationError(
                    self.env._("The comment on an article is limited to 2,000 characters.")
                )

    @api.model
    def _record(self, article, helpful, comment=None, user=None, visitor_key=None):
        """The voter's answer for the article: created, or replaced if they answered
        before. A comment is kept only with a “no”."""
        article.ensure_one()
        if not user and not visitor_key:
            raise ValidationError(self.env._("A vote needs a user or a visitor."))
        voter = [("user_id", "=", user.id)] if user else [("visitor_key", "=", visitor_key)]
        values = {
            "helpful": bool(helpful),
            "comment": (comment or "").strip() or False if not helpful else False,
        }
        vote = self.search([("article_id", "=", article.id), *voter], limit=1)
        if vote:
            vote.write(values)
            return vote
        return self.create(
            {
                "article_id": article.id,
                "user_id": user.id if user else False,
                "visitor_key": False if user else visitor_key,
                **values,
            }
        )
