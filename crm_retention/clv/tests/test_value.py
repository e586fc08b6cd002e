"""Horizons in months and the discounted value (plain ``unittest``, no Odoo)."""

import unittest

import numpy as np

from .. import bgnbd, paretonbd, value

# the published CDNOW fits (FHL 2005), weeks
BGNBD = (0.243, 4.414, 0.793, 2.426)
PARETO = (0.553, 10.578, 0.606, 11.669)


class TestHorizonInMonths(unittest.TestCase):
    def test_a_year_is_52_18_weeks(self):
        # 12 months = 365.25 days = 52.1786 weeks: the 12th month end is the model at t=52.1786,
        # not at 12 weeks and not at 360 weeks (the x30 slip on weekly data)
        x, t_x, T = np.array([2.0, 0.0]), np.array([30.43, 0.0]), np.array([38.86, 38.86])
        cumulative = value.cumulative_purchases("bgnbd", BGNBD, 12, x, t_x, T)
        self.assertEqual(cumulative.shape, (12, 2))
        at_year = bgnbd.conditional_expected_purchases(BGNBD, 365.25 / 7, x, t_x, T)
        np.testing.assert_allclose(cumulative[-1], at_year, rtol=1e-12)
        at_12_weeks = bgnbd.conditional_expected_purchases(BGNBD, 12.0, x, t_x, T)
        self.assertGreater(cumulative[-1][0], at_12_weeks[0] * 2)
        # the first month end is 30.4375 days = 4.348 weeks
        at_month = paretonbd.conditional_expected_purchases(PARETO, 30.4375 / 7, x, t_x, T)
        np.testing.assert_allclose(
            value.cumulative_purchases("paretonbd", PARETO, 1, x, t_x, T)[0], at_month
        )

    def test_pareto_month_ends(self):
        x, t_x, T = np.array([0.0, 3.0, 7.0]), np.array([0.0, 20.0, 30.0]), np.array([10, 30, 40.0])
        cumulative = value.cumulative_purchases("paretonbd", PARETO, 12, x, t_x, T)
        for month in (1, 6, 12):
            weeks = month * 30.4375 / 7
            np.testing.assert_allclose(
                cumulative[month - 1],
                paretonbd.conditional_expected_purchases(PARETO, weeks, x, t_x, T),
                rtol=1e-12,
            )

    def test_cumulative_purchases_grow(self):
        x, t_x, T = np.array([4.0]), np.array([20.0]), np.array([30.0])
        cumulative = value.cumulative_purchases("paretonbd", PARETO, 24, x, t_x, T)[:, 0]
        self.assertTrue(np.all(np.diff(cumulative) > 0))


class TestDiscountedValue(unittest.TestCase):
    def test_by_hand(self):
        # 1 purchase expected in month 1, 2 more in month 2, 10 a purchase, 10 % a year:
        # 10 / 1.1^(1/12) + 20 / 1.1^(2/12) = 9.92089 + 19.68480 = 29.60569
        result = value.discounted_value(np.array([[1.0], [3.0]]), np.array([10.0]), 0.10)
        self.assertAlmostEqual(float(result[0]), 29.60569, places=4)

    def test_no_discount_is_the_plain_total(self):
        cumulative = np.array([[0.5, 1.0], [0.8, 1.5], [1.0, 2.5]])
        result = value.discounted_value(cumulative, np.array([100.0, 40.0]), 0.0)
        np.testing.assert_allclose(result, [100.0, 100.0])

    def test_no_month(self):
        self.assertEqual(value.discounted_value(np.zeros((0, 2)), np.ones(2), 0.1).tolist(), [0, 0])
