from odoo import fields, models


class CrmClientLoss(models.Model):
    """One loss of a client; kept after reactivation so churn stays measurable."""

    _name = "crm.client.loss"
    _description = "Client Loss"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    lost_reason_id = fields.Many2one("crm.lost.reason", required=True, ondelete="restrict")
    competitor_id = fields.Many2one("res.partner", ondelete="set null")
    note = fields.Text()
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    company_id = fields.Many2one("res.company", index=True)
    reactivation_date = fields.Date(readonly=True)
    reactivated_by_id = fields.Many2one("res.users", readonly=True)
