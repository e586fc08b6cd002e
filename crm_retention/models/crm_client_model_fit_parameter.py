from odoo import fields, models


class CrmClientModelFitParameter(models.Model):
    _name = "crm.client.model.fit.parameter"
    _description = "Fitted Model Parameter"
    _order = "fit_id, sequence, id"

    fit_id = fields.Many2one(
        "crm.client.model.fit", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="fit_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Parameter", required=True, readonly=True)
    value = fields.Float(readonly=True, digits=(16, 4))
    std_error = fields.Float(
        string="Standard Error",
        readonly=True,
        digits=(16, 4),
        help="From the inverse of the observed information matrix (0 when undefined).",
    )
