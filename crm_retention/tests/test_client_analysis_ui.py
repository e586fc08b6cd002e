"""The analysis screens and the client's portrait in Chromium, on a hand-built history.

Client "Tour Analytics Ltd" of the main company, M = the first day of this month, all
without taxes, company currency:
  I1  M-3 + 14 days  1,000.00  immediate, paid in full the same day
  I2  M-2 + 14 days    765.50  30 days: due in month M-1, never paid (overdue)
  I3  M-2 + 19 days    200.00  immediate, paid in full the same day
  I4  today             34.00  immediate: due today, not overdue
  revenue 1,999.50; 4 purchase days; cohort M-3 bought in months 0, 1 and 3 of 0..3
  (75 % on average). The demo clients of the main company have no positive revenue and
  at most 3 purchase days: this client is the only class A and scores R5 F5 (Champions).
Then, after the last refresh, I5 today 500.00 (immediate) is posted: the current analysis
shows it only once refreshed (revenue 2,499.50).
"""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools import date_utils

CLIENT = "Tour Analytics Ltd"
OLD_COMPUTED_ON = datetime(2020, 1, 1, 12, 0, 0)


@tagged("post_install", "-at_install")
class TestClientAnalysisUi(HttpCase):
    def setUp(self):
        super().setUp()
        self.company = self.env.company
        admin = self.env.ref("base.user_admin")
        # the day as the admin's browser (and the Refresh button) sees it
        self.Analysis = self.env["crm.client.analysis"].with_context(tz=admin.tz)
        self.today = fields.Date.context_today(self.Analysis)
        month = date_utils.start_of(self.today, "month")
        self.client = self.env["res.partner"].create(
            {"name": CLIENT, "is_company": True, "user_id": admin.id}
        )
        product = self.env["product.product"].create(
            {"name": "Analytics sofa", "list_price": 100, "standard_price": 40, "taxes_id": []}
        )
        term_30 = self.env["account.payment.term"].create(
            {
                "name": "30 days (tour)",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})
                ],
            }
        )
        i1 = self._invoice(month - relativedelta(months=3, days=-14), 1000.0, product)
        self._pay(i1)
        self._invoice(month - relativedelta(months=2, days=-14), 765.5, product, term_30)
        i3 = self._invoice(month - relativedelta(months=2, days=-19), 200.0, product)
        self._pay(i3)
        self._invoice(self.today, 34.0, product)
        # last month's snapshot, for the Segment History button: I1, I2 and I3 by then
        self.Analysis._snapshot_month(self.company, month - timedelta(days=1))
        self.Analysis._refresh_current(self.company)
        self.current = self.Analysis._current_for(self.company)
        row = self._row()
        # the preconditions the tour relies on, on the demo data of the main company
        self.assertAlmostEqual(row.revenue, 1999.5, places=2)
        self.assertAlmostEqual(row.overdue_amount, 765.5, places=2)
        self.assertEqual((row.abc_class, row.rfm_code), ("a", "555"))
        self.assertEqual(
            row.rfm_segment_id, self.env.ref("crm_retention.crm_rfm_segment_champions")
        )
        # an old stamp the Refresh button must move, and an invoice posted after the refresh
        self.current.computed_on = OLD_COMPUTED_ON
        self._invoice(self.today, 500.0, product)

    def _invoice(self, day, amount, product, term=None):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.client.id,
                "invoice_date": day,
                "date": day,
                "invoice_payment_term_id": (
                    term or self.env.ref("account.account_payment_term_immediate")
                ).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _pay(self, invoice):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": invoice.invoice_date})._create_payments()

    def _row(self):
        return self.env["crm.client.value"].search(
            [("analysis_id", "=", self.current.id), ("partner_id", "=", self.client.id)]
        )

    def test_manager_walks_the_analysis_screens_and_the_portrait(self):
        started = fields.Datetime.now().replace(microsecond=0)
        self.start_tour(
            "/odoo/action-crm_retention.res_partner_action_role_client",
            "crm_retention_client_analysis_tour",
            login="admin",
            timeout=120,
        )
        self.env.invalidate_all()
        # the tour's Refresh recomputed the current analysis: the new stamp and I5
        self.assertEqual(self.current.state, "done")
        self.assertGreaterEqual(self.current.computed_on, started)
        self.assertEqual(self.current.as_of_date, self.today)
        row = self._row()
        self.assertAlmostEqual(row.revenue, 2499.5, places=2)
        self.assertEqual(row.purchase_count, 4)  # I5 on the same day as I4
        self.assertAlmostEqual(row.overdue_amount, 765.5, places=2)
        self.assertEqual(row.abc_class, "a")
