"""Churn status, lifetime predictions and their alerts, on a hand-built history.

As of 2026-06-30 (days before it, amounts untaxed, one invoice a purchase unless said):
  R1 -100: 100, -70: 200, -40: 300, -10: 400   gaps 30, last 10 days ago: 0.33 interval
  R2 -160: 100, -120: 100, -80: 150 + 50 (two invoices, one purchase day)
                                                gaps 40, last 80 days ago: 2 intervals
  R3 -300, -250, -200: 100 each                  gaps 50, last 200 days ago: 4 intervals
  R4 -400, -390, -380: 100 each                  gaps 10, last 380 days ago: 38 intervals
  O1..O4 one purchase of 100, 30 / 100 / 200 / 400 days ago
  F1 -50, -20; F2 -90, -45, -5; F3 -200, -100; F4 -365, -180, -30: 100 each
12 clients, 4 of them one-time buyers (33 %): "automatic" picks Pareto/NBD (threshold 30 %).
Default thresholds: at risk after 1.5 intervals, dormant after 3, lost after 6; a one-time
buyer at risk after 90 days, dormant after 180, lost after 365.
"""

import io
import re
from datetime import date, timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .test_client_value import ClientValueCase

AS_OF = date(2026, 6, 30)
HISTORY = {
    "R1": [(-100, 100), (-70, 200), (-40, 300), (-10, 400)],
    "R2": [(-160, 100), (-120, 100), (-80, 150), (-80, 50)],
    "R3": [(-300, 100), (-250, 100), (-200, 100)],
    "R4": [(-400, 100), (-390, 100), (-380, 100)],
    "O1": [(-30, 100)],
    "O2": [(-100, 100)],
    "O3": [(-200, 100)],
    "O4": [(-400, 100)],
    "F1": [(-50, 100), (-20, 100)],
    "F2": [(-90, 100), (-45, 100), (-5, 100)],
    "F3": [(-200, 100), (-100, 100)],
    "F4": [(-365, 100), (-180, 100), (-30, 100)],
}


class PredictionCase(ClientValueCase):
    @classmethod
    def _history(cls, history, anchor, user=None):
        clients = {}
        for name, purchases in history.items():
            client = cls._client(f"{name} Home", user or cls.anna)
            for offset, amount in purchases:
                cls._invoice(client, anchor + timedelta(days=offset), [(cls.sofa, 1, amount, 0)])
            clients[name] = client
        return clients


@tagged("post_install", "-at_install")
class TestClientPrediction(PredictionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls._history(HISTORY, AS_OF)

    def _value(self, analysis, name):
        return self._row(analysis, self.clients[name])

    def test_summary_of_a_client(self):
        forecaster = self.env["crm.client.forecaster"]
        summaries = forecaster._summaries(self.company, AS_OF, self.clients["R1"].ids)
        self.assertEqual(summaries["partner_id"].tolist(), self.clients["R1"].ids)
        # 4 purchase days: 3 repeat ones; 100 days since the first (14.29 weeks), 90 between
        # the first and the last (12.86 weeks); repeat spend (200 + 300 + 400) / 3
        self.assertEqual(summaries["x"][0], 3)
        self.assertAlmostEqual(summaries["T"][0], 100 / 7)
        self.assertAlmostEqual(summaries["t_x"][0], 90 / 7)
        self.assertAlmostEqual(summaries["spend"][0], 300.0)
        self.assertAlmostEqual(summaries["mean_spend"][0], 250.0)
        self.assertEqual(summaries["recency_days"][0], 10)
        self.assertEqual(summaries["median_gap_days"][0], 30)
        # R2's two invoices of day -80 are one purchase of 200
        summaries = forecaster._summaries(self.company, AS_OF, self.clients["R2"].ids)
        self.assertEqual(summaries["x"][0], 2)
        self.assertAlmostEqual(summaries["spend"][0], 150.0)  # (100 + 200) / 2

    def test_churn_status_against_own_rhythm(self):
        analysis = self._analysis()
        expected = {
            "R1": "active",
            "R2": "at_risk",
            "R3": "dormant",
            "R4": "lost",
            "O1": "active",
            "O2": "at_risk",
            "O3": "dormant",
            "O4": "lost",
            "F1": "active",  # 20 days, gap 30: 0.67
            "F2": "active",  # 5 days, gap 42.5: 0.12
            "F3": "active",  # 100 days, gap 100: 1
            "F4": "active",  # 30 days, gap 167.5: 0.18
        }
        self.assertEqual(
            {name: self._value(analysis, name).churn_status for name in expected}, expected
        )
        # the thresholds are the company's: at risk only after 2.5 intervals, R2 (2) is active
        self.company.crm_churn_at_risk_factor = 2.5
        analysis.action_refresh()
        self.assertEqual(self._value(analysis, "R2").churn_status, "active")
        self.company.crm_one_time_at_risk_days = 120
        analysis.action_refresh()
        self.assertEqual(self._value(analysis, "O2").churn_status, "active")  # 100 days

    def test_one_time_buyers_are_not_all_active(self):
        analysis = self._analysis()
        self.assertEqual(analysis.purchase_model, "paretonbd")
        one_time = [self._value(analysis, name) for name in ("O1", "O2", "O3", "O4")]
        # Pareto/NBD: the longer since the only purchase, the less likely still active
        p_alive = [value.p_alive for value in one_time]
        self.assertEqual(p_alive, sorted(p_alive, reverse=True))
        self.assertLess(p_alive[-1], p_alive[0])
        self.assertLess(p_alive[-1], 1.0)
        self.assertEqual(
            [value.churn_status for value in one_time], ["active", "at_risk", "dormant", "lost"]
        )
        # BG/NBD (forced) calls every one-time buyer alive: the reason for the choice above
        self.company.crm_purchase_model = "bgnbd"
        analysis.action_refresh()
        self.assertEqual(analysis.purchase_model, "bgnbd")
        for name in ("O1", "O2", "O3", "O4"):
            self.assertAlmostEqual(self._value(analysis, name).p_alive, 1.0)

    def test_fits_kept_for_the_manager(self):
        analysis = self._analysis()
        fits = analysis.fit_ids
        self.assertEqual(sorted(fits.mapped("model")), ["gammagamma", "paretonbd"])
        purchase = fits.filtered(lambda fit: fit.model == "paretonbd")
        self.assertEqual(purchase.unit, "weeks")
        self.assertEqual(purchase.sample_size, 12)
        self.assertEqual(purchase.cut_off_date, AS_OF)
        self.assertEqual(purchase.parameter_ids.mapped("name"), ["r", "alpha", "s", "beta"])
        self.assertLess(purchase.log_likelihood, 0)
        self.assertTrue(purchase.fit_date)
        spend = fits.filtered(lambda fit: fit.model == "gammagamma")
        self.assertEqual(spend.sample_size, 8)  # the repeat buyers
        self.assertEqual(spend.parameter_ids.mapped("name"), ["p", "q", "gamma"])
        # a refresh replaces the fits, it does not pile them up
        analysis.action_refresh()
        self.assertEqual(len(analysis.fit_ids), 2)
        self.assertFalse(fits.exists())

    def test_predictions_add_up(self):
        analysis = self._analysis()
        values = analysis.value_ids
        r1 = self._value(analysis, "R1")
        # the periods nest: a month within a quarter within a year
        self.assertGreater(r1.expected_purchases_month, 0)
        self.assertLess(r1.expected_purchases_month, r1.expected_purchases_quarter)
        self.assertLess(r1.expected_purchases_quarter, r1.expected_purchases_year)
        self.assertAlmostEqual(
            r1.forecast_next_month,
            r1.expected_purchases_month * r1.expected_spend,
            delta=0.01,
        )
        # margin share of R1: cost 400 a sofa, 4 sofas sold for 1000 -> margin -600 -> 0
        self.assertEqual(r1.predicted_clv, 0)
        self.assertAlmostEqual(
            analysis.forecast_next_month, sum(values.mapped("forecast_next_month")), delta=0.01
        )
        # Gamma-Gamma pulls R1's own 300 towards the company's mean repeat spend (100 for the
        # other repeat buyers, 150 for R2): between the two
        self.assertLess(r1.expected_spend, 300)
        self.assertGreater(r1.expected_spend, 100)

    def test_horizon_without_discount_is_the_year(self):
        # 12 months at 0 %: the predicted revenue is the expected purchases of the next 12
        # months (52.18 weeks) times the spend
        self.company.write({"crm_clv_horizon_months": 12, "crm_clv_discount_rate": 0})
        analysis = self._analysis()
        r1 = self._value(analysis, "R1")
        self.assertAlmostEqual(
            r1.predicted_revenue, r1.expected_purchases_year * r1.expected_spend, delta=0.01
        )
        # discounting lowers it
        undiscounted = r1.predicted_revenue
        self.company.crm_clv_discount_rate = 20
        analysis.action_refresh()
        self.assertLess(self._value(analysis, "R1").predicted_revenue, undiscounted)

    def test_plain_words(self):
        analysis = self._analysis()
        words = self._value(analysis, "R2").prediction_summary
        self.assertIn(
            "At Risk: last purchase 80 days ago, 2.0 times the usual interval of 40", words
        )
        self.assertIn("chance that the client still buys from us", words)
        self.assertIn("over the next 36 months, discounted at 10.0% a year", words)
        words = self._value(analysis, "O3").prediction_summary
        self.assertIn("Dormant: one purchase so far, 200 days ago", words)

    def test_workbook(self):
        analysis = self._analysis()
        action = analysis.action_export_xlsx()
        attachment_id = int(re.fullmatch(r"/web/content/(\d+)\?download=true", action["url"])[1])
        book = openpyxl.load_workbook(
            io.BytesIO(self.env["ir.attachment"].browse(attachment_id).raw)
        )
        sheet = book["Churn Risk and Forecast"]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:3], ["Client", "Salesperson", "Churn Status"])
        rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(len(rows), 12)
        r2 = rows["R2 Home"]
        self.assertEqual(r2[2], "At Risk")
        self.assertEqual(r2[header.index("Days Since Last Purchase")], 80)
        self.assertEqual(r2[header.index("Usual Interval (days)")], 40)
        value = self._value(analysis, "R2")
        self.assertAlmostEqual(r2[header.index("Probability Active")], value.p_alive, places=3)
        sheet = book["Fitted Models"]
        cells = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=12, values_only=True)}
        self.assertEqual(cells["Lifetime Value Horizon (months)"], 36)
        self.assertEqual(cells["Discount Rate (% a year)"], 10)
        self.assertEqual(cells["Purchase Model"], "Automatic")
        self.assertIn("weeks", cells["Unit of the models"])
        parameters = [row for row in sheet.iter_rows(min_row=15, values_only=True) if row[0]]
        # 4 Pareto/NBD and 3 Gamma-Gamma parameters, each with its fit's unit and sample
        self.assertEqual(len(parameters), 7)
        self.assertEqual(
            sorted(row[6] for row in parameters),
            sorted(["r", "alpha", "s", "beta", "p", "q", "gamma"]),
        )
        self.assertEqual({row[1] for row in parameters}, {"Weeks"})

    def test_bad_settings_refused(self):
        for field, value in (
            ("crm_churn_at_risk_factor", 4.0),  # above dormant (3)
            ("crm_churn_lost_factor", 2.0),  # below dormant
            ("crm_one_time_dormant_days", 400),  # above lost (365)
            ("crm_clv_horizon_months", 0),
            ("crm_clv_discount_rate", -5),
        ):
            before = self.company[field]
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.company.write({field: value})
            self.company.invalidate_recordset()
            self.assertEqual(self.company[field], before)

    def test_not_enough_history(self):
        other = self.env["res.company"].create({"name": "Tiny Salon"})
        self.env.user.company_ids += other
        analysis = self.Analysis.create({"company_id": other.id, "as_of_date": AS_OF})
        analysis.action_refresh()
        self.assertFalse(analysis.fit_ids)
        self.assertIn("Not enough history", analysis.prediction_message)


@tagged("post_install", "-at_install")
class TestChurnAlerts(PredictionCase):
    """The current analysis, dated today: activities and the churn capture."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.clients = cls._history(
            {
                "Risky": [(-160, 100), (-120, 100), (-80, 100)],  # 2 intervals: at risk
                "Gone": [(-400, 100), (-390, 100), (-380, 100)],  # lost
                "Fine": [(-40, 100), (-10, 100)],  # active
                "NoSeller": [(-160, 100), (-120, 100), (-80, 100)],
                # enough clients to fit the models
                **{
                    name: HISTORY[name] for name in ("O1", "O2", "O3", "O4", "F1", "F2", "F3", "F4")
                },
            },
            cls.today,
        )
        cls.clients["NoSeller"].user_id = False
        cls.activity_type = cls.env.ref("crm_retention.mail_activity_type_client_at_risk")

    def _activities(self, client):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", client.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_one_activity_when_a_client_becomes_at_risk(self):
        risky = self.clients["Risky"]
        analysis = self.Analysis._current_for(self.company)
        self.company.crm_churn_at_risk_factor = 2.5  # Risky (2 intervals) is still active
        analysis.action_refresh()
        self.assertEqual(self._row(analysis, risky).churn_status, "active")
        self.assertFalse(self._activities(risky))

        self.company.crm_churn_at_risk_factor = 1.5
        analysis.action_refresh()
        self.assertEqual(self._row(analysis, risky).churn_status, "at_risk")
        activity = self._activities(risky)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.anna)
        self.assertIn("At Risk: last purchase 80 days ago", activity.summary)
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=3))
        # still at risk on the next refresh: no second activity
        analysis.action_refresh()
        self.assertEqual(len(self._activities(risky)), 1)
        # an active client and a client without salesperson get none
        self.assertFalse(self._activities(self.clients["Fine"]))
        self.assertFalse(self._activities(self.clients["NoSeller"]))

    def test_lost_suggests_the_churn_capture(self):
        self.Analysis._current_for(self.company).action_refresh()
        gone, fine = self.clients["Gone"], self.clients["Fine"]
        self.assertEqual(gone.client_churn_status, "lost")
        action = gone.action_record_churn()
        self.assertEqual(action["res_model"], "res.partner.mark.lost")
        reason = self.env.ref("crm_retention.crm_lost_reason_stopped_buying")
        self.assertEqual(action["context"]["default_lost_reason_id"], reason.id)
        with Form(self.env["res.partner.mark.lost"].with_context(**action["context"])) as wizard:
            self.assertEqual(wizard.lost_reason_id, reason)
            self.assertIn("Lost: last purchase 380 days ago", wizard.note)
        wizard.record.action_mark_lost()
        self.assertTrue(gone.is_lost)
        self.assertEqual(gone.lost_reason_id, reason)
        # an active client has nothing to record
        with self.assertRaisesRegex(UserError, "is not lost by their purchase rhythm"):
            fine.action_record_churn()
        self.assertFalse(fine.is_lost)

    def test_one_client_refresh_keeps_the_fit(self):
        analysis = self.Analysis._current_for(self.company)
        analysis.action_refresh()
        risky = self.clients["Risky"]
        fits = analysis.fit_ids
        before = self._row(analysis, risky)
        self.assertEqual(before.churn_status, "at_risk")
        year_before = before.expected_purchases_year
        self._invoice(risky, self.today, [(self.sofa, 1, 100, 0)])
        self.Analysis._cron_refresh_marked()
        after = self._row(analysis, risky)
        self.assertEqual(after.churn_status, "active")
        self.assertNotEqual(after.expected_purchases_year, year_before)
        self.assertEqual(analysis.fit_ids, fits)

    def test_fits_of_another_company_are_hidden(self):
        self.Analysis._current_for(self.company).action_refresh()
        other = self.env["res.company"].create({"name": "Other Salon"})
        manager = new_test_user(
            self.env,
            login="pred_other_manager",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Fit = self.env["crm.client.model.fit"]
        self.assertTrue(Fit.search_count([("company_id", "=", self.company.id)]))
        self.assertFalse(
            Fit.with_user(manager).search_count([("company_id", "=", self.company.id)])
        )
        self.assertFalse(
            self.env["crm.client.model.fit.parameter"]
            .with_user(manager)
            .search_count([("company_id", "=", self.company.id)])
        )

    def test_salesperson_reads_only_own_predictions(self):
        self.Analysis._current_for(self.company).action_refresh()
        self.clients["Fine"].user_id = self.boris
        self.Analysis._current_for(self.company).action_refresh()
        rows = (
            self.env["crm.client.value"]
            .with_user(self.boris)
            .search([("analysis_id.is_current", "=", True), ("company_id", "=", self.company.id)])
        )
        self.assertEqual(rows.partner_id, self.clients["Fine"])
        self.assertEqual(rows.churn_status, "active")
        # the portrait of another's client shows no figures to Boris
        gone = self.clients["Gone"].with_user(self.boris)
        self.assertFalse(gone.client_churn_status)
