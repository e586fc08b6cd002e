from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartnerCategory(models.Model):
    _inherit = "res.partner.category"

    minimum_order_amount = fields.Monetary(
        currency_field="minimum_order_currency_id",
        groups="sales_team.group_sale_manager",  # else a salesperson could lower it
        help="Untaxed amount, in the company currency, below which an order of a client with "
        "this tag cannot be confirmed (the highest of the client's tags applies). "
        "0 means no minimum.",
    )
    minimum_order_currency_id = fields.Many2one(
        "res.currency", compute="_compute_minimum_order_currency_id"
    )

    @api.depends_context("company")
    def _compute_minimum_order_currency_id(self):
        self.minimum_order_currency_id = self.env.company.currency_id

    @api.constrains("minimum_order_amount")
    def _check_minimum_order_amount(self):
        for category in self:
            if category.minimum_order_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum order amount of the tag %(tag)s cannot be negative.",
                        tag=category.display_name,
                    )
                )
