from odoo import fields, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        domain="[('relationship_role_ids.code', '=', 'competitor')]",
        help="The competitor who won the deal, when known.",
    )

    def action_lost_reason_apply(self):
        """A lost deal always says why: the reason is mandatory (churn analysis)."""
        self.ensure_one()
        if not self.lost_reason_id:
            raise UserError(self.env._("Choose a lost reason to mark the lead as lost."))
        competitor_role = self.env.ref("crm_retention.crm_relationship_role_competitor")
        competitor = self.lost_competitor_id
        if competitor and competitor_role not in competitor.relationship_role_ids:
            raise UserError(
                self.env._(
                    "%(partner)s is not a competitor: give it the Competitor role first.",
                    partner=competitor.display_name,
                )
            )
        leads = self.lead_ids  # read now: archived leads drop out of the many2many
        res = super().action_lost_reason_apply()
        if competitor:
            leads.write({"lost_competitor_id": competitor.id})
        return res
