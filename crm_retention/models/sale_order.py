"""sale.order in the client base: confirmed orders make clients and date their first order.

The minimum order amount check is in sale_order_minimum_order.py.
"""

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        # the orders' partner ids and dates are enough: the buyers' records stay unloaded
        order_dates = {}
        for order in self:
            date = (order.date_order or fields.Datetime.now()).date()
            partner_id = order.partner_id.id
            order_dates[partner_id] = min(date, order_dates.get(partner_id, date))
        self.env["res.partner"]._record_confirmed_orders(order_dates)
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.partner_id.commercial_partner_id._update_first_order_date()
        return res
