"""Set-based SQL of the basket analysis (R15): products bought together, products bought
next, and each client's missing companions.

A *basket* is one commercial partner × one order day: the product lines of the company's
confirmed sales orders (``state = 'sale'``) dated up to the analysis date, a client's orders
of the same day merged (the day of ``date_order`` as stored, in UTC). Section and note lines,
down payments, delivery lines (``delivery`` installed), reward lines (``sale_loyalty``
installed), lines without a product and lines of no positive quantity are left out; a
product counts once per basket. The definitions are in ``readme/USAGE.md``.
"""

import numpy as np
from scipy.stats import hypergeom

from odoo.tools import SQL


def items_sql(env, company_id, as_of):
    """SELECT DISTINCT partner_id, day, product_id: the products of each basket."""
    line_fields = env["sale.order.line"]._fields
    extra = []
    # optional modules: their columns exist only when they are installed
    if "is_delivery" in line_fields and line_fields["is_delivery"].store:
        extra.append(SQL("AND NOT COALESCE(l.is_delivery, FALSE)"))
    if "reward_id" in line_fields and line_fields["reward_id"].store:
        extra.append(SQL("AND l.reward_id IS NULL"))
    return SQL(
        """
SELECT DISTINCT p.commercial_partner_id AS partner_id, o.date_order::date AS day, l.product_id
  FROM sale_order o
  JOIN res_partner p ON p.id = o.partner_id
  JOIN sale_order_line l ON l.order_id = o.id
 WHERE o.company_id = %(company)s
   AND o.state = 'sale'
   AND o.date_order < %(as_of)s::date + 1
   AND l.display_type IS NULL
   AND l.product_id IS NOT NULL
   AND l.product_uom_qty > 0
   AND NOT COALESCE(l.is_downpayment, FALSE)
   %(extra)s
""",
        company=company_id,
        as_of=as_of,
        extra=SQL(" ").join(extra),
    )


def pair_candidates_sql(items, min_count):
    """SELECT product_id, companion_id, pair_count, product_baskets, companion_baskets,
    baskets: each unordered pair (product_id < companion_id) found in at least
    ``min_count`` baskets, with the number of baskets of each product and of all."""
    return SQL(
        """
WITH items AS MATERIALIZED (%(items)s),
product_baskets AS (
    SELECT product_id, COUNT(*) AS n FROM items GROUP BY product_id
),
pairs AS (
    SELECT a.product_id AS product_id, b.product_id AS companion_id, COUNT(*) AS pair_count
      FROM items a
      JOIN items b ON b.partner_id = a.partner_id AND b.day = a.day
                  AND b.product_id > a.product_id
  GROUP BY a.product_id, b.product_id
    HAVING COUNT(*) >= %(min_count)s
)
SELECT pr.product_id, pr.companion_id, pr.pair_count, pa.n, pb.n,
       (SELECT COUNT(*) FROM (SELECT DISTINCT partner_id, day FROM items) baskets)
  FROM pairs pr
  JOIN product_baskets pa ON pa.product_id = pr.product_id
  JOIN product_baskets pb ON pb.product_id = pr.companion_id
""",
        items=items,
        min_count=min_count,
    )


def pair_rules(rows, significance):
    """The pairs of the candidates ``rows`` (as returned by ``pair_candidates_sql``) whose
    one-sided Fisher exact test (hypergeometric upper tail: the chance of at least that many
    common baskets if A and B were bought independently) gives at most ``significance``.

    :return: dict of equal-length numpy arrays, one row per unordered pair: product,
        companion, count, product_baskets, companion_baskets, baskets, p_value
    """
    names = ("product", "companion", "count", "product_baskets", "companion_baskets", "baskets")
    if not rows:
        return {name: np.empty(0, dtype=np.int64) for name in names} | {
            "p_value": np.empty(0, dtype=np.float64)
        }
    table = np.array(rows, dtype=np.int64)
    p_value = hypergeom.sf(table[:, 2] - 1, table[:, 5], table[:, 3], table[:, 4])
    keep = p_value <= significance
    result = {name: table[keep, index] for index, name in enumerate(names)}
    result["p_value"] = p_value[keep]
    return result


def _array(values, cast):
    """A numpy array as one PostgreSQL array literal: parsed at once, not as an
    expression of as many constants (floats in their shortest exact form)."""
    return SQL("%s::" + cast, "{" + ",".join(map(repr, values.tolist())) + "}")


def insert_pairs_sql(company_id, as_of, uid, rules):
    """INSERT both directions of the pairs (``pair_rules``) into crm_product_pair in one
    statement."""
    return SQL(
        """
INSERT INTO crm_product_pair
       (company_id, as_of_date, product_id, companion_product_id, pair_count,
        product_basket_count, companion_basket_count, basket_count, support, confidence,
        lift, p_value, create_uid, write_uid, create_date, write_date)
SELECT %(company)s, %(as_of)s, d.product, d.companion, r.n, d.na, d.nb, r.total,
       r.n::float / r.total, r.n::float / d.na, r.n::float * r.total / (d.na * d.nb),
       r.p, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM unnest(%(product)s, %(companion)s, %(count)s, %(na)s, %(nb)s, %(total)s, %(p)s)
       AS r(product, companion, n, na, nb, total, p)
 CROSS JOIN LATERAL (VALUES (r.product, r.companion, r.na, r.nb),
                            (r.companion, r.product, r.nb, r.na)) AS d(product, companion, na, nb)
""",
        company=company_id,
        as_of=as_of,
        uid=uid,
        product=_array(rules["product"], "int[]"),
        companion=_array(rules["companion"], "int[]"),
        count=_array(rules["count"], "int[]"),
        na=_array(rules["product_baskets"], "int[]"),
        nb=_array(rules["companion_baskets"], "int[]"),
        total=_array(rules["baskets"], "int[]"),
        p=_array(rules["p_value"], "float[]"),
    )


def insert_sequences_sql(items, company_id, as_of, uid, days, min_count):
    """INSERT the "bought next" rules A ⇒ B into crm_product_sequence: a client's basket
    with A followed by a basket of a later day, at most ``days`` later, with B (B ≠ A).

    count: the client's baskets with A followed so by B; confidence: that count over the
    baskets with A followed by any basket within ``days``; median days: from the basket
    with A to the first later basket with B."""
    return SQL(
        """
WITH items AS MATERIALIZED (%(items)s),
baskets AS (
    SELECT partner_id, day,
           LEAD(day) OVER (PARTITION BY partner_id ORDER BY day) - day AS next_gap
      FROM (SELECT DISTINCT partner_id, day FROM items) b
),
followed AS (
    -- the baskets with A followed by any basket within the window
    SELECT i.product_id, COUNT(*) AS n
      FROM items i
      JOIN baskets b ON b.partner_id = i.partner_id AND b.day = i.day
     WHERE b.next_gap <= %(days)s
  GROUP BY i.product_id
),
firsts AS (
    SELECT a.product_id, b.product_id AS next_id, MIN(b.day - a.day) AS gap
      FROM items a
      JOIN items b ON b.partner_id = a.partner_id
                  AND b.day > a.day AND b.day <= a.day + %(days)s
                  AND b.product_id <> a.product_id
  GROUP BY a.product_id, b.product_id, a.partner_id, a.day
),
rules AS (
    SELECT product_id, next_id, COUNT(*) AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_days
      FROM firsts
  GROUP BY product_id, next_id
    HAVING COUNT(*) >= %(min_count)s
)
INSERT INTO crm_product_sequence
       (company_id, as_of_date, product_id, next_product_id, sequence_count,
        product_basket_count, confidence, median_days, window_days,
        create_uid, write_uid, create_date, write_date)
SELECT %(company)s, %(as_of)s, r.product_id, r.next_id, r.n, f.n, r.n::float / f.n,
       r.median_days, %(days)s, %(uid)s, %(uid)s,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM rules r
  JOIN followed f ON f.product_id = r.product_id
""",
        items=items,
        company=company_id,
        as_of=as_of,
        uid=uid,
        days=days,
        min_count=min_count,
    )


def insert_suggestions_sql(items, company_id, as_of, uid, days, top):
    """INSERT each client's missing companions into crm_product_suggestion: the products
    of the company's rules from a product the client bought (a pair rule, from any basket;
    a "bought next" rule, from a basket of the last ``days`` days) that the client never
    bought, sellable and active; the best rule per product (highest confidence, then lift),
    the ``top`` best products per client."""
    return SQL(
        """
WITH items AS MATERIALIZED (%(items)s),
bought AS (
    SELECT partner_id, product_id, MAX(day) AS last_day FROM items GROUP BY partner_id, product_id
),
candidates AS (
    SELECT b.partner_id, r.companion_product_id AS product_id, 'pair' AS rule,
           r.product_id AS source_product_id, r.id AS pair_id, NULL::int AS sequence_id,
           r.confidence, r.lift
      FROM bought b
      JOIN crm_product_pair r ON r.company_id = %(company)s AND r.product_id = b.product_id
     UNION ALL
    SELECT b.partner_id, s.next_product_id, 'sequence', s.product_id, NULL, s.id,
           s.confidence, NULL
      FROM bought b
      JOIN crm_product_sequence s ON s.company_id = %(company)s AND s.product_id = b.product_id
     WHERE b.last_day > %(as_of)s::date - %(days)s
),
best AS (
    SELECT c.*,
           ROW_NUMBER() OVER (PARTITION BY c.partner_id, c.product_id
                              ORDER BY c.confidence DESC, c.lift DESC NULLS LAST, c.rule,
                                       c.source_product_id) AS nth
      FROM candidates c
      JOIN product_product pp ON pp.id = c.product_id AND pp.active
      JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.active AND pt.sale_ok
                              AND (pt.company_id IS NULL OR pt.company_id = %(company)s)
     WHERE NOT EXISTS (SELECT FROM bought o
                        WHERE o.partner_id = c.partner_id AND o.product_id = c.product_id)
),
ranked AS (
    SELECT best.*,
           ROW_NUMBER() OVER (PARTITION BY partner_id
                              ORDER BY confidence DESC, lift DESC NULLS LAST, product_id)
               AS rank
      FROM best
     WHERE nth = 1
)
INSERT INTO crm_product_suggestion
       (company_id, as_of_date, partner_id, user_id, product_id, rule, source_product_id,
        pair_id, sequence_id, confidence, lift, rank,
        create_uid, write_uid, create_date, write_date)
SELECT %(company)s, %(as_of)s, r.partner_id, rp.user_id, r.product_id, r.rule,
       r.source_product_id, r.pair_id, r.sequence_id, r.confidence, r.lift, r.rank,
       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM ranked r
  JOIN res_partner rp ON rp.id = r.partner_id
 WHERE r.rank <= %(top)s
""",
        items=items,
        company=company_id,
        as_of=as_of,
        uid=uid,
        days=days,
        top=top,
    )
