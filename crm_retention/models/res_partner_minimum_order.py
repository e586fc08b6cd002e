from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import PREFETCH_GROUP


class ResPartner(models.Model):
    _inherit = "res.partner"

    # read on the commercial partner
    minimum_order_amount = fields.Monetary(
        currency_field="currency_id",
        groups="sales_team.group_sale_manager",  # else a salesperson could lower it
        help="Untaxed amount, in the company currency, below which an order of this client "
        "cannot be confirmed; it overrides the minimum of the client's tags and of the "
        "company. 0 means no minimum of its own.",
        prefetch=PREFETCH_GROUP,
    )

    @api.constrains("minimum_order_amount")
    def _check_minimum_order_amount(self):
        for partner in self:
            if partner.minimum_order_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum order amount of %(partner)s cannot be negative.",
                        partner=partner.display_name,
                    )
                )
