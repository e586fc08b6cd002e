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
