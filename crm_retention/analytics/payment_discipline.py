"""Payment discipline per instalment (common table expressions over ``moves``).

An instalment is a receivable line of a posted customer invoice, with its due date
(``date_maturity``) and amount (``balance``). Payments are the partial reconciliations that
settle it up to the as-of date, dated by ``max_date``; a match with a credit note or with an
exchange-difference entry is not a payment (it still lowers what remains due).
"""

from odoo.tools import SQL


def payment_ctes(company_id, as_of):
    """The CTEs ``pay``, ``habit`` and ``overdue`` (each keyed by partner_id); they read the
    ``moves`` CTE of the figures query."""
    return SQL(
        """
instalments AS MATERIALIZED (
    SELECT l.id, mv.partner_id, mv.id AS move_id, mv.invoice_date, l.date_maturity, l.balance
      FROM moves mv
      JOIN account_move_line l ON l.move_id = mv.id AND l.display_type = 'payment_term'
     WHERE mv.move_type = 'out_invoice'
),
settlements AS MATERIALIZED (
    SELECT i.id AS instalment_id, i.partner_id, i.move_id, i.invoice_date, i.date_maturity,
           p.amount, p.max_date,
           NOT (cm.move_type = 'out_refund'
                OR cm.journal_id IS NOT DISTINCT FROM company.currency_exchange_journal_id
                OR EXISTS (SELECT 1 FROM account_partial_reconcile x
                            WHERE x.exchange_move_id = cm.id)
                OR EXISTS (SELECT 1 FROM account_full_reconcile f
                            WHERE f.exchange_move_id = cm.id)) AS is_payment
      FROM instalments i
      JOIN account_partial_reconcile p ON p.debit_move_id = i.id AND p.max_date <= %(as_of)s
      JOIN account_move_line cl ON cl.id = p.credit_move_id
      JOIN account_move cm ON cm.id = cl.move_id
      JOIN res_company company ON company.id = %(company)s
),
pay AS (
    SELECT partner_id,
           SUM(amount) AS pay_amount,
           SUM(amount * (max_date - invoice_date)) / NULLIF(SUM(amount), 0) AS pay_days_to_pay,
           SUM(amount * GREATEST(max_date - date_maturity, 0)) / NULLIF(SUM(amount), 0)
               AS pay_days_late,
           100 * COALESCE(SUM(amount) FILTER (WHERE max_date > date_maturity), 0)
               / NULLIF(SUM(amount), 0) AS pay_late_percent
      FROM settlements
     WHERE is_payment
  GROUP BY partner_id
),
habit AS (
    -- an invoice is paid at once when all its payments share one date
    SELECT partner_id,
           COUNT(*) FILTER (WHERE dates = 1) AS paid_at_once_count,
           COUNT(*) FILTER (WHERE dates > 1) AS paid_in_instalments_count
      FROM (SELECT partner_id, move_id, COUNT(DISTINCT max_date) AS dates
              FROM settlements WHERE is_payment GROUP BY partner_id, move_id) invoices
  GROUP BY partner_id
),
residuals AS (
    SELECT i.partner_id, i.date_maturity,
           i.balance - COALESCE(SUM(s.amount), 0) AS residual
      FROM instalments i
      LEFT JOIN settlements s ON s.instalment_id = i.id
     WHERE i.date_maturity < %(as_of)s
  GROUP BY i.id, i.partner_id, i.date_maturity, i.balance
),
overdue AS (
    SELECT partner_id,
           SUM(residual) FILTER (WHERE residual > 0.005) AS overdue_amount,
           %(as_of)s::date - MIN(date_maturity) FILTER (WHERE residual > 0.005) AS overdue_days
      FROM residuals
  GROUP BY partner_id
)""",
        company=company_id,
        as_of=as_of,
    )
