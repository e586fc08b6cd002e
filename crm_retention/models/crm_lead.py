from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        domain="[('relationship_role_ids.code', '=', 'competitor')]",
        index="btree_not_null",
        tracking=True,
        help="Competitor who won the deal.",
    )

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
