from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "helpdesk.ticket.link.mixin"]
    _ticket_link_field = "sale_order_id"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "sale_order_id", string="Tickets", groups="base.group_user"
    )
