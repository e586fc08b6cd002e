from odoo import fields, models, tools
from odoo.tools import SQL


class CrmClientCohortReport(models.Model):
    """Clients by the month of their first purchase × the months since: one row per client
    and month from the first purchase to the analysis' date, ``retained`` 100 when the client
    bought in that month. Its average over any group is the share still buying."""

    _name = "crm.client.cohort.report"
    _description = "Client Cohorts"
    _auto = False
    _order = "cohort_month desc, months_since"

    analysis_id = fields.Many2one("crm.client.analysis", readonly=True)
    is_current = fields.Boolean(string="Current", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    rfm_segment_id = fields.Many2one("crm.rfm.segment", string="RFM Segment", readonly=True)
    abc_class = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC Class", readonly=True
    )
    cohort_month = fields.Date(string="First Purchase Month", readonly=True)
    months_since = fields.Integer(readonly=True, aggregator=None)
    retained = fields.Float(
        string="Still Buying (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the cohort's clients who bought in that month.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE VIEW %(table)s AS (
    SELECT v.id * 1000 + k.months_since AS id,
           v.analysis_id, a.is_current, v.company_id, v.partner_id, v.user_id,
           v.rfm_segment_id, v.abc_class,
           date_trunc('month', v.first_purchase_date)::date AS cohort_month,
           k.months_since,
           CASE WHEN EXISTS (
                    SELECT 1 FROM account_move m
                     WHERE m.commercial_partner_id = v.partner_id
                       AND m.company_id = v.company_id
                       AND m.state = 'posted'
                       AND m.move_type = 'out_invoice'
                       AND m.invoice_date >= date_trunc('month', v.first_purchase_date)
                                             + make_interval(months => k.months_since)
                       AND m.invoice_date < date_trunc('month', v.first_purchase_date)
                                            + make_interval(months => k.months_since + 1)
                       AND m.invoice_date <= v.as_of_date)
                THEN 100.0 ELSE 0.0 END AS retained
      FROM crm_client_value v
      JOIN crm_client_analysis a ON a.id = v.analysis_id
     CROSS JOIN LATERAL generate_series(
           0,
           (EXTRACT(YEAR FROM v.as_of_date)::int * 12 + EXTRACT(MONTH FROM v.as_of_date)::int)
           - (EXTRACT(YEAR FROM v.first_purchase_date)::int * 12
              + EXTRACT(MONTH FROM v.first_purchase_date)::int)
     ) AS k(months_since)
     WHERE v.first_purchase_date IS NOT NULL
)
""",
                table=SQL.identifier(self._table),
            )
        )
