"""Per-client figures from posted customer invoices, credit notes and confirmed orders."""

from odoo.tools import SQL

from .payment_discipline import payment_ctes

# the columns the figures query returns, in order (besides partner_id and user_id); the
# payment discipline ones last
PAYMENT_COLUMNS = (
    "pay_amount",
    "pay_days_to_pay",
    "pay_days_late",
    "pay_late_percent",
    "overdue_amount",
    "overdue_days",
    "paid_at_once_count",
    "paid_in_instalments_count",
    "payment_habit",
)
FIGURE_COLUMNS = (
    "first_purchase_date",
    "last_purchase_date",
    "purchase_count",
    "invoice_count",
    "refund_count",
    "order_count",
    "order_amount",
    "average_order_value",
    "revenue",
    "refund_amount",
    "cost",
    "cost_basis",
    "margin",
    "margin_percent",
    "ltv_historical",
    "median_gap_days",
    "gap_cv",
    "regularity",
    "addon_count",
    "addon_amount",
    "discount_amount",
    "recency_days",
    *PAYMENT_COLUMNS,
)


def client_figures_sql(company_id, as_of, partner_ids=None):
    """SELECT partner_id, user_id, <FIGURE_COLUMNS> for the clients of ``company_id`` as of
    the date ``as_of``; only ``partner_ids`` (commercial partners) when given."""
    if partner_ids is None:
        move_filter = order_filter = SQL("")
        # all the company's lines: one grouped pass over the invoice/order line links
        order_line_join = SQL(
            """LEFT JOIN (SELECT invoice_line_id, min(order_line_id) AS order_line_id
                   FROM sale_order_line_invoice_rel GROUP BY invoice_line_id) rel
                 ON rel.invoice_line_id = l.id"""
        )
    else:
        # a few clients' lines: an index lookup each, whatever the size of the base
        order_line_join = SQL(
            """LEFT JOIN LATERAL (SELECT min(r.order_line_id) AS order_line_id
                   FROM sale_order_line_invoice_rel r WHERE r.invoice_line_id = l.id) rel
                 ON TRUE"""
        )
        move_filter = SQL("AND m.commercial_partner_id = ANY(%s)", list(partner_ids))
        order_filter = SQL("AND p.commercial_partner_id = ANY(%s)", list(partner_ids))
    return SQL(
        """
WITH moves AS MATERIALIZED (
    -- posted customer invoices and credit notes up to the as-of date
    SELECT m.id, m.commercial_partner_id AS partner_id, m.move_type, m.invoice_date,
           COALESCE(NULLIF(m.invoice_currency_rate, 0), 1.0) AS rate
      FROM account_move m
     WHERE m.company_id = %(company)s
       AND m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund')
       AND m.invoice_date <= %(as_of)s
       %(move_filter)s
),
lines AS MATERIALIZED (
    -- product lines: revenue in company currency (untaxed), the cost of the time of sale
    -- (sale_margin's purchase_price of the order line, in the order's currency) or, for a
    -- line without an order, the product's current cost
    SELECT l.id, mv.partner_id, mv.move_type, mv.invoice_date,
           -l.balance AS revenue,
           CASE WHEN mv.move_type = 'out_refund' THEN -1 ELSE 1 END
               * l.quantity * COALESCE(
                   sol.purchase_price / mv.rate,
                   (pp.standard_price ->> %(company_key)s)::numeric,
                   0) AS cost,
           sol.id IS NOT NULL AS sale_cost,
           CASE WHEN mv.move_type = 'out_invoice'
                THEN l.quantity * l.price_unit * COALESCE(l.discount, 0) / 100 / mv.rate
                ELSE 0 END AS discount,
           pp.product_tmpl_id
      FROM moves mv
      JOIN account_move_line l ON l.move_id = mv.id AND l.display_type = 'product'
      LEFT JOIN product_product pp ON pp.id = l.product_id
      %(order_line_join)s
      LEFT JOIN sale_order_line sol ON sol.id = rel.order_line_id
),
line_totals AS (
    SELECT partner_id,
           SUM(revenue) AS revenue,
           -SUM(revenue) FILTER (WHERE move_type = 'out_refund') AS refund_amount,
           SUM(cost) AS cost,
           COUNT(*) AS line_count,
           COUNT(*) FILTER (WHERE sale_cost) AS sale_cost_count,
           SUM(discount) AS discount_amount
      FROM lines
  GROUP BY partner_id
),
move_totals AS (
    SELECT partner_id,
           MIN(invoice_date) FILTER (WHERE move_type = 'out_invoice') AS first_purchase_date,
           MAX(invoice_date) FILTER (WHERE move_type = 'out_invoice') AS last_purchase_date,
           COUNT(DISTINCT invoice_date) FILTER (WHERE move_type = 'out_invoice') AS purchase_count,
           COUNT(*) FILTER (WHERE move_type = 'out_invoice') AS invoice_count,
           COUNT(*) FILTER (WHERE move_type = 'out_refund') AS refund_count
      FROM moves
  GROUP BY partner_id
),
gaps AS (
    -- days between consecutive purchase days
    SELECT partner_id,
           invoice_date - LAG(invoice_date) OVER (PARTITION BY partner_id ORDER BY invoice_date)
               AS gap
      FROM (SELECT DISTINCT partner_id, invoice_date FROM moves
             WHERE move_type = 'out_invoice') days
),
gap_stats AS (
    SELECT partner_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap_days,
           stddev_pop(gap) / NULLIF(AVG(gap), 0) AS gap_cv,
           COUNT(*) AS gap_count
      FROM gaps
     WHERE gap IS NOT NULL
  GROUP BY partner_id
),
first_templates AS (
    SELECT partner_id, product_tmpl_id, MIN(invoice_date) AS first_date
      FROM lines
     WHERE move_type = 'out_invoice' AND product_tmpl_id IS NOT NULL
  GROUP BY partner_id, product_tmpl_id
),
addon_lines AS (
    -- a line of an optional product of a product the client bought on an earlier day
    SELECT DISTINCT l.id, l.partner_id, l.revenue
      FROM lines l
      JOIN product_optional_rel o ON o.dest_id = l.product_tmpl_id
      JOIN first_templates f ON f.partner_id = l.partner_id
                            AND f.product_tmpl_id = o.src_id
                            AND f.first_date < l.invoice_date
     WHERE l.move_type = 'out_invoice'
),
addon_totals AS (
    SELECT partner_id, COUNT(*) AS addon_count, SUM(revenue) AS addon_amount
      FROM addon_lines
  GROUP BY partner_id
),
orders AS (
    SELECT p.commercial_partner_id AS partner_id,
           COUNT(*) AS order_count,
           SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1.0)) AS order_amount
      FROM sale_order o
      JOIN res_partner p ON p.id = o.partner_id
     WHERE o.company_id = %(company)s
       AND o.state = 'sale'
       AND o.date_order < %(as_of)s::date + 1
       %(order_filter)s
  GROUP BY p.commercial_partner_id
),
%(payment_ctes)s,
clients AS (
    SELECT partner_id FROM move_totals
     UNION
    SELECT partner_id FROM orders
)
SELECT c.partner_id,
       rp.user_id,
       mt.first_purchase_date,
       mt.last_purchase_date,
       COALESCE(mt.purchase_count, 0),
       COALESCE(mt.invoice_count, 0),
       COALESCE(mt.refund_count, 0),
       COALESCE(o.order_count, 0),
       COALESCE(o.order_amount, 0),
       COALESCE(o.order_amount / NULLIF(o.order_count, 0), 0),
       COALESCE(lt.revenue, 0),
       COALESCE(lt.refund_amount, 0),
       COALESCE(lt.cost, 0),
       CASE WHEN COALESCE(lt.line_count, 0) = 0 THEN NULL
            WHEN lt.sale_cost_count = lt.line_count THEN 'sale'
            WHEN lt.sale_cost_count = 0 THEN 'current'
            ELSE 'mixed' END,
       COALESCE(lt.revenue, 0) - COALESCE(lt.cost, 0),
       CASE WHEN lt.revenue > 0 THEN 100 * (lt.revenue - lt.cost) / lt.revenue ELSE 0 END,
       COALESCE(lt.revenue, 0) - COALESCE(lt.cost, 0),
       gs.median_gap_days,
       gs.gap_cv,
       CASE WHEN gs.gap_count >= 2 AND gs.gap_cv <= 0.5 THEN 'regular'
            WHEN gs.gap_count >= 2 THEN 'irregular' END,
       COALESCE(at.addon_count, 0),
       COALESCE(at.addon_amount, 0),
       COALESCE(lt.discount_amount, 0),
       %(as_of)s::date - mt.last_purchase_date,
       COALESCE(pay.pay_amount, 0),
       pay.pay_days_to_pay,
       pay.pay_days_late,
       pay.pay_late_percent,
       COALESCE(od.overdue_amount, 0),
       od.overdue_days,
       COALESCE(hb.paid_at_once_count, 0),
       COALESCE(hb.paid_in_instalments_count, 0),
       CASE WHEN hb.paid_in_instalments_count > hb.paid_at_once_count THEN 'instalments'
            WHEN hb.paid_at_once_count > 0 THEN 'once' END
  FROM clients c
  JOIN res_partner rp ON rp.id = c.partner_id
  LEFT JOIN move_totals mt ON mt.partner_id = c.partner_id
  LEFT JOIN line_totals lt ON lt.partner_id = c.partner_id
  LEFT JOIN gap_stats gs ON gs.partner_id = c.partner_id
  LEFT JOIN addon_totals at ON at.partner_id = c.partner_id
  LEFT JOIN orders o ON o.partner_id = c.partner_id
  LEFT JOIN pay ON pay.partner_id = c.partner_id
  LEFT JOIN overdue od ON od.partner_id = c.partner_id
  LEFT JOIN habit hb ON hb.partner_id = c.partner_id
""",
        company=company_id,
        company_key=str(company_id),
        as_of=as_of,
        move_filter=move_filter,
        order_filter=order_filter,
        order_line_join=order_line_join,
        payment_ctes=payment_ctes(company_id, as_of),
    )
