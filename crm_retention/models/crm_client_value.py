from odoo import fields, models
from odoo.tools.sql import create_index

PAYMENT_GROUPS = "account.group_account_invoice,sales_team.group_sale_salesman"


class CrmClientValue(models.Model):
    """One client's figures in one analysis (a company as of a date). Written only by the
    set-based refresh of ``crm.client.analysis``; the definitions are in readme/USAGE.md."""

    _name = "crm.client.value"
    _description = "Client Value"
    _order = "revenue desc, id"
    _rec_name = "partner_id"

    analysis_id = fields.Many2one(
        "crm.client.analysis", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    as_of_date = fields.Date(string="As of", required=True, readonly=True)
    is_current = fields.Boolean(related="analysis_id.is_current", string="Current")
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    # purchases
    first_purchase_date = fields.Date(readonly=True)
    last_purchase_date = fields.Date(readonly=True)
    recency_days = fields.Integer(
        string="Days Since Last Purchase", readonly=True, aggregator="avg"
    )
    purchase_count = fields.Integer(
        string="Purchases", readonly=True, help="Days with a posted customer invoice."
    )
    invoice_count = fields.Integer(string="Invoices", readonly=True)
    refund_count = fields.Integer(string="Credit Notes", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True, help="Confirmed sales orders.")
    order_amount = fields.Monetary(string="Ordered", readonly=True)
    average_order_value = fields.Monetary(readonly=True, aggregator="avg")
    median_gap_days = fields.Float(
        string="Usual Interval (days)",
        readonly=True,
        aggregator="avg",
        help="Median number of days between two purchases.",
    )
    gap_cv = fields.Float(
        string="Interval Variation",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Standard deviation of the intervals divided by their mean: 0 is clockwork.",
    )
    regularity = fields.Selection(
        [("regular", "Regular"), ("irregular", "Irregular")],
        readonly=True,
        help="Regular: at least three purchases and an interval variation of 0.5 or less.",
    )
    addon_count = fields.Integer(
        string="Add-on Purchases",
        readonly=True,
        help="Invoice lines of an optional product of a product the client bought earlier.",
    )
    addon_amount = fields.Monetary(string="Add-on Revenue", readonly=True)
    discount_amount = fields.Monetary(string="Discounts Granted", readonly=True)

    # value
    revenue = fields.Monetary(
        readonly=True, help="Posted invoices net of credit notes, untaxed, company currency."
    )
    refund_amount = fields.Monetary(string="Credit Notes Amount", readonly=True)
    cost = fields.Monetary(readonly=True)
    cost_basis = fields.Selection(
        [
            ("sale", "Cost at the time of sale"),
            ("mixed", "Partly current cost"),
            ("current", "Current cost only"),
        ],
        readonly=True,
        help="Where the cost comes from: the order line's cost when it was sold, or the "
        "product's current cost for invoice lines without an order.",
    )
    margin = fields.Monetary(readonly=True)
    margin_percent = fields.Float(
        string="Margin %", readonly=True, aggregator="avg", digits=(16, 1)
    )
    ltv_historical = fields.Monetary(
        string="Historical Lifetime Value",
        readonly=True,
        help="The gross margin the client has brought to date.",
    )

    # classes
    abc_class = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC Class", readonly=True, index=True
    )
    abc_share = fields.Float(
        string="Cumulative Share Before (%)",
        readonly=True,
        aggregator=None,
        digits=(16, 2),
        help="Share of the company's value brought by the clients ranked above this one.",
    )
    r_score = fields.Integer(string="Recency", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="Frequency", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="Monetary", readonly=True, aggregator="avg")
    rfm_code = fields.Char(string="RFM", readonly=True)
    rfm_segment_id = fields.Many2one("crm.rfm.segment", string="RFM Segment", readonly=True)

    # payment discipline
    pay_amount = fields.Monetary(
        string="Paid", readonly=True, groups=PAYMENT_GROUPS, help="Settled by payments."
    )
    pay_days_to_pay = fields.Float(
        string="Days to Pay",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        groups=PAYMENT_GROUPS,
        help="Days from the invoice to each payment, weighted by the amount paid.",
    )
    pay_days_late = fields.Float(
        string="Days Late",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        groups=PAYMENT_GROUPS,
        help="Days from each instalment's due date to its payment (0 when on time), "
        "weighted by the amount paid.",
    )
    pay_late_percent = fields.Float(
        string="Paid Late %",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        groups=PAYMENT_GROUPS,
    )
    overdue_amount = fields.Monetary(string="Overdue", readonly=True, groups=PAYMENT_GROUPS)
    overdue_days = fields.Integer(
        string="Oldest Overdue (days)", readonly=True, aggregator="max", groups=PAYMENT_GROUPS
    )
    paid_at_once_count = fields.Integer(
        string="Invoices Paid at Once", readonly=True, groups=PAYMENT_GROUPS
    )
    paid_in_instalments_count = fields.Integer(
        string="Invoices Paid in Instalments", readonly=True, groups=PAYMENT_GROUPS
    )
    payment_habit = fields.Selection(
        [("once", "Pays at once"), ("instalments", "Pays in instalments")],
        readonly=True,
        groups=PAYMENT_GROUPS,
    )

    _sql_constraints = [
        (
            "client_unique",
            "UNIQUE (analysis_id, partner_id)",
            "A client appears once in an analysis.",
        )
    ]

    def init(self):
        # the figures of one client are read through its invoices: without this index the
        # refresh of one client would scan all the company's invoices
        create_index(
            self.env.cr,
            "crm_retention_account_move_client_idx",
            "account_move",
            ["commercial_partner_id", "company_id", "invoice_date"],
            where="state = 'posted' AND move_type IN ('out_invoice', 'out_refund')",
        )
