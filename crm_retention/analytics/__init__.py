"""Set-based SQL of the client analytics.

Each function returns an ``odoo.tools.SQL`` query over all the clients of one company at
once (or over a given set of clients for the incremental refresh); the models only run them
and store the result. The figures and their definitions are documented in
``readme/USAGE.md``.
"""

from . import backtest, client_figures, payment_discipline, predictions, scores
