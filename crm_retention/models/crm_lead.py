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
