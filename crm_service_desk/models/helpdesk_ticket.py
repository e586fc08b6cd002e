"""Tickets of the client base: linked to the client's order and invoice, and taken in from
e-mail and the portal with the team's company, the right channel and a confirmation."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        groups="base.group_user",
        domain="[('partner_id', 'child_of', commercial_partner_id), "
        "('company_id', '=', company_id)]",
        help="The client's order the ticket is about.",
    )
    invoice_id = fields.Many2one(
        "account.move",
        index="btree_not_null",
        groups="base.group_user",
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')), "
        "('commercial_partner_id', '=', commercial_partner_id), "
        "('company_id', '=', company_id)]",
        help="The client's invoice or credit note the ticket is about.",
    )

    @api.constrains("sale_order_id", "invoice_id", "partner_id", "company_id")
    def _check_client_documents(self):
        for ticket in self:
            client = ticket.commercial_partner_id
            order, invoice = ticket.sale_order_id, ticket.invoice_id
            if order and (
                order.partner_id.commercial_partner_id != client
                or order.company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The order %(order)s is not an order of %(client)s in %(company)s.",
                        order=order.name,
                        client=client.display_name or self.env._("the ticket's client"),
                        company=ticket.company_id.name,
                    )
                )
            if invoice and (
                invoice.move_type not in ("out_invoice", "out_refund")
                or invoice.commercial_partner_id != client
                or invoice.company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The invoice %(invoice)s is not a customer invoice of %(client)s in "
                        "%(company)s.",
                        invoice=invoice.display_name,
                        client=client.display_name or self.env._("the ticket's client"),
                        company=ticket.company_id.name,
                    )
                )

    @api.model
    def _service_action(self, domain, context):
        """The tickets of ``domain`` in a window (a plain dictionary for any RPC client)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update({"domain": domain, "context": context})
        return action

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg, custom_values=None):
        """A ticket from the team's mail alias always gets the Email channel (helpdesk_mgmt
        sets it only under the fetchmail cron, not for mail piped to the gateway)."""
        custom_values = dict(custom_values or {})
        if not custom_values.get("channel_id"):
            channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email", False)
            custom_values["channel_id"] = channel.id if channel else False
        return super().message_new(msg, custom_values=custom_values)

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._send_intake_confirmation()
        return tickets

    def _send_intake_confirmation(self):
        """Acknowledge the tickets the customers sent themselves (e-mail, portal) with a
        link to follow them on the portal; as an automatic message, never a response."""
        channels = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email", False) | (
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web", False)
        )
        template = self.env.ref("crm_service_desk.mail_template_ticket_received", False)
        if not template:
            return
        for ticket in self.filtered(lambda t: t.channel_id in channels and t.partner_id):
            ticket._portal_ensure_token()
            ticket.message_post_with_source(
                template,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
                author_id=(ticket.company_id.partner_id or self.env.company.partner_id).id,
            )
