"""Each client's purchase history summarised for the lifetime models (``clv``), as of a date.

One purchase is one day with a posted customer invoice (as ``purchase_count`` of the client
figures); the first purchase is not a repeat one. Spend is the untaxed invoiced amount of a
purchase day in company currency, before credit notes.
"""

from odoo.tools import SQL

SUMMARY_COLUMNS = (
    "partner_id",
    "user_id",
    "purchase_count",
    "first_day",
    "last_day",
    "repeat_spend",
    "mean_spend",
    "median_gap_days",
)


def summaries_sql(company_id, as_of, partner_ids=None):
    """SELECT <SUMMARY_COLUMNS> (days counted from ``as_of``: ``first_day`` and ``last_day``
    are the days from the first and last purchase to the date) for the clients of the company."""
    partner_filter = (
        SQL("AND m.commercial_partner_id = ANY(%s)", list(partner_ids))
        if partner_ids is not None
        else SQL("")
    )
    return SQL(
        """
WITH days AS (
    SELECT m.commercial_partner_id AS partner_id, m.invoice_date AS day,
           SUM(m.amount_untaxed_signed) AS amount
      FROM account_move m
     WHERE m.company_id = %(company)s
       AND m.state = 'posted'
       AND m.move_type = 'out_invoice'
       AND m.invoice_date <= %(as_of)s
       %(partner_filter)s
  GROUP BY m.commercial_partner_id, m.invoice_date
),
ranked AS (
    SELECT partner_id, day, amount,
           row_number() OVER (PARTITION BY partner_id ORDER BY day) AS rank,
           day - lag(day) OVER (PARTITION BY partner_id ORDER BY day) AS gap
      FROM days
)
SELECT r.partner_id,
       COALESCE(p.user_id, 0) AS user_id,
       COUNT(*) AS purchase_count,
       %(as_of)s::date - MIN(r.day) AS first_day,
       %(as_of)s::date - MAX(r.day) AS last_day,
       COALESCE(SUM(r.amount) FILTER (WHERE r.rank > 1) / NULLIF(COUNT(*) - 1, 0), 0)
           AS repeat_spend,
       AVG(r.amount) AS mean_spend,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.gap) AS median_gap_days
  FROM ranked r
  JOIN res_partner p ON p.id = r.partner_id
GROUP BY r.partner_id, p.user_id
ORDER BY r.partner_id
""",
        company=company_id,
        as_of=as_of,
        partner_filter=partner_filter,
    )
