from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_abc_basis = fields.Selection(related="company_id.crm_abc_basis", readonly=False)
    crm_abc_a_percent = fields.Float(related="company_id.crm_abc_a_percent", readonly=False)
    crm_abc_b_percent = fields.Float(related="company_id.crm_abc_b_percent", readonly=False)
