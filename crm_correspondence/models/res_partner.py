from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_correspondent(self):
        """A legal register keeps its correspondents: they are archived, not deleted."""
        # sudo: only counts the items, whoever may read them, to refuse the deletion
        counts = (
            self.env["crm.correspondence"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        if counts:
            partner, count = counts[0]
            raise UserError(
                self.env._(
                    "%(partner)s cannot be deleted: it is the correspondent of %(count)s "
                    "registered correspondence item(s). Archive it instead.",
                    partner=partner.display_name,
                    count=count,
                )
            )

    def action_view_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
