"""The reason of a complaint or a return on the ticket, and the items returned with their
amount. Unlike OCA's helpdesk_motive, nothing resets the reason when the ticket changes team
or agent: a reason describes what the client reported, not who handles it."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    reason_id = fields.Many2one(
        "crm.service.reason",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        groups="base.group_user",
        domain="['|', ('team_ids', '=', False), ('team_ids', 'in', team_id), "
        "'|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Why the client complains or returns goods. It stays when the ticket changes "
        "team or agent.",
    )
    reason_kind = fields.Selection(
        related="reason_id.kind",
        string="Kind of Reason",
        store=True,
        groups="base.group_user",
    )
    return_line_ids = fields.One2many(
        "crm.service.return.line",
        "ticket_id",
        string="Returned Items",
        groups="base.group_user",
    )
    return_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Return Currency", groups="base.group_user"
    )
    return_amount = fields.Monetary(
        string="Returned Amount",
        currency_field="return_currency_id",
        compute="_compute_return_amount",
        store=True,
        groups="base.group_user",
        help="The untaxed amount of the returned items, in the company's currency.",
    )

    @api.depends("return_line_ids.amount")
    def _compute_return_amount(self):
        for ticket in self:
            ticket.return_amount = sum(ticket.return_line_ids.mapped("amount"))

    @api.constrains("reason_id", "company_id")
    def _check_reason_company(self):
        for ticket in self:
            reason = ticket.reason_id
            if reason.company_id and reason.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "The reason %(reason)s belongs to %(reason_company)s, not to "
                        "%(company)s of ticket %(ticket)s.",
                        reason=reason.display_name,
                        reason_company=reason.company_id.name,
                        company=ticket.company_id.name,
                        ticket=ticket.display_name,
                    )
                )

    @api.constrains("partner_id", "company_id")
    def _check_return_lines_client(self):
        """A ticket moved to another client or company keeps no returned item of the first."""
        self.return_line_ids._check_client_documents()
