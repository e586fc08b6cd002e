"""Client value, payment discipline and cohorts, on a hand-built history.

Client X (salesperson Anna), all without taxes, company currency USD:
  I1 2026-01-10  1 sofa 1000 (cost 400), term 30/60/90 days, 40/30/30 %:
                 instalments 400 due 02-09, 300 due 03-11, 300 due 04-10;
                 paid 400 on 02-01 (early) and 600 on 04-20 (40 and 10 days late)
  I2 2026-03-15  2 cushions 100 -10 % = 180 (cost 2 × 30), immediate, paid on 03-15;
                 cushions are an optional product of the sofa bought earlier: an add-on
  I3 2026-05-20  1 table 500 (cost 150), 30 days: due 06-19; credit note R1 on 05-25 of 100
                 (no product) matched with it; 400 left unpaid
  I4 2026-06-01  1 table 200 EUR at 0.8 EUR/USD = 250 USD (cost 150), immediate;
                 paid 200 EUR on 06-10 at 0.9 = 222.22 USD; the 27.78 USD left is an
                 exchange difference, not a payment
Client Y (salesperson Boris): one order of 2 sofas at 900 confirmed and invoiced on
2026-02-01 when the sofa cost 400; the cost is 500 since.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

AS_OF = date(2026, 6, 30)


class ClientValueCase(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.eur = cls.setup_other_currency("EUR", rates=[("2026-01-01", 0.8), ("2026-06-05", 0.9)])
        cls.Analysis = cls.env["crm.client.analysis"]
        cls.anna = new_test_user(
            cls.env,
            login="cv_anna",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.boris = new_test_user(
            cls.env,
            login="cv_boris",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        product = cls.env["product.product"].with_company(cls.company)
        cls.sofa = product.create(
            {"name": "Sofa", "list_price": 1000, "standard_price": 400, "taxes_id": []}
        )
        cls.cushion = product.create(
            {"name": "Cushion", "list_price": 100, "standard_price": 30, "taxes_id": []}
        )
        cls.table = product.create(
            {"name": "Table", "list_price": 500, "standard_price": 150, "taxes_id": []}
        )
        cls.sofa.product_tmpl_id.optional_product_ids = cls.cushion.product_tmpl_id
        cls.term_instalments = cls.env["account.payment.term"].create(
            {
                "name": "30/60/90",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 40, "nb_days": 30}),
                    Command.create({"value": "percent", "value_amount": 30, "nb_days": 60}),
                    Command.create({"value": "percent", "value_amount": 30, "nb_days": 90}),
                ],
            }
        )
        cls.term_immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.term_30 = cls.env["account.payment.term"].create(
            {
                "name": "30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})
                ],
            }
        )

    @classmethod
    def _client(cls, name, user=None):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "user_id": user and user.id}
        )

    @classmethod
    def _invoice(cls, partner, day, lines, term=None, move_type="out_invoice", currency=None):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": day,
                "date": day,
                "currency_id": (currency or cls.company.currency_id).id,
                "invoice_payment_term_id": (term or cls.term_immediate).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product and product.id,
                            "name": product.name if product else "Goodwill",
                            "quantity": qty,
                            "price_unit": price,
                            "discount": discount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for product, qty, price, discount in lines
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, day, amount, currency=None):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "payment_date": day,
                    "amount": amount,
                    "currency_id": (currency or cls.company.currency_id).id,
                    "payment_difference_handling": "open",
                }
            )
            ._create_payments()
        )

    def _analysis(self, as_of=AS_OF):
        analysis = self.Analysis.create({"company_id": self.company.id, "as_of_date": as_of})
        analysis.action_refresh()
        return analysis

    def _row(self, analysis, partner):
        return self.env["crm.client.value"].search(
            [("analysis_id", "=", analysis.id), ("partner_id", "=", partner.id)]
        )


@tagged("post_install", "-at_install")
class TestClientValue(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.x = cls._client("X Furniture", cls.anna)
        i1 = cls._invoice(cls.x, "2026-01-10", [(cls.sofa, 1, 1000, 0)], cls.term_instalments)
        cls._pay(i1, "2026-02-01", 400)
        cls._pay(i1, "2026-04-20", 600)
        i2 = cls._invoice(cls.x, "2026-03-15", [(cls.cushion, 2, 100, 10)])
        cls._pay(i2, "2026-03-15", 180)
        cls.i3 = cls._invoice(cls.x, "2026-05-20", [(cls.table, 1, 500, 0)], cls.term_30)
        r1 = cls._invoice(cls.x, "2026-05-25", [(None, 1, 100, 0)], move_type="out_refund")
        (cls.i3 | r1).line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        ).reconcile()
        i4 = cls._invoice(cls.x, "2026-06-01", [(cls.table, 1, 200, 0)], currency=cls.eur)
        cls._pay(i4, "2026-06-10", 200, currency=cls.eur)

        cls.y = cls._client("Y Interiors", cls.boris)
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.y.id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": cls.sofa.id, "product_uom_qty": 2, "price_unit": 900}
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = "2026-02-01 10:00:00"
        invoice = order._create_invoices()
        invoice.invoice_date = "2026-02-01"
        invoice.action_post()
        cls.sofa.with_company(cls.company).standard_price = 500

    def test_value_figures_as_of_june(self):
        row = self._row(self._analysis(), self.x)
        self.assertEqual(row.first_purchase_date, date(2026, 1, 10))
        self.assertEqual(row.last_purchase_date, date(2026, 6, 1))
        self.assertEqual(row.recency_days, 29)  # 06-01 → 06-30
        self.assertEqual((row.purchase_count, row.invoice_count, row.refund_count), (4, 4, 1))
        # 1000 + 180 + 500 + 250 − 100
        self.assertAlmostEqual(row.revenue, 1830.0, places=2)
        self.assertAlmostEqual(row.refund_amount, 100.0, places=2)
        # no order behind these invoices: the products' current costs, the sofa's 500 of
        # today (not the 400 of January): 500 + 2×30 + 150 + 150
        self.assertAlmostEqual(row.cost, 860.0, places=2)
        self.assertEqual(row.cost_basis, "current")
        self.assertAlmostEqual(row.margin, 970.0, places=2)
        self.assertAlmostEqual(row.ltv_historical, 970.0, places=2)
        self.assertAlmostEqual(row.margin_percent, 970 / 1830 * 100, places=1)
        # 2 × 100 × 10 %
        self.assertAlmostEqual(row.discount_amount, 20.0, places=2)
        # the cushions follow the sofa bought on an earlier day
        self.assertEqual(row.addon_count, 1)
        self.assertAlmostEqual(row.addon_amount, 180.0, places=2)
        # gaps 64, 66, 12 days: median 64; mean 47.33, population sd 25.00, cv 0.528
        self.assertAlmostEqual(row.median_gap_days, 64.0)
        self.assertAlmostEqual(row.gap_cv, 0.528, places=3)
        self.assertEqual(row.regularity, "irregular")
        self.assertEqual((row.order_count, row.average_order_value), (0, 0.0))

    def test_cost_at_the_time_of_sale(self):
        row = self._row(self._analysis(), self.y)
        self.assertEqual((row.order_count, row.purchase_count), (1, 1))
        self.assertAlmostEqual(row.order_amount, 1800.0, places=2)
        self.assertAlmostEqual(row.average_order_value, 1800.0, places=2)
        self.assertAlmostEqual(row.revenue, 1800.0, places=2)
        # 2 × 400 when sold, not 2 × 500 today
        self.assertAlmostEqual(row.cost, 800.0, places=2)
        self.assertEqual(row.cost_basis, "sale")
        self.assertAlmostEqual(row.margin, 1000.0, places=2)
        self.assertFalse(row.regularity)  # a single purchase has no interval

    def test_payment_discipline_per_instalment(self):
        row = self._row(self._analysis(), self.x)
        # payments (amount, days from invoice, days late):
        #   400 (22, 0), 300 (100, 40), 300 (100, 10), 180 (0, 0), 222.22 (9, 9)
        paid = 400 + 300 + 300 + 180 + 222.22
        self.assertAlmostEqual(row.pay_amount, paid, places=2)
        self.assertAlmostEqual(
            row.pay_days_to_pay, (400 * 22 + 600 * 100 + 222.22 * 9) / paid, places=1
        )
        self.assertAlmostEqual(
            row.pay_days_late, (300 * 40 + 300 * 10 + 222.22 * 9) / paid, places=1
        )
        self.assertAlmostEqual(row.pay_late_percent, (600 + 222.22) / paid * 100, places=1)
        # I3: 500 − the credit note's 100, due 06-19
        self.assertAlmostEqual(row.overdue_amount, 400.0, places=2)
        self.assertEqual(row.overdue_days, 11)
        # I1 on two dates; I2 and I4 at once
        self.assertEqual((row.paid_at_once_count, row.paid_in_instalments_count), (2, 1))
        self.assertEqual(row.payment_habit, "once")

    def test_as_of_march_looks_back(self):
        row = self._row(self._analysis(date(2026, 3, 31)), self.x)
        self.assertEqual(row.as_of_date, date(2026, 3, 31))
        self.assertEqual((row.purchase_count, row.refund_count), (2, 0))
        self.assertAlmostEqual(row.revenue, 1180.0, places=2)
        # only the early 400 of I1 and I2's 180 were paid by then
        self.assertAlmostEqual(row.pay_amount, 580.0, places=2)
        self.assertAlmostEqual(row.pay_days_to_pay, 400 * 22 / 580, places=2)
        self.assertAlmostEqual(row.pay_days_late, 0.0, places=2)
        # the second instalment (300, due 03-11) is 20 days overdue
        self.assertAlmostEqual(row.overdue_amount, 300.0, places=2)
        self.assertEqual(row.overdue_days, 20)
        self.assertEqual(row.median_gap_days, 64.0)

    def test_cohort_cells(self):
        analysis = self._analysis()
        cells = self.env["crm.client.cohort.report"].search_read(
            [("analysis_id", "=", analysis.id), ("partner_id", "=", self.x.id)],
            ["cohort_month", "months_since", "retained"],
            order="months_since",
        )
        # first purchase in January; bought in January, March, May and June
        self.assertEqual(
            [(c["months_since"], c["retained"]) for c in cells],
            [(0, 100), (1, 0), (2, 100), (3, 0), (4, 100), (5, 100)],
        )
        self.assertEqual({c["cohort_month"] for c in cells}, {date(2026, 1, 1)})
        # the February cohort (Y alone) bought only in its first month
        groups = self.env["crm.client.cohort.report"]._read_group(
            [("analysis_id", "=", analysis.id)],
            ["cohort_month:month", "months_since"],
            ["retained:avg", "__count"],
        )
        table = {(m.month, k): (avg, n) for m, k, avg, n in groups}
        self.assertEqual(table[(2, 0)], (100.0, 1))
        self.assertEqual(table[(2, 4)], (0.0, 1))
        self.assertNotIn((2, 5), table)  # February + 5 months is after June

    def test_refresh_marks_only_the_clients_concerned(self):
        current = self.Analysis._current_for(self.company)
        self.Analysis._refresh_current(self.company)
        x_row, y_row = self._row(current, self.x), self._row(current, self.y)
        self.assertAlmostEqual(y_row.revenue, 1800.0, places=2)
        queue = [("company_id", "=", self.company.id)]
        # the full refresh took every client: nothing is left queued
        self.assertFalse(self.env["crm.client.refresh.queue"].search(queue))
        # a new invoice for Y today: Y is queued, X is not
        invoice = self._invoice(self.y, date.today(), [(self.table, 1, 500, 0)])
        queued = self.env["crm.client.refresh.queue"].search(queue)
        self.assertEqual(queued.partner_id, self.y)
        self.Analysis._cron_refresh_marked()
        self.assertFalse(self.env["crm.client.refresh.queue"].search([]))
        new_y = self._row(current, self.y)
        self.assertAlmostEqual(new_y.revenue, 2300.0, places=2)
        self.assertEqual(new_y.last_purchase_date, date.today())
        self.assertEqual(new_y.r_score, 5)  # the most recent purchase of the company
        # X's row was not rewritten
        self.assertEqual(self._row(current, self.x), x_row)
        # a payment queues Y again; cancelling the invoice too
        self._pay(invoice, date.today(), 500)
        self.assertEqual(self.env["crm.client.refresh.queue"].search([]).partner_id, self.y)

    def test_orders_and_reset_invoices_queue_their_client(self):
        Queue = self.env["crm.client.refresh.queue"]
        queue = [("company_id", "=", self.company.id)]
        self.Analysis._refresh_current(self.company)
        current = self.Analysis._current_for(self.company)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.x.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.table.id, "product_uom_qty": 1, "price_unit": 400}
                    )
                ],
            }
        )
        self.assertFalse(Queue.search(queue))  # a quotation changes no figure
        order.action_confirm()
        self.assertEqual(Queue.search(queue).partner_id, self.x)
        self.Analysis._cron_refresh_marked()
        row = self._row(current, self.x)
        self.assertEqual(row.order_count, 1)
        self.assertAlmostEqual(row.average_order_value, 400.0, places=2)
        order._action_cancel()
        self.assertEqual(Queue.search(queue).partner_id, self.x)
        self.Analysis._cron_refresh_marked()
        self.assertEqual(self._row(current, self.x).order_count, 0)
        # I3 (500) back to draft: 1830 − 500, its credit note stays
        self.i3.button_draft()
        self.assertEqual(Queue.search(queue).partner_id, self.x)
        self.Analysis._cron_refresh_marked()
        self.assertAlmostEqual(self._row(current, self.x).revenue, 1330.0, places=2)

    def test_future_as_of_date_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.Analysis.create({"company_id": self.company.id, "as_of_date": date(2999, 1, 1)})
        self.assertIn("cannot be after today", str(error.exception))
        self.assertFalse(self.Analysis.search([("as_of_date", "=", date(2999, 1, 1))]))

    def test_salesperson_reads_only_own_clients(self):
        analysis = self._analysis()
        rows = (
            self.env["crm.client.value"]
            .with_user(self.anna)
            .search([("analysis_id", "=", analysis.id)])
        )
        self.assertEqual(rows.partner_id, self.x)
        # Anna's portrait of X shows its figures, of Y none
        x_as_anna = self.x.with_user(self.anna)
        current = self.Analysis._current_for(self.company)
        current.action_refresh()
        self.assertAlmostEqual(x_as_anna.client_revenue, 1830.0, places=2)
        self.assertFalse(self.y.with_user(self.anna).client_value_id)
        billing = new_test_user(
            self.env,
            login="cv_billing",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        rows = (
            self.env["crm.client.value"]
            .with_user(billing)
            .search([("analysis_id", "=", analysis.id)])
        )
        self.assertEqual(rows.partner_id, self.x | self.y)
        self.assertAlmostEqual(rows.filtered(lambda r: r.partner_id == self.x).overdue_amount, 400)
        portal = new_test_user(
            self.env,
            login="cv_portal",
            groups="base.group_portal",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            self.env["crm.client.value"].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.x.with_user(portal).read(["client_revenue"])
        # a salesperson cannot refresh the figures
        with self.assertRaises(AccessError):
            analysis.with_user(self.anna).action_refresh()

    def test_other_company_figures_stay_hidden(self):
        analysis = self._analysis()
        other = self.setup_other_company(name="Other Salon")["company"]
        manager = new_test_user(
            self.env,
            login="cv_other_manager",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(
            self.env["crm.client.value"]
            .with_user(manager)
            .search([("analysis_id", "=", analysis.id)])
        )
        self.assertFalse(self.Analysis.with_user(manager).search([("id", "=", analysis.id)]))
