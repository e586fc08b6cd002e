from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_basket_min_count = fields.Integer(related="company_id.crm_basket_min_count", readonly=False)
    crm_basket_significance = fields.Float(
        related="company_id.crm_basket_significance", readonly=False
    )
    crm_basket_next_days = fields.Integer(related="company_id.crm_basket_next_days", readonly=False)
    crm_basket_suggestion_count = fields.Integer(
        related="company_id.crm_basket_suggestion_count", readonly=False
    )
