from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "invoice_id", string="Tickets", groups="base.group_user"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count", groups="base.group_user")

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.ticket_count = counts.get(move, 0)

    def action_view_tickets(self):
        self.ensure_one()
        return self.env["helpdesk.ticket"]._service_action(
            [("invoice_id", "=", self.id)],
            {
                "default_invoice_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
