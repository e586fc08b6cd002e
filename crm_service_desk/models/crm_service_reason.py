"""Why a client complained or returned goods: a short list kept by the helpdesk managers."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

REASON_KINDS = [("complaint", "Complaint"), ("return", "Return")]


class CrmServiceReason(models.Model):
    _name = "crm.service.reason"
    _description = "Complaint or Return Reason"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        REASON_KINDS,
        required=True,
        default="complaint",
        help="A complaint is about the goods or the service; a return takes goods back, "
        "with the returned items and their amount on the ticket.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        "crm_service_reason_team_rel",
        "reason_id",
        "team_id",
        string="Teams",
        help="Offered only on the tickets of these teams; empty: on every team.",
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Offered only in this company; empty: in every company."
    )

    @api.constrains("company_id", "team_ids")
    def _check_team_company(self):
        for reason in self.filtered("company_id"):
            foreign = reason.team_ids.filtered(
                lambda team, company=reason.company_id: (
                    team.company_id and team.company_id != company
                )
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The reason %(reason)s of %(company)s cannot be offered on the team "
                        "%(team)s of another company.",
                        reason=reason.display_name,
                        company=reason.company_id.name,
                        team=foreign[0].display_name,
                    )
                )
