from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_clv_horizon_months = fields.Integer(
        related="company_id.crm_clv_horizon_months", readonly=False
    )
    crm_clv_discount_rate = fields.Float(related="company_id.crm_clv_discount_rate", readonly=False)
    crm_purchase_model = fields.Selection(related="company_id.crm_purchase_model", readonly=False)
    crm_one_time_share_percent = fields.Float(
        related="company_id.crm_one_time_share_percent", readonly=False
    )
    crm_churn_at_risk_factor = fields.Float(
        related="company_id.crm_churn_at_risk_factor", readonly=False
    )
    crm_churn_dormant_factor = fields.Float(
        related="company_id.crm_churn_dormant_factor", readonly=False
    )
    crm_churn_lost_factor = fields.Float(related="company_id.crm_churn_lost_factor", readonly=False)
    crm_one_time_at_risk_days = fields.Integer(
        related="company_id.crm_one_time_at_risk_days", readonly=False
    )
    crm_one_time_dormant_days = fields.Integer(
        related="company_id.crm_one_time_dormant_days", readonly=False
    )
    crm_one_time_lost_days = fields.Integer(
        related="company_id.crm_one_time_lost_days", readonly=False
    )
