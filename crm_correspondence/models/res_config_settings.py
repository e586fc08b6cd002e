from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    correspondence_reply_days = fields.Integer(
        related="company_id.correspondence_reply_days", readonly=False
    )
