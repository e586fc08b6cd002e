from odoo import fields, models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "helpdesk.ticket.link.mixin"]
    _ticket_link_field = "invoice_id"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "invoice_id", string="Tickets", groups="base.group_user"
    )
