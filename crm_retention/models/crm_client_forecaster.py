"""The lifetime models of ``clv`` applied to a company's clients: summaries read in one query,
one fit per company, every client scored at once with numpy (no search per client)."""

from dataclasses import dataclass

import numpy as np

from odoo import api, models

from .. import clv
from ..analytics import predictions
from ..clv.units import DAYS_PER_WEEK, months_to_weeks

MIN_CLIENTS = 10  # fewer clients than this: no fit, no prediction
MIN_REPEAT_BUYERS = 3  # the purchase model needs some repeat purchases
MIN_SPEND_CLIENTS = 5  # Gamma-Gamma needs repeat buyers with a positive spend
STATUSES = ("active", "at_risk", "dormant", "lost")


@dataclass
class Fitted:
    """What a company's fit gives the scoring: the purchase model (``bgnbd`` or
    ``paretonbd``) and its ``clv.FitResult``, the spend model's, and why one is missing."""

    purchase_model: str
    purchase: object = None
    spend: object = None
    message: str = ""
    mean_spend: float = 0.0


class CrmClientForecaster(models.AbstractModel):
    _name = "crm.client.forecaster"
    _description = "Client Lifetime Forecaster"

    @api.model
    def _summaries(self, company, as_of, partner_ids=None):
        """Each client's history as of ``as_of``: a dict of equally long numpy arrays
        (times in weeks for the models: ``x`` repeat purchases, ``t_x`` first to last
        purchase, ``T`` first purchase to the date)."""
        self.env["account.move"].flush_model()
        self.env["res.partner"].flush_model(["user_id"])
        self.env.cr.execute(predictions.summaries_sql(company.id, as_of, partner_ids))
        rows = self.env.cr.fetchall()
        columns = dict(
            zip(
                predictions.SUMMARY_COLUMNS,
                zip(*rows, strict=True) if rows else [()] * len(predictions.SUMMARY_COLUMNS),
                strict=True,
            )
        )
        purchase_count = np.array(columns["purchase_count"], dtype=float)
        first_day = np.array(columns["first_day"], dtype=float)
        last_day = np.array(columns["last_day"], dtype=float)
        return {
            "partner_id": np.array(columns["partner_id"], dtype=int),
            "user_id": np.array(columns["user_id"], dtype=int),
            "purchase_count": purchase_count,
            "x": purchase_count - 1.0,
            "t_x": (first_day - last_day) / DAYS_PER_WEEK,
            "T": first_day / DAYS_PER_WEEK,
            "recency_days": last_day,
            "spend": np.array(columns["repeat_spend"], dtype=float),
            "mean_spend": np.array(columns["mean_spend"], dtype=float),
            "median_gap_days": np.array(
                [np.nan if g is None else g for g in columns["median_gap_days"]], dtype=float
            ),
        }

    @api.model
    def _purchase_model(self, company, summaries):
        """The company's choice, or on "auto" Pareto/NBD when one-time buyers are at least
        the configured share of the clients (BG/NBD calls every one-time buyer alive)."""
        choice = company.crm_purchase_model or "auto"
        if choice != "auto":
            return choice
        n = len(summaries["x"])
        one_time = float(np.count_nonzero(summaries["x"] == 0)) / n if n else 0.0
        return "paretonbd" if one_time * 100 >= company.crm_one_time_share_percent else "bgnbd"

    @api.model
    def _fit(self, company, summaries):
        """Fit the purchase model and the spend model on the company's summaries."""
        x, t_x, T = summaries["x"], summaries["t_x"], summaries["T"]
        model = self._purchase_model(company, summaries)
        spend_days = summaries["mean_spend"][summaries["mean_spend"] > 0]
        fitted = Fitted(model, mean_spend=float(spend_days.mean()) if len(spend_days) else 0.0)
        repeat = int(np.count_nonzero(x > 0))
        if len(x) < MIN_CLIENTS or repeat < MIN_REPEAT_BUYERS:
            fitted.message = self.env._(
                "Not enough history to fit the models: %(clients)s clients, %(repeat)s of "
                "them with a repeat purchase (at least %(min_clients)s and %(min_repeat)s "
                "are needed).",
                clients=len(x),
                repeat=repeat,
                min_clients=MIN_CLIENTS,
                min_repeat=MIN_REPEAT_BUYERS,
            )
            return fitted
        module = clv.value.MODELS[model]
        try:
            fitted.purchase = module.fit(x, t_x, T)
        except (ValueError, FloatingPointError, np.linalg.LinAlgError) as error:
            fitted.message = self.env._("The purchase model could not be fitted: %s", error)
            return fitted
        spenders = (x > 0) & (summaries["spend"] > 0)
        if np.count_nonzero(spenders) >= MIN_SPEND_CLIENTS:
            try:
                spend = clv.gammagamma.fit(x[spenders], summaries["spend"][spenders])
            except (ValueError, FloatingPointError, np.linalg.LinAlgError):
                spend = None
            # q <= 1: the population's mean spend is infinite, the model is of no use
            if spend is not None and spend.params["q"] > 1:
                fitted.spend = spend
        return fitted

    @api.model
    def _expected_spend(self, fitted, summaries):
        """Expected amount of a client's next purchase: Gamma-Gamma's, or without it the
        client's own mean purchase (the company's for a client without one)."""
        x = summaries["x"]
        if fitted.spend is not None:
            return clv.gammagamma.conditional_expected_spend(
                fitted.spend.values, x, summaries["spend"]
            )
        own = np.where(summaries["mean_spend"] > 0, summaries["mean_spend"], fitted.mean_spend)
        return np.where(np.isnan(own), fitted.mean_spend, own)

    @api.model
    def _cumulative(self, fitted, summaries, months):
        """Expected purchases within 1..``months`` months (shape months x clients)."""
        return clv.value.cumulative_purchases(
            fitted.purchase_model,
            fitted.purchase.values,
            months,
            summaries["x"],
            summaries["t_x"],
            summaries["T"],
        )

    @api.model
    def _predict(self, fitted, summaries, horizon_weeks):
        """P(alive), expected purchases and revenue in the next ``horizon_weeks`` weeks, and
        the expected spend per purchase; NaN everywhere when the company has no fit."""
        n = len(summaries["x"])
        if fitted.purchase is None:
            nan = np.full(n, np.nan)
            return {"p_alive": nan, "purchases": nan, "spend": nan, "revenue": nan}
        module = clv.value.MODELS[fitted.purchase_model]
        params = fitted.purchase.values
        x, t_x, T = summaries["x"], summaries["t_x"], summaries["T"]
        purchases = module.conditional_expected_purchases(params, horizon_weeks, x, t_x, T)
        spend = self._expected_spend(fitted, summaries)
        return {
            "p_alive": module.probability_alive(params, x, t_x, T),
            "purchases": purchases,
            "spend": spend,
            "revenue": purchases * spend,
        }

    @api.model
    def _churn_status(self, company, summaries):
        """Active / At risk / Dormant / Lost against each client's own rhythm: the days
        since the last purchase in multiples of the client's usual (median) interval; a
        one-time buyer, who has no rhythm yet, against fixed numbers of days."""
        recency = summaries["recency_days"]
        gap = summaries["median_gap_days"]
        repeat = (summaries["purchase_count"] > 1) & (gap > 0)
        ratio = np.divide(recency, gap, out=np.zeros_like(recency), where=repeat)
        rhythm = np.select(
            [
                ratio <= company.crm_churn_at_risk_factor,
                ratio <= company.crm_churn_dormant_factor,
                ratio <= company.crm_churn_lost_factor,
            ],
            STATUSES[:3],
            STATUSES[3],
        )
        one_time = np.select(
            [
                recency <= company.crm_one_time_at_risk_days,
                recency <= company.crm_one_time_dormant_days,
                recency <= company.crm_one_time_lost_days,
            ],
            STATUSES[:3],
            STATUSES[3],
        )
        return np.where(repeat, rhythm, one_time)

    @api.model
    def _score(self, company, fitted, summaries):
        """Everything stored per client: P(alive), expected purchases next month, quarter
        and year, expected spend, discounted revenue and next month's forecast over the
        company's horizon, and the churn status."""
        n = len(summaries["x"])
        horizon = company.crm_clv_horizon_months
        result = {"churn_status": self._churn_status(company, summaries)}
        if fitted.purchase is None:
            for key in (
                "p_alive",
                "purchases_month",
                "purchases_quarter",
                "purchases_year",
                "spend",
                "horizon_revenue",
                "forecast_month",
            ):
                result[key] = np.full(n, np.nan)
            return result
        module = clv.value.MODELS[fitted.purchase_model]
        params = fitted.purchase.values
        x, t_x, T = summaries["x"], summaries["t_x"], summaries["T"]
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            # a model fitted on a small or odd base may overflow for some clients: they get
            # no prediction (NULL), not an error nor a warning per refresh
            cumulative = self._cumulative(fitted, summaries, max(horizon, 12))
            p_alive = module.probability_alive(params, x, t_x, T)
        spend = self._expected_spend(fitted, summaries)
        result.update(
            {
                "p_alive": p_alive,
                "purchases_month": cumulative[0],
                "purchases_quarter": cumulative[2],
                "purchases_year": cumulative[11],
                "spend": spend,
                "horizon_revenue": clv.value.discounted_value(
                    cumulative[:horizon], spend, company.crm_clv_discount_rate / 100.0
                ),
                "forecast_month": cumulative[0] * spend,
            }
        )
        return result

    @api.model
    def _horizon_weeks(self, months):
        return float(months_to_weeks(months))
