"""The published CDNOW results, reproduced on the project's own copy of the data.

Plain ``unittest`` (no Odoo): from the ``crm_retention`` folder,
``python -m unittest clv.tests.test_cdnow``.

Figures and where they come from:
- Fader, Hardie & Lee (2005), Marketing Science 24(2): BG/NBD r=0.243, alpha=4.414,
  a=0.793, b=2.426, LL -9582.4; Pareto/NBD (Schmittlein et al. 1987 as reported there)
  r=0.553, alpha=10.578, s=0.606, beta=11.669, LL -9595.0; 2,357 clients, 2,457 repeat
  purchases, 1,411 without one.
- Fader & Hardie (2013), note 025: Gamma-Gamma p=6.25, q=3.74, gamma=15.44, LL -4055.9 on the
  946 repeat buyers.
- ``ANALYTICS.md``: E[X(t)] = 0.0532, 0.1506, 1.0437, 1.8576 at t = 1, 3, 32, 78 weeks (see
  ``test_expected_purchases`` for how these were computed).
- "Within half a unit of the paper's last printed digit": |fitted - printed| <= 0.5 x 10^-d.
"""

import unittest
from pathlib import Path

import numpy as np

from .. import bgnbd, gammagamma, paretonbd, summary, units

DATA = Path(__file__).resolve().parents[3] / "data" / "cdnow" / "CDNOW_sample.txt"


def read_cdnow(path=DATA):
    """(sample id, date, dollar value) of each row of the CDNOW sample."""
    raw = np.loadtxt(path, dtype=str, ndmin=2)
    stamps = raw[:, 2]
    dates = np.array([f"{s[:4]}-{s[4:6]}-{s[6:8]}" for s in stamps], dtype="datetime64[D]")
    return raw[:, 1].astype(np.int64), dates, raw[:, 4].astype(float)


def cdnow_calibration():
    """The papers' calibration summary: cohort 1997-01-01..03-25, cut-off 1997-09-30."""
    ids, dates, amounts = read_cdnow()
    return summary.summarise(
        ids,
        dates,
        amounts,
        calibration_end="1997-09-30",
        first_purchase_from="1997-01-01",
        first_purchase_to="1997-03-25",
    )


def hyp2f1_series(a, b, c, z, terms):
    """The first ``terms`` terms of the Gauss series sum (a)_n (b)_n / ((c)_n n!) z^n."""
    total, term = 0.0, 1.0
    for n in range(terms):
        total += term
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
    return total


class CdnowCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal = cdnow_calibration()
        cls.x, cls.t_x, cls.T = cls.cal.frequency, cls.cal.recency, cls.cal.age

    def assertPrinted(self, value, printed, decimals, what=""):
        """|value - printed| within half a unit of the printed figure's last digit."""
        tolerance = 0.5 * 10.0**-decimals
        self.assertLessEqual(
            abs(value - printed),
            tolerance,
            f"{what}: {value!r} is not {printed} to within {tolerance}",
        )


class TestCdnowSummary(CdnowCase):
    def test_data_is_the_sample(self):
        ids, _dates, _amounts = read_cdnow()
        self.assertEqual(len(ids), 6919)
        self.assertEqual(len(np.unique(ids)), 2357)

    def test_calibration_totals(self):
        self.assertEqual(len(self.cal), 2357)
        self.assertEqual(self.cal.repeat_purchases, 2457)
        self.assertEqual(self.cal.clients_without_repeat, 1411)
        self.assertEqual(int(np.count_nonzero(self.x > 0)), 946)

    def test_ages_in_weeks(self):
        # a 1 January buyer: 272 days to 30 September = 38.857 weeks; the last cohort day
        # (25 March) 189 days = 27 weeks
        self.assertAlmostEqual(float(self.T.max()), 272 / 7, places=12)
        self.assertAlmostEqual(float(self.T.max()), 38.857142857, places=8)
        self.assertAlmostEqual(float(self.T.min()), 27.0, places=12)
        self.assertEqual(self.cal.first_purchase.min(), np.datetime64("1997-01-01"))
        self.assertEqual(self.cal.first_purchase.max(), np.datetime64("1997-03-25"))

    def test_first_client(self):
        # client 1: 1 Jan ($29.33), 18 Jan ($29.73), 2 Aug ($14.96), 12 Dec (after the cut-off):
        # x = 2, t_x = 213 days = 30.43 weeks, T = 38.86, mean repeat spend (29.73+14.96)/2
        self.assertEqual(self.cal.client_ids[0], 1)
        self.assertEqual(self.x[0], 2)
        self.assertAlmostEqual(float(self.t_x[0]), 213 / 7, places=12)
        self.assertAlmostEqual(float(self.T[0]), 272 / 7, places=12)
        self.assertAlmostEqual(float(self.cal.mean_repeat_spend[0]), 22.345, places=9)


class TestBgnbdCdnow(CdnowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fit = bgnbd.fit(cls.x, cls.t_x, cls.T)

    def test_parameters(self):
        self.assertTrue(self.fit.converged, self.fit.message)
        self.assertEqual(self.fit.n_clients, 2357)
        self.assertEqual(self.fit.unit, "weeks")
        for name, printed in (("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426)):
            self.assertPrinted(self.fit.params[name], printed, 3, name)

    def test_log_likelihood(self):
        self.assertPrinted(self.fit.log_likelihood, -9582.4, 1, "LL")

    def test_standard_errors(self):
        # No paper prints them. lifetimes' documentation (an independent implementation,
        # exact Hessian by automatic differentiation) shows 0.012557, 0.378221, 0.185719,
        # 0.705345 at its own, slightly less converged, optimum: agree within 0.1 %.
        for name, other in (("r", 0.012557), ("alpha", 0.378221), ("a", 0.185719), ("b", 0.705345)):
            self.assertAlmostEqual(
                self.fit.standard_errors[name] / other, 1.0, delta=1e-3, msg=name
            )

    def test_expected_purchases(self):
        # ANALYTICS.md's E[X(t)] figures are those of the FITTED (unrounded) parameters:
        # with them, t = 1, 3, 32 give 0.0532, 0.1506, 1.0437 to the printed digit
        fitted = self.fit.values
        for t, printed in ((1, 0.0532), (3, 0.1506), (32, 1.0437)):
            self.assertPrinted(float(bgnbd.expected_purchases(fitted, t)), printed, 4, f"t={t}")
        # At t = 78 the exact value is 1.85796 (1.857958 for the fitted parameters, the 2F1
        # series summed to convergence in mpmath); the printed 1.8576 is the same expression
        # with its 2F1 series cut after 150 terms (z = 78/82.4 = 0.946 converges slowly)
        exact = float(bgnbd.expected_purchases(fitted, 78))
        self.assertPrinted(exact, 1.8580, 4, "t=78 exact")
        r, alpha, a, b = fitted
        truncated = (
            (a + b - 1)
            / (a - 1)
            * (
                1
                - (alpha / (alpha + 78)) ** r
                * hyp2f1_series(r, b, a + b - 1, 78 / (alpha + 78), 150)
            )
        )
        self.assertPrinted(truncated, 1.8576, 4, "t=78 with 150 terms")
        # With the parameters as printed in the paper (rounded to 3 decimals), the exact values
        # (mpmath, 40 digits, series summed to convergence) are 0.053268, 0.150865, 1.045243,
        # 1.860519
        printed_params = (0.243, 4.414, 0.793, 2.426)
        for t, value in ((1, 0.053268), (3, 0.150865), (32, 1.045243), (78, 1.860519)):
            self.assertPrinted(
                float(bgnbd.expected_purchases(printed_params, t)), value, 6, f"t={t} printed"
            )

    def test_conditional_expectation_worked_example(self):
        # The worked example of Fader, Hardie & Lee's note "Implementing the BG/NBD Model for
        # Customer Base Analysis in Excel" (2005): x = 2, t_x = 30.43, T = 38.86, with the
        # printed parameters, expects 1.226 purchases in the next 39 weeks (mpmath: 1.2260282)
        params = (0.243, 4.414, 0.793, 2.426)
        value = bgnbd.conditional_expected_purchases(params, 39, 2, 30.43, 38.86)
        self.assertPrinted(float(value), 1.226, 3, "E[Y(39)]")
        # P(alive) = 1 / (1 + 0.793/3.426 (43.274/34.844)^2.243) = 0.7265786 (mpmath)
        alive = bgnbd.probability_alive(params, 2, 30.43, 38.86)
        self.assertAlmostEqual(float(alive), 0.7265785701, places=9)

    def test_one_time_buyers_are_alive(self):
        alive = bgnbd.probability_alive(self.fit.values, self.x, self.t_x, self.T)
        self.assertTrue(np.all(alive[self.x == 0] == 1.0))
        self.assertTrue(np.all(alive[self.x > 0] < 1.0))


class TestParetoNbdCdnow(CdnowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fit = paretonbd.fit(cls.x, cls.t_x, cls.T)

    def test_parameters(self):
        self.assertTrue(self.fit.converged, self.fit.message)
        self.assertEqual(self.fit.n_clients, 2357)
        for name, printed in (("r", 0.553), ("alpha", 10.578), ("s", 0.606), ("beta", 11.669)):
            self.assertPrinted(self.fit.params[name], printed, 3, name)

    def test_log_likelihood(self):
        self.assertPrinted(self.fit.log_likelihood, -9595.0, 1, "LL")

    def test_standard_errors(self):
        # No paper prints them. CLVTools (R, an independent implementation) tests
        # r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448 at its optimum: within 0.1 %
        for name, other in (
            ("r", 0.0476264),
            ("alpha", 0.8427222),
            ("s", 0.1872594),
            ("beta", 6.2105448),
        ):
            self.assertAlmostEqual(
                self.fit.standard_errors[name] / other, 1.0, delta=1e-3, msg=name
            )

    def test_one_time_buyers_are_not_all_alive(self):
        params = (0.553, 10.578, 0.606, 11.669)
        # values from the integral form of the likelihood, integrated with mpmath (40 digits):
        # P(alive | x=0, T=38.857) = 0.2953034, P(alive | x=0, T=27) = 0.3839308,
        # P(alive | x=2, t_x=30.43, T=38.86) = 0.8691676
        alive = paretonbd.probability_alive(params, [0, 0, 2], [0, 0, 30.43], [272 / 7, 27, 38.86])
        for value, expected in zip(alive, (0.2953033743, 0.3839307844, 0.8691675592), strict=True):
            self.assertAlmostEqual(float(value), expected, places=9)
        fitted = paretonbd.probability_alive(self.fit.values, self.x, self.t_x, self.T)
        one_time = fitted[self.x == 0]
        self.assertTrue(np.all(one_time < 1.0))
        self.assertTrue(np.all(one_time > 0.0))
        # the longer since a one-time buyer's purchase, the less likely alive
        order = np.argsort(self.T[self.x == 0])
        self.assertTrue(np.all(np.diff(one_time[order]) <= 1e-15))

    def test_expectations(self):
        params = (0.553, 10.578, 0.606, 11.669)
        # E[Y(39) | x, t_x, T] = (r+x)(beta+T)/((alpha+T)(s-1)) [1-((beta+T)/(beta+T+39))^(s-1)]
        # x P(alive), with P(alive) integrated by mpmath: 1.4551232 and 0.1070815
        values = paretonbd.conditional_expected_purchases(params, 39, [2, 0], [30.43, 0], 38.86)
        self.assertAlmostEqual(float(values[0]), 1.455123193, places=8)
        self.assertAlmostEqual(float(values[1]), 0.1070814682, places=8)
        # E[X(39)] = r beta/(alpha (s-1)) [1 - (beta/(beta+39))^(s-1)] = 1.2130028
        self.assertAlmostEqual(float(paretonbd.expected_purchases(params, 39)), 1.213002844, 8)


class TestGammaGammaCdnow(CdnowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fit = gammagamma.fit(cls.x, cls.cal.mean_repeat_spend)

    def test_parameters(self):
        self.assertTrue(self.fit.converged, self.fit.message)
        self.assertEqual(self.fit.n_clients, 946)
        for name, printed in (("p", 6.25), ("q", 3.74), ("gamma", 15.44)):
            self.assertPrinted(self.fit.params[name], printed, 2, name)

    def test_log_likelihood(self):
        self.assertPrinted(self.fit.log_likelihood, -4055.9, 1, "LL")

    def test_frequency_spend_correlation(self):
        corr = gammagamma.frequency_spend_correlation(self.x, self.cal.mean_repeat_spend)
        self.assertPrinted(corr, 0.11, 2, "correlation")

    def test_conditional_expected_spend(self):
        params = (6.25, 3.74, 15.44)
        # client 1 (x = 2, mean 22.345): (15.44 + 2 x 22.345) x 6.25 / (12.5 + 2.74) = 24.65961;
        # a one-time buyer gets the population mean 6.25 x 15.44 / 2.74 = 35.21898
        values = gammagamma.conditional_expected_spend(params, [2, 0], [22.345, 0.0])
        self.assertAlmostEqual(float(values[0]), 24.65961286, places=7)
        self.assertAlmostEqual(float(values[1]), 35.2189781, places=6)


class TestUnits(unittest.TestCase):
    def test_month_in_weeks(self):
        # 30.4375 days / 7 = 4.348214
        self.assertAlmostEqual(units.months_to_weeks(1), 4.348, places=3)
        self.assertAlmostEqual(units.months_to_weeks(12), 52.178571, places=6)
        self.assertAlmostEqual(units.weeks_to_months(units.months_to_weeks(7.5)), 7.5, places=12)
        self.assertAlmostEqual(units.days_to_weeks(272), 38.857142857, places=8)
        self.assertAlmostEqual(units.years_to_weeks(1), units.months_to_weeks(12), places=12)


if __name__ == "__main__":
    unittest.main()
