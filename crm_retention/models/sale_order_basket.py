from odoo import api, fields, models
from odoo.exceptions import UserError

SUGGESTION_GROUPS = "sales_team.group_sale_salesman"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    basket_suggestion_ids = fields.Many2many(
        "crm.product.suggestion",
        string="Suggested Products",
        compute="_compute_basket_suggestion_ids",
        compute_sudo=False,
        groups=SUGGESTION_GROUPS,
    )

    @api.depends("partner_id", "company_id", "state", "order_line.product_id")
    def _compute_basket_suggestion_ids(self):
        """The client's suggestions in the order's company not already on the order, for
        quotations only; one search for all the orders, under the reader's record rules."""
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))
        (self - quotations).basket_suggestion_ids = False
        if not quotations:
            return
        suggestions = self.env["crm.product.suggestion"].search(
            [
                ("partner_id", "in", quotations.partner_id.commercial_partner_id.ids),
                ("company_id", "in", quotations.company_id.ids),
            ]
        )
        for order in quotations:
            on_order = order.order_line.product_id
            order.basket_suggestion_ids = suggestions.filtered(
                lambda s, order=order, on_order=on_order: (
                    s.partner_id == order.partner_id.commercial_partner_id
                    and s.company_id == order.company_id
                    and s.product_id not in on_order
                )
            )

    def action_add_suggested_product(self, product_id):
        """Add one unit of the product ``product_id`` to the quotation (the Add button of a
        suggestion; callable over RPC). Return True."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "%(order)s is no longer a quotation: a suggested product can only be "
                    "added to a quotation.",
                    order=self.name,
                )
            )
        product = self.env["product.product"].browse(int(product_id)).exists()
        if not product or not product.sale_ok or not product.active:
            raise UserError(self.env._("This product cannot be sold: it is not added."))
        if product.company_id and product.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "%(product)s belongs to another company than %(order)s: it is not added.",
                    product=product.display_name,
                    order=self.name,
                )
            )
        self.env["sale.order.line"].create({"order_id": self.id, "product_id": product.id})
        return True
