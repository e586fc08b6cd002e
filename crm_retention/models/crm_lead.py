from odoo import fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        domain="[('relationship_role_ids.code', '=', 'competitor')]",
        index="btree_not_null",
        tracking=True,
        help="Competitor who won the deal.",
        check_company=True,
    )

    def action_set_lost(self, **additional_values):
        """A lost deal always says why (churn analysis), whoever marks it lost: the wizard,
        a button or an integration calling this method."""
        if not additional_values.get("lost_reason_id") and self.filtered(
            lambda lead: not lead.lost_reason_id
        ):
            raise UserError(self.env._("Choose a lost reason to mark the lead as lost."))
        return super().action_set_lost(**additional_values)

    def _hand_over_to(self, user):
        """Give these leads to ``user``; the sales team follows the new salesperson."""
        # the team follows the new salesperson: decided once per team, not per lead
        for (lead_type, team), leads in self.grouped(
            lambda lead: (lead.type, lead.team_id)
        ).items():
            if not team or user not in team.member_ids | team.user_id:
                domain = [("use_leads" if lead_type == "lead" else "use_opportunities", "=", True)]
                team = self.env["crm.team"]._get_default_team_id(user_id=user.id, domain=domain)
            leads.write({"user_id": user.id, "team_id": team.id})
