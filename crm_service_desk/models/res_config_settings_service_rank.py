from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_rank_weight_ticket = fields.Float(
        related="company_id.service_rank_weight_ticket", readonly=False
    )
    service_rank_weight_complaint = fields.Float(
        related="company_id.service_rank_weight_complaint", readonly=False
    )
    service_rank_weight_return = fields.Float(
        related="company_id.service_rank_weight_return", readonly=False
    )
    service_rank_weight_return_amount = fields.Float(
        related="company_id.service_rank_weight_return_amount", readonly=False
    )
    service_rank_weight_low_rating = fields.Float(
        related="company_id.service_rank_weight_low_rating", readonly=False
    )
    service_rank_weight_sla_breach = fields.Float(
        related="company_id.service_rank_weight_sla_breach", readonly=False
    )
