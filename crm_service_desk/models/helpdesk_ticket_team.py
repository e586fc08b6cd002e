from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="The SLA deadlines of the team's tickets count these working hours, in the "
        "calendar's time zone, without its public holidays.",
    )
    sla_at_risk_percent = fields.Integer(
        string="SLA at risk at (%)",
        default=80,
        help="When this share of an SLA target's working hours is spent, the team leader "
        "gets one activity on the ticket.",
    )
    sla_term_ids = fields.One2many("crm.service.sla.term", "team_id", string="SLA Terms")

    @api.constrains("sla_at_risk_percent")
    def _check_sla_at_risk_percent(self):
        for team in self:
            if not 0 < team.sla_at_risk_percent < 100:
                raise ValidationError(
                    self.env._(
                        "The SLA at-risk share of the team “%s” must be between 1 and 99 percent.",
                        team.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "resource_calendar_id" in vals:
            self.env["helpdesk.ticket"]._sla_refresh([("team_id", "in", self.ids)])
        return res

    @api.model
    def _sla_calendar(self, team):
        """The working calendar of ``team``'s SLAs: the team's, else its company's."""
        return (
            team.resource_calendar_id
            or team.company_id.resource_calendar_id
            or self.env.company.resource_calendar_id
        )
