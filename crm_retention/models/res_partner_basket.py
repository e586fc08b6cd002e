from odoo import api, fields, models

SUGGESTION_GROUPS = "sales_team.group_sale_salesman,account.group_account_invoice"


class ResPartner(models.Model):
    _inherit = "res.partner"

    basket_suggestion_ids = fields.Many2many(
        "crm.product.suggestion",
        string="Suggested Products",
        compute="_compute_basket_suggestion_ids",
        compute_sudo=False,
        groups=SUGGESTION_GROUPS,
    )

    @api.depends_context("company")
    def _compute_basket_suggestion_ids(self):
        # one search for the whole list: the suggestions of the clients' commercial
        # partners in the current company, under the reader's record rules
        suggestions = self.env["crm.product.suggestion"].search(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
            ]
        )
        for partner in self:
            partner.basket_suggestion_ids = suggestions.filtered(
                lambda s, partner=partner: s.partner_id == partner.commercial_partner_id
            )
