from odoo import fields, models
from odoo.tools import SQL


class CrmClientSegmentHistory(models.Model):
    """A client's ABC class and RFM segment at the end of each month."""

    _name = "crm.client.segment.history"
    _description = "Client Segment History"
    _order = "month desc, partner_id"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    month = fields.Date(required=True, index=True, readonly=True, help="The month's last day.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    abc_class = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC Class", readonly=True
    )
    r_score = fields.Integer(string="Recency", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="Frequency", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="Monetary", readonly=True, aggregator="avg")
    rfm_segment_id = fields.Many2one("crm.rfm.segment", string="RFM Segment", readonly=True)
    revenue = fields.Monetary(readonly=True)

    _sql_constraints = [
        (
            "client_month_unique",
            "UNIQUE (company_id, partner_id, month)",
            "A client has one snapshot per company and month.",
        )
    ]

    def _store_snapshot(self, analysis, month):
        """Copy the classes of ``analysis`` (computed as of the month's last day)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
DELETE FROM crm_client_segment_history WHERE company_id = %(company)s AND month = %(month)s;
INSERT INTO crm_client_segment_history
       (company_id, partner_id, user_id, month, abc_class, r_score, f_score, m_score,
        rfm_segment_id, revenue, create_uid, write_uid, create_date, write_date)
SELECT company_id, partner_id, user_id, %(month)s, abc_class, r_score, f_score, m_score,
       rfm_segment_id, revenue, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
       now() AT TIME ZONE 'UTC'
  FROM crm_client_value
 WHERE analysis_id = %(analysis)s AND purchase_count > 0
""",
                company=analysis.company_id.id,
                month=month,
                analysis=analysis.id,
                uid=self.env.uid,
            )
        )
        self.invalidate_model()
