from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _crm_client_pairs(self):
        return [
            (move.commercial_partner_id.id, move.company_id.id)
            for move in self
            if move.move_type in ("out_invoice", "out_refund")
        ]

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # posting an invoice or a credit note (a reversal too) changes its client's figures
        self.env["crm.client.refresh.queue"]._mark(posted._crm_client_pairs())
        return posted

    def button_draft(self):
        self.env["crm.client.refresh.queue"]._mark(
            self.filtered(lambda m: m.state == "posted")._crm_client_pairs()
        )
        return super().button_draft()

    def button_cancel(self):
        self.env["crm.client.refresh.queue"]._mark(self._crm_client_pairs())
        return super().button_cancel()
