from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # lifetime value
    crm_clv_horizon_months = fields.Integer(
        string="Lifetime Value Horizon (months)",
        default=36,
        help="Predicted lifetime value: the margin expected over this many months.",
    )
    crm_clv_discount_rate = fields.Float(
        string="Discount Rate (% a year)",
        default=10.0,
        help="Future margin is discounted by this rate a year, month by month.",
    )
    crm_purchase_model = fields.Selection(
        [
            ("auto", "Automatic"),
            ("bgnbd", "BG/NBD"),
            ("paretonbd", "Pareto/NBD"),
        ],
        string="Purchase Model",
        default="auto",
        required=True,
        help="Automatic: Pareto/NBD when one-time buyers reach the share below, else BG/NBD "
        "(which counts every one-time buyer as still active).",
    )
    crm_one_time_share_percent = fields.Float(
        string="One-time Buyers Share for Pareto/NBD (%)", default=30.0
    )
    # churn status of a repeat buyer: days since the last purchase / usual interval
    crm_churn_at_risk_factor = fields.Float(
        string="At Risk After (intervals)",
        default=1.5,
        help="A repeat buyer is at risk when the days since the last purchase exceed this "
        "many of their usual intervals.",
    )
    crm_churn_dormant_factor = fields.Float(string="Dormant After (intervals)", default=3.0)
    crm_churn_lost_factor = fields.Float(string="Lost After (intervals)", default=6.0)
    # churn status of a one-time buyer: days since the purchase
    crm_one_time_at_risk_days = fields.Integer(
        string="One-time Buyer At Risk After (days)", default=90
    )
    crm_one_time_dormant_days = fields.Integer(
        string="One-time Buyer Dormant After (days)", default=180
    )
    crm_one_time_lost_days = fields.Integer(string="One-time Buyer Lost After (days)", default=365)

    @api.constrains(
        "crm_clv_horizon_months",
        "crm_clv_discount_rate",
        "crm_one_time_share_percent",
        "crm_churn_at_risk_factor",
        "crm_churn_dormant_factor",
        "crm_churn_lost_factor",
        "crm_one_time_at_risk_days",
        "crm_one_time_dormant_days",
        "crm_one_time_lost_days",
    )
    def _check_prediction_settings(self):
        for company in self:
            if not 1 <= company.crm_clv_horizon_months <= 120:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the lifetime value horizon must be 1 to 120 months.",
                        company=company.name,
                    )
                )
            if not 0 <= company.crm_clv_discount_rate < 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the discount rate must be at least 0%% and below 100%%.",
                        company=company.name,
                    )
                )
            if not 0 <= company.crm_one_time_share_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the share of one-time buyers must be 0%% to 100%%.",
                        company=company.name,
                    )
                )
            if not (
                1
                <= company.crm_churn_at_risk_factor
                < company.crm_churn_dormant_factor
                < company.crm_churn_lost_factor
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the churn thresholds in usual intervals must grow: "
                        "at risk (at least 1) < dormant < lost.",
                        company=company.name,
                    )
                )
            if not (
                1
                <= company.crm_one_time_at_risk_days
                < company.crm_one_time_dormant_days
                < company.crm_one_time_lost_days
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the one-time buyer thresholds in days must grow: "
                        "at risk (at least 1) < dormant < lost.",
                        company=company.name,
                    )
                )
