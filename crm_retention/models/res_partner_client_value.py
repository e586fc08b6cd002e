from odoo import api, fields, models

# the client's portrait is internal: never on a portal user's reading of a partner
PORTRAIT_GROUPS = "sales_team.group_sale_salesman,account.group_account_invoice"
PAYMENT_GROUPS = "account.group_account_invoice,sales_team.group_sale_salesman"


def _portrait(field, **kwargs):
    """A figure of the client's current analysis row, read with the reader's own rights
    (``compute_sudo=False``: a salesperson sees only the figures of their clients)."""
    return field(
        related=f"client_value_id.{kwargs.pop('name')}",
        compute_sudo=False,
        groups=kwargs.pop("groups", PORTRAIT_GROUPS),
        **kwargs,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_value_id = fields.Many2one(
        "crm.client.value",
        string="Client Figures",
        compute="_compute_client_value_id",
        search="_search_client_value_id",
        groups=PORTRAIT_GROUPS,
    )
    client_revenue = _portrait(fields.Monetary, name="revenue", string="Revenue (net)")
    client_margin = _portrait(fields.Monetary, name="margin", string="Margin")
    client_ltv = _portrait(fields.Monetary, name="ltv_historical", string="Lifetime Value")
    client_cost_basis = _portrait(fields.Selection, name="cost_basis", string="Cost Basis")
    client_first_purchase = _portrait(
        fields.Date, name="first_purchase_date", string="First Purchase"
    )
    client_last_purchase = _portrait(fields.Date, name="last_purchase_date", string="Last Purchase")
    client_purchase_count = _portrait(fields.Integer, name="purchase_count", string="Purchases")
    client_order_count = _portrait(fields.Integer, name="order_count", string="Confirmed Orders")
    client_aov = _portrait(
        fields.Monetary, name="average_order_value", string="Average Order Value"
    )
    client_median_gap = _portrait(
        fields.Float, name="median_gap_days", string="Usual Interval (days)"
    )
    client_regularity = _portrait(fields.Selection, name="regularity", string="Regularity")
    client_addon_count = _portrait(fields.Integer, name="addon_count", string="Add-on Purchases")
    client_discount = _portrait(fields.Monetary, name="discount_amount", string="Discounts Granted")
    client_abc_class = _portrait(fields.Selection, name="abc_class", string="ABC Class")
    client_rfm_code = _portrait(fields.Char, name="rfm_code", string="RFM Scores")
    client_rfm_segment_id = _portrait(fields.Many2one, name="rfm_segment_id", string="RFM Segment")
    client_pay_days_late = _portrait(
        fields.Float, name="pay_days_late", string="Days Late (weighted)", groups=PAYMENT_GROUPS
    )
    client_pay_late_percent = _portrait(
        fields.Float, name="pay_late_percent", string="Paid Late %", groups=PAYMENT_GROUPS
    )
    client_overdue_amount = _portrait(
        fields.Monetary, name="overdue_amount", string="Overdue", groups=PAYMENT_GROUPS
    )
    client_overdue_days = _portrait(
        fields.Integer, name="overdue_days", string="Oldest Overdue (days)", groups=PAYMENT_GROUPS
    )
    client_payment_habit = _portrait(
        fields.Selection, name="payment_habit", string="Payment Habit", groups=PAYMENT_GROUPS
    )
    client_figures_date = _portrait(fields.Date, name="as_of_date", string="Figures as of")
    client_payment_count = fields.Integer(
        string="Payments", compute="_compute_client_payment_count", groups=PORTRAIT_GROUPS
    )

    @api.depends_context("company")
    def _compute_client_value_id(self):
        # one search for the whole list: the current rows of the clients' commercial
        # partners in the current company, under the reader's record rules
        commercial = self.commercial_partner_id
        rows = self.env["crm.client.value"].search(
            [
                ("analysis_id.is_current", "=", True),
                ("company_id", "=", self.env.company.id),
                ("partner_id", "in", commercial.ids),
            ]
        )
        by_partner = {row.partner_id.id: row for row in rows}
        for partner in self:
            partner.client_value_id = by_partner.get(partner.commercial_partner_id.id, False)

    def _search_client_value_id(self, operator, value):
        rows = self.env["crm.client.value"].search(
            [
                ("id", operator, value),
                ("analysis_id.is_current", "=", True),
                ("company_id", "=", self.env.company.id),
            ]
        )
        return [("commercial_partner_id", "in", rows.partner_id.ids)]

    def _compute_client_payment_count(self):
        if not self.env["account.payment"].has_access("read"):
            self.client_payment_count = 0
            return
        groups = self.env["account.payment"]._read_group(
            [("partner_id", "child_of", self.commercial_partner_id.ids)],
            ["partner_id"],
            ["__count"],
        )
        counts = {}
        for partner, count in groups:
            key = partner.commercial_partner_id.id
            counts[key] = counts.get(key, 0) + count
        for partner in self:
            partner.client_payment_count = counts.get(partner.commercial_partner_id.id, 0)

    def action_view_client_payments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_payments")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "default_payment_type": "inbound",
            "default_partner_type": "customer",
        }
        return action

    def action_view_client_figures(self):
        """The client's rows: today's and any look-back analysis, with the monthly history."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_client_segment_history_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action
