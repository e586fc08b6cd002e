"""BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
Marketing Science 24(2), 275-284).

While alive a client buys at a Poisson rate lambda, gamma-distributed across clients
(shape r, rate alpha); after each REPEAT purchase the client drops out with probability p,
beta-distributed across clients (a, b). Parameters in order: (r, alpha, a, b).

Unit: weeks. x is the number of repeat purchases, t_x the recency and T the age in weeks
(see ``summary``); alpha is in weeks and so is every horizon t (``units.months_to_weeks``
converts a horizon in months). Note: the model only lets a client drop out after a repeat
purchase, so it calls every one-time buyer (x = 0) alive; use Pareto/NBD for those.
"""

import numpy as np
from scipy import special

from .fitting import compress, maximise, require_clients

PARAM_NAMES = ("r", "alpha", "a", "b")


def _arrays(x, t_x, T):
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float)
    T = np.asarray(T, dtype=float)
    return x, t_x, T


def _terms(params, x, t_x, T):
    """Per-row pieces of the log-likelihood: (A, log_c, log_d).

    log L = A + logaddexp(log_c, log_d) where (eq. 6 of FHL 2005, in logs)
    A = ln G(r+x) - ln G(r) + r ln alpha + ln B(a, b+x) - ln B(a, b),
    log_c = -(r+x) ln(alpha+T),
    log_d = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x) when x > 0, -inf when x = 0.
    """
    r, alpha, a, b = params
    A = (
        special.gammaln(r + x)
        - special.gammaln(r)
        + r * np.log(alpha)
        + special.betaln(a, b + x)
        - special.betaln(a, b)
    )
    log_c = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    log_d = np.full(np.shape(x), -np.inf)
    xr = x[repeat]
    log_d[repeat] = np.log(a) - np.log(b + xr - 1.0) - (r + xr) * np.log(alpha + t_x[repeat])
    return A, log_c, log_d


def log_likelihood(params, x, t_x, T, weights=None):
    """Total log-likelihood of the clients (x, t_x, T in weeks); ``weights`` count rows."""
    x, t_x, T = _arrays(x, t_x, T)
    A, log_c, log_d = _terms(params, x, t_x, T)
    ll = A + np.logaddexp(log_c, log_d)
    return float(np.sum(ll if weights is None else weights * ll))


def gradient(params, x, t_x, T, weights=None):
    """Gradient of the total log-likelihood with respect to (r, alpha, a, b)."""
    x, t_x, T = _arrays(x, t_x, T)
    r, alpha, a, b = params
    _A, log_c, log_d = _terms(params, x, t_x, T)
    # w: share of the "dropped out after the last purchase" branch in the likelihood
    w = np.exp(log_d - np.logaddexp(log_c, log_d))
    psi = special.digamma
    psi_abx = psi(a + b + x)
    d_r = psi(r + x) - psi(r) + np.log(alpha) - (1 - w) * np.log(alpha + T)
    d_r -= w * np.log(alpha + t_x)
    d_alpha = r / alpha - (r + x) * ((1 - w) / (alpha + T) + w / (alpha + t_x))
    d_a = psi(a + b) - psi_abx + w / a
    # b + x - 1 > 0 wherever w > 0 (x >= 1); elsewhere the term is 0
    inv_bx1 = np.divide(w, b + x - 1.0, out=np.zeros_like(w), where=x > 0)
    d_b = psi(b + x) - psi_abx - psi(b) + psi(a + b) - inv_bx1
    rows = np.vstack([d_r, d_alpha, d_a, d_b])
    return rows.sum(axis=1) if weights is None else rows @ weights


def fit(x, t_x, T, start=None):
    """Maximum-likelihood fit on the clients' (x, t_x, T) in weeks: a ``FitResult``."""
    x, t_x, T = _arrays(x, t_x, T)
    (cx, ctx, cT), weights = compress(x, t_x, T)
    require_clients(weights)
    if start is None:
        # purchase rate r/alpha started at the mean repeat rate of the sample
        rate = max(
            float(np.average(cx, weights=weights))
            / max(float(np.average(cT, weights=weights)), 1e-9),
            1e-3,
        )
        start = (1.0, 1.0 / rate, 1.0, 1.0)
    return maximise(
        "BG/NBD",
        PARAM_NAMES,
        lambda th: log_likelihood(th, cx, ctx, cT, weights),
        start,
        weights,
        gradient=lambda th: gradient(th, cx, ctx, cT, weights),
    )


def _one_minus_survival_term(params, t, x, T):
    """1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z), z = t/(alpha+T+t).

    Through Euler's transformation 2F1(A, B; C; z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) the
    product is (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): no huge 2F1 times a tiny power
    (which overflows to inf x 0 for many purchases or long horizons).
    """
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    hyp = special.hyp2f1(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z)
    return -np.expm1((a - 1.0) * np.log1p(-z)) * hyp - (hyp - 1.0)


def expected_purchases(params, t):
    """E[X(t)]: expected repeat purchases of a new client within t weeks of the first purchase.

    (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))] (FHL 2005 eq. 9);
    a must differ from 1.
    """
    _r, _alpha, a, b = params
    t = np.asarray(t, dtype=float)
    return (a + b - 1.0) / (a - 1.0) * _one_minus_survival_term(params, t, 0.0, 0.0)


def probability_alive(params, x, t_x, T):
    """P(alive | x, t_x, T): 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).

    Exactly 1 for a client without a repeat purchase (x = 0): see the module note.
    """
    x, t_x, T = _arrays(x, t_x, T)
    r, alpha, a, b = params
    log_ratio = np.where(
        x > 0,
        np.log(a)
        - np.log(np.where(x > 0, b + x - 1.0, 1.0))
        + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x)),
        -np.inf,
    )
    return special.expit(-log_ratio)


def conditional_expected_purchases(params, t, x, t_x, T):
    """E[Y(t) | x, t_x, T]: expected purchases in the next t weeks (FHL 2005 eq. 10).

    [(a+b+x-1)/(a-1)] [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)]
    / [1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)],  z = t/(alpha+T+t);
    the denominator is 1 / P(alive). a must differ from 1.
    """
    x, t_x, T = _arrays(x, t_x, T)
    _r, _alpha, a, b = params
    t = np.asarray(t, dtype=float)
    factor = (a + b + x - 1.0) / (a - 1.0) * _one_minus_survival_term(params, t, x, T)
    return factor * probability_alive(params, x, t_x, T)


def simulate(params, T, rng):
    """Simulate (x, t_x) of clients of ages T (weeks) under the BG/NBD process.

    Each client draws lambda ~ Gamma(r, 1/alpha) and p ~ Beta(a, b); the number of repeat
    purchases the client would make before dropping out is geometric (the k-th purchase is
    the last with probability p); the Poisson process gives N purchases in (0, T]; x is the
    smaller of the two and, given N, the purchase times are uniform order statistics, so the
    x-th one is T x Beta(x, N - x + 1).
    """
    r, alpha, a, b = params
    T = np.asarray(T, dtype=float)
    n = T.shape[0]
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    p = rng.beta(a, b, size=n)
    lifetime_purchases = rng.geometric(np.clip(p, 1e-12, 1.0))
    in_window = rng.poisson(lam * T)
    x = np.minimum(lifetime_purchases, in_window)
    t_x = np.zeros(n)
    repeat = x > 0
    t_x[repeat] = T[repeat] * rng.beta(x[repeat], in_window[repeat] - x[repeat] + 1)
    return x.astype(np.int64), t_x
