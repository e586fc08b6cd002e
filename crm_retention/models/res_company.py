from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    anniversary_horizon_days = fields.Integer(
        string="Anniversary Reminder Horizon (days)",
        default=30,
        help="Anniversaries falling within this many days get a reminder activity.",
    )
    anniversary_round_years = fields.Integer(
        string="Round Founding Anniversaries Every (years)",
        default=5,
        help="A founding anniversary is round when its number of years is a multiple of "
        "this value (5: 5, 10, 15… years).",
    )

    @api.constrains("anniversary_horizon_days", "anniversary_round_years")
    def _check_anniversary_settings(self):
        for company in self:
            if company.anniversary_horizon_days < 0 or company.anniversary_round_years < 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the anniversary horizon cannot be negative and round "
                        "anniversaries need a step of at least one year.",
                        company=company.name,
                    )
                )

    minimum_order_amount = fields.Monetary(
        currency_field="currency_id",
        help="Untaxed amount below which a sales order cannot be confirmed, unless it is the "
        "client's first order; client tags and clients may set their own. 0 means no minimum.",
    )

    @api.constrains("minimum_order_amount")
    def _check_minimum_order_amount(self):
        for company in self:
            if company.minimum_order_amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the minimum order amount cannot be negative.",
                        company=company.name,
                    )
                )
