"""The client's service portrait on the partner form: how fast and how well its tickets
are served, read from the Service Analysis (one row per ticket) in one query for the
whole list of partners."""

from odoo import api, fields, models

PORTRAIT_GROUPS = "helpdesk_mgmt.group_helpdesk_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_first_response_hours = fields.Float(
        string="Average First Response",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
        help="Average working hours from a ticket's creation to the first public reply of "
        "an employee, over the client's tickets answered so far.",
    )
    service_resolution_hours = fields.Float(
        string="Average Resolution",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
        help="Average working hours from a ticket's creation to its solving, over the "
        "client's solved tickets.",
    )
    service_sla_hit_rate = fields.Float(
        string="SLA Hit Rate (%)",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
        help="Of the SLA targets of the client's tickets that are decided (reached or "
        "failed), the share reached in time.",
    )
    service_satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
        help="Of the client's rated tickets, the share whose last rating is satisfied.",
    )
    service_rating_count = fields.Integer(
        string="Rated Tickets",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
    )
    service_answered_count = fields.Integer(
        string="Answered Tickets",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
    )
    service_solved_count = fields.Integer(
        string="Solved Tickets",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
    )
    service_sla_decided_count = fields.Integer(
        string="SLA Targets Decided",
        compute="_compute_service_portrait",
        groups=PORTRAIT_GROUPS,
    )

    service_top_reasons = fields.Char(
        string="Top Reasons",
        compute="_compute_service_top_reasons",
        groups=PORTRAIT_GROUPS,
        help="The client's most frequent complaint and return reasons, with their number of "
        "tickets (archived tickets left out).",
    )

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_service_top_reasons(self):
        """The three most frequent reasons of each client's tickets, in one grouped query
        for the whole list, with the reader's rules."""
        clients = self.commercial_partner_id.filtered("id")
        counts = {}
        if clients:
            for client, reason, count in self.env["helpdesk.ticket"]._read_group(
                [("commercial_partner_id", "in", clients.ids), ("reason_id", "!=", False)],
                ["commercial_partner_id", "reason_id"],
                ["__count"],
            ):
                counts.setdefault(client.id, []).append((-count, reason.name, reason.id))
        for partner in self:
            top = sorted(counts.get(partner.commercial_partner_id.id, []))[:3]
            partner.service_top_reasons = (
                ", ".join(f"{name} ({-count})" for count, name, _id in top) or False
            )

    # the figures are those the reader may see: per user and allowed companies
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_service_portrait(self):
        """A contact shows its company's figures: the report's rows of the commercial
        partners of these partners, grouped in one query, with the reader's rules."""
        clients = self.commercial_partner_id.filtered("id")
        groups = {}
        if clients:
            for client, *figures in self.env["crm.service.ticket.report"]._read_group(
                [("commercial_partner_id", "in", clients.ids)],
                ["commercial_partner_id"],
                [
                    "first_response_hours:avg",
                    "resolution_hours:avg",
                    "sla_hit_rate:avg",
                    "satisfied:avg",
                    "satisfied:count",
                    "first_response_hours:count",
                    "resolution_hours:count",
                    "sla_decided:sum",
                ],
            ):
                groups[client.id] = figures
        for partner in self:
            (response, resolution, hit_rate, satisfaction, rated, answered, solved, decided) = (
                groups.get(partner.commercial_partner_id.id, (None,) * 4 + (0,) * 4)
            )
            partner.service_first_response_hours = response or 0.0
            partner.service_resolution_hours = resolution or 0.0
            partner.service_sla_hit_rate = hit_rate or 0.0
            partner.service_satisfaction = satisfaction or 0.0
            partner.service_rating_count = rated
            partner.service_answered_count = answered
            partner.service_solved_count = solved
            partner.service_sla_decided_count = decided or 0

    def action_view_service_analysis(self):
        """The Service Analysis of the client (the partner's company)."""
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_desk.crm_service_ticket_report_action"
        )
        action.update(
            {
                "name": self.env._("Service Analysis: %(client)s", client=client.display_name),
                "domain": [("commercial_partner_id", "=", client.id)],
            }
        )
        return action
