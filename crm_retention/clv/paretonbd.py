"""Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are
They and What Will They Do Next?", Management Science 33(1), 1-24).

While alive a client buys at a Poisson rate lambda, gamma-distributed across clients
(shape r, rate alpha); the client's lifetime is exponential with rate mu, gamma-distributed
across clients (shape s, rate beta). Unlike BG/NBD, a client may drop out at any time,
before any repeat purchase too, so a one-time buyer is not taken for alive for ever.
Parameters in order: (r, alpha, s, beta).

The likelihood and the related expressions follow Fader & Hardie, "A Note on Deriving the
Pareto/NBD Model and Related Expressions" (2005), with the Gauss hypergeometric function
taken with the argument that keeps it within [0, 1): (alpha - beta)/(alpha + t) when
alpha >= beta, (beta - alpha)/(beta + t) otherwise.

Unit: weeks. x is the number of repeat purchases, t_x the recency and T the age in weeks
(see ``summary``); alpha and beta are in weeks and so is every horizon t
(``units.months_to_weeks`` converts a horizon in months).
"""

import numpy as np
from scipy import integrate, special

from .fitting import compress, maximise, require_clients

PARAM_NAMES = ("r", "alpha", "s", "beta")

# Search box of the four parameters. When the data cannot tell the clients' lifetimes apart
# (or their purchase rates), the likelihood rises for ever along s, beta -> infinity with
# s/beta fixed (or r, alpha): the estimate then stops on this box and the fit says so.
# 1e4 is far beyond real values in weeks (beta = 1e4 with s = 1 is a mean lifetime rate of
# one in 190 years) and keeps the hypergeometric function in its fast region on the way.
BOUNDS = (1e-4, 1e4)


def _arrays(x, t_x, T):
    return (
        np.asarray(x, dtype=float),
        np.asarray(t_x, dtype=float),
        np.asarray(T, dtype=float),
    )


# scipy's hyp2f1(1, b; c; z) gives NaN or inf, or loses digits, for a large b with z close
# to 1 (many repeat purchases, or a lifetime shape s in the hundreds, alpha and beta far
# apart). Against exact values (the series, or the continued fraction, in mpmath at 40
# digits) on 1,200 random points, scipy 1.17's relative errors above 1e-12 were all at
# b > 100 with z > 0.998. Those rows, with a margin, and any row scipy leaves without a
# value go to the continued fraction below.
CF_REGIONS = ((100.0, 0.99),)
CF_MAX_TERMS = 50_000


def _hyp2f1_1b_cf(b, c, z):
    """2F1(1, b; c; z) for 0 <= z < 1, c > b > 0, by Gauss's continued fraction
    2F1(1, b; c; z) = 1 / (1 - k1 z / (1 - k2 z / (1 - ...))), with (a = b, e = c - 1)
    k(2m+1) = (a+m)(e+m) / ((e+2m)(e+2m+1)), k(2m) = m(e-a+m) / ((e+2m-1)(e+2m)),
    evaluated forwards (modified Lentz) on all the rows (1-d arrays) at once. Every k is
    positive and k -> 1/4, so it converges for every z < 1, in a few hundred to a few
    thousand terms close to 1 (where the power series would need hundreds of thousands).
    NaN for a row still unconverged after CF_MAX_TERMS terms.
    """
    a = np.asarray(b, dtype=float)
    e = np.asarray(c, dtype=float) - 1.0
    z = np.asarray(z, dtype=float)
    tiny = 1e-300
    g = np.ones_like(z)
    lentz_c = g.copy()
    lentz_d = np.zeros_like(z)
    todo = np.arange(len(z))
    for n in range(1, CF_MAX_TERMS + 1):
        if not len(todo):
            break
        m = n // 2
        at, et = a[todo], e[todo]
        if n % 2:
            k = (at + m) * (et + m) / ((et + 2 * m) * (et + 2 * m + 1))
        else:
            k = m * (et - at + m) / ((et + 2 * m - 1) * (et + 2 * m))
        step = -k * z[todo]
        d_new = 1.0 + step * lentz_d[todo]
        d_new = 1.0 / np.where(d_new == 0.0, tiny, d_new)
        c_new = 1.0 + step / lentz_c[todo]
        c_new = np.where(c_new == 0.0, tiny, c_new)
        delta = c_new * d_new
        g[todo] *= delta
        lentz_c[todo], lentz_d[todo] = c_new, d_new
        todo = todo[np.abs(delta - 1.0) > 1e-15]
    result = 1.0 / g
    result[todo] = np.nan
    return result


def _log_term(params, x, t):
    """ln[ 2F1(r+s+x, b1; r+s+x+1; z(t)) / (m + t)^(r+s+x) ] of the note's A0.

    alpha >= beta: b1 = s+1, m = alpha, z = (alpha-beta)/(alpha+t);
    alpha < beta:  b1 = r+x, m = beta,  z = (beta-alpha)/(beta+t).
    The function is taken through Euler's transformation
    2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) with c - a = 1, whose series has
    positive terms bounded by z^n (no cancellation, no overflow), the power in logs.
    """
    r, alpha, s, beta = params
    x = np.atleast_1d(np.asarray(x, dtype=float))
    t = np.atleast_1d(np.asarray(t, dtype=float))
    a1 = r + s + x
    c1 = a1 + 1.0
    if alpha >= beta:
        m, b1 = alpha, s + 1.0
        z = (alpha - beta) / (alpha + t)
    else:
        m, b1 = beta, r + x
        z = (beta - alpha) / (beta + t)
    z, b_euler, c_euler = np.broadcast_arrays(z, c1 - b1, c1)
    with np.errstate(invalid="ignore", over="ignore"):
        hyp = special.hyp2f1(1.0, b_euler, c_euler, z)
    hard = ~np.isfinite(hyp)
    for min_b, min_z in CF_REGIONS:
        hard |= (b_euler > min_b) & (z > min_z)
    if hard.any():
        hyp[hard] = _hyp2f1_1b_cf(b_euler[hard], c_euler[hard], z[hard])
    log_hyp = (c1 - a1 - b1) * np.log1p(-z) + np.log(hyp)
    return log_hyp - a1 * np.log(m + t)


def _pairs(x, t):
    """Distinct (x, t) pairs and, for each row, the index of its pair.

    On day-based data many clients share a pair (t is a whole number of days): the
    hypergeometric function, the costly part, is then evaluated once per pair.
    """
    pairs, inverse = np.unique(np.column_stack([x, t]), axis=0, return_inverse=True)
    return pairs[:, 0], pairs[:, 1], inverse.reshape(-1)


class _Prepared:
    """The clients' rows with their (x, t_x) and (x, T) pairs, prepared once for a fit."""

    def __init__(self, x, t_x, T):
        self.at_tx = _pairs(x, t_x)
        self.at_T = _pairs(x, T)


def _log_term_pairs(params, pairs):
    px, pt, inverse = pairs
    return _log_term(params, px, pt)[inverse]


def _log_a0(params, x, t_x, T, prepared=None):
    """ln A0 = ln[term(t_x) - term(T)] (term decreases with t; -inf when t_x = T)."""
    shape = np.broadcast(x, t_x, T).shape
    x, t_x, T = (np.ravel(v) for v in np.broadcast_arrays(x, t_x, T))
    if prepared is None:
        at_tx = _log_term(params, x, t_x)
        at_T = _log_term(params, x, T)
    else:
        at_tx = _log_term_pairs(params, prepared.at_tx)
        at_T = _log_term_pairs(params, prepared.at_T)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_a0 = at_tx + np.log(-np.expm1(np.minimum(at_T - at_tx, 0.0)))
    failed = ~(np.isfinite(at_tx) & np.isfinite(at_T))
    if failed.any():
        # left without a value by scipy and by the continued fraction: integrate those rows
        log_a0[failed] = [
            _log_a0_by_quadrature(params, xi, txi, Ti)
            for xi, txi, Ti in zip(x[failed], t_x[failed], T[failed], strict=True)
        ]
    return log_a0.reshape(shape)


def _log_a0_by_quadrature(params, x, t_x, T):
    """ln A0 from its integral form (the A0 term of the note, derived from the individual
    likelihood): A0 = (r+s+x) int_{t_x}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du.

    The integrand is scaled by its value at t_x (its largest) and integrated adaptively.
    """
    r, alpha, s, beta = params
    if T <= t_x:
        return -np.inf

    def scaled(u):
        return np.exp(
            -(r + x) * np.log1p((u - t_x) / (alpha + t_x))
            - (s + 1.0) * np.log1p((u - t_x) / (beta + t_x))
        )

    span = T - t_x
    value, _error = integrate.quad(
        scaled,
        t_x,
        T,
        points=[t_x + span * f for f in (1e-8, 1e-6, 1e-4, 1e-2)],
        epsabs=0.0,
        epsrel=1e-12,
        limit=500,
    )
    return (
        np.log(r + s + x)
        + np.log(value)
        - (r + x) * np.log(alpha + t_x)
        - (s + 1.0) * np.log(beta + t_x)
    )


def _branches(params, x, t_x, T, prepared=None):
    """(A, log_c, log_d) with log L = A + logaddexp(log_c, log_d), where
    A = ln G(r+x) - ln G(r) + r ln alpha + s ln beta,
    log_c = -(r+x) ln(alpha+T) - s ln(beta+T)   (alive at T),
    log_d = ln s - ln(r+s+x) + ln A0             (dropped out between t_x and T).
    """
    r, alpha, s, beta = params
    A = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    log_c = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    log_d = np.log(s) - np.log(r + s + x) + _log_a0(params, x, t_x, T, prepared)
    return A, log_c, log_d


def log_likelihood(params, x, t_x, T, weights=None, prepared=None):
    """Total log-likelihood of the clients (x, t_x, T in weeks); ``weights`` count rows."""
    x, t_x, T = _arrays(x, t_x, T)
    A, log_c, log_d = _branches(params, x, t_x, T, prepared)
    ll = A + np.logaddexp(log_c, log_d)
    return float(np.sum(ll if weights is None else weights * ll))


def fit(x, t_x, T, start=None):
    """Maximum-likelihood fit on the clients' (x, t_x, T) in weeks: a ``FitResult``.

    The gradient is taken by central differences (the derivatives of 2F1 with respect to
    its parameters have no closed form).
    """
    x, t_x, T = _arrays(x, t_x, T)
    (cx, ctx, cT), weights = compress(x, t_x, T)
    require_clients(weights)
    prepared = _Prepared(cx, ctx, cT)
    if start is None:
        mean_T = max(float(np.average(cT, weights=weights)), 1e-9)
        rate = max(float(np.average(cx, weights=weights)) / mean_T, 1e-3)
        # purchase rate r/alpha at the mean repeat rate, mean lifetime beta/s at the mean age
        start = (1.0, 1.0 / rate, 1.0, mean_T)
    return maximise(
        "Pareto/NBD",
        PARAM_NAMES,
        lambda th: log_likelihood(th, cx, ctx, cT, weights, prepared),
        start,
        weights,
        bounds=BOUNDS,
    )


def probability_alive(params, x, t_x, T):
    """P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).

    Below 1 for one-time buyers too (x = 0): the longer since the first purchase, the lower.
    """
    x, t_x, T = _arrays(x, t_x, T)
    _A, log_c, log_d = _branches(params, x, t_x, T)
    return special.expit(log_c - log_d)


def _lifetime_factor(s, beta_T, t):
    """[1 - (beta_T/(beta_T+t))^(s-1)] / (s-1), with its limit ln(1 + t/beta_T) at s = 1."""
    log_ratio = np.log1p(t / beta_T)
    if abs(s - 1.0) < 1e-10:
        return log_ratio
    return -np.expm1(-(s - 1.0) * log_ratio) / (s - 1.0)


def expected_purchases(params, t):
    """E[X(t)] for a new client: r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]."""
    r, alpha, s, beta = params
    t = np.asarray(t, dtype=float)
    return r * beta / alpha * _lifetime_factor(s, beta, t)


def conditional_expected_purchases(params, t, x, t_x, T):
    """E[Y(t) | x, t_x, T]: expected purchases in the next t weeks,
    (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive).
    """
    x, t_x, T = _arrays(x, t_x, T)
    r, alpha, s, beta = params
    t = np.asarray(t, dtype=float)
    rate = (r + x) / (alpha + T) * (beta + T)
    return rate * _lifetime_factor(s, beta + T, t) * probability_alive(params, x, t_x, T)


def simulate(params, T, rng):
    """Simulate (x, t_x) of clients of ages T (weeks) under the Pareto/NBD process.

    lambda ~ Gamma(r, 1/alpha), mu ~ Gamma(s, 1/beta), lifetime ~ Exp(mu); the client
    buys N ~ Poisson(lambda min(lifetime, T)) times while observed and alive, the purchase
    times are uniform on (0, min(lifetime, T)) so the last one is min(lifetime, T) U^(1/N).
    """
    r, alpha, s, beta = params
    T = np.asarray(T, dtype=float)
    n = T.shape[0]
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    mu = rng.gamma(s, 1.0 / beta, size=n)
    observed = np.minimum(rng.exponential(1.0 / mu), T)
    x = rng.poisson(lam * observed)
    t_x = np.zeros(n)
    repeat = x > 0
    t_x[repeat] = observed[repeat] * rng.uniform(size=int(repeat.sum())) ** (1.0 / x[repeat])
    return x.astype(np.int64), t_x
