from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

LETTER_CHANNEL = "crm_service_desk_correspondence.helpdesk_ticket_channel_letter"


class CrmCorrespondence(models.Model):
    _inherit = "crm.correspondence"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        help="The service ticket this item became or is about.",
    )

    @api.constrains("ticket_id", "company_id")
    def _check_ticket_company(self):
        for item in self.filtered("ticket_id"):
            # sudo: only the company of the linked ticket is compared (and named), whatever
            # the user's own access to the service desk
            ticket = item.ticket_id.sudo()
            if ticket.company_id != item.company_id:
                raise ValidationError(
                    self.env._(
                        "%(item)s belongs to %(company)s: it cannot be linked to the ticket "
                        "%(ticket)s of %(ticket_company)s.",
                        item=item.display_name,
                        company=item.company_id.name,
                        ticket=ticket.display_name,
                        ticket_company=ticket.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions (each returns a value XML-RPC can carry: no None, no records)
    # ------------------------------------------------------------------

    def action_create_ticket(self):
        """One service ticket per incoming registered item, linked both ways.

        The ticket takes the item's subject, text, correspondent, company and files, and
        the *Letter* channel; a note on each side links to the other. Every item is
        checked before anything is created: one refused item creates no ticket at all.
        """
        self.env["helpdesk.ticket"].check_access("create")
        self._check_ticket_creation()
        channel = self.env.ref(LETTER_CHANNEL, raise_if_not_found=False)
        tickets = self.env["helpdesk.ticket"].create(
            [item._prepare_ticket_values(channel) for item in self]
        )
        copies = []
        for item, ticket in zip(self, tickets, strict=True):
            item.ticket_id = ticket
            copies += item.attachment_ids.copy_data(
                {"res_model": ticket._name, "res_id": ticket.id}
            )
        if copies:
            self.env["ir.attachment"].create(copies)
        for item, ticket in zip(self, tickets, strict=True):
            item.message_post(
                body=self.env._(
                    "Ticket %(ticket)s created from this item.", ticket=ticket._get_html_link()
                ),
                subtype_xmlid="mail.mt_note",
            )
            ticket.message_post(
                body=self.env._("Created from %(item)s.", item=item._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )
        return tickets._correspondence_tickets_action()

    def _check_ticket_creation(self):
        """Refuse the whole call when one item cannot become a ticket."""
        for item in self:
            if item.direction != "incoming":
                raise UserError(
                    self.env._(
                        "%(item)s is an outgoing item: only incoming correspondence can "
                        "become a ticket.",
                        item=item.display_name,
                    )
                )
            if item.name == "/":
                raise UserError(
                    self.env._(
                        "%(item)s is not registered yet: register it (it gets its number) "
                        "before creating a ticket.",
                        item=item.display_name,
                    )
                )
            if item.sender_to_verify:
                raise UserError(
                    self.env._(
                        "The sender of %(item)s is not confirmed: confirm its sender before "
                        "creating a ticket.",
                        item=item.display_name,
                    )
                )
            if item.ticket_id:
                raise UserError(
                    self.env._(
                        "%(item)s already has its ticket %(ticket)s.",
                        item=item.display_name,
                        # sudo: the number of the ticket linked to an item the user reads
                        ticket=item.ticket_id.sudo().display_name,
                    )
                )

    def _prepare_ticket_values(self, channel):
        self.ensure_one()
        partner = self.partner_id
        return {
            "name": self.subject,
            "description": plaintext2html(self.summary or self.subject),
            "partner_id": partner.id,
            "partner_name": partner.name or False,
            "partner_email": partner.email or False,
            "company_id": self.company_id.id,
            "channel_id": channel.id if channel else False,
        }
