from odoo import api, fields, models

from .crm_client_value_prediction import CHURN_STATUSES

RECENCY_SELECTION = [
    ("0_30", "0-30 days"),
    ("31_90", "31-90 days"),
    ("91_180", "91-180 days"),
    ("181_365", "181-365 days"),
    ("366", "Over 365 days"),
]


class CrmClientBacktestLine(models.Model):
    """One group of clients of a backtest (a status at the cut-off date or a band of days
    since the last purchase): how many bought again in the window, and their forecast and
    actual revenue. Written only by the backtest's run."""

    _name = "crm.client.backtest.line"
    _description = "Forecast Backtest Group"
    _order = "backtest_id, sequence, id"

    backtest_id = fields.Many2one(
        "crm.client.backtest", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="backtest_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="backtest_id.currency_id")
    sequence = fields.Integer(readonly=True)
    kind = fields.Selection(
        [("status", "Status"), ("recency", "Recency")], required=True, readonly=True
    )
    status = fields.Selection(CHURN_STATUSES, readonly=True)
    recency_band = fields.Selection(
        RECENCY_SELECTION, string="Days Since Last Purchase", readonly=True
    )
    label = fields.Char(string="Group", compute="_compute_label")
    client_count = fields.Integer(string="Clients", readonly=True)
    rebought_count = fields.Integer(
        string="Bought Again", readonly=True, help="Clients who bought in the window."
    )
    rebuy_rate = fields.Float(
        string="Rebuy Rate (%)",
        readonly=True,
        digits=(16, 1),
        aggregator=None,
        help="Bought again / clients.",
    )
    forecast_revenue = fields.Monetary(readonly=True)
    actual_revenue = fields.Monetary(readonly=True)

    @api.depends("kind", "status", "recency_band")
    def _compute_label(self):
        statuses = dict(self._fields["status"]._description_selection(self.env))
        bands = dict(self._fields["recency_band"]._description_selection(self.env))
        for line in self:
            if line.kind == "status":
                line.label = statuses.get(line.status, "")
            else:
                line.label = bands.get(line.recency_band, "")
