from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    correspondence_count = fields.Integer(
        string="Correspondence",
        compute="_compute_correspondence_count",
        groups="crm_correspondence.crm_correspondence_group_user",
        help="Correspondence items of the client (the commercial partner) and of all its contacts.",
    )

    def _compute_correspondence_count(self):
        counts = dict(
            self.env["crm.correspondence"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.correspondence_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_group_by_direction": 0,
        }
        return action
