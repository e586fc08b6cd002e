from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_basket_min_count = fields.Integer(
        string="Basket Rules: Minimum Count",
        default=3,
        help='A pair or a "bought next" rule is kept when found in at least this many baskets.',
    )
    crm_basket_significance = fields.Float(
        string="Basket Rules: Significance Level",
        default=0.05,
        digits=(16, 4),
        help="A pair is kept when the chance of seeing it that often by accident (one-sided "
        "Fisher exact test) is at most this level; 1 keeps every pair.",
    )
    crm_basket_next_days = fields.Integer(
        string="Bought Next Within (days)",
        default=90,
        help='A product is "bought next" when bought in a later basket at most this many '
        "days after the first.",
    )
    crm_basket_suggestion_count = fields.Integer(
        string="Suggestions per Client",
        default=5,
        help="The best suggested products kept per client.",
    )

    @api.constrains(
        "crm_basket_min_count",
        "crm_basket_significance",
        "crm_basket_next_days",
        "crm_basket_suggestion_count",
    )
    def _check_basket_settings(self):
        for company in self:
            if company.crm_basket_min_count < 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the minimum count of a basket rule must be at least 1.",
                        company=company.name,
                    )
                )
            if not 0 < company.crm_basket_significance <= 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the significance level of the basket rules must be above "
                        "0 and at most 1 (0.05 is usual).",
                        company=company.name,
                    )
                )
            if company.crm_basket_next_days < 1:
                raise ValidationError(
                    self.env._(
                        '%(company)s: the "bought next" window must be at least 1 day.',
                        company=company.name,
                    )
                )
            if company.crm_basket_suggestion_count < 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s: at least 1 suggested product per client.",
                        company=company.name,
                    )
                )
