"""The forecast backtest on a hand-built history.

Cut-off 2026-03-31, horizon 3 months = 91 days: the window is 2026-04-01..2026-06-30.
Before the cut-off: the twelve clients of test_client_prediction (R1..R4, O1..O4, F1..F4),
dated back from the cut-off. In the window (days after the cut-off, untaxed):
  R1 +20: 400, +50: 300 (2 purchases), credit note +60: 100        -> 600
  F2 +10: 100                                                        -> 100
  O1 +30: 200                                                        -> 200
  R4 +95: 100: after the window, not counted
  N (a new client) +5: 500: not forecast, counted apart
Actual: 900 from 3 clients who bought again (R1, F2, O1), 4 purchase days.
Status at the cut-off: active R1 O1 F1 F2 F3 F4 (3 of 6 bought again), at risk R2 O2,
dormant R3 O3, lost R4 O4 (none bought again).
Recency at the cut-off: R1 10, F2 5, O1 30 bought again; F1 20, F4 30, R2 80, O2 100, F3 100,
R3 200, O3 200, R4 380, O4 400 did not. Bands: 0-30 days 5 clients (3 again), 31-90 1,
91-180 2, 181-365 2, over 365 2 (none again).
Ranking (AUC, ties count half), 3 buyers x 9 others = 27 pairs:
  recency: R1 and F2 beat all 9 (18); O1 (30) loses to F1 (20), ties F4 (30), beats 7: 7.5;
    25.5 / 27 = 94.4 %
  status: each buyer (active) beats the 6 not active and ties the 3 other active: 7.5 each;
    22.5 / 27 = 83.3 %
"""

from datetime import date, timedelta

import numpy as np

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..clv.units import months_to_weeks
from .test_client_prediction import HISTORY, PredictionCase

CUT_OFF = date(2026, 3, 31)


@tagged("post_install", "-at_install")
class TestBacktest(PredictionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls._history(HISTORY, CUT_OFF)
        after = {
            "R1": [(20, 400), (50, 300)],
            "F2": [(10, 100)],
            "O1": [(30, 200)],
            "R4": [(95, 100)],
        }
        for name, purchases in after.items():
            for offset, amount in purchases:
                cls._invoice(
                    cls.clients[name], CUT_OFF + timedelta(days=offset), [(cls.sofa, 1, amount, 0)]
                )
        cls._invoice(
            cls.clients["R1"],
            CUT_OFF + timedelta(days=60),
            [(cls.sofa, 1, 100, 0)],
            move_type="out_refund",
        )
        cls.newcomer = cls._client("N Newcomer", cls.anna)
        cls._invoice(cls.newcomer, CUT_OFF + timedelta(days=5), [(cls.sofa, 1, 500, 0)])
        cls.manager = new_test_user(
            cls.env,
            login="bt_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.Backtest = cls.env["crm.client.backtest"]

    def _run(self, **values):
        backtest = (
            self.Backtest.with_user(self.manager)
            .create({"company_id": self.company.id, "cut_off_date": CUT_OFF, **values})
            .sudo(False)
        )
        self.assertIs(backtest.action_run(), True)
        return backtest.with_user(self.env.user)

    def test_actual_figures(self):
        backtest = self._run()
        self.assertEqual(backtest.window_end_date, date(2026, 6, 30))
        self.assertEqual(backtest.state, "done")
        self.assertEqual(backtest.client_count, 12)
        self.assertEqual(backtest.repeat_buyer_count, 8)
        self.assertEqual(backtest.rebought_count, 3)
        self.assertEqual(backtest.actual_purchases, 4)
        self.assertAlmostEqual(backtest.actual_revenue, 900.0)
        self.assertEqual(backtest.new_client_count, 1)
        self.assertAlmostEqual(backtest.new_client_revenue, 500.0)

    def test_rebuy_rates_per_status_and_recency(self):
        backtest = self._run()
        status = {
            line.status: (line.client_count, line.rebought_count, round(line.rebuy_rate, 1))
            for line in backtest.status_line_ids
        }
        self.assertEqual(
            status,
            {
                "active": (6, 3, 50.0),
                "at_risk": (2, 0, 0.0),
                "dormant": (2, 0, 0.0),
                "lost": (2, 0, 0.0),
            },
        )
        recency = [
            (line.label, line.client_count, line.rebought_count, round(line.rebuy_rate, 1))
            for line in backtest.recency_line_ids
        ]
        self.assertEqual(
            recency,
            [
                ("0-30 days", 5, 3, 60.0),
                ("31-90 days", 1, 0, 0.0),
                ("91-180 days", 2, 0, 0.0),
                ("181-365 days", 2, 0, 0.0),
                ("Over 365 days", 2, 0, 0.0),
            ],
        )
        active = backtest.status_line_ids.filtered(lambda line: line.status == "active")
        self.assertAlmostEqual(active.actual_revenue, 900.0)

    def test_ranking_quality(self):
        backtest = self._run()
        self.assertTrue(backtest.ranking_defined)
        # stored to one decimal
        self.assertAlmostEqual(backtest.auc_recency, 100 * 25.5 / 27, delta=0.05)
        self.assertAlmostEqual(backtest.auc_status, 100 * 22.5 / 27, delta=0.05)
        self.assertIn("plain recency 94.4 %", backtest.summary_ranking)

    def test_forecast_against_actual(self):
        backtest = self._run()
        # the forecast is the models' (fitted on the history up to the cut-off); the figures
        # compare it with the hand-counted actual revenue above
        forecaster = self.env["crm.client.forecaster"]
        summaries = forecaster._summaries(self.company, CUT_OFF)
        fitted = forecaster._fit(self.company, summaries)
        forecast = forecaster._predict(fitted, summaries, months_to_weeks(3))["revenue"]
        self.assertAlmostEqual(backtest.forecast_revenue, forecast.sum(), places=2)
        self.assertAlmostEqual(
            backtest.error_percent, 100 * (forecast.sum() - 900) / 900, delta=0.05
        )
        names = {client.id: name for name, client in self.clients.items()}
        actual = {"R1": 600.0, "F2": 100.0, "O1": 200.0}
        actual_per_client = np.array(
            [actual.get(names[pid], 0.0) for pid in summaries["partner_id"]]
        )
        self.assertAlmostEqual(
            backtest.revenue_correlation,
            np.corrcoef(forecast, actual_per_client)[0, 1],
            delta=0.005,
        )
        # the top decile of 12 clients: the 2 with the highest forecast
        top = np.argsort(-forecast, kind="stable")[:2]
        self.assertEqual(backtest.top_decile_count, 2)
        self.assertAlmostEqual(
            backtest.top_decile_share, 100 * actual_per_client[top].sum() / 900, delta=0.05
        )
        # the fits are kept with the backtest, with their cut-off
        self.assertEqual(sorted(backtest.fit_ids.mapped("model")), ["gammagamma", "paretonbd"])
        self.assertEqual(set(backtest.fit_ids.mapped("cut_off_date")), {CUT_OFF})
        self.assertFalse(backtest.fit_ids.analysis_id)

    def test_run_again_replaces(self):
        backtest = self._run()
        lines, fits = backtest.line_ids, backtest.fit_ids
        backtest.with_user(self.manager).action_run()
        self.assertEqual(len(backtest.line_ids), 9)
        self.assertFalse(lines.exists())
        self.assertFalse(fits.exists())

    def test_window_must_have_passed(self):
        Backtest = self.Backtest.with_user(self.manager)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Backtest.create(
                {"company_id": self.company.id, "cut_off_date": date.today() - timedelta(days=30)}
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Backtest.create(
                {"company_id": self.company.id, "cut_off_date": CUT_OFF, "horizon_months": 0}
            )
        self.assertFalse(Backtest.search([("company_id", "=", self.company.id)]))

    def test_access(self):
        self._run()
        # a salesperson has no backtest at all
        with self.assertRaises(AccessError):
            self.Backtest.with_user(self.anna).search([])
        # a manager of another company does not see this one's
        other = self.env["res.company"].create({"name": "Other Backtest Salon"})
        outsider = new_test_user(
            self.env,
            login="bt_outsider",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(self.Backtest.with_user(outsider).search([]))
        self.assertFalse(self.env["crm.client.backtest.line"].with_user(outsider).search([]))
        self.assertEqual(len(self.Backtest.with_user(self.manager).search([])), 1)
