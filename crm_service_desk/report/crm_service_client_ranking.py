"""Troublesome clients: one row per ticket with its factors (complaint, return and its
amount, low ratings, SLA breaches) and its score under the weights of the ticket's company,
so that a period is a date filter and a client's rank is the sum of its rows."""

from odoo import fields, models
from odoo.tools import SQL

from ..models.crm_service_reason import REASON_KINDS

# a rating up to this value (of 1, 3, 5: the unhappy face) counts as low
LOW_RATING_MAX = 2


class CrmServiceClientRanking(models.Model):
    _name = "crm.service.client.ranking"
    _description = "Troublesome Clients"
    _auto = False
    _order = "score desc, date desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    date = fields.Datetime(string="Created", readonly=True)
    reason_id = fields.Many2one("crm.service.reason", readonly=True)
    reason_kind = fields.Selection(REASON_KINDS, readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    complaint_count = fields.Integer(string="Complaints", readonly=True, aggregator="sum")
    return_count = fields.Integer(
        string="Returns",
        readonly=True,
        aggregator="sum",
        help="Tickets with a return reason or with returned items.",
    )
    return_amount = fields.Monetary(
        string="Returned Amount", readonly=True, aggregator="sum", currency_field="currency_id"
    )
    low_rating_count = fields.Integer(
        string="Low Ratings",
        readonly=True,
        aggregator="sum",
        help="Ratings given by the client with the unhappy face.",
    )
    sla_breach_count = fields.Integer(
        string="SLA Breaches",
        readonly=True,
        aggregator="sum",
        help="Response and resolution targets failed or reached late.",
    )
    score = fields.Float(
        readonly=True,
        aggregator="sum",
        digits=(16, 2),
        help="Each factor times its weight (Helpdesk settings of the ticket's company); the "
        "returned amount counts per 1,000 of the company's currency.",
    )

    def _factors(self):
        return SQL(
            """
            SELECT ticket.id,
                   ticket.id AS ticket_id,
                   ticket.commercial_partner_id,
                   ticket.company_id,
                   ticket.team_id,
                   ticket.user_id,
                   ticket.create_date AS date,
                   ticket.reason_id,
                   reason.kind AS reason_kind,
                   1 AS ticket_count,
                   CASE WHEN reason.kind = 'complaint' THEN 1 ELSE 0 END AS complaint_count,
                   CASE WHEN reason.kind = 'return' OR returned.lines > 0 THEN 1 ELSE 0 END
                       AS return_count,
                   COALESCE(returned.amount, 0.0) AS return_amount,
                   COALESCE(rated.low, 0) AS low_rating_count,
                   COALESCE(sla.breaches, 0) AS sla_breach_count
              FROM helpdesk_ticket ticket
         LEFT JOIN crm_service_reason reason ON reason.id = ticket.reason_id
         LEFT JOIN LATERAL (
                       SELECT COUNT(*) AS lines, SUM(line.amount) AS amount
                         FROM crm_service_return_line line
                        WHERE line.ticket_id = ticket.id
                   ) returned ON TRUE
         LEFT JOIN LATERAL (
                       SELECT COUNT(*) AS low
                         FROM rating_rating rating
                        WHERE rating.res_model = 'helpdesk.ticket'
                          AND rating.res_id = ticket.id
                          AND rating.consumed
                          AND rating.rating > 0
                          AND rating.rating <= %(low)s
                   ) rated ON TRUE
         LEFT JOIN LATERAL (
                       SELECT COUNT(*) AS breaches
                         FROM crm_service_ticket_sla target
                        WHERE target.ticket_id = ticket.id
                          AND (target.state = 'failed'
                               OR (target.state = 'reached' AND target.exceeded_hours > 0))
                   ) sla ON TRUE
             WHERE ticket.commercial_partner_id IS NOT NULL
               AND ticket.active
               AND ticket.duplicate_id IS NULL
            """,
            low=LOW_RATING_MAX,
        )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT factor.*,
                   company.currency_id,
                   ROUND((
                       COALESCE(company.service_rank_weight_ticket, 0) * factor.ticket_count
                     + COALESCE(company.service_rank_weight_complaint, 0) * factor.complaint_count
                     + COALESCE(company.service_rank_weight_return, 0) * factor.return_count
                     + COALESCE(company.service_rank_weight_return_amount, 0)
                           * factor.return_amount / 1000.0
                     + COALESCE(company.service_rank_weight_low_rating, 0)
                           * factor.low_rating_count
                     + COALESCE(company.service_rank_weight_sla_breach, 0)
                           * factor.sla_breach_count
                   )::numeric, 2)::float AS score
              FROM (%s) factor
              JOIN res_company company ON company.id = factor.company_id
            """,
            self._factors(),
        )
