"""The demo sales history: the committed JSON is the generator's output, and the loaded
demo holds what the client analytics need.

The expected numbers are counted in ``demo/crm_client_history.json`` (for instance
``jq '[.orders[] | select(.invoice)] | length'`` gives the 929 invoices), never read back
from the loader. Dates in the JSON are day offsets from the day the demo was loaded; the
tests find that day from the first order.
"""

import importlib.util
from datetime import datetime, time, timedelta
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

GENERATOR = Path(__file__).parents[2] / "data" / "client_history_generator.py"
JSON_PATH = "crm_retention/demo/crm_client_history.json"


def _generator():
    spec = importlib.util.spec_from_file_location("client_history_generator", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestClientHistoryDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search(
            [("module", "=", "crm_retention"), ("name", "=like", "demo\\_history\\_client\\_%")]
        )
        cls.clients = cls.env["res.partner"].browse(data.mapped("res_id"))
        # the first order of the history: c032-01, 898 days before the load, at 12:00
        first = cls.env.ref("crm_retention.demo_history_order_c032_01")
        cls.load_day = first.date_order.date() + timedelta(days=898)
        cls.invoices = cls.env["account.move"].search(
            [
                ("commercial_partner_id", "in", cls.clients.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )

    def day(self, offset):
        return self.load_day + timedelta(days=offset)

    def invoice_of(self, order_key):
        order = self.env.ref(f"crm_retention.demo_history_order_{order_key}")
        return order.invoice_ids.filtered(lambda move: move.move_type == "out_invoice")

    def receivable(self, move):
        return move.line_ids.filtered(lambda line: line.account_type == "asset_receivable")

    def test_committed_json_is_the_generator_output(self):
        generator = _generator()
        with file_open(JSON_PATH, "r") as handle:
            committed = handle.read()
        self.assertEqual(
            committed,
            generator.dumps(generator.generate()),
            "regenerate it: python data/client_history_generator.py "
            "--output crm_retention/demo/crm_client_history.json",
        )

    def test_clients_and_orders(self):
        client_role = self.env.ref("crm_retention.crm_relationship_role_client")
        self.assertEqual(len(self.clients), 150)
        self.assertTrue(all(client_role in client.relationship_role_ids for client in self.clients))
        self.assertTrue(all(client.is_company for client in self.clients))
        admin, demo = self.env.ref("base.user_admin"), self.env.ref("base.user_demo")
        self.assertEqual(len(self.clients.filtered(lambda c: c.user_id == admin)), 77)
        self.assertEqual(len(self.clients.filtered(lambda c: c.user_id == demo)), 73)

        orders = self.env["sale.order"].search([("partner_id", "in", self.clients.ids)])
        self.assertEqual(len(orders), 931)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        # two orders of the last days are not invoiced yet: c087-03 and c101-14
        self.assertEqual(
            orders.filtered(lambda order: not order.invoice_ids),
            self.env.ref("crm_retention.demo_history_order_c087_03")
            + self.env.ref("crm_retention.demo_history_order_c101_14"),
        )
        # confirmation stamped "now": each order has its own moment back (c148-01: day
        # -771 at 9:00, the client's first order, hence its first order date)
        order = self.env.ref("crm_retention.demo_history_order_c148_01")
        self.assertEqual(order.date_order, datetime.combine(self.day(-771), time(9, 0)))
        client = self.env.ref("crm_retention.demo_history_client_c148")
        self.assertEqual(client.first_order_date, self.day(-771))
        self.assertEqual(order.currency_id.name, "EUR")

    def test_invoices_credit_notes_and_euros(self):
        self.assertEqual(len(self.invoices), 929)
        self.assertEqual(self.invoices.commercial_partner_id, self.clients)
        self.assertEqual(len(self.invoices.filtered(lambda m: m.currency_id.name == "EUR")), 22)
        refunds = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", self.clients.ids),
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
            ]
        )
        self.assertEqual(len(refunds), 27)
        # c058-01: a Corner Sofa Milan comes back 4 days after the invoice (day -840 -> -836)
        invoice = self.invoice_of("c058_01")
        refund = refunds.filtered(lambda move: move.reversed_entry_id == invoice)
        self.assertEqual(refund.invoice_date, self.day(-836))
        product_lines = refund.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        self.assertEqual(product_lines.product_id.default_code, "SOFA_MILAN")
        self.assertEqual(product_lines.quantity, 1)
        self.assertEqual(product_lines.sale_line_ids.order_id.invoice_ids, invoice | refund)
        # reconciled with the invoice; the client paid the rest on day -830
        self.assertEqual(refund.payment_state, "paid")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(
            set(self.receivable(invoice).matched_credit_ids.mapped("max_date")),
            {self.day(-836), self.day(-830)},
        )

    def test_instalments_paid_in_two_payments(self):
        """c032-01 (30/60/90, day -898): the first instalment paid on day -869, the two
        others together on day -801."""
        invoice = self.invoice_of("c032_01")
        self.assertEqual(invoice.invoice_date, self.day(-898))
        self.assertEqual(
            invoice.invoice_payment_term_id,
            self.env.ref("crm_retention.demo_payment_term_30_60_90"),
        )
        instalments = self.receivable(invoice).sorted("date_maturity")
        self.assertEqual(
            instalments.mapped("date_maturity"), [self.day(-868), self.day(-838), self.day(-808)]
        )
        self.assertTrue(all(instalments.mapped("reconciled")))
        partials = instalments.matched_credit_ids
        self.assertEqual(set(partials.mapped("max_date")), {self.day(-869), self.day(-801)})
        self.assertEqual(len(partials.credit_move_id.move_id.origin_payment_id), 2)
        self.assertEqual(
            invoice.matched_payment_ids, partials.credit_move_id.move_id.origin_payment_id
        )

    def test_unpaid_overdue_and_partial(self):
        # 52 invoices have no payment; 13 have payments but no final one (partly paid)
        self.assertEqual(len(self.invoices.filtered(lambda m: m.payment_state == "not_paid")), 52)
        self.assertEqual(len(self.invoices.filtered(lambda m: m.payment_state == "partial")), 13)
        # 32 invoices have an instalment due before the load day and still open
        overdue = self.receivable(self.invoices).filtered(
            lambda line: line.date_maturity < self.load_day and not line.reconciled
        )
        self.assertEqual(len(overdue.move_id), 32)
        # a one-off client who never paid: c079-01, invoiced on day -858 at 30 days
        invoice = self.invoice_of("c079_01")
        self.assertEqual(invoice.invoice_date_due, self.day(-828))
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, invoice.amount_total)
        # partial reconciliations: payments that leave part of an invoice open
        partials = self.receivable(self.invoices).matched_credit_ids
        self.assertTrue(partials.filtered(lambda partial: not partial.full_reconcile_id))

    def test_cost_at_the_time_of_sale(self):
        """The Sofa Oslo cost 700 until day -420, 780 since: 43 dollar order lines before,
        44 after; the product shows today's cost."""
        sofa = self.env.ref("crm_retention.demo_history_product_sofa_oslo").product_variant_id
        self.assertEqual(sofa.standard_price, 780)
        lines = self.env["sale.order.line"].search(
            [("product_id", "=", sofa.id), ("order_id.partner_id", "in", self.clients.ids)]
        )
        in_dollars = lines.filtered(lambda line: line.currency_id.name == "USD")
        before = in_dollars.filtered(lambda line: line.order_id.date_order.date() < self.day(-420))
        self.assertEqual(len(before), 43)
        self.assertEqual(set(before.mapped("purchase_price")), {700})
        self.assertEqual(len(in_dollars - before), 44)
        self.assertEqual(set((in_dollars - before).mapped("purchase_price")), {780})

    def test_euro_sale_paid_at_another_rate(self):
        """c148-01: 2 Dining Tables Oak at 897 EUR and a runner at 33 EUR, 15% tax: 2,101.05
        EUR invoiced on day -768 at 0.9442 EUR/USD (the rate of day -780): lines 1,900.02 +
        34.95 + tax 290.24 = 2,225.21 USD; paid on day -697 at 0.9566 (day -720):
        2,101.05 / 0.9566 = 2,196.37 USD; the exchange difference is 28.84 USD."""
        invoice = self.invoice_of("c148_01")
        self.assertEqual(invoice.currency_id, self.env.ref("base.EUR"))
        self.assertAlmostEqual(invoice.amount_total, 2101.05)
        self.assertAlmostEqual(invoice.amount_total_signed, 2225.21)
        self.assertEqual(invoice.payment_state, "paid")
        partials = self.receivable(invoice).matched_credit_ids
        payment_partial = partials.filtered(lambda p: p.credit_move_id.move_id.origin_payment_id)
        self.assertEqual(payment_partial.max_date, self.day(-697))
        self.assertAlmostEqual(payment_partial.amount, 2196.37)
        exchange = (partials - payment_partial).credit_move_id.move_id
        self.assertEqual(exchange.journal_id, invoice.company_id.currency_exchange_journal_id)
        self.assertAlmostEqual((partials - payment_partial).amount, 28.84)

    def test_add_on_purchase(self):
        """c003 bought a Corner Sofa Milan (c003-05, day -440), then a Cushion Set, one of
        its optional products, on c003-08 (day -251)."""
        sofa = self.env.ref("crm_retention.demo_history_product_sofa_milan")
        cushions = self.env.ref("crm_retention.demo_history_product_cushion_set")
        self.assertIn(cushions, sofa.optional_product_ids)
        earlier = self.invoice_of("c003_05")
        later = self.invoice_of("c003_08")
        self.assertEqual(
            (earlier.invoice_date, later.invoice_date), (self.day(-440), self.day(-251))
        )
        self.assertIn(sofa, earlier.invoice_line_ids.product_id.product_tmpl_id)
        self.assertIn(cushions, later.invoice_line_ids.product_id.product_tmpl_id)
