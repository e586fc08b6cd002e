from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        domain="[('relationship_role_ids.code', '=', 'competitor')]",
        help="The competitor who won the deal, when known.",
    )

    def action_lost_reason_apply(self):
        """Record the competitor too; crm.lead.action_set_lost requires the reason."""
        self.ensure_one()
        competitor = self.lost_competitor_id
        competitor._check_is_competitor()
        leads = self.lead_ids  # read now: archived leads drop out of the many2many
        res = super().action_lost_reason_apply()
        # always written: a lead lost again without a competitor must not keep the old one
        leads.write({"lost_competitor_id": competitor.id})
        # core returns what archiving returns (None), which XML-RPC cannot send back
        return res if res is not None else True
