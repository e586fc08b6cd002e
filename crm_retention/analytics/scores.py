"""RFM scores and Pareto ABC classes of the clients of one analysis.

RFM: among the clients with at least one purchase, a score is ⌈5 × c / n⌉ where c is the
number of clients whose value is lower or equal (ties share a score) and n their number:
recency over the last purchase date (the most recent get 5), frequency over the purchase
days, monetary over the revenue. ABC: the clients with a positive value ranked by value
(then by partner id); the share of the value of those ranked before decides: below A% is A,
below A% + B% is B, the rest (and any value <= 0) is C.

The full scoring also returns the thresholds it drew (the highest value of each RFM score,
the lowest value of each ABC class), with which the incremental refresh places a single
client without ranking the others again.
"""

from odoo.tools import SQL

RFM_AXES = (
    ("r", "last_purchase_date"),
    ("f", "purchase_count"),
    ("m", "revenue"),
)


def abc_value(basis):
    return SQL.identifier("margin" if basis == "margin" else "revenue")


SCORE_COLUMNS = (
    "r_score",
    "f_score",
    "m_score",
    "rfm_code",
    "rfm_segment_id",
    "abc_share",
    "abc_class",
)


def scored_sql(figures, columns, basis, a_percent, b_percent, cells):
    """SELECT ``columns`` (those of the ``figures`` query) followed by SCORE_COLUMNS: the
    full scoring of all the company's clients in the same pass as their figures."""
    value = abc_value(basis)
    names = SQL(", ").join(SQL.identifier(name) for name in columns)
    outer = SQL(", ").join(SQL("scored.%s", SQL.identifier(name)) for name in columns)
    buyers = SQL("COUNT(*) FILTER (WHERE purchase_count > 0)")
    windows = SQL(", ").join(
        SQL(
            "CASE WHEN purchase_count > 0 THEN ((5 * %(buyers)s OVER (ORDER BY %(col)s)"
            " + %(buyers)s OVER () - 1) / %(buyers)s OVER ())::int ELSE 0 END AS %(alias)s",
            buyers=buyers,
            col=SQL.identifier(column),
            alias=SQL.identifier(f"{axis}_score"),
        )
        for axis, column in RFM_AXES
    )
    values = SQL(", ").join(SQL("(%s, %s, %s)", r, f, seg) for (r, f), seg in cells.items())
    if not cells:
        values = SQL("(0, 0, NULL::int)")
    return SQL(
        """
SELECT %(outer)s, scored.r_score, scored.f_score, scored.m_score,
       CASE WHEN scored.r_score > 0
            THEN scored.r_score::text || scored.f_score::text || scored.m_score::text END,
       cell.segment_id,
       CASE WHEN scored.abc_value > 0 THEN 100 * scored.abc_before / scored.abc_total END,
       CASE WHEN scored.abc_value <= 0 THEN 'c'
            WHEN 100 * scored.abc_before < %(a)s * scored.abc_total THEN 'a'
            WHEN 100 * scored.abc_before < (%(a)s + %(b)s) * scored.abc_total THEN 'b'
            ELSE 'c' END
  FROM (SELECT figures.*, %(windows)s,
               figures.%(value)s AS abc_value,
               COALESCE(SUM(figures.%(value)s) FILTER (WHERE figures.%(value)s > 0) OVER (
                   ORDER BY figures.%(value)s DESC, figures.partner_id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS abc_before,
               SUM(figures.%(value)s) FILTER (WHERE figures.%(value)s > 0) OVER () AS abc_total
          FROM (%(figures)s) figures(%(names)s)) scored
  LEFT JOIN (VALUES %(values)s) AS cell(r, f, segment_id)
         ON cell.r = scored.r_score AND cell.f = scored.f_score
""",
        windows=windows,
        value=value,
        figures=figures,
        names=names,
        outer=outer,
        a=a_percent,
        b=b_percent,
        values=values,
    )


def rfm_thresholds_sql(analysis_id):
    """Rows (axis, score, highest value as text) of the analysis."""
    return SQL(" UNION ALL ").join(
        SQL(
            "SELECT %(axis)s, %(score)s, MAX(%(col)s)::text FROM crm_client_value"
            " WHERE analysis_id = %(analysis)s AND purchase_count > 0 GROUP BY %(score)s",
            axis=axis,
            score=SQL.identifier(f"{axis}_score"),
            col=SQL.identifier(column),
            analysis=analysis_id,
        )
        for axis, column in RFM_AXES
    )


def rfm_incremental_sql(analysis_id, partner_ids, thresholds):
    """Score the given clients against ``thresholds`` {"r": [b1..b4], ...} where b_k is the
    highest value scored k or lower at the last full refresh (None when none was)."""
    casts = {"r": "date", "f": "int", "m": "numeric"}
    parts = []
    for axis, column in RFM_AXES:
        bounds = (thresholds or {}).get(axis) or [None] * 4
        terms = [
            SQL(
                "(COALESCE(%(col)s > %(bound)s::" + casts[axis] + ", TRUE))::int",
                col=SQL.identifier(column),
                bound=bound,
            )
            for bound in bounds
        ]
        parts.append(
            SQL(
                "%(score)s = CASE WHEN purchase_count > 0 THEN 1 + %(terms)s ELSE 0 END",
                score=SQL.identifier(f"{axis}_score"),
                terms=SQL(" + ").join(terms),
            )
        )
    return SQL(
        "UPDATE crm_client_value SET %(sets)s WHERE analysis_id = %(analysis)s"
        " AND partner_id = ANY(%(partners)s)",
        sets=SQL(", ").join(parts),
        analysis=analysis_id,
        partners=list(partner_ids),
    )


def rfm_segment_sql(analysis_id, cells, partner_ids=None):
    """Set rfm_code and rfm_segment_id from ``cells`` {(r, f): segment_id}."""
    values = SQL(", ").join(SQL("(%s, %s, %s)", r, f, seg) for (r, f), seg in cells.items())
    partner_filter = (
        SQL("AND v.partner_id = ANY(%s)", list(partner_ids)) if partner_ids is not None else SQL()
    )
    if not cells:
        values = SQL("(0, 0, NULL::int)")
    return SQL(
        """
UPDATE crm_client_value v
   SET rfm_code = CASE WHEN v.r_score > 0
                       THEN v.r_score::text || v.f_score::text || v.m_score::text END,
       rfm_segment_id = (SELECT cell.segment_id FROM (VALUES %(values)s) AS cell(r, f, segment_id)
                          WHERE cell.r = v.r_score AND cell.f = v.f_score)
 WHERE v.analysis_id = %(analysis)s %(partner_filter)s
""",
        values=values,
        analysis=analysis_id,
        partner_filter=partner_filter,
    )


def abc_thresholds_sql(analysis_id, basis):
    value = abc_value(basis)
    return SQL(
        "SELECT MIN(%(value)s) FILTER (WHERE abc_class = 'a' AND %(value)s > 0),"
        " MIN(%(value)s) FILTER (WHERE abc_class IN ('a', 'b') AND %(value)s > 0)"
        " FROM crm_client_value WHERE analysis_id = %(analysis)s",
        value=value,
        analysis=analysis_id,
    )


def abc_incremental_sql(analysis_id, partner_ids, basis, a_min, b_min):
    """Class the given clients with the lowest A and B values of the last full refresh; their
    share of the ranking is only known after the next full refresh."""
    value = abc_value(basis)
    return SQL(
        """
UPDATE crm_client_value
   SET abc_share = NULL,
       abc_class = CASE WHEN %(value)s <= 0 THEN 'c'
                        WHEN %(value)s >= COALESCE(%(a_min)s::numeric, 0) THEN 'a'
                        WHEN %(value)s >= COALESCE(%(b_min)s::numeric, 0) THEN 'b'
                        ELSE 'c' END
 WHERE analysis_id = %(analysis)s AND partner_id = ANY(%(partners)s)
""",
        value=value,
        a_min=a_min,
        b_min=b_min,
        analysis=analysis_id,
        partners=list(partner_ids),
    )
