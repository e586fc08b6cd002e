from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..models.sale_order_minimum_order import MINIMUM_OVERRIDE_GROUP


class SaleOrderMinimumOverride(models.TransientModel):
    _name = "sale.order.minimum.override"
    _description = "Confirm Orders Below the Minimum Amount"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason = fields.Text(required=True, help="Why these orders are accepted below the minimum.")

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group(MINIMUM_OVERRIDE_GROUP):
            raise AccessError(
                self.env._("Only sales managers may confirm an order below the minimum amount.")
            )
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason to confirm below the minimum amount."))
        orders = self.order_ids
        bodies = {}
        for refusal in orders._get_minimum_order_refusals():
            order = refusal.order
            currency = order.company_id.currency_id
            bodies[order.id] = Markup("<p>%s</p>") % self.env._(
                "Confirmed below the minimum order amount by %(user)s: untaxed amount "
                "%(amount)s, minimum %(threshold)s (set on %(origin)s). Reason: %(reason)s",
                user=self.env.user.name,
                amount=format_amount(self.env, refusal.amount, currency),
                threshold=format_amount(self.env, refusal.threshold, currency),
                origin=order._minimum_order_origin_label(refusal.origin),
                reason=reason,
            )
        orders.with_context(minimum_order_override=True).action_confirm()
        if bodies:
            orders.browse(list(bodies))._message_log_batch(bodies)
        return {"type": "ir.actions.act_window_close"}
