from odoo import fields, models


class CrmClientModelFit(models.Model):
    _inherit = "crm.client.model.fit"

    backtest_id = fields.Many2one(
        "crm.client.backtest",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The backtest this model was fitted for (on the history up to its cut-off date).",
    )
