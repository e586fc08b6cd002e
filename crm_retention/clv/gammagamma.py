"""Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma Model of
Monetary Value", note 025; after Colombo & Jiang 1999).

A client's purchase amounts are gamma-distributed with shape p and rate nu; nu is
gamma-distributed across clients with shape q and rate gamma. The model is fitted on the
REPEAT buyers only (x >= 1) on the mean amount of their repeat purchases z-bar and their
number x (the first purchase left out), and assumes spend independent of purchase frequency:
check ``frequency_spend_correlation`` first (0.11 on CDNOW). Parameters in order:
(p, q, gamma); the expected spend of a new client is p gamma / (q - 1) (q > 1).

Amounts are in the currency of the data and do not depend on the time unit.
"""

import numpy as np
from scipy import special

from .fitting import compress, maximise, require_clients

PARAM_NAMES = ("p", "q", "gamma")


def _repeat_buyers(x, mean_spend):
    x = np.asarray(x, dtype=float)
    m = np.asarray(mean_spend, dtype=float)
    if x.shape != m.shape:
        raise ValueError("x and mean_spend must have the same length")
    keep = x > 0
    if np.any(m[keep] <= 0) or not np.all(np.isfinite(m[keep])):
        raise ValueError("the mean repeat spend of every repeat buyer must be positive")
    return x[keep], m[keep]


def log_likelihood(params, x, mean_spend, weights=None):
    """Total log-likelihood of the repeat buyers' mean repeat spend (clients with x = 0 are
    left out). Density of z-bar given x (note 025, eq. 5):
    G(px+q) / (G(px) G(q)) gamma^q z^(px-1) x^(px) / (gamma + x z)^(px+q).
    """
    p, q, gamma = params
    x = np.asarray(x, dtype=float)
    z = np.asarray(mean_spend, dtype=float)
    px = p * x
    ll = (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (px - 1.0) * np.log(z)
        + px * np.log(x)
        - (px + q) * np.log(gamma + x * z)
    )
    return float(np.sum(ll if weights is None else weights * ll))


def gradient(params, x, mean_spend, weights=None):
    """Gradient of the total log-likelihood with respect to (p, q, gamma)."""
    p, q, gamma = params
    x = np.asarray(x, dtype=float)
    z = np.asarray(mean_spend, dtype=float)
    px = p * x
    psi_pxq = special.digamma(px + q)
    log_gxz = np.log(gamma + x * z)
    d_p = x * (psi_pxq - special.digamma(px) + np.log(z) + np.log(x) - log_gxz)
    d_q = psi_pxq - special.digamma(q) + np.log(gamma) - log_gxz
    d_gamma = q / gamma - (px + q) / (gamma + x * z)
    rows = np.vstack([d_p, d_q, d_gamma])
    return rows.sum(axis=1) if weights is None else rows @ weights


def fit(x, mean_spend, start=None):
    """Fit on the clients' repeat purchase counts x and mean repeat spends: a ``FitResult``.

    Clients without a repeat purchase are left out (``n_clients`` counts the repeat buyers).
    A repeat buyer with a mean spend <= 0 raises ``ValueError``.
    """
    x, z = _repeat_buyers(x, mean_spend)
    (cx, cz), weights = compress(x, z)
    require_clients(weights)
    if start is None:
        # p, q = 1, 2 gives a population mean spend p gamma / (q-1) = gamma: start at the mean
        start = (1.0, 2.0, max(float(np.average(cz, weights=weights)), 1e-6))
    return maximise(
        "Gamma-Gamma",
        PARAM_NAMES,
        lambda th: log_likelihood(th, cx, cz, weights),
        start,
        weights,
        gradient=lambda th: gradient(th, cx, cz, weights),
    )


def conditional_expected_spend(params, x, mean_spend):
    """E[M | x, z-bar]: expected amount of a client's future purchase,
    (gamma + x z) p / (p x + q - 1), i.e. a weighted mean of the population mean
    p gamma / (q - 1) and the client's own mean z-bar, weight p x / (p x + q - 1) on the
    latter. For a client without a repeat purchase (x = 0) it is the population mean.
    """
    p, q, gamma = params
    x = np.asarray(x, dtype=float)
    z = np.where(x > 0, np.asarray(mean_spend, dtype=float), 0.0)
    return (gamma + x * z) * p / (p * x + q - 1.0)


def frequency_spend_correlation(x, mean_spend):
    """Pearson correlation between x and the mean repeat spend among the repeat buyers.

    The model assumes them independent: a correlation far from 0 argues against it.
    """
    x, z = _repeat_buyers(x, mean_spend)
    if len(x) < 2 or np.std(x) == 0 or np.std(z) == 0:
        return float("nan")
    return float(np.corrcoef(x, z)[0, 1])
