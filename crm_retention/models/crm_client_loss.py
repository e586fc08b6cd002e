from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmClientLoss(models.Model):
    """One loss of a client; kept after reactivation so churn stays measurable."""

    _name = "crm.client.loss"
    _description = "Client Loss"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",  # the churn history outlives no client silently
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    lost_reason_id = fields.Many2one("crm.lost.reason", required=True, ondelete="restrict")
    competitor_id = fields.Many2one("res.partner", ondelete="set null", check_company=True)
    note = fields.Text()
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    company_id = fields.Many2one("res.company", index=True)
    reactivation_date = fields.Date(readonly=True)
    reactivated_by_id = fields.Many2one("res.users", readonly=True)

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for loss in self:
            if loss.date > today:
                raise ValidationError(
                    self.env._(
                        "The loss of %(client)s cannot be dated in the future.",
                        client=loss.partner_id.display_name,
                    )
                )
