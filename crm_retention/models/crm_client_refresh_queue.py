from odoo import api, fields, models
from odoo.tools import SQL


class CrmClientRefreshQueue(models.Model):
    """Clients whose figures changed since the last refresh (an invoice posted, paid or
    reversed, an order confirmed or cancelled); the refresh job recomputes only them."""

    _name = "crm.client.refresh.queue"
    _description = "Clients to Refresh"
    _log_access = False

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")

    _sql_constraints = [
        ("client_unique", "UNIQUE (partner_id, company_id)", "A client is queued once."),
    ]

    @api.model
    def _mark(self, pairs):
        """Queue (commercial partner id, company id) pairs; a pair already queued stays."""
        pairs = {(p, c) for p, c in pairs if p and c}
        if not pairs:
            return
        self.env.cr.execute(
            SQL(
                "INSERT INTO crm_client_refresh_queue (partner_id, company_id) VALUES %s"
                " ON CONFLICT DO NOTHING",
                SQL(", ").join(SQL("(%s, %s)", p, c) for p, c in sorted(pairs)),
            )
        )
