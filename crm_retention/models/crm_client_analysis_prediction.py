from datetime import timedelta

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

PREDICTION_COLUMNS = (
    ("p_alive", "p_alive"),
    ("expected_purchases_month", "purchases_month"),
    ("expected_purchases_quarter", "purchases_quarter"),
    ("expected_purchases_year", "purchases_year"),
    ("expected_spend", "spend"),
    ("predicted_revenue", "horizon_revenue"),
    ("forecast_next_month", "forecast_month"),
)
ALERT_STATUSES = ("at_risk", "dormant")


class CrmClientAnalysis(models.Model):
    """Churn status and lifetime predictions of each client, after its figures: the models
    are fitted on a full refresh; one client's refresh is scored with the kept fit."""

    _inherit = "crm.client.analysis"

    fit_ids = fields.One2many("crm.client.model.fit", "analysis_id", string="Fitted Models")
    purchase_model = fields.Selection(
        [("bgnbd", "BG/NBD"), ("paretonbd", "Pareto/NBD")], readonly=True
    )
    prediction_message = fields.Char(string="Prediction Notes", readonly=True)
    forecast_next_month = fields.Monetary(
        compute="_compute_forecast_next_month",
        help="The sum of the clients' forecasts for the next month.",
    )

    def _compute_forecast_next_month(self):
        totals = dict(
            self.env["crm.client.value"]._read_group(
                [("analysis_id", "in", self.ids)], ["analysis_id"], ["forecast_next_month:sum"]
            )
        )
        for analysis in self:
            analysis.forecast_next_month = totals.get(analysis, 0.0)

    def _compute_figures(self, partner_ids=None):
        previous = {analysis: analysis._churn_statuses(partner_ids) for analysis in self}
        result = super()._compute_figures(partner_ids)
        if self.env.context.get("crm_skip_predictions"):
            return result
        for analysis in self:
            analysis._compute_predictions(partner_ids)
            if analysis.is_current:
                analysis._schedule_churn_activities(previous[analysis], partner_ids)
        self.env["crm.client.value"].invalidate_model()
        return result

    def _churn_statuses(self, partner_ids=None):
        """{partner id: churn status} of the analysis's rows (before a refresh)."""
        if not self.is_current or self.env.context.get("crm_skip_predictions"):
            return {}
        self.env["crm.client.value"].flush_model(["churn_status"])
        query = SQL(
            "SELECT partner_id, churn_status FROM crm_client_value WHERE analysis_id = %s",
            self.id,
        )
        if partner_ids is not None:
            query = SQL("%s AND partner_id = ANY(%s)", query, list(partner_ids))
        self.env.cr.execute(query)
        return dict(self.env.cr.fetchall())

    def _compute_predictions(self, partner_ids=None):
        """Fit (full refresh) or reuse the fit (some clients), then store every client's
        predictions and churn status in one UPDATE."""
        self.ensure_one()
        company = self.company_id
        forecaster = self.env["crm.client.forecaster"]
        summaries = forecaster._summaries(company, self.as_of_date, partner_ids)
        if partner_ids is None:
            fitted = forecaster._fit(company, summaries)
            self.fit_ids.unlink()
            self.env["crm.client.model.fit"]._store(
                company, fitted, self.as_of_date, analysis_id=self.id
            )
            self.write(
                {
                    "purchase_model": fitted.purchase_model,
                    "prediction_message": fitted.message or False,
                }
            )
        else:
            fitted = self.fit_ids._fitted()
        scores = forecaster._score(company, fitted, summaries)
        columns = [SQL.identifier(field) for field, _key in PREDICTION_COLUMNS]
        arrays = [
            # an overflow (inf) is no prediction either: NULL like NaN
            np.where(np.isfinite(scores[key]), scores[key], np.nan).tolist()
            for _field, key in PREDICTION_COLUMNS
        ]
        names = [SQL.identifier(f"d{index}") for index in range(len(arrays))]
        self.env.cr.execute(
            SQL(
                """
UPDATE crm_client_value v
   SET churn_status = d.status,
       %(assignments)s,
       predicted_clv = NULLIF(d.d5, 'NaN'::float8)
                     * LEAST(GREATEST(v.margin / NULLIF(v.revenue, 0), 0), 1)
  FROM unnest(%(partners)s::int[], %(statuses)s::varchar[], %(arrays)s)
       AS d(partner_id, status, %(names)s)
 WHERE v.analysis_id = %(analysis)s AND v.partner_id = d.partner_id
""",
                assignments=SQL(", ").join(
                    SQL("%s = NULLIF(d.%s, 'NaN'::float8)", column, name)
                    for column, name in zip(columns, names, strict=True)
                ),
                partners=summaries["partner_id"].tolist(),
                statuses=scores["churn_status"].tolist(),
                arrays=SQL(", ").join(SQL("%s::float8[]", array) for array in arrays),
                names=SQL(", ").join(names),
                analysis=self.id,
            )
        )

    def _schedule_churn_activities(self, previous, partner_ids=None):
        """One activity for the salesperson of each client who has just become At risk or
        Dormant (and has no such activity open yet)."""
        self.ensure_one()
        query = SQL(
            """SELECT partner_id, user_id, churn_status FROM crm_client_value
                WHERE analysis_id = %s AND churn_status IN %s AND user_id IS NOT NULL""",
            self.id,
            ALERT_STATUSES,
        )
        if partner_ids is not None:
            query = SQL("%s AND partner_id = ANY(%s)", query, list(partner_ids))
        self.env.cr.execute(query)
        changed = [row for row in self.env.cr.fetchall() if previous.get(row[0]) != row[2]]
        if not changed:
            return
        activity_type = self.env.ref("crm_retention.mail_activity_type_client_at_risk")
        Activity = self.env["mail.activity"]
        already = set(
            Activity.search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", [row[0] for row in changed]),
                    ("activity_type_id", "=", activity_type.id),
                ]
            ).mapped("res_id")
        )
        values = self.env["crm.client.value"].search(
            [("analysis_id", "=", self.id), ("partner_id", "in", [row[0] for row in changed])]
        )
        by_partner = {value.partner_id.id: value for value in values}
        deadline = fields.Date.context_today(self) + timedelta(days=activity_type.delay_count)
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": partner_id,
                "activity_type_id": activity_type.id,
                "user_id": user_id,
                "date_deadline": deadline,
                "summary": by_partner[partner_id]._prediction_sentences()[0],
            }
            for partner_id, user_id, _status in changed
            if partner_id not in already
        ]
        # many activities at once: no e-mail to the salesperson for each one
        Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    @api.model
    def _snapshot_month(self, company, month_end, missing_only=False):
        # a month-end snapshot keeps classes and segments only: no model to fit
        return super(
            CrmClientAnalysis, self.with_context(crm_skip_predictions=True)
        )._snapshot_month(company, month_end, missing_only=missing_only)
