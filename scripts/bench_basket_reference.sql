-- Reference for the basket benchmark (scripts/bench_basket.py), written from the
-- definitions of readme/USAGE.md alone, before the suite's engine was tuned: every
-- directional pair A -> B of products bought in the same basket (one commercial partner x
-- one order day of the company's confirmed orders up to the as-of date; section lines,
-- down payments, lines without product or of no positive quantity left out; a product once
-- per basket), found in at least %(min_count)s baskets, with its count, support, confidence
-- and lift, into the temporary table bench_basket_reference. (The benchmark database has
-- neither delivery nor sale_loyalty installed: no delivery or reward line to leave out.)
CREATE TEMPORARY TABLE bench_basket_reference AS
WITH basket_items AS (
    SELECT DISTINCT p.commercial_partner_id AS partner_id,
           CAST(o.date_order AS date) AS day,
           l.product_id
      FROM sale_order_line l
      JOIN sale_order o ON o.id = l.order_id
      JOIN res_partner p ON p.id = o.partner_id
     WHERE o.company_id = %(company)s
       AND o.state = 'sale'
       AND CAST(o.date_order AS date) <= %(as_of)s
       AND l.display_type IS NULL
       AND l.product_id IS NOT NULL
       AND l.product_uom_qty > 0
       AND l.is_downpayment IS NOT TRUE
),
basket_total AS (
    SELECT COUNT(*) AS n FROM (SELECT DISTINCT partner_id, day FROM basket_items) b
),
product_total AS (
    SELECT product_id, COUNT(*) AS n FROM basket_items GROUP BY product_id
),
pair_total AS (
    SELECT a.product_id, b.product_id AS companion_id, COUNT(*) AS n
      FROM basket_items a
      JOIN basket_items b
        ON b.partner_id = a.partner_id AND b.day = a.day AND b.product_id <> a.product_id
  GROUP BY a.product_id, b.product_id
)
SELECT pt.product_id,
       pt.companion_id,
       pt.n AS pair_count,
       pt.n::float / bt.n AS support,
       pt.n::float / pa.n AS confidence,
       (pt.n::float / pa.n) / (pb.n::float / bt.n) AS lift
  FROM pair_total pt
  JOIN product_total pa ON pa.product_id = pt.product_id
  JOIN product_total pb ON pb.product_id = pt.companion_id
 CROSS JOIN basket_total bt
 WHERE pt.n >= %(min_count)s;
