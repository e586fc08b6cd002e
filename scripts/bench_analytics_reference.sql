-- Reference figures of the client analytics (the contract of issue 10), written by hand
-- from the contract alone, one set-based statement: what the suite's full recompute must
-- produce, and how long plain SQL takes to produce it over the same tables.
-- Parameters (psycopg2): company, company_key (its id as text), as_of, exchange_journal,
-- abc_basis ('revenue' or 'margin'), abc_a, abc_b.
CREATE TEMP TABLE bench_reference AS
WITH inv AS (  -- posted customer invoices and credit notes up to as_of
    SELECT m.id, m.move_type, m.invoice_date, m.commercial_partner_id AS partner_id,
           m.invoice_currency_rate AS rate
      FROM account_move m
     WHERE m.company_id = %(company)s AND m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund') AND m.invoice_date <= %(as_of)s
), first_order_line AS (
    SELECT invoice_line_id, min(order_line_id) AS order_line_id
      FROM sale_order_line_invoice_rel
  GROUP BY invoice_line_id
), pline AS (  -- their product lines, with the unit cost in company currency
    SELECT l.id, i.partner_id, i.move_type, i.invoice_date, -l.balance AS revenue, l.quantity,
           l.price_unit, l.discount, i.rate, pp.product_tmpl_id,
           CASE WHEN i.move_type = 'out_refund' THEN -1 ELSE 1 END AS sign,
           sol.id IS NOT NULL AS from_order,
           CASE WHEN sol.id IS NOT NULL THEN COALESCE(sol.purchase_price, 0) / i.rate
                ELSE COALESCE((pp.standard_price ->> %(company_key)s)::numeric, 0) END AS unit_cost
      FROM inv i
      JOIN account_move_line l ON l.move_id = i.id AND l.display_type = 'product'
 LEFT JOIN product_product pp ON pp.id = l.product_id
 LEFT JOIN first_order_line fol ON fol.invoice_line_id = l.id
 LEFT JOIN sale_order_line sol ON sol.id = fol.order_line_id
), first_bought AS (  -- the first day each client bought each product template
    SELECT partner_id, product_tmpl_id, min(invoice_date) AS day
      FROM pline
     WHERE move_type = 'out_invoice' AND product_tmpl_id IS NOT NULL
  GROUP BY partner_id, product_tmpl_id
), line_figures AS (
    SELECT l.partner_id,
           sum(l.revenue) AS revenue,
           COALESCE(sum(-l.revenue) FILTER (WHERE l.move_type = 'out_refund'), 0)
               AS refund_amount,
           sum(l.sign * l.quantity * l.unit_cost) AS cost,
           CASE WHEN bool_and(l.from_order) THEN 'sale'
                WHEN bool_or(l.from_order) THEN 'mixed'
                ELSE 'current' END AS cost_basis,
           COALESCE(sum(l.quantity * l.price_unit * l.discount / 100 / l.rate)
                    FILTER (WHERE l.move_type = 'out_invoice'), 0) AS discount_amount
      FROM pline l
  GROUP BY l.partner_id
), addon_line AS (  -- an optional product of a template bought on an earlier day
    SELECT DISTINCT l.id, l.partner_id, l.revenue
      FROM pline l
      JOIN product_optional_rel r ON r.dest_id = l.product_tmpl_id
      JOIN first_bought b ON b.product_tmpl_id = r.src_id AND b.partner_id = l.partner_id
                         AND b.day < l.invoice_date
     WHERE l.move_type = 'out_invoice'
), addon_figures AS (
    SELECT partner_id, count(*) AS addon_count, sum(revenue) AS addon_amount
      FROM addon_line
  GROUP BY partner_id
), move_figures AS (
    SELECT partner_id,
           min(invoice_date) FILTER (WHERE move_type = 'out_invoice') AS first_purchase_date,
           max(invoice_date) FILTER (WHERE move_type = 'out_invoice') AS last_purchase_date,
           count(DISTINCT invoice_date) FILTER (WHERE move_type = 'out_invoice')
               AS purchase_count,
           count(*) FILTER (WHERE move_type = 'out_invoice') AS invoice_count,
           count(*) FILTER (WHERE move_type = 'out_refund') AS refund_count
      FROM inv
  GROUP BY partner_id
), purchase_day AS (
    SELECT DISTINCT partner_id, invoice_date FROM inv WHERE move_type = 'out_invoice'
), gap AS (
    SELECT partner_id,
           invoice_date - lag(invoice_date) OVER (PARTITION BY partner_id
                                                  ORDER BY invoice_date) AS days
      FROM purchase_day
), gap_figures AS (
    SELECT partner_id, count(*) AS gaps,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_gap_days,
           stddev_pop(days) / avg(days) AS gap_cv
      FROM gap
     WHERE days IS NOT NULL
  GROUP BY partner_id
), order_figures AS (  -- confirmed orders, by the commercial partner of the order's partner
    SELECT rp.commercial_partner_id AS partner_id, count(*) AS order_count,
           sum(so.amount_untaxed / so.currency_rate) AS order_amount
      FROM sale_order so
      JOIN res_partner rp ON rp.id = so.partner_id
     WHERE so.company_id = %(company)s AND so.state = 'sale'
       AND so.date_order::date <= %(as_of)s
  GROUP BY rp.commercial_partner_id
), instalment AS (  -- receivable lines of the posted invoices
    SELECT l.id, i.id AS move_id, i.partner_id, i.invoice_date, l.date_maturity, l.balance
      FROM inv i
      JOIN account_move_line l ON l.move_id = i.id
      JOIN account_account a ON a.id = l.account_id AND a.account_type = 'asset_receivable'
     WHERE i.move_type = 'out_invoice'
), partial AS (  -- every reconciliation of an instalment up to as_of, payment or not
    SELECT p.debit_move_id, p.amount, p.max_date,
           cm.move_type = 'out_refund' OR cm.journal_id = %(exchange_journal)s
           OR cm.id IN (SELECT x.exchange_move_id FROM account_partial_reconcile x
                         WHERE x.exchange_move_id IS NOT NULL
                        UNION ALL
                        SELECT x.exchange_move_id FROM account_full_reconcile x
                         WHERE x.exchange_move_id IS NOT NULL) AS not_payment
      FROM account_partial_reconcile p
      JOIN instalment i ON i.id = p.debit_move_id
      JOIN account_move_line cl ON cl.id = p.credit_move_id
      JOIN account_move cm ON cm.id = cl.move_id
     WHERE p.max_date <= %(as_of)s
), settlement AS (
    SELECT i.partner_id, i.move_id, i.invoice_date, i.date_maturity, p.amount, p.max_date
      FROM partial p JOIN instalment i ON i.id = p.debit_move_id
     WHERE NOT p.not_payment
), payment_figures AS (
    SELECT partner_id, sum(amount) AS pay_amount,
           COALESCE(sum(amount * (max_date - invoice_date)) / NULLIF(sum(amount), 0), 0)
               AS pay_days_to_pay,
           COALESCE(sum(amount * GREATEST(0, max_date - date_maturity))
                    / NULLIF(sum(amount), 0), 0) AS pay_days_late,
           COALESCE(100 * sum(amount) FILTER (WHERE max_date > date_maturity)
                    / NULLIF(sum(amount), 0), 0) AS pay_late_percent
      FROM settlement
  GROUP BY partner_id
), invoice_habit AS (
    SELECT partner_id, count(DISTINCT max_date) = 1 AS at_once
      FROM settlement
  GROUP BY partner_id, move_id
), habit_figures AS (
    SELECT partner_id, count(*) FILTER (WHERE at_once) AS paid_at_once_count,
           count(*) FILTER (WHERE NOT at_once) AS paid_in_instalments_count
      FROM invoice_habit
  GROUP BY partner_id
), reconciled AS (
    SELECT debit_move_id, sum(amount) AS amount FROM partial GROUP BY debit_move_id
), open_instalment AS (  -- due before as_of, less everything reconciled with it by then
    SELECT i.partner_id, i.date_maturity, i.balance - COALESCE(rc.amount, 0) AS residual
      FROM instalment i
 LEFT JOIN reconciled rc ON rc.debit_move_id = i.id
     WHERE i.date_maturity < %(as_of)s
), overdue_figures AS (
    SELECT partner_id, sum(GREATEST(0, residual)) AS overdue_amount,
           COALESCE(%(as_of)s - min(date_maturity) FILTER (WHERE residual > 0.005), 0)
               AS overdue_days
      FROM open_instalment
  GROUP BY partner_id
), client AS (
    SELECT partner_id FROM move_figures UNION SELECT partner_id FROM order_figures
), figures AS (
    SELECT c.partner_id, rp.user_id,
           mf.first_purchase_date, mf.last_purchase_date,
           COALESCE(mf.purchase_count, 0) AS purchase_count,
           COALESCE(mf.invoice_count, 0) AS invoice_count,
           COALESCE(mf.refund_count, 0) AS refund_count,
           COALESCE(o.order_count, 0) AS order_count,
           COALESCE(o.order_amount, 0) AS order_amount,
           COALESCE(o.order_amount / NULLIF(o.order_count, 0), 0) AS average_order_value,
           COALESCE(lf.revenue, 0) AS revenue,
           COALESCE(lf.refund_amount, 0) AS refund_amount,
           COALESCE(lf.cost, 0) AS cost,
           lf.cost_basis,
           COALESCE(lf.revenue, 0) - COALESCE(lf.cost, 0) AS margin,
           COALESCE(lf.revenue, 0) - COALESCE(lf.cost, 0) AS ltv_historical,
           CASE WHEN lf.revenue > 0 THEN 100 * (lf.revenue - lf.cost) / lf.revenue
                ELSE 0 END AS margin_percent,
           COALESCE(g.median_gap_days, 0) AS median_gap_days,
           COALESCE(g.gap_cv, 0) AS gap_cv,
           CASE WHEN g.gaps >= 2 AND g.gap_cv <= 0.5 THEN 'regular'
                WHEN g.gaps >= 2 THEN 'irregular' END AS regularity,
           COALESCE(af.addon_count, 0) AS addon_count,
           COALESCE(af.addon_amount, 0) AS addon_amount,
           COALESCE(lf.discount_amount, 0) AS discount_amount,
           COALESCE(%(as_of)s - mf.last_purchase_date, 0) AS recency_days,
           COALESCE(pf.pay_amount, 0) AS pay_amount,
           COALESCE(pf.pay_days_to_pay, 0) AS pay_days_to_pay,
           COALESCE(pf.pay_days_late, 0) AS pay_days_late,
           COALESCE(pf.pay_late_percent, 0) AS pay_late_percent,
           COALESCE(od.overdue_amount, 0) AS overdue_amount,
           COALESCE(od.overdue_days, 0) AS overdue_days,
           COALESCE(hf.paid_at_once_count, 0) AS paid_at_once_count,
           COALESCE(hf.paid_in_instalments_count, 0) AS paid_in_instalments_count,
           CASE WHEN hf.paid_in_instalments_count > hf.paid_at_once_count THEN 'instalments'
                WHEN hf.paid_at_once_count > 0 THEN 'once' END AS payment_habit
      FROM client c
      JOIN res_partner rp ON rp.id = c.partner_id
 LEFT JOIN move_figures mf ON mf.partner_id = c.partner_id
 LEFT JOIN line_figures lf ON lf.partner_id = c.partner_id
 LEFT JOIN addon_figures af ON af.partner_id = c.partner_id
 LEFT JOIN gap_figures g ON g.partner_id = c.partner_id
 LEFT JOIN order_figures o ON o.partner_id = c.partner_id
 LEFT JOIN payment_figures pf ON pf.partner_id = c.partner_id
 LEFT JOIN habit_figures hf ON hf.partner_id = c.partner_id
 LEFT JOIN overdue_figures od ON od.partner_id = c.partner_id
), ranked AS (
    SELECT f.*,
           -- RFM: quintiles of the cumulative distribution among the clients who bought
           CASE WHEN purchase_count > 0 THEN ceil(5 * cume_dist() OVER (
               PARTITION BY purchase_count > 0 ORDER BY last_purchase_date))::int
                ELSE 0 END AS r_score,
           CASE WHEN purchase_count > 0 THEN ceil(5 * cume_dist() OVER (
               PARTITION BY purchase_count > 0 ORDER BY purchase_count))::int
                ELSE 0 END AS f_score,
           CASE WHEN purchase_count > 0 THEN ceil(5 * cume_dist() OVER (
               PARTITION BY purchase_count > 0 ORDER BY revenue))::int
                ELSE 0 END AS m_score,
           -- ABC: share of the basis value of the clients ranked before, the largest first
           CASE WHEN abc_value > 0 THEN 100 * (sum(abc_value) OVER (
               PARTITION BY abc_value > 0 ORDER BY abc_value DESC, partner_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - abc_value)
               / sum(abc_value) OVER (PARTITION BY abc_value > 0) END AS abc_share
      FROM (SELECT *, CASE WHEN %(abc_basis)s = 'margin' THEN margin ELSE revenue END
                      AS abc_value
              FROM figures) f
)
SELECT r.*,
       CASE WHEN r.purchase_count > 0 THEN r.r_score::text || r.f_score || r.m_score
            END AS rfm_code,
       {segment} AS rfm_segment_id,
       CASE WHEN r.abc_share < %(abc_a)s THEN 'a'
            WHEN r.abc_share < %(abc_a)s + %(abc_b)s THEN 'b'
            ELSE 'c' END AS abc_class
  FROM ranked r
