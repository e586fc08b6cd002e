from odoo import fields, models


class HelpdeskTicket(models.Model):
    """Satisfaction requests: one per resolution, rolled up on the team.

    helpdesk_mgmt_rating sends a request on every write of a stage that carries a rating
    template (moving a closed ticket from Done to Done again, or from Done to Cancelled,
    mails the customer twice). Here a request is sent once, when the ticket is resolved;
    reopening the ticket (a stage that is not closed) allows the next resolution's request.
    """

    _inherit = "helpdesk.ticket"

    rating_requested = fields.Boolean(
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="A satisfaction request has been sent for the current resolution; it is "
        "sent again only after the ticket is reopened and resolved again.",
    )

    def write(self, vals):
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if not stage.closed:
                reopened = self.filtered("rating_requested")
                if reopened:
                    reopened.rating_requested = False
        return super().write(vals)

    def _rating_get_operator(self):
        """The person rated: the assigned agent, else the team leader, else whoever solved
        the ticket (the request is signed by them, so it needs someone)."""
        return (
            self.user_id.partner_id
            or self.team_id.user_id.partner_id
            or (self.env.user.partner_id if self.env.user._is_internal() else False)
            or self.env["res.partner"]
        )

    def _send_ticket_rating_mail(self, force_send=False):
        # without a sender address the request cannot go out; closing the ticket must not
        # fail for it
        to_ask = self.filtered(
            lambda ticket: (
                not ticket.rating_requested
                and ticket.rating_status == "stage_change"
                and ticket.stage_id.rating_mail_template_id
                and ticket.partner_id
                and ticket._rating_get_operator().email
            )
        )
        res = super(HelpdeskTicket, to_ask)._send_ticket_rating_mail(force_send=force_send)
        if to_ask:
            to_ask.rating_requested = True
        return res

    def _rating_get_parent_field_name(self):
        return "team_id"
