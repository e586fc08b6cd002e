"""Customer-lifetime models in plain numpy and scipy (no Odoo import anywhere in here).

- ``summary``: per-client (x, t_x, T, mean repeat spend) from a transaction log;
- ``bgnbd``: BG/NBD (Fader, Hardie & Lee 2005);
- ``paretonbd``: Pareto/NBD (Schmittlein, Morrison & Colombo 1987), for bases with many
  one-time buyers (BG/NBD calls every one-time buyer alive);
- ``gammagamma``: Gamma-Gamma spend model (Fader & Hardie 2013, after Colombo & Jiang 1999);
- ``fitting``: the shared maximum-likelihood fit and its ``FitResult``;
- ``units``: the conversions of horizons to weeks.

UNIT: every time in this package is in WEEKS (t_x, T, forecast horizons, alpha and beta);
a month is 30.4375 / 7 = 4.348 weeks (``units.months_to_weeks``).

The package imports nothing from the Odoo module around it, so that its tests run without
Odoo: from the ``crm_retention`` folder, ``python -m unittest discover -s clv/tests -t .``.
"""

from . import bgnbd, fitting, gammagamma, paretonbd, summary, units, value
from .fitting import FitResult
from .summary import Summary, summarise
