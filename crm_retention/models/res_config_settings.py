from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    anniversary_horizon_days = fields.Integer(
        related="company_id.anniversary_horizon_days", readonly=False
    )
    anniversary_round_years = fields.Integer(
        related="company_id.anniversary_round_years", readonly=False
    )
    minimum_order_amount = fields.Monetary(
        related="company_id.minimum_order_amount", readonly=False
    )
