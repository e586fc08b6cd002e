"""Per-client summaries of a transaction log, the input of the purchase-count models.

Conventions (those of Fader, Hardie & Lee 2005 and of the CDNOW studies):

- purchases of one client on the same day are merged into one purchase (their amounts added);
- the first purchase starts the client's clock and is not counted: the frequency x is the
  number of REPEAT purchase days up to and including the calibration end date;
- recency t_x is the time from the first purchase to the last repeat purchase (0 when x = 0);
- age T is the time from the first purchase to the calibration end date: a client who first
  bought on 1997-01-01 has T = 272 days = 38.86 weeks at a 1997-09-30 cut-off;
- t_x and T are in WEEKS (days / 7), the unit of every model of this package;
- the mean repeat spend is the mean amount of the repeat purchase days (the first purchase is
  left out, as the Gamma-Gamma model asks); 0 for a client without a repeat purchase.

Everything is vectorised with numpy: no Python loop over clients or transactions.
"""

from dataclasses import dataclass

import numpy as np

from .units import DAYS_PER_WEEK


@dataclass(frozen=True)
class Summary:
    """One row per client, sorted by client id; the times are in weeks.

    ``holdout_frequency`` (purchase days after the calibration end date, up to the holdout
    end date) is filled only when a holdout end date was given.
    """

    client_ids: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    mean_repeat_spend: np.ndarray
    first_purchase: np.ndarray
    holdout_frequency: np.ndarray | None = None

    def __len__(self):
        return len(self.client_ids)

    @property
    def repeat_purchases(self):
        """Total number of repeat purchase days of the clients (sum of x)."""
        return int(self.frequency.sum())

    @property
    def clients_without_repeat(self):
        """Number of clients without a repeat purchase (x = 0)."""
        return int(np.count_nonzero(self.frequency == 0))


def _day_numbers(dates):
    return np.asarray(dates, dtype="datetime64[D]").astype(np.int64)


def _day_number(date):
    return np.datetime64(date, "D").astype(np.int64)


def _merge_days(codes, days, amounts):
    """Sort by (client, day) and merge each client's same-day rows: (codes, days, amounts)."""
    order = np.lexsort((days, codes))
    codes, days, amounts = codes[order], days[order], amounts[order]
    starts = np.ones(len(codes), dtype=bool)
    starts[1:] = (codes[1:] != codes[:-1]) | (days[1:] != days[:-1])
    idx = np.flatnonzero(starts)
    merged = np.add.reduceat(amounts, idx) if len(idx) else amounts[:0]
    return codes[idx], days[idx], merged


def summarise(
    client_ids,
    dates,
    amounts,
    calibration_end,
    first_purchase_from=None,
    first_purchase_to=None,
    holdout_end=None,
):
    """Summarise transactions (one row each: client id, date, amount) per client.

    Only the transactions dated up to ``calibration_end`` (included) enter x, t_x, T and the
    mean repeat spend. A client is kept when the first purchase falls within
    ``first_purchase_from``..``first_purchase_to`` (both included, each optional: the cohort).
    With ``holdout_end``, ``holdout_frequency`` counts each kept client's purchase days after
    ``calibration_end`` up to ``holdout_end`` (included).

    ``dates`` may be ``datetime.date`` objects, ISO strings or numpy ``datetime64`` values;
    ``amounts`` may be ``None`` (every amount 0). Returns a :class:`Summary`.
    """
    ids = np.asarray(client_ids)
    days = _day_numbers(dates)
    if amounts is None:
        values = np.zeros(len(ids), dtype=float)
    else:
        values = np.asarray(amounts, dtype=float)
    if not (len(ids) == len(days) == len(values)):
        raise ValueError("client_ids, dates and amounts must have the same length")
    cutoff = _day_number(calibration_end)

    calibration = days <= cutoff
    uniq_ids, codes = np.unique(ids[calibration], return_inverse=True)
    codes = codes.reshape(-1)
    d_codes, d_days, d_amounts = _merge_days(codes, days[calibration], values[calibration])

    n_clients = len(uniq_ids)
    if not n_clients:
        empty = np.zeros(0)
        return Summary(
            client_ids=uniq_ids,
            frequency=np.zeros(0, dtype=np.int64),
            recency=empty,
            age=empty,
            mean_repeat_spend=empty,
            first_purchase=np.zeros(0, dtype="datetime64[D]"),
            holdout_frequency=None if holdout_end is None else np.zeros(0, dtype=np.int64),
        )
    # rows of one client are contiguous (sorted by client, then day): its first and last row
    client_start = np.flatnonzero(np.r_[True, d_codes[1:] != d_codes[:-1]])
    client_end = np.r_[client_start[1:], len(d_codes)] - 1
    first_day = d_days[client_start]
    last_day = d_days[client_end]
    x = (client_end - client_start).astype(np.int64)
    repeat_total = np.add.reduceat(d_amounts, client_start) - d_amounts[client_start]
    mean_spend = np.divide(repeat_total, x, out=np.zeros(n_clients), where=x > 0)

    keep = np.ones(n_clients, dtype=bool)
    if first_purchase_from is not None:
        keep &= first_day >= _day_number(first_purchase_from)
    if first_purchase_to is not None:
        keep &= first_day <= _day_number(first_purchase_to)

    holdout = None
    if holdout_end is not None:
        later = (days > cutoff) & (days <= _day_number(holdout_end))
        later_ids = ids[later]
        pos = np.minimum(np.searchsorted(uniq_ids, later_ids), n_clients - 1)
        known = uniq_ids[pos] == later_ids
        h_codes, _h_days, _h_amounts = _merge_days(
            pos[known], days[later][known], values[later][known]
        )
        holdout = np.bincount(h_codes, minlength=n_clients).astype(np.int64)[keep]

    return Summary(
        client_ids=uniq_ids[keep],
        frequency=x[keep],
        recency=(last_day - first_day)[keep] / DAYS_PER_WEEK,
        age=(cutoff - first_day)[keep] / DAYS_PER_WEEK,
        mean_repeat_spend=mean_spend[keep],
        first_purchase=first_day[keep].astype("datetime64[D]"),
        holdout_frequency=holdout,
    )
