from odoo import fields, models


class CrmHandoverWizardLine(models.TransientModel):
    _name = "crm.handover.wizard.line"
    _description = "Hand Over Clients: one client"
    _order = "partner_name, id"

    wizard_id = fields.Many2one("crm.handover.wizard", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    partner_name = fields.Char(related="partner_id.name")
    user_id = fields.Many2one(
        "res.users",
        string="Hand Over To",
        required=True,
        domain="[('id', 'in', parent.to_user_ids)]",
    )
