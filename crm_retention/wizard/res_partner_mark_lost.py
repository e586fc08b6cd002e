from odoo import api, fields, models


class ResPartnerMarkLost(models.TransientModel):
    _name = "res.partner.mark.lost"
    _description = "Mark Clients as Lost"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    lost_reason_id = fields.Many2one("crm.lost.reason", required=True)
    competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        domain="[('relationship_role_ids.code', '=', 'competitor')]",
        help="The competitor who took the client, when known.",
    )
    note = fields.Text(help="What happened, in the salesperson's words.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "partner_ids" in fields_list and not values.get("partner_ids"):
            active_ids = self.env.context.get("active_ids") or []
            if self.env.context.get("active_model") == "res.partner" and active_ids:
                clients = self.env["res.partner"].browse(active_ids).commercial_partner_id
                values["partner_ids"] = [fields.Command.set(clients.ids)]
        return values

    def action_mark_lost(self):
        self.ensure_one()
        self.partner_ids._mark_lost(
            self.lost_reason_id,
            date=self.date,
            competitor=self.competitor_id,
            note=self.note,
        )
        return {"type": "ir.actions.act_window_close"}
