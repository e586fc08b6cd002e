from datetime import timedelta

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from ..analytics.backtest import (
    RECENCY_BANDS,
    STATUS_RANK,
    actuals_sql,
    pearson,
    ranking_auc,
    recency_band,
    top_share,
    window_days,
)
from ..clv.units import months_to_weeks
from .crm_client_forecaster import STATUSES


class CrmClientBacktest(models.Model):
    """The lifetime models fitted on a company's history up to a past cut-off date and
    compared with what the clients bought in the months after it."""

    _name = "crm.client.backtest"
    _description = "Forecast Backtest"
    _order = "cut_off_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cut_off_date = fields.Date(
        string="Cut-off Date",
        required=True,
        help="The models learn from the invoices dated up to this day and forecast the "
        "months after it.",
    )
    horizon_months = fields.Integer(
        string="Horizon (months)",
        required=True,
        default=3,
        help="How many months after the cut-off are forecast and compared (a month is "
        "30.4375 days).",
    )
    window_end_date = fields.Date(
        string="Compared up to",
        compute="_compute_window_end_date",
        store=True,
        help="The last day of the comparison window: the cut-off date plus the horizon, "
        "in whole days.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", readonly=True, required=True
    )
    computed_on = fields.Datetime(readonly=True)

    # headline figures
    client_count = fields.Integer(
        string="Clients", readonly=True, help="Clients with a purchase up to the cut-off date."
    )
    repeat_buyer_count = fields.Integer(
        string="Repeat Buyers",
        readonly=True,
        help="Clients with more than one purchase day up to the cut-off date.",
    )
    rebought_count = fields.Integer(
        string="Bought Again",
        readonly=True,
        help="Clients who bought at least once in the window after the cut-off.",
    )
    forecast_purchases = fields.Float(
        readonly=True,
        digits=(16, 1),
        help="Expected purchase days of the clients in the window.",
    )
    actual_purchases = fields.Integer(
        readonly=True,
        help="Days with a posted customer invoice of the clients in the window.",
    )
    forecast_revenue = fields.Monetary(
        readonly=True,
        help="Expected purchases times the expected spend per purchase, summed over the clients.",
    )
    actual_revenue = fields.Monetary(
        readonly=True,
        help="Untaxed invoices net of credit notes of the clients, dated in the window, in "
        "company currency.",
    )
    error_defined = fields.Boolean(readonly=True)
    error_percent = fields.Float(
        string="Error of the Total (%)",
        readonly=True,
        digits=(16, 1),
        help="(forecast revenue - actual revenue) / actual revenue: positive when the "
        "forecast was too high.",
    )
    correlation_defined = fields.Boolean(readonly=True)
    revenue_correlation = fields.Float(
        string="Per-Client Correlation",
        readonly=True,
        digits=(16, 2),
        help="Pearson's correlation of each client's forecast and actual revenue: 1 when "
        "they rise together, 0 when unrelated.",
    )
    top_decile_count = fields.Integer(string="Top Decile Clients", readonly=True)
    top_decile_share = fields.Float(
        string="Top Decile Share (%)",
        readonly=True,
        digits=(16, 1),
        help="The actual revenue of the 10 % of clients with the highest forecast, as a "
        "share of all the actual revenue.",
    )
    ranking_defined = fields.Boolean(readonly=True)
    auc_p_alive = fields.Float(
        string="Ranking by P(alive) (%)",
        readonly=True,
        digits=(16, 1),
        help="Of a client who bought again and one who did not, how often the one who bought "
        "again had the higher probability of being active (AUC; 50 is a coin toss).",
    )
    auc_status = fields.Float(
        string="Ranking by Status (%)",
        readonly=True,
        digits=(16, 1),
        help="The same for the status: Active above At risk above Dormant above Lost.",
    )
    auc_recency = fields.Float(
        string="Ranking by Recency (%)",
        readonly=True,
        digits=(16, 1),
        help="The same for plain recency: the more recent the last purchase, the higher.",
    )
    new_client_count = fields.Integer(
        string="New Clients",
        readonly=True,
        help="Clients whose first purchase falls in the window: not forecast, not counted "
        "in the figures above.",
    )
    new_client_revenue = fields.Monetary(string="Revenue of New Clients", readonly=True)

    # plain words
    summary_total = fields.Char(compute="_compute_summary")
    summary_correlation = fields.Char(compute="_compute_summary")
    summary_top_decile = fields.Char(compute="_compute_summary")
    summary_ranking = fields.Char(compute="_compute_summary")

    fit_ids = fields.One2many("crm.client.model.fit", "backtest_id", string="Fitted Models")
    line_ids = fields.One2many("crm.client.backtest.line", "backtest_id", string="Lines")
    status_line_ids = fields.One2many(
        "crm.client.backtest.line",
        "backtest_id",
        string="Per Status",
        domain=[("kind", "=", "status")],
    )
    recency_line_ids = fields.One2many(
        "crm.client.backtest.line",
        "backtest_id",
        string="Per Recency",
        domain=[("kind", "=", "recency")],
    )

    @api.depends("company_id", "cut_off_date", "horizon_months")
    def _compute_name(self):
        for backtest in self:
            backtest.name = self.env._(
                "%(company)s: %(date)s + %(months)s months",
                company=backtest.company_id.name or "",
                date=backtest.cut_off_date or "",
                months=backtest.horizon_months or 0,
            )

    @api.depends("cut_off_date", "horizon_months")
    def _compute_window_end_date(self):
        for backtest in self:
            if backtest.cut_off_date and backtest.horizon_months > 0:
                backtest.window_end_date = backtest.cut_off_date + timedelta(
                    days=window_days(backtest.horizon_months)
                )
            else:
                backtest.window_end_date = False

    @api.constrains("cut_off_date", "horizon_months")
    def _check_window(self):
        today = fields.Date.context_today(self)
        for backtest in self:
            if backtest.horizon_months < 1:
                raise ValidationError(
                    self.env._("The horizon of a backtest is at least one month.")
                )
            end = backtest.cut_off_date + timedelta(days=window_days(backtest.horizon_months))
            if end >= today:
                raise ValidationError(
                    self.env._(
                        "A backtest compares the forecast with sales that already happened: "
                        "with a horizon of %(months)s months, the window after the cut-off "
                        "date %(date)s would end on %(end)s, not before today. Pick a cut-off "
                        "date before %(latest)s.",
                        months=backtest.horizon_months,
                        date=backtest.cut_off_date,
                        end=end,
                        latest=today - timedelta(days=window_days(backtest.horizon_months)),
                    )
                )

    @api.depends(
        "state",
        "forecast_revenue",
        "actual_revenue",
        "error_percent",
        "revenue_correlation",
        "top_decile_share",
        "auc_p_alive",
        "auc_status",
        "auc_recency",
    )
    def _compute_summary(self):
        for backtest in self:
            backtest.update(backtest._summary_sentences())

    def _summary_sentences(self):
        self.ensure_one()
        empty = dict.fromkeys(
            ("summary_total", "summary_correlation", "summary_top_decile", "summary_ranking"),
            False,
        )
        if self.state != "done":
            return empty

        def money(value):
            return formatLang(self.env, value, currency_obj=self.currency_id)

        def percent(value):
            return formatLang(self.env, value, digits=1)

        forecast, actual = money(self.forecast_revenue), money(self.actual_revenue)
        if not self.error_defined:
            total = self.env._(
                "The forecast said %(forecast)s; the clients bought %(actual)s: with no revenue "
                "in the window, the error cannot be measured.",
                forecast=forecast,
                actual=actual,
            )
        elif round(self.error_percent, 1) == 0:
            total = self.env._(
                "The forecast said %(forecast)s; the clients bought %(actual)s: right on.",
                forecast=forecast,
                actual=actual,
            )
        elif self.error_percent > 0:
            total = self.env._(
                "The forecast said %(forecast)s; the clients bought %(actual)s: "
                "%(error)s %% too high.",
                forecast=forecast,
                actual=actual,
                error=percent(self.error_percent),
            )
        else:
            total = self.env._(
                "The forecast said %(forecast)s; the clients bought %(actual)s: "
                "%(error)s %% too low.",
                forecast=forecast,
                actual=actual,
                error=percent(-self.error_percent),
            )
        if self.correlation_defined:
            correlation = self.env._(
                "Client by client, forecast and actual revenue correlate at %(r)s "
                "(1: they rise together, 0: unrelated).",
                r=formatLang(self.env, self.revenue_correlation, digits=2),
            )
        else:
            correlation = self.env._(
                "Client by client, the correlation cannot be measured: the forecast or the "
                "actual revenue is the same for every client."
            )
        if self.error_defined:
            top = self.env._(
                "The %(count)s clients with the highest forecast (the top 10 %%) brought "
                "%(share)s %% of the revenue.",
                count=self.top_decile_count,
                share=percent(self.top_decile_share),
            )
        else:
            top = False
        if self.ranking_defined:
            ranking = self.env._(
                "Who bought again: the probability of being active ranks them right "
                "%(p_alive)s %% of the time, the status %(status)s %%, plain recency "
                "%(recency)s %% (50 %% is a coin toss).",
                p_alive=percent(self.auc_p_alive),
                status=percent(self.auc_status),
                recency=percent(self.auc_recency),
            )
        else:
            ranking = self.env._(
                "Who bought again cannot be ranked: either every client or none bought in "
                "the window."
            )
        return {
            "summary_total": total,
            "summary_correlation": correlation,
            "summary_top_decile": top,
            "summary_ranking": ranking,
        }

    # ------------------------------------------------------------------
    # Run
    # ------------------------------------------------------------------
    def action_run(self):
        """Fit the models on the history up to the cut-off date, forecast the window and
        compare with what was invoiced in it."""
        self.check_access("write")
        for backtest in self:
            backtest._run()
        return True

    def _run(self):
        self.ensure_one()
        self._check_window()
        company = self.company_id
        Forecaster = self.env["crm.client.forecaster"].with_company(company)
        summaries = Forecaster._summaries(company, self.cut_off_date)
        partner_ids = np.asarray(summaries["partner_id"], dtype=np.int64)
        if not len(partner_ids):
            raise UserError(
                self.env._(
                    "No client of %(company)s bought anything up to %(date)s: there is no "
                    "history to fit the models on. Pick a later cut-off date.",
                    company=company.name,
                    date=self.cut_off_date,
                )
            )
        fitted = Forecaster._fit(company, summaries)
        forecast = Forecaster._predict(fitted, summaries, months_to_weeks(self.horizon_months))
        status = np.asarray(Forecaster._churn_status(company, summaries))
        actual_days, actual_revenue, new_count, new_revenue = self._actuals(partner_ids)

        f_revenue = np.asarray(forecast["revenue"], dtype=float)
        rebought = actual_days > 0
        error = None
        total_actual = float(actual_revenue.sum())
        total_forecast = float(f_revenue.sum())
        if total_actual > 0:
            error = (total_forecast - total_actual) / total_actual
        share, top_count = top_share(f_revenue, actual_revenue, partner_ids)
        correlation = pearson(f_revenue, actual_revenue)
        recency = np.asarray(summaries["recency_days"], dtype=float)
        status_rank = np.array([STATUS_RANK.get(s, 0) for s in status.tolist()], dtype=float)
        aucs = (
            ranking_auc(forecast["p_alive"], rebought),
            ranking_auc(status_rank, rebought),
            ranking_auc(-recency, rebought),
        )
        ranking_defined = aucs[0] is not None

        # a second run replaces the first
        self.line_ids.unlink()
        self.fit_ids.unlink()
        self.env["crm.client.model.fit"]._store(
            company, fitted, self.cut_off_date, backtest_id=self.id
        )
        lines = []
        groups = [("status", code, status == code) for code in STATUSES]
        bands = recency_band(recency)
        groups += [("recency", code, bands == code) for code, _high in RECENCY_BANDS]
        for sequence, (kind, code, mask) in enumerate(groups, start=1):
            clients = int(mask.sum())
            again = int((mask & rebought).sum())
            lines.append(
                {
                    "backtest_id": self.id,
                    "sequence": sequence,
                    "kind": kind,
                    "status": code if kind == "status" else False,
                    "recency_band": code if kind == "recency" else False,
                    "client_count": clients,
                    "rebought_count": again,
                    "rebuy_rate": 100.0 * again / clients if clients else 0.0,
                    "forecast_revenue": float(f_revenue[mask].sum()),
                    "actual_revenue": float(actual_revenue[mask].sum()),
                }
            )
        self.env["crm.client.backtest.line"].create(lines)
        self.write(
            {
                "state": "done",
                "computed_on": fields.Datetime.now(),
                "client_count": len(partner_ids),
                "repeat_buyer_count": int(
                    np.count_nonzero(np.asarray(summaries["purchase_count"]) > 1)
                ),
                "rebought_count": int(rebought.sum()),
                "forecast_purchases": float(np.sum(forecast["purchases"])),
                "actual_purchases": int(actual_days.sum()),
                "forecast_revenue": total_forecast,
                "actual_revenue": total_actual,
                "error_defined": error is not None,
                "error_percent": 100.0 * error if error is not None else 0.0,
                "correlation_defined": correlation is not None,
                "revenue_correlation": correlation if correlation is not None else 0.0,
                "top_decile_count": top_count,
                "top_decile_share": 100.0 * share if share is not None else 0.0,
                "ranking_defined": ranking_defined,
                "auc_p_alive": 100.0 * aucs[0] if ranking_defined else 0.0,
                "auc_status": 100.0 * aucs[1] if ranking_defined else 0.0,
                "auc_recency": 100.0 * aucs[2] if ranking_defined else 0.0,
                "new_client_count": new_count,
                "new_client_revenue": new_revenue,
            }
        )

    def _actuals(self, partner_ids):
        """What the clients bought in the window (cut-off, window end], in one set-based
        query: purchase days (days with a posted customer invoice) and untaxed revenue net of
        credit notes in company currency, per commercial partner. Returns the purchase days
        and revenue aligned on ``partner_ids``, and the count and revenue of the clients
        not among them (new clients)."""
        self.ensure_one()
        self.env.flush_all()
        rows = self.env.execute_query(
            actuals_sql(self.company_id.id, self.cut_off_date, self.window_end_date)
        )
        position = {partner_id: index for index, partner_id in enumerate(partner_ids.tolist())}
        days = np.zeros(len(partner_ids), dtype=np.int64)
        revenue = np.zeros(len(partner_ids), dtype=float)
        new_count, new_revenue = 0, 0.0
        for partner_id, purchase_days, amount in rows:
            index = position.get(partner_id)
            if index is None:  # first purchase in the window: a new client
                new_count += 1 if purchase_days else 0
                new_revenue += float(amount)
            else:
                days[index], revenue[index] = purchase_days, float(amount)
        return days, revenue, new_count, new_revenue

    @api.model
    def _demo_run(self, months_back=6, horizon_months=3):
        """The demo's backtest: the current company, a cut-off ``months_back`` months before
        today, run at once."""
        today = fields.Date.context_today(self)
        backtest = self.create(
            {
                "company_id": self.env.company.id,
                "cut_off_date": today - relativedelta(months=months_back),
                "horizon_months": horizon_months,
            }
        )
        backtest.action_run()
        return True
