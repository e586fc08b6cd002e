from odoo import api, fields, models, tools
from odoo.tools import SQL


class CrmAnniversaryReport(models.Model):
    """Next founding and cooperation anniversary of every partner, from today on."""

    _name = "crm.anniversary.report"
    _description = "Client Anniversaries"
    _auto = False
    _depends = {
        "res.partner": [
            "active",
            "user_id",
            "company_id",
            "founding_date",
            "first_order_date",
            "founding_reminded_years",
            "cooperation_reminded_years",
        ],
        "res.company": ["anniversary_horizon_days", "anniversary_round_years"],
    }
    _order = "anniversary_date, partner_id"

    partner_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection(
        [("founding", "Founding"), ("cooperation", "Cooperation")], readonly=True
    )
    origin_date = fields.Date(string="Since", readonly=True)
    anniversary_date = fields.Date(readonly=True)
    years = fields.Integer(readonly=True)
    days_left = fields.Integer(readonly=True)
    is_round = fields.Boolean(
        string="Noteworthy",
        readonly=True,
        help="Every cooperation anniversary, and founding anniversaries in round years.",
    )
    reminder_due = fields.Boolean(
        readonly=True,
        help="Noteworthy, within the company's reminder horizon, and not reminded yet.",
    )

    @api.model
    def _anniversary_query(self, today):
        """Next anniversary per partner and kind, as seen on ``today`` (an SQL date)."""
        return SQL(
            """
            WITH origin AS (
                SELECT p.id AS partner_id, p.user_id, p.company_id,
                       'founding' AS kind, p.founding_date AS origin_date,
                       p.founding_reminded_years AS reminded_years, 0 AS kind_index
                  FROM res_partner p
                 WHERE p.active AND p.founding_date IS NOT NULL
                UNION ALL
                SELECT p.id, p.user_id, p.company_id,
                       'cooperation', p.first_order_date,
                       p.cooperation_reminded_years, 1
                  FROM res_partner p
                 WHERE p.active AND p.first_order_date IS NOT NULL
            ), dated AS (
                SELECT o.*, n.years,
                       (o.origin_date + make_interval(years => n.years))::date
                           AS anniversary_date,
                       c.anniversary_horizon_days,
                       GREATEST(c.anniversary_round_years, 1) AS round_years
                  FROM origin o
                  -- years of the next anniversary falling on today or later
                  CROSS JOIN LATERAL (
                       SELECT y.diff + CASE
                                  WHEN (o.origin_date + make_interval(years => y.diff))::date
                                       < %(today)s THEN 1 ELSE 0 END AS years
                         FROM (SELECT (EXTRACT(YEAR FROM %(today)s)
                                       - EXTRACT(YEAR FROM o.origin_date))::int AS diff) y
                  ) n
                  -- settings of the partner's company, or of the main company
                  JOIN res_company c ON c.id = COALESCE(
                       o.company_id, (SELECT MIN(id) FROM res_company))
                 WHERE n.years > 0
            ), flagged AS (
                SELECT d.*, (d.anniversary_date - %(today)s) AS days_left,
                       (d.kind = 'cooperation' OR mod(d.years, d.round_years) = 0) AS is_round
                  FROM dated d
            )
            SELECT f.partner_id * 2 + f.kind_index AS id,
                   f.partner_id, f.user_id, f.company_id, f.kind, f.origin_date,
                   f.anniversary_date, f.years, f.days_left, f.is_round,
                   f.is_round AND f.days_left <= f.anniversary_horizon_days
                       AND f.years > COALESCE(f.reminded_years, 0) AS reminder_due
              FROM flagged f
            """,
            today=today,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._anniversary_query(SQL("CURRENT_DATE")),
            )
        )
