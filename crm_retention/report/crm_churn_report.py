from odoo import fields, models, tools
from odoo.tools import SQL


class CrmChurnReport(models.Model):
    """Lost clients (every loss, reactivated or not) and lost leads, for churn by reason."""

    _name = "crm.churn.report"
    _description = "Churn Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "date desc, id desc"
    _depends = {
        "crm.client.loss": [
            "partner_id",
            "date",
            "lost_reason_id",
            "competitor_id",
            "user_id",
            "team_id",
            "company_id",
            "reactivation_date",
        ],
        "crm.lead": [
            "active",
            "probability",
            "date_closed",
            "lost_reason_id",
            "lost_competitor_id",
            "partner_id",
            "user_id",
            "team_id",
            "company_id",
            "expected_revenue",
        ],
    }

    kind = fields.Selection([("client", "Lost Client"), ("lead", "Lost Lead")], readonly=True)
    date = fields.Date(readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", readonly=True)
    competitor_id = fields.Many2one("res.partner", string="Lost To", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    reactivated = fields.Boolean(
        string="Won Back", readonly=True, help="The lost client was reactivated later."
    )
    expected_revenue = fields.Float(
        string="Lost Expected Revenue", readonly=True, help="Expected revenue of lost leads."
    )

    # Overridable fragments, as in sale.report: modules add columns to both parts of the
    # union (client losses, lost leads) or narrow them.
    def _select_client_loss(self):
        # ids: even for client losses, odd for leads, so both stay unique
        return SQL(
            """
            loss.id * 2 AS id, 'client' AS kind, loss.date,
            loss.lost_reason_id, loss.competitor_id, loss.partner_id,
            NULL::integer AS lead_id, loss.user_id, loss.team_id, loss.company_id,
            loss.reactivation_date IS NOT NULL AS reactivated,
            0.0 AS expected_revenue
            """
        )

    def _from_client_loss(self):
        return SQL("crm_client_loss loss")

    def _where_client_loss(self):
        return SQL("TRUE")

    def _select_lost_lead(self):
        return SQL(
            """
            lead.id * 2 + 1, 'lead', COALESCE(lead.date_closed, lead.write_date)::date,
            lead.lost_reason_id, lead.lost_competitor_id, lead.partner_id,
            lead.id, lead.user_id, lead.team_id, lead.company_id,
            FALSE, COALESCE(lead.expected_revenue, 0.0)
            """
        )

    def _from_lost_lead(self):
        return SQL("crm_lead lead")

    def _where_lost_lead(self):
        return SQL("NOT lead.active AND lead.probability = 0")

    def _query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s UNION ALL SELECT %s FROM %s WHERE %s",
            self._select_client_loss(),
            self._from_client_loss(),
            self._where_client_loss(),
            self._select_lost_lead(),
            self._from_lost_lead(),
            self._where_lost_lead(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
