from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _crm_client_pairs(self):
        return [(order.partner_id.commercial_partner_id.id, order.company_id.id) for order in self]

    def action_confirm(self):
        result = super().action_confirm()
        # a confirmed order counts in its client's orders and average order value
        self.env["crm.client.refresh.queue"]._mark(self._crm_client_pairs())
        return result

    def _action_cancel(self):
        self.env["crm.client.refresh.queue"]._mark(
            self.filtered(lambda o: o.state == "sale")._crm_client_pairs()
        )
        return super()._action_cancel()
