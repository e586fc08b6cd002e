"""The backtest's figures: the actual sales of a window after a cut-off date (set-based
SQL) and the plain-numpy measures of a forecast against them."""

import math

import numpy as np
from scipy import stats

from odoo.tools import SQL

from ..clv.units import DAYS_PER_WEEK, months_to_weeks

# a higher rank: more likely to buy again (for the ranking quality of the status)
STATUS_RANK = {"active": 4, "at_risk": 3, "dormant": 2, "lost": 1}
# fixed recency bands in days since the last purchase (upper bound included; None: open)
RECENCY_BANDS = (("0_30", 30), ("31_90", 90), ("91_180", 180), ("181_365", 365), ("366", None))
TOP_SHARE = 0.10  # the top decile of the clients by forecast revenue


def window_days(horizon_months):
    """The length of the window after the cut-off, in whole days: the forecast horizon
    ``months_to_weeks(horizon_months)`` weeks rounded to the nearest day (91 for 3 months)."""
    return round(months_to_weeks(horizon_months) * DAYS_PER_WEEK)


def ranking_auc(scores, positive):
    """Area under the ROC curve of ``scores`` for the ``positive`` ones (the share of
    (positive, negative) pairs the score orders right, ties counting half), by the
    Mann-Whitney rank sum with mid-ranks. None when either group is empty."""
    scores = np.asarray(scores, dtype=float)
    positive = np.asarray(positive, dtype=bool)
    n_pos = int(positive.sum())
    n_neg = len(positive) - n_pos
    if not n_pos or not n_neg:
        return None
    ranks = stats.rankdata(scores)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def top_share(forecast, actual, partner_ids, share=TOP_SHARE):
    """The share of the actual revenue brought by the ``share`` of the clients with the
    highest forecast (at least one; ties by the lower partner id first). None when the
    actual revenue is not positive."""
    actual = np.asarray(actual, dtype=float)
    total = actual.sum()
    if not len(actual) or total <= 0:
        return None, 0
    count = max(1, math.ceil(len(actual) * share - 1e-9))
    order = np.lexsort((np.asarray(partner_ids), -np.asarray(forecast, dtype=float)))
    return float(actual[order[:count]].sum() / total), count


def pearson(forecast, actual):
    """Pearson's correlation of two arrays; None when either is constant (or < 2 values)."""
    forecast = np.asarray(forecast, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if len(forecast) < 2 or np.ptp(forecast) == 0 or np.ptp(actual) == 0:
        return None
    return float(np.corrcoef(forecast, actual)[0, 1])


def recency_band(recency_days):
    """The band code of each recency (days since the last purchase)."""
    recency = np.asarray(recency_days, dtype=float)
    bands = np.empty(len(recency), dtype=object)
    low = -np.inf
    for code, high in RECENCY_BANDS:
        upper = np.inf if high is None else high
        bands[(recency > low) & (recency <= upper)] = code
        low = upper
    return bands


def actuals_sql(company_id, cut_off, end):
    """SELECT partner_id, days, revenue: what each client bought in (cut_off, end]: purchase
    days (days with a posted customer invoice) and untaxed revenue net of credit notes in
    company currency."""
    return SQL(
        """
WITH moves AS MATERIALIZED (
    SELECT m.id, m.commercial_partner_id AS partner_id, m.move_type, m.invoice_date
      FROM account_move m
     WHERE m.company_id = %(company)s
       AND m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund')
       AND m.invoice_date > %(cut_off)s
       AND m.invoice_date <= %(end)s
),
days AS (
    SELECT partner_id,
           COUNT(DISTINCT invoice_date) FILTER (WHERE move_type = 'out_invoice') AS days
      FROM moves
  GROUP BY partner_id
),
revenue AS (
    SELECT mv.partner_id, SUM(-l.balance) AS revenue
      FROM moves mv
      JOIN account_move_line l ON l.move_id = mv.id AND l.display_type = 'product'
  GROUP BY mv.partner_id
)
SELECT d.partner_id, d.days, COALESCE(r.revenue, 0)
  FROM days d
  LEFT JOIN revenue r ON r.partner_id = d.partner_id
 ORDER BY d.partner_id
""",
        company=company_id,
        cut_off=cut_off,
        end=end,
    )
