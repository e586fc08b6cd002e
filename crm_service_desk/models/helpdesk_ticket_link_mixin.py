from odoo import fields, models


class HelpdeskTicketLinkMixin(models.AbstractModel):
    """A client's document that tickets can be about (sales order, invoice): its ticket
    counter, counted for the whole list at once, and its smart button."""

    _name = "helpdesk.ticket.link.mixin"
    _description = "Document with Service Tickets"
    _ticket_link_field = None  # the ticket's many2one to this model

    ticket_count = fields.Integer(compute="_compute_ticket_count", groups="base.group_user")

    def _compute_ticket_count(self):
        link = self._ticket_link_field
        counts = dict(
            self.env["helpdesk.ticket"]._read_group([(link, "in", self.ids)], [link], ["__count"])
        )
        for record in self:
            record.ticket_count = counts.get(record, 0)

    def action_view_tickets(self):
        self.ensure_one()
        link = self._ticket_link_field
        return self.env["helpdesk.ticket"]._service_action(
            [(link, "=", self.id)],
            {
                f"default_{link}": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
