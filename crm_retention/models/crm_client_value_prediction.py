from odoo import api, fields, models
from odoo.tools import format_amount

CHURN_STATUSES = [
    ("active", "Active"),
    ("at_risk", "At Risk"),
    ("dormant", "Dormant"),
    ("lost", "Lost"),
]


class CrmClientValue(models.Model):
    """The predictions of the lifetime models and the churn status of each client, written
    by the analysis refresh (``crm.client.forecaster``); the models' unit is the week."""

    _inherit = "crm.client.value"

    churn_status = fields.Selection(
        CHURN_STATUSES,
        readonly=True,
        index=True,
        help="Against the client's own rhythm: the days since the last purchase in "
        "multiples of the usual interval; a one-time buyer against fixed days (Settings).",
    )
    p_alive = fields.Float(
        string="Probability Active",
        readonly=True,
        aggregator="avg",
        digits=(16, 3),
        help="Probability that the client still buys from us, by the purchase model.",
    )
    expected_purchases_month = fields.Float(
        string="Expected Purchases (next month)", readonly=True, digits=(16, 2)
    )
    expected_purchases_quarter = fields.Float(
        string="Expected Purchases (next 3 months)", readonly=True, digits=(16, 2)
    )
    expected_purchases_year = fields.Float(
        string="Expected Purchases (next 12 months)", readonly=True, digits=(16, 2)
    )
    expected_spend = fields.Monetary(
        string="Expected Spend per Purchase",
        readonly=True,
        aggregator="avg",
        help="Gamma-Gamma: the client's own mean purchase pulled towards the company's.",
    )
    forecast_next_month = fields.Monetary(
        readonly=True,
        help="Expected purchases in the next month times the expected spend per purchase.",
    )
    predicted_revenue = fields.Monetary(
        string="Predicted Revenue (horizon)",
        readonly=True,
        help="Revenue expected over the lifetime value horizon, discounted month by month.",
    )
    predicted_clv = fields.Monetary(
        string="Predicted Lifetime Value",
        readonly=True,
        help="The predicted revenue times the client's margin share to date.",
    )
    prediction_summary = fields.Text(string="In Plain Words", compute="_compute_prediction_summary")

    @api.depends(
        "churn_status",
        "p_alive",
        "expected_purchases_year",
        "expected_spend",
        "predicted_clv",
        "recency_days",
        "median_gap_days",
        "purchase_count",
    )
    def _compute_prediction_summary(self):
        for value in self:
            value.prediction_summary = "\n".join(value._prediction_sentences())

    def _prediction_sentences(self):
        self.ensure_one()
        company = self.company_id
        sentences = []
        if not self.churn_status:
            return [self.env._("No purchase yet: nothing to predict.")]
        status = dict(self._fields["churn_status"]._description_selection(self.env))[
            self.churn_status
        ]
        if self.purchase_count > 1 and self.median_gap_days:
            sentences.append(
                self.env._(
                    "%(status)s: last purchase %(days)s days ago, %(ratio)s times the usual "
                    "interval of %(gap)s days (at risk after %(at_risk)s, dormant after "
                    "%(dormant)s, lost after %(lost)s intervals).",
                    status=status,
                    days=self.recency_days,
                    ratio=round(self.recency_days / self.median_gap_days, 1),
                    gap=round(self.median_gap_days),
                    at_risk=company.crm_churn_at_risk_factor,
                    dormant=company.crm_churn_dormant_factor,
                    lost=company.crm_churn_lost_factor,
                )
            )
        else:
            sentences.append(
                self.env._(
                    "%(status)s: one purchase so far, %(days)s days ago; a one-time buyer is "
                    "at risk after %(at_risk)s days, dormant after %(dormant)s and lost "
                    "after %(lost)s.",
                    status=status,
                    days=self.recency_days,
                    at_risk=company.crm_one_time_at_risk_days,
                    dormant=company.crm_one_time_dormant_days,
                    lost=company.crm_one_time_lost_days,
                )
            )
        if not self.analysis_id.fit_ids:
            sentences.append(
                self.analysis_id.prediction_message
                or self.env._("The models are not fitted yet: refresh the analysis.")
            )
            return sentences
        currency = self.currency_id
        sentences += [
            self.env._(
                "%(percent)s%% chance that the client still buys from us, judged from the "
                "timing of their purchases.",
                percent=round(self.p_alive * 100),
            ),
            self.env._(
                "About %(year)s purchases expected in the next 12 months (%(month)s next "
                "month), of %(spend)s each.",
                year=round(self.expected_purchases_year, 1),
                month=round(self.expected_purchases_month, 2),
                spend=format_amount(self.env, self.expected_spend, currency),
            ),
            self.env._(
                "Predicted lifetime value: %(clv)s of margin over the next %(months)s months, "
                "discounted at %(rate)s%% a year.",
                clv=format_amount(self.env, self.predicted_clv, currency),
                months=company.crm_clv_horizon_months,
                rate=company.crm_clv_discount_rate,
            ),
        ]
        return sentences
