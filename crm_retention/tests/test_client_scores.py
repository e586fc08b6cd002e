"""ABC classes, RFM scores and segments, their incremental placement and monthly history."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_client_value import ClientValueCase


@tagged("post_install", "-at_install")
class TestClientAbc(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # values 50, 30, 10, 5, 5 (total 100) and a client with a credit note only
        cls.clients = [cls._client(f"ABC {amount}") for amount in (50, 30, 10, 5, 5)]
        for client, amount in zip(cls.clients, (50, 30, 10, 5, 5), strict=True):
            cls._invoice(client, "2026-03-02", [(cls.table, 1, amount, 0)])
        cls.refund_only = cls._client("ABC refund only")
        cls._invoice(cls.refund_only, "2026-03-03", [(None, 1, 20, 0)], move_type="out_refund")

    def _classes(self, analysis):
        rows = self.env["crm.client.value"].search([("analysis_id", "=", analysis.id)])
        by_partner = {row.partner_id: row for row in rows}
        return [
            (by_partner[c].abc_class, by_partner[c].abc_share)
            for c in (*self.clients, self.refund_only)
        ]

    def test_pareto_classes_at_the_cut_offs(self):
        # shares of the value ranked before: 0, 50, 80, 90, 95 (the tie at 5 by creation);
        # A below 80 %, B below 95 %, C from 95 % and for a value of 0 or less
        classes = self._classes(self._analysis())
        self.assertEqual(
            classes,
            [("a", 0.0), ("a", 50.0), ("b", 80.0), ("b", 90.0), ("c", 95.0), ("c", 0.0)],
        )

    def test_company_cut_offs_and_basis(self):
        self.company.write({"crm_abc_a_percent": 50, "crm_abc_b_percent": 30})
        classes = self._classes(self._analysis())
        # A below 50 %, B below 80 %
        self.assertEqual([c for c, _share in classes], ["a", "b", "c", "c", "c", "c"])
        analysis = self._analysis()
        self.assertEqual(
            (analysis.abc_basis, analysis.abc_a_percent, analysis.abc_b_percent),
            ("revenue", 50, 30),
        )

    def test_bad_cut_offs_are_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.company.write({"crm_abc_a_percent": 90, "crm_abc_b_percent": 20})
        self.assertIn("cannot exceed 100%", str(error.exception))
        self.assertEqual(self.company.crm_abc_a_percent, 80)


@tagged("post_install", "-at_install")
class TestClientRfm(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        history = {
            "C1": ["2026-01-05"],
            "C2": ["2026-02-05"],
            "C3": ["2026-01-10", "2026-03-05"],
            "C4": ["2026-01-12", "2026-02-12", "2026-04-05"],
            "C5": ["2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15", "2026-05-05"],
        }
        prices = {"C1": 100, "C2": 200, "C3": 150, "C4": 100, "C5": 100}
        cls.clients = {}
        for name, days in history.items():
            client = cls.clients[name] = cls._client(name)
            for day in days:
                cls._invoice(client, day, [(cls.table, 1, prices[name], 0)])

    def _rows(self, analysis):
        rows = self.env["crm.client.value"].search([("analysis_id", "=", analysis.id)])
        return {row.partner_id.name: row for row in rows}

    def test_scores_and_segments(self):
        rows = self._rows(self._analysis())
        # R over the last purchases (all different): 1..5
        # F over 1, 1, 2, 3, 5 purchases: ⌈5 × 2/5⌉ = 2 for both single buyers, then 3, 4, 5
        # M over 100, 200, 300, 300, 500: 1, 2, ⌈5 × 4/5⌉ = 4 twice, 5
        expected = {
            "C1": ("121", "Hibernating"),
            "C2": ("222", "Hibernating"),
            "C3": ("334", "Need Attention"),
            "C4": ("444", "Loyal"),
            "C5": ("555", "Champions"),
        }
        self.assertEqual(
            {name: (row.rfm_code, row.rfm_segment_id.name) for name, row in rows.items()},
            expected,
        )
        self.assertEqual((rows["C3"].r_score, rows["C3"].f_score, rows["C3"].m_score), (3, 3, 4))

    def test_edited_segment_table_applies(self):
        self.env.ref("crm_retention.crm_rfm_segment_attention").write(
            {"name": "Call Now", "r_min": 3, "r_max": 4, "f_min": 3, "f_max": 4, "sequence": 1}
        )
        rows = self._rows(self._analysis())
        # (3, 3) and (4, 4) both fall in the first segment by sequence now
        self.assertEqual(rows["C3"].rfm_segment_id.name, "Call Now")
        self.assertEqual(rows["C4"].rfm_segment_id.name, "Call Now")
        self.assertEqual(rows["C5"].rfm_segment_id.name, "Champions")

    def test_bad_segment_range_is_refused(self):
        segment = self.env.ref("crm_retention.crm_rfm_segment_loyal")
        with self.assertRaises(ValidationError) as error:
            segment.write({"r_min": 4, "r_max": 2})
        self.assertIn("between 1 and 5", str(error.exception))
        self.assertEqual((segment.r_min, segment.r_max), (3, 4))

    def test_one_new_client_is_placed_with_the_last_thresholds(self):
        Analysis = self.Analysis
        Analysis._refresh_current(self.company)
        current = Analysis._current_for(self.company)
        before = self._rows(current)
        c6 = self._client("C6")
        self._invoice(c6, "2026-06-10", [(self.table, 1, 250, 0)])
        Analysis._cron_refresh_marked()
        rows = self._rows(current)
        # R: after C5's 05-05, the highest date scored 4 → 5
        # F: 1 purchase; the highest counts scored ≤ 1, 2, 3, 4 were none, 1, 2, 3 → 2
        # M: 250; the highest revenues scored ≤ 1, 2, 3, 4 were 100, 200, 200, 300 → 4
        self.assertEqual(rows["C6"].rfm_code, "524")
        self.assertEqual(rows["C6"].rfm_segment_id.name, "Potential Loyalists")
        # ABC: A went down to 200 (500, 300, 300, 200 before 80 % of 1400) → A
        self.assertEqual(rows["C6"].abc_class, "a")
        self.assertFalse(rows["C6"].abc_share)
        # the others were left as they were
        for name in ("C1", "C2", "C3", "C4", "C5"):
            self.assertEqual(rows[name], before[name])
            self.assertEqual(rows[name].rfm_code, before[name].rfm_code)

    def test_monthly_history(self):
        Analysis = self.Analysis
        analyses_before = Analysis.search([])
        Analysis._backfill_history(months=2, companies=self.company)
        History = self.env["crm.client.segment.history"]
        snapshots = History.search([("company_id", "=", self.company.id)])
        # today is in November 2026 or later: the last two month ends
        months = sorted(set(snapshots.mapped("month")))
        self.assertEqual(len(months), 2)
        self.assertTrue(all(m.month != (m + date.resolution).month for m in months))
        self.assertEqual(len(snapshots), 10)  # 5 clients × 2 months
        c5 = snapshots.filtered(lambda h: h.partner_id.name == "C5")
        self.assertEqual([h.rfm_segment_id.name for h in c5], ["Champions", "Champions"])
        # the month-end analyses were working copies: none left behind
        self.assertEqual(Analysis.search([]), analyses_before)
        # the daily job takes last month's snapshot only when it is missing
        Analysis._cron_refresh()
        self.assertEqual(History.search_count([("company_id", "=", self.company.id)]), 10)
