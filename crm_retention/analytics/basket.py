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


def insert_suggestions_sqls(items, company_id, as_of, uid, days, top):
    """INSERT each client's missing companions into crm_product_suggestion: the products
    of the company's rules from a product the client bought (a pair rule, from any basket;
    a "bought next" rule, from a basket of the last ``days`` days) that the client never
    bought, sellable and active; the best rule per product (highest confidence, then lift),
    the ``top`` best products per client.

    Every rule gets one global rank (``grank``) in the order (confidence desc, lift desc
    nulls last, suggested product, rule, source product): restricted to one suggested
    product it is the order that picks the product's best rule, restricted to the products'
    best rules it is the order of the client's suggestions. So a client's suggestion is
    its product's smallest grank, and its suggestions are its ``top`` smallest.

    Not every rule of every bought product is joined (the plain join, 60 million rows on
    the benchmark, took minutes); both cuts below are exact, they never drop a rule that
    can be a client's suggestion:

    - a product's rules of one kind, in grank order, that a client reaches from one
      source product: at most ``top + n - 1`` of them, ``n`` the products the client
      bought. A rule further down has ``top`` rules of the same source and kind before it
      whose suggested products (all distinct) the client did not buy; each of those
      products has a smaller grank than the rule, so the rule's product is not in the
      client's ``top``.
    - a bound ``theta`` per client: the ``top``-th smallest, over distinct products, of
      the first rule of each of its lists when the client did not buy its product. Those
      are ``top`` distinct candidate products with a grank at most ``theta`` each, so the
      client's ``top``-th suggestion has a grank at most ``theta``: rules above it are
      not needed (``width_bucket`` counts them in the sorted list). No bound when fewer.

    The intermediate sets go into temporary tables, analysed: estimated blindly inside one
    statement, they led PostgreSQL to plans that spilled tens of gigabytes.

    :return: the statements to run in turn
    """
    params = {"company": company_id, "as_of": as_of, "uid": uid, "days": days, "top": top}

    def temp(name, query):
        return [
            SQL("DROP TABLE IF EXISTS %s", SQL.identifier(name)),
            SQL(
                "CREATE TEMPORARY TABLE %s ON COMMIT DROP AS %s",
                SQL.identifier(name),
                SQL(query, **params),
            ),
            SQL("ANALYZE %s", SQL.identifier(name)),
        ]

    bought = SQL(
        "SELECT partner_id, product_id, MAX(day) AS last_day FROM (%s) items"
        " GROUP BY partner_id, product_id",
        items,
    )
    return [
        SQL("DROP TABLE IF EXISTS crm_basket_bought"),
        SQL("CREATE TEMPORARY TABLE crm_basket_bought ON COMMIT DROP AS %s", bought),
        SQL("ANALYZE crm_basket_bought"),
        *temp(
            "crm_basket_clients",
            """
SELECT partner_id, array_agg(product_id) AS bought, COUNT(*) AS n
  FROM crm_basket_bought GROUP BY partner_id
""",
        ),
        # the rules to a product that can be suggested, in one global order
        *temp(
            "crm_basket_ranked",
            """
SELECT r.*,
       ROW_NUMBER() OVER (ORDER BY r.confidence DESC, r.lift DESC NULLS LAST,
                                   r.product_id, r.rule, r.source_product_id)::int AS grank
  FROM (SELECT 'pair' AS rule, r.product_id AS source_product_id,
               r.companion_product_id AS product_id, r.id, r.confidence, r.lift
          FROM crm_product_pair r
         WHERE r.company_id = %(company)s
         UNION ALL
        SELECT 'sequence', s.product_id, s.next_product_id, s.id, s.confidence, NULL
          FROM crm_product_sequence s
         WHERE s.company_id = %(company)s) r
  JOIN product_product pp ON pp.id = r.product_id AND pp.active
  JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.active AND pt.sale_ok
                          AND (pt.company_id IS NULL OR pt.company_id = %(company)s)
""",
        ),
        # each source product's rules of one kind, in grank order
        *temp(
            "crm_basket_lists",
            """
SELECT ROW_NUMBER() OVER ()::int AS list_id, source_product_id, rule,
       array_agg(grank ORDER BY grank) AS granks,
       array_agg(product_id ORDER BY grank) AS products
  FROM crm_basket_ranked
 GROUP BY source_product_id, rule
""",
        ),
        # the lists a client reaches: pairs from any bought product, "bought next" from
        # a product bought in the last days; with the first rule's product if not bought
        *temp(
            "crm_basket_reached",
            """
SELECT b.partner_id, l.list_id,
       CASE WHEN l.products[1] <> ALL (c.bought) THEN l.products[1] END AS head,
       l.granks[1] AS head_grank
  FROM crm_basket_bought b
  JOIN crm_basket_clients c ON c.partner_id = b.partner_id
  JOIN crm_basket_lists l ON l.source_product_id = b.product_id
                         AND (l.rule = 'pair' OR b.last_day > %(as_of)s::date - %(days)s)
""",
        ),
        *temp(
            "crm_basket_bounds",
            """
SELECT partner_id, (array_agg(grank ORDER BY grank))[%(top)s] AS theta
  FROM (SELECT partner_id, head, MIN(head_grank) AS grank
          FROM crm_basket_reached
         WHERE head IS NOT NULL
      GROUP BY partner_id, head) heads
 GROUP BY partner_id
""",
        ),
        SQL(
            """
WITH cut AS (
    SELECT r.partner_id, r.list_id,
           LEAST(%(top)s + c.n - 1, width_bucket(t.theta, l.granks)) AS length
      FROM crm_basket_reached r
      JOIN crm_basket_clients c ON c.partner_id = r.partner_id
      JOIN crm_basket_lists l ON l.list_id = r.list_id
      LEFT JOIN crm_basket_bounds t ON t.partner_id = r.partner_id
),
candidates AS (
    SELECT u.partner_id, u.grank, u.product_id
      FROM (SELECT cut.partner_id, unnest(l.granks[:cut.length]) AS grank,
                   unnest(l.products[:cut.length]) AS product_id
              FROM cut JOIN crm_basket_lists l ON l.list_id = cut.list_id) u
),
best AS (
    SELECT k.partner_id, k.product_id, MIN(k.grank) AS grank
      FROM candidates k
     WHERE NOT EXISTS (SELECT FROM crm_basket_bought o
                        WHERE o.partner_id = k.partner_id AND o.product_id = k.product_id)
  GROUP BY k.partner_id, k.product_id
),
ranks AS (
    SELECT partner_id, grank,
           ROW_NUMBER() OVER (PARTITION BY partner_id ORDER BY grank) AS rank
      FROM best
)
INSERT INTO crm_product_suggestion
       (company_id, as_of_date, partner_id, user_id, product_id, rule, source_product_id,
        pair_id, sequence_id, confidence, lift, rank,
        create_uid, write_uid, create_date, write_date)
SELECT %(company)s, %(as_of)s, s.partner_id, rp.user_id, r.product_id, r.rule,
       r.source_product_id, CASE WHEN r.rule = 'pair' THEN r.id END,
       CASE WHEN r.rule = 'sequence' THEN r.id END, r.confidence, r.lift, s.rank,
       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM ranks s
  JOIN crm_basket_ranked r ON r.grank = s.grank
  JOIN res_partner rp ON rp.id = s.partner_id
 WHERE s.rank <= %(top)s
""",
            **params,
        ),
    ]
