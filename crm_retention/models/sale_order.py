from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        clients = self.partner_id.commercial_partner_id
        clients._promote_to_client()
        clients._update_first_order_date()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.partner_id.commercial_partner_id._update_first_order_date()
        return res
