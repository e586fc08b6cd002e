from odoo import models

from .sale_order_minimum_order import online_commitment


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        # The customer paid (or the provider authorized the payment): the orders are
        # confirmed even below their minimum, for the salesperson to review. Only the orders
        # of authorized or done transactions are marked, the states core confirms from.
        paid = self.filtered(lambda tx: tx.state in ("authorized", "done"))
        return super(
            PaymentTransaction, online_commitment(self, paid.sale_order_ids)
        )._check_amount_and_confirm_order()
