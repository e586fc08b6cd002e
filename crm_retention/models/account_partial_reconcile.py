from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def _crm_client_pairs(self):
        moves = (self.debit_move_id | self.credit_move_id).move_id
        return moves._crm_client_pairs()

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        # a payment (or its removal) changes the payment discipline of the invoice's client
        self.env["crm.client.refresh.queue"]._mark(partials._crm_client_pairs())
        return partials

    def unlink(self):
        self.env["crm.client.refresh.queue"]._mark(self._crm_client_pairs())
        return super().unlink()
