"""SLA analysis: one row per ticket SLA target, to pivot by team, agent, tier and client."""

from odoo import fields, models
from odoo.tools import SQL

from ..models.crm_service_sla_term import PRIORITIES
from ..models.crm_service_ticket_sla import SLA_STATES
from ..models.res_partner_service_tier import SERVICE_TIERS


class CrmServiceSlaReport(models.Model):
    _name = "crm.service.sla.report"
    _description = "SLA Analysis"
    _auto = False
    _order = "date_start desc"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    service_tier = fields.Selection(SERVICE_TIERS, readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    kind = fields.Selection(
        [("response", "Response"), ("resolution", "Resolution")], string="Target", readonly=True
    )
    state = fields.Selection(SLA_STATES, readonly=True)
    date_start = fields.Datetime(string="Created", readonly=True)
    deadline = fields.Datetime(readonly=True)
    reached_date = fields.Datetime(string="Reached", readonly=True)
    target_hours = fields.Float(string="Target (working hours)", readonly=True, aggregator="avg")
    working_hours = fields.Float(string="Working Hours Taken", readonly=True, aggregator="avg")
    exceeded_hours = fields.Float(string="Exceeded Working Hours", readonly=True, aggregator="avg")
    paused_hours = fields.Float(string="Paused Working Hours", readonly=True, aggregator="avg")
    hit_rate = fields.Float(
        string="Hit Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Of the targets decided (reached or failed), the share reached in time.",
    )
    nbr = fields.Integer(string="# Targets", readonly=True, aggregator="sum")

    def _select(self):
        return SQL(
            """
            SELECT line.id,
                   line.ticket_id,
                   ticket.team_id,
                   ticket.user_id,
                   line.company_id,
                   ticket.commercial_partner_id,
                   partner.service_tier,
                   ticket.priority,
                   ticket.category_id,
                   line.kind,
                   line.state,
                   line.date_start,
                   line.deadline,
                   line.reached_date,
                   line.target_hours,
                   CASE WHEN line.reached_date IS NOT NULL THEN line.working_hours END
                       AS working_hours,
                   line.exceeded_hours,
                   line.paused_hours,
                   CASE line.state WHEN 'reached' THEN 100.0 WHEN 'failed' THEN 0.0 END
                       AS hit_rate,
                   1 AS nbr
            """
        )

    def _from(self):
        return SQL(
            """
              FROM crm_service_ticket_sla line
              JOIN helpdesk_ticket ticket ON ticket.id = line.ticket_id
         LEFT JOIN res_partner partner ON partner.id = ticket.commercial_partner_id
            """
        )

    @property
    def _table_query(self):
        return SQL("%s %s", self._select(), self._from())
