"""Service analysis: one row per ticket, with its response and resolution working hours,
its SLA outcome and its customer's last rating, to pivot by team, agent, tier and client.
The client's service portrait on the partner form reads the same rows."""

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_SATISFIED

from ..models.crm_service_sla_term import PRIORITIES
from ..models.res_partner_service_tier import SERVICE_TIERS


class CrmServiceTicketReport(models.Model):
    _name = "crm.service.ticket.report"
    _description = "Service Analysis"
    _auto = False
    _order = "create_date desc"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    service_tier = fields.Selection(SERVICE_TIERS, readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    stage_id = fields.Many2one("helpdesk.ticket.stage", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    create_date = fields.Datetime(string="Created", readonly=True)
    closed_date = fields.Datetime(string="Closed", readonly=True)
    first_response_hours = fields.Float(
        string="First Response (working hours)",
        readonly=True,
        aggregator="avg",
        help="Working hours from the ticket's creation to the first public reply of an "
        "employee, pauses left out; empty while it has no such reply.",
    )
    resolution_hours = fields.Float(
        string="Resolution (working hours)",
        readonly=True,
        aggregator="avg",
        help="Working hours from the ticket's creation to its solving, pauses left out; "
        "empty while it is not solved.",
    )
    sla_decided = fields.Integer(
        string="# SLA Targets Decided",
        readonly=True,
        aggregator="sum",
        help="Targets reached or failed.",
    )
    sla_reached = fields.Integer(
        string="# SLA Targets Met",
        readonly=True,
        aggregator="sum",
        help="Targets reached in time.",
    )
    sla_hit_rate = fields.Float(
        string="SLA Hit Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Of the targets decided (reached or failed), the share reached in time. "
        "Totals count every target, as the SLA Analysis does.",
    )
    rating = fields.Float(
        readonly=True,
        aggregator="avg",
        help="The customer's last rating of the ticket (1 to 5); empty if not rated.",
    )
    satisfied = fields.Float(
        string="Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        help="Of the rated tickets, the share whose last rating is satisfied (4 or 5).",
    )
    nbr = fields.Integer(string="# Tickets", readonly=True, aggregator="sum")

    def _select(self):
        return SQL(
            """
            SELECT ticket.id,
                   ticket.id AS ticket_id,
                   ticket.team_id,
                   ticket.user_id,
                   ticket.company_id,
                   ticket.commercial_partner_id,
                   partner.service_tier,
                   ticket.priority,
                   ticket.category_id,
                   ticket.stage_id,
                   NOT COALESCE(stage.closed, FALSE) AS is_open,
                   ticket.create_date,
                   ticket.closed_date,
                   CASE WHEN response.reached_date IS NOT NULL THEN response.working_hours END
                       AS first_response_hours,
                   CASE WHEN resolution.reached_date IS NOT NULL
                        THEN resolution.working_hours END AS resolution_hours,
                   %(decided)s AS sla_decided,
                   %(reached)s AS sla_reached,
                   100.0 * %(reached)s / NULLIF(%(decided)s, 0) AS sla_hit_rate,
                   last_rating.rating,
                   CASE WHEN last_rating.rating >= %(satisfied)s THEN 100.0
                        WHEN last_rating.rating IS NOT NULL THEN 0.0 END AS satisfied,
                   1 AS nbr
            """,
            decided=SQL(
                "(CASE WHEN response.state IN ('reached', 'failed') THEN 1 ELSE 0 END"
                " + CASE WHEN resolution.state IN ('reached', 'failed') THEN 1 ELSE 0 END)"
            ),
            reached=SQL(
                "(CASE WHEN response.state = 'reached' THEN 1 ELSE 0 END"
                " + CASE WHEN resolution.state = 'reached' THEN 1 ELSE 0 END)"
            ),
            satisfied=RATING_LIMIT_SATISFIED,
        )

    def _from(self):
        return SQL(
            """
              FROM helpdesk_ticket ticket
         LEFT JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id
         LEFT JOIN res_partner partner ON partner.id = ticket.commercial_partner_id
         LEFT JOIN crm_service_ticket_sla response
                ON response.ticket_id = ticket.id AND response.kind = 'response'
         LEFT JOIN crm_service_ticket_sla resolution
                ON resolution.ticket_id = ticket.id AND resolution.kind = 'resolution'
         LEFT JOIN LATERAL (
                   SELECT rating.rating
                     FROM rating_rating rating
                    WHERE rating.res_model = 'helpdesk.ticket'
                      AND rating.res_id = ticket.id
                      AND rating.consumed
                      AND rating.rating >= %(min)s
                 ORDER BY rating.write_date DESC, rating.id DESC
                    LIMIT 1
                   ) last_rating ON TRUE
             WHERE ticket.active
            """,
            min=RATING_LIMIT_MIN,
        )

    @property
    def _table_query(self):
        # archived tickets are left out, as from the ticket list
        return SQL("%s %s", self._select(), self._from())

    def _read_group_select(self, aggregate_spec, query):
        """The hit rate of a group counts every target decided, not every ticket: the
        reached targets over the decided ones, as the SLA Analysis averages its lines."""
        if aggregate_spec == "sla_hit_rate:avg":
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, "sla_reached", query),
                self._field_to_sql(self._table, "sla_decided", query),
            )
        return super()._read_group_select(aggregate_spec, query)
