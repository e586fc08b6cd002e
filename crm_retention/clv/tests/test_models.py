"""The package's own behaviour: summaries, gradients, standard errors, numerical edge cases and
a 100,000-client fit. Plain ``unittest`` (no Odoo): from the ``crm_retention`` folder,
``python -m unittest discover -s clv/tests -t .``.
"""

import json
import sys
import time
import unittest
from datetime import date

import numpy as np

from .. import bgnbd, fitting, gammagamma, paretonbd, summary


class TestSummary(unittest.TestCase):
    def setUp(self):
        super().setUp()
        # client 7: 2 rows on 1 Jan (merged: one purchase of 30), 8 Jan (5), 15 Jan (25),
        #           1 Mar after the cut-off (12);
        # client 3: one purchase on 29 Jan; client 9: first purchase after the cut-off;
        # client 5: first purchase 20 Dec of the year before (outside the cohort)
        self.ids = [7, 7, 7, 3, 7, 9, 7, 5, 5]
        self.dates = [
            date(2024, 1, 1),
            date(2024, 1, 1),
            "2024-01-08",
            "2024-01-29",
            np.datetime64("2024-01-15"),
            "2024-02-10",
            "2024-03-01",
            "2023-12-20",
            "2024-01-03",
        ]
        self.amounts = [10.0, 20.0, 5.0, 40.0, 25.0, 7.0, 12.0, 3.0, 4.0]

    def test_summary(self):
        s = summary.summarise(self.ids, self.dates, self.amounts, date(2024, 1, 31))
        self.assertEqual(s.client_ids.tolist(), [3, 5, 7])
        # 3: only the first purchase (2 days before the cut-off); 5: 20 Dec and 3 Jan;
        # 7: 1 Jan (merged), 8 Jan, 15 Jan -> x = 2, t_x = 14 days, T = 30 days
        self.assertEqual(s.frequency.tolist(), [0, 1, 2])
        np.testing.assert_allclose(s.recency, [0.0, 2.0, 2.0], rtol=0, atol=1e-12)
        np.testing.assert_allclose(s.age, [2 / 7, 42 / 7, 30 / 7], rtol=0, atol=1e-12)
        # 7: repeat days 5 and 25 -> 15; the merged first day (30) is left out
        np.testing.assert_allclose(s.mean_repeat_spend, [0.0, 4.0, 15.0], rtol=0, atol=1e-12)
        self.assertEqual(s.repeat_purchases, 3)
        self.assertEqual(s.clients_without_repeat, 1)
        self.assertIsNone(s.holdout_frequency)

    def test_cohort_and_holdout(self):
        s = summary.summarise(
            self.ids,
            self.dates,
            self.amounts,
            "2024-01-31",
            first_purchase_from="2024-01-01",
            first_purchase_to="2024-01-31",
            holdout_end="2024-03-31",
        )
        # 5 is out of the cohort, 9 bought first after the cut-off
        self.assertEqual(s.client_ids.tolist(), [3, 7])
        self.assertEqual(s.first_purchase.tolist(), [date(2024, 1, 29), date(2024, 1, 1)])
        # 7 bought once more on 1 March; 3 not again
        self.assertEqual(s.holdout_frequency.tolist(), [0, 1])

    def test_holdout_same_day_merged_and_end_included(self):
        s = summary.summarise(
            [1, 1, 1, 1],
            ["2024-01-01", "2024-02-05", "2024-02-05", "2024-02-29"],
            None,
            "2024-01-31",
            holdout_end="2024-02-29",
        )
        self.assertEqual(s.holdout_frequency.tolist(), [2])
        self.assertEqual(s.mean_repeat_spend.tolist(), [0.0])

    def test_empty(self):
        s = summary.summarise([], [], [], "2024-01-31", holdout_end="2024-02-29")
        self.assertEqual(len(s), 0)
        self.assertEqual(s.repeat_purchases, 0)
        self.assertEqual(s.holdout_frequency.tolist(), [])

    def test_lengths_must_match(self):
        with self.assertRaises(ValueError):
            summary.summarise([1, 2], ["2024-01-01"], [1.0, 2.0], "2024-01-31")


class TestGradientsAndErrors(unittest.TestCase):
    def setUp(self):
        super().setUp()
        rng = np.random.default_rng(7)
        self.T = rng.uniform(10, 40, 300)
        self.x, self.t_x = bgnbd.simulate((0.5, 6.0, 0.8, 2.5), self.T, rng)
        self.spend = rng.gamma(3.0, 10.0, 300) + 1.0

    def _central(self, func, theta, step=1e-6):
        theta = np.asarray(theta, dtype=float)
        out = []
        for i in range(len(theta)):
            e = np.zeros(len(theta))
            e[i] = step * theta[i]
            out.append((func(theta + e) - func(theta - e)) / (2 * e[i]))
        return np.array(out)

    def test_bgnbd_gradient(self):
        theta = (0.4, 5.0, 0.9, 3.0)
        analytic = bgnbd.gradient(theta, self.x, self.t_x, self.T)
        numeric = self._central(
            lambda th: bgnbd.log_likelihood(th, self.x, self.t_x, self.T), theta
        )
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-6)

    def test_gammagamma_gradient(self):
        theta = (4.0, 3.0, 12.0)
        x = np.maximum(self.x, 1)
        analytic = gammagamma.gradient(theta, x, self.spend)
        numeric = self._central(lambda th: gammagamma.log_likelihood(th, x, self.spend), theta)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-6)

    def test_standard_errors_match_the_delta_method(self):
        # Hessian in the log-parameters u = ln(theta), mapped back with the delta method
        # (SE(theta_i) = theta_i SE(u_i)), must give the standard errors of the fit
        result = bgnbd.fit(self.x, self.t_x, self.T)
        theta = np.array(result.values)
        hess_u = fitting.numerical_hessian(
            lambda u: -bgnbd.log_likelihood(np.exp(u), self.x, self.t_x, self.T), np.log(theta)
        )
        se_delta = theta * np.sqrt(np.diag(np.linalg.inv(hess_u)))
        se_fit = np.array(list(result.standard_errors.values()))
        np.testing.assert_allclose(se_fit, se_delta, rtol=2e-3)

    def test_fit_result_is_plain_data(self):
        result = gammagamma.fit(np.maximum(self.x, 1), self.spend)
        data = json.loads(json.dumps(result.as_dict()))
        self.assertEqual(data["model"], "Gamma-Gamma")
        self.assertEqual(data["unit"], "weeks")
        self.assertEqual(data["n_clients"], 300)
        self.assertEqual(set(data["params"]), {"p", "q", "gamma"})
        self.assertEqual(set(data["standard_errors"]), {"p", "q", "gamma"})


class TestEdgeCases(unittest.TestCase):
    def test_pareto_hypergeometric_fallback(self):
        # alpha >> beta and 200 repeat purchases: scipy's hyp2f1 (1.11 to 1.17 at least)
        # gives NaN there (1 - z = 5e-4): the continued fraction takes over
        params = (0.55, 1000.0, 0.61, 0.01)
        log_a0 = paretonbd._log_a0(params, np.array([200.0]), np.array([0.5]), np.array([30.0]))
        # ln A0 from the 2F1 difference of the note, with mpmath at 40 digits
        self.assertAlmostEqual(float(log_a0[0]), -1379.6643318255408, delta=1e-8)
        alive = paretonbd.probability_alive(params, [200], [0.5], [30.0])
        self.assertTrue(0.0 < float(alive[0]) < 1.0)

    def test_pareto_continued_fraction(self):
        # 2F1(1, b; c; z): its series summed in mpmath at 40 digits (the continued fraction in
        # mpmath agrees to 17 digits); scipy gives NaN at the first two points
        b = np.array([367.0, 200.55, 2000.0, 5.0])
        c = np.array([368.5, 202.16, 2000.7, 6.5])
        z = np.array([0.9999, 0.9995, 0.99, 0.3])
        expected = [531.46593098403991, 216.96540770133136, 96.794380536595017, 1.3044982815240578]
        values = paretonbd._hyp2f1_1b_cf(b, c, z)
        np.testing.assert_allclose(values, expected, rtol=1e-11)

    def test_pareto_quadrature_matches_hypergeometric(self):
        params = (0.553, 10.578, 0.606, 11.669)
        for x, t_x, T in ((0, 0.0, 38.86), (2, 30.43, 38.86), (25, 37.0, 38.0)):
            closed = paretonbd._log_a0(params, np.array([float(x)]), np.array([t_x]), np.array([T]))
            integral = paretonbd._log_a0_by_quadrature(params, float(x), t_x, T)
            self.assertAlmostEqual(float(closed[0]), integral, delta=1e-9)

    def test_pareto_large_frequencies_are_finite(self):
        # CLVTools' case of P(alive) NaNs in an earlier implementation of theirs
        alive = paretonbd.probability_alive(
            (0.5143, 2.8845, 0.2856, 14.1087),
            [221, 254, 161, 204],
            [103.42857, 97.14286, 94.71429, 98.57143],
            [103.57143, 97.28571, 98.0, 99.42857],
        )
        self.assertTrue(np.all(np.isfinite(alive)))
        self.assertTrue(np.all((alive > 0) & (alive <= 1)))

    def test_pareto_lifetime_factor_at_s_equal_one(self):
        # s = 1: [1 - (b/(b+t))^(s-1)]/(s-1) tends to ln(1 + t/b)
        at_one = paretonbd.expected_purchases((0.5, 10.0, 1.0, 20.0), 39.0)
        near_one = paretonbd.expected_purchases((0.5, 10.0, 1.0 + 1e-7, 20.0), 39.0)
        self.assertAlmostEqual(float(at_one), 0.5 * 20.0 / 10.0 * np.log1p(39.0 / 20.0), 12)
        self.assertAlmostEqual(float(at_one), float(near_one), places=6)

    def test_bgnbd_many_purchases_and_long_horizons(self):
        # the textbook form multiplies a 2F1 overflowing to inf by a power rounding to 0;
        # values of that form with its 2F1 series summed to convergence in mpmath (60 digits)
        params = (0.243, 4.414, 0.793, 2.426)
        values = bgnbd.conditional_expected_purchases(
            params, [520.0, 52.0], [700, 5000], [100.0, 300.0], [100.0, 300.0]
        )
        self.assertAlmostEqual(float(values[0]) / 1515.8052772590515, 1.0, places=12)
        self.assertAlmostEqual(float(values[1]) / 801.4643432559457, 1.0, places=12)
        # a horizon of a thousandth of a week: 1.6858430615781e-05 (same computation)
        tiny = bgnbd.conditional_expected_purchases(params, 1e-3, 0, 0.0, 10.0)
        self.assertAlmostEqual(float(tiny) / 1.6858430615781074e-05, 1.0, places=9)

    def test_gammagamma_rejects_non_positive_spend(self):
        with self.assertRaises(ValueError):
            gammagamma.fit([1, 2, 0], [10.0, 0.0, 0.0])
        with self.assertRaises(ValueError):
            gammagamma.fit([1, 2], [10.0, -3.0])

    def test_estimate_on_the_search_bound_is_reported(self):
        # a log-likelihood rising for ever with theta: the search stops on the upper bound
        result = fitting.maximise(
            "test",
            ("theta",),
            lambda th: -1.0 / th[0],
            (1.0,),
            np.ones(3),
            bounds=(1e-3, 1e3),
        )
        self.assertEqual(result.at_bound, ("theta",))
        self.assertAlmostEqual(result.params["theta"], 1e3, delta=1e-3)
        self.assertFalse(result.converged)
        self.assertIn("at the search bound: theta", result.message)

    def test_no_client(self):
        with self.assertRaises(ValueError):
            bgnbd.fit([], [], [])

    def test_no_repeat_purchase(self):
        # nobody came back: the likelihood has no interior maximum; the fit says so
        result = bgnbd.fit([0, 0, 0], [0.0, 0.0, 0.0], [10.0, 20.0, 30.0])
        self.assertFalse(result.converged)


class TestScale(unittest.TestCase):
    """100,000 simulated clients (fixed seed): the fit recovers the parameters it was
    simulated with, and the time is reported (not asserted: the machine is shared)."""

    N = 100_000

    def _ages(self, rng):
        # first purchases spread over 12 weeks, calibration of 39 weeks, whole days
        return 39.0 - rng.integers(0, 85, self.N) / 7.0

    def _report(self, what, seconds):
        sys.stderr.write(f"\n{what}: {seconds:.2f} s\n")

    def assertRecovered(self, result, truth):
        for (name, value), true in zip(result.params.items(), truth, strict=True):
            error = result.standard_errors[name]
            self.assertLess(abs(value - true), 4.0 * error, f"{name}: {value} vs {true} +- {error}")

    def test_bgnbd_100k(self):
        rng = np.random.default_rng(20240101)
        truth = (0.243, 4.414, 0.793, 2.426)
        T = self._ages(rng)
        x, t_x = bgnbd.simulate(truth, T, rng)
        start = time.perf_counter()
        result = bgnbd.fit(x, t_x, T)
        alive = bgnbd.probability_alive(result.values, x, t_x, T)
        expected = bgnbd.conditional_expected_purchases(result.values, 52.0, x, t_x, T)
        self._report("BG/NBD fit + scoring, 100,000 clients", time.perf_counter() - start)
        self.assertTrue(result.converged, result.message)
        self.assertEqual(result.n_clients, self.N)
        self.assertRecovered(result, truth)
        self.assertTrue(np.all(np.isfinite(alive)) and np.all(np.isfinite(expected)))

    def test_paretonbd_100k_days(self):
        rng = np.random.default_rng(20240102)
        truth = (0.553, 10.578, 0.606, 11.669)
        T = self._ages(rng)
        x, t_x = paretonbd.simulate(truth, T, rng)
        t_x = np.floor(t_x * 7.0) / 7.0  # purchase dates are days, as in the database
        start = time.perf_counter()
        result = paretonbd.fit(x, t_x, T)
        alive = paretonbd.probability_alive(result.values, x, t_x, T)
        expected = paretonbd.conditional_expected_purchases(result.values, 52.0, x, t_x, T)
        self._report("Pareto/NBD fit + scoring, 100,000 clients", time.perf_counter() - start)
        self.assertTrue(result.converged, result.message)
        self.assertRecovered(result, truth)
        self.assertTrue(np.all(np.isfinite(alive)) and np.all(np.isfinite(expected)))


if __name__ == "__main__":
    unittest.main()
