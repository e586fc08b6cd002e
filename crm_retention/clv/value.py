"""Expected purchases over month ends and the discounted value of a horizon in months.

The models run in weeks; a horizon in months is converted once here (``units``), so a
"12-month" value is 12 x 4.348 weeks, never 12 weeks nor 360 (the ``lifetimes`` quickstart's
x30 on weekly data).
"""

import numpy as np

from . import bgnbd, paretonbd
from .units import months_to_weeks

MODELS = {"bgnbd": bgnbd, "paretonbd": paretonbd}


def cumulative_purchases(model, params, months, x, t_x, T):
    """Expected purchases of each client within 1, 2, ... ``months`` months from now:
    an array of shape (months, clients), the model's E[Y(t) | x, t_x, T] at month ends."""
    module = MODELS[model]
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    horizons = [months_to_weeks(m) for m in range(1, int(months) + 1)]
    if model == "paretonbd":
        # P(alive) (the costly part) once; each month end only scales the lifetime factor
        r, alpha, s, beta = params
        scale = (r + x) / (alpha + T) * (beta + T) * module.probability_alive(params, x, t_x, T)
        steps = [scale * module._lifetime_factor(s, beta + T, t) for t in horizons]
    else:
        steps = [module.conditional_expected_purchases(params, t, x, t_x, T) for t in horizons]
    return np.vstack(steps) if steps else np.zeros((0, len(x)))


def discounted_value(cumulative, amount, annual_rate):
    """Present value of the purchases expected month by month: the purchases of month m
    (the increase of ``cumulative`` over that month) times ``amount`` (per purchase and
    client), discounted by (1 + annual_rate) ^ (m / 12)."""
    cumulative = np.asarray(cumulative, dtype=float)
    if not len(cumulative):
        return np.zeros(np.shape(amount))
    per_month = np.diff(cumulative, axis=0, prepend=np.zeros((1, cumulative.shape[1])))
    months = np.arange(1, cumulative.shape[0] + 1, dtype=float)
    factors = (1.0 + annual_rate) ** (-months / 12.0)
    return (factors @ per_month) * np.asarray(amount, dtype=float)
