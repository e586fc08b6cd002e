from odoo import api, fields, models
from odoo.exceptions import ValidationError

GROUP_CORRESPONDENCE = "crm_correspondence.crm_correspondence_group_user"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # only users of the register read letters: the others never see these fields
    correspondence_ids = fields.One2many(
        "crm.correspondence",
        "ticket_id",
        string="Letters",
        groups=GROUP_CORRESPONDENCE,
    )
    correspondence_count = fields.Integer(
        string="Letter Count",
        compute="_compute_correspondence_count",
        groups=GROUP_CORRESPONDENCE,
    )

    @api.depends("correspondence_ids")
    @api.depends_context("uid")
    def _compute_correspondence_count(self):
        # one grouped query for the whole list, with the user's own rules on the register
        counts = dict(
            self.env["crm.correspondence"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.correspondence_count = counts.get(ticket, 0)

    def write(self, vals):
        res = super().write(vals)
        if "company_id" in vals:
            self._check_correspondence_company()
        return res

    def _check_correspondence_company(self):
        """A ticket keeps the company of its letters (checked on write only: a new ticket
        has no letters yet, and a letter linked later checks its own company)."""
        # only the companies of the letters linked to these tickets are compared, letters
        # the user may not read included, and nothing of them is shown: sudo is safe
        letters_sudo = self.env["crm.correspondence"].sudo()
        groups = letters_sudo._read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id", "company_id"]
        )
        for ticket, company in groups:
            ticket = ticket.with_env(self.env)
            if company != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "The ticket %(ticket)s has letters of %(company)s: it cannot move to "
                        "%(ticket_company)s.",
                        ticket=ticket.display_name,
                        company=company.name,
                        ticket_company=ticket.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions (each returns a value XML-RPC can carry: no None, no records)
    # ------------------------------------------------------------------

    def action_view_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {
            "default_ticket_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def _correspondence_tickets_action(self):
        """These tickets in a window: the form of one, the list of several."""
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Tickets"),
            "res_model": self._name,
            "target": "current",
            "context": {"create": False},
        }
        if len(self) == 1:
            action.update({"res_id": self.id, "view_mode": "form", "views": [[False, "form"]]})
        else:
            action.update(
                {
                    "view_mode": "list,form",
                    "views": [[False, "list"], [False, "form"]],
                    "domain": [("id", "in", self.ids)],
                }
            )
        return action
