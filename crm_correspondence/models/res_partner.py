from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    correspondence_count = fields.Integer(
        string="Correspondence",
        compute="_compute_correspondence_count",
        groups="crm_correspondence.crm_correspondence_group_user",
        help="Correspondence items of the client (the commercial partner) and of all its contacts.",
    )
    correspondence_ids = fields.Many2many(
        "crm.correspondence",
        string="Correspondence Items",
        compute="_compute_correspondence_ids",
        groups="crm_correspondence.crm_correspondence_group_user",
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

    def _compute_correspondence_ids(self):
        items = self.env["crm.correspondence"].search(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        )
        by_client = items.grouped("commercial_partner_id")
        empty = self.env["crm.correspondence"]
        for partner in self:
            partner.correspondence_ids = by_client.get(partner.commercial_partner_id, empty)

    def action_view_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
