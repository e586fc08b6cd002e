"""SLA terms: response and resolution targets in working hours per team × priority ×
client tier × category. The most specific term that fits a ticket applies."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner_service_tier import SERVICE_TIERS

# A criterion left empty fits every ticket. Among the terms that fit, the one with the most
# specific criteria wins: a category outweighs a tier, which outweighs a priority.
SPECIFICITY = {"category_id": 4, "service_tier": 2, "priority": 1}
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class CrmServiceSlaTerm(models.Model):
    _name = "crm.service.sla.term"
    _description = "SLA Term"
    _order = "team_id, sequence, id"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one("helpdesk.ticket.team", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    priority = fields.Selection(PRIORITIES, help="Empty: every priority.")
    service_tier = fields.Selection(SERVICE_TIERS, help="Empty: every client, with a tier or not.")
    category_id = fields.Many2one("helpdesk.ticket.category", help="Empty: every category.")
    response_hours = fields.Float(
        string="Response (working hours)",
        help="Working hours until the first public reply of an employee. 0: no target.",
    )
    resolution_hours = fields.Float(
        string="Resolution (working hours)",
        help="Working hours until the ticket reaches a closed stage that counts as solved. "
        "0: no target.",
    )
    note = fields.Text()

    @api.depends("team_id", "priority", "service_tier", "category_id")
    def _compute_name(self):
        priorities = dict(PRIORITIES)
        tiers = dict(SERVICE_TIERS)
        for term in self:
            parts = [
                term.team_id.name,
                priorities.get(term.priority),
                tiers.get(term.service_tier),
                term.category_id.name,
            ]
            term.name = " / ".join(part for part in parts if part) or term.name

    @api.depends("team_id")
    def _compute_company_id(self):
        for term in self:
            if term.team_id.company_id:
                term.company_id = term.team_id.company_id

    @api.constrains("response_hours", "resolution_hours")
    def _check_hours(self):
        for term in self:
            if term.response_hours < 0 or term.resolution_hours < 0:
                raise ValidationError(
                    self.env._("The SLA term “%s” cannot have negative hours.", term.name)
                )
            if not term.response_hours and not term.resolution_hours:
                raise ValidationError(
                    self.env._(
                        "The SLA term “%s” needs a response or a resolution target.", term.name
                    )
                )

    @api.constrains("team_id", "priority", "service_tier", "category_id", "active")
    def _check_unique_cell(self):
        for term in self.filtered("active"):
            twins = self.search_count(
                [
                    ("id", "!=", term.id),
                    ("team_id", "=", term.team_id.id),
                    ("priority", "=", term.priority),
                    ("service_tier", "=", term.service_tier),
                    ("category_id", "=", term.category_id.id),
                ]
            )
            if twins:
                raise ValidationError(
                    self.env._(
                        "Another active SLA term already covers “%s”: edit that one instead.",
                        term.name,
                    )
                )

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _fits(self, ticket):
        """Whether this term applies to ``ticket`` (one record each)."""
        return (
            self.team_id == ticket.team_id
            and (not self.priority or self.priority == ticket.priority)
            and (
                not self.service_tier
                or self.service_tier == ticket.commercial_partner_id.service_tier
            )
            and (not self.category_id or self.category_id == ticket.category_id)
        )

    def _specificity(self):
        return sum(weight for fname, weight in SPECIFICITY.items() if self[fname])

    @api.model
    def _best_terms(self, tickets):
        """``{ticket id: term}``: the most specific active term fitting each ticket."""
        terms = self.search([("team_id", "in", tickets.team_id.ids)])
        ranked = terms.sorted(lambda term: (-term._specificity(), term.sequence, term.id))
        by_team = {}
        for term in ranked:
            by_team.setdefault(term.team_id.id, []).append(term)
        best = {}
        for ticket in tickets:
            for term in by_team.get(ticket.team_id.id, ()):
                if term._fits(ticket):
                    best[ticket.id] = term
                    break
        return best

    # ------------------------------------------------------------------
    # Changes of terms move the open tickets they cover
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        terms = super().create(vals_list)
        terms._refresh_tickets(terms.team_id)
        return terms

    def write(self, vals):
        teams = self.team_id
        res = super().write(vals)
        self._refresh_tickets(teams | self.team_id)
        return res

    def unlink(self):
        teams = self.team_id
        res = super().unlink()
        self._refresh_tickets(teams)
        return res

    def _refresh_tickets(self, teams):
        if teams:
            self.env["helpdesk.ticket"]._sla_refresh([("team_id", "in", teams.ids)])
