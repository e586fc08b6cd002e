from odoo import fields, models

SERVICE_TIERS = [
    ("a", "A: key client"),
    ("b", "B: regular client"),
    ("c", "C: occasional client"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_tier = fields.Selection(
        SERVICE_TIERS,
        groups="base.group_user",
        tracking=True,
        help="The client's tier in the service desk's SLA terms, set on the company (the "
        "commercial partner) and shared by its contacts. Set by hand; the ABC class of "
        "the client analytics is the natural source where it is available.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "service_tier" in vals:
            self.env["helpdesk.ticket"]._sla_refresh(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
            )
        return res
