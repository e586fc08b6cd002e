from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "sale_order_id", string="Tickets", groups="base.group_user"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count", groups="base.group_user")

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.ticket_count = counts.get(order, 0)

    def action_view_tickets(self):
        self.ensure_one()
        return self.env["helpdesk.ticket"]._service_action(
            [("sale_order_id", "=", self.id)],
            {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
