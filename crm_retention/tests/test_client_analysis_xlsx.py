"""The analysis workbook (R13), on a small hand-built history (company currency USD, no taxes):

  X Furniture (Anna)  I1 2026-01-10 sofa 1234.56, immediate, unpaid
                      I2 2026-03-15 2 cushions 100 −10 % = 180, paid at once on 03-15
  Y Interiors (Boris) I3 2026-02-01 table 500, immediate, unpaid
  =HYPERLINK(…) (Boris) I4 2026-05-20 table 300, immediate, unpaid

As of 2026-06-30, revenue: X 1414.56, Y 500, "=HYPERLINK" 300 (total 2214.56).
ABC (80/15): X share before 0 → A; Y 1414.56/2214.56 = 63.88 % → A; the third
1914.56/2214.56 = 86.45 % → B.
RFM (⌈5 × cume_dist⌉): last purchases Y 02-01 < X 03-15 < third 05-20 → R 2, 4, 5;
purchase days Y 1, third 1, X 2 → F 4, 4, 5; revenue third < Y < X → M 2, 4, 5.
X 455 Loyal (R3-4 F4-5), Y 244 At Risk (R1-2 F3-4), third 542 Champions (R5 F4-5).
"""

import io
import re
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_client_value import AS_OF, ClientValueCase

EVIL = '=HYPERLINK("http://evil","x")'
SHEETS = [
    "Parameters",
    "Client Value",
    "ABC Analysis",
    "RFM Analysis",
    "Churn Risk and Forecast",
    "Fitted Models",
    "Payment Discipline",
    "Cohorts",
    "Segment History",
    "Product Affinity",
    "Bought Next",
]
VALUE_HEADERS = [
    "Client",
    "Salesperson",
    "First Purchase Date",
    "Last Purchase Date",
    "Days Since Last Purchase",
    "Purchases",
    "Invoices",
    "Credit Notes",
    "Orders",
    "Ordered",
    "Average Order Value",
    "Usual Interval (days)",
    "Interval Variation",
    "Regularity",
    "Add-on Purchases",
    "Add-on Revenue",
    "Discounts Granted",
    "Revenue",
    "Credit Notes Amount",
    "Cost",
    "Cost Basis",
    "Margin",
    "Margin %",
    "Historical Lifetime Value",
    "ABC Class",
    "Cumulative Share Before (%)",
    "Recency",
    "Frequency",
    "Monetary",
    "RFM",
    "RFM Segment",
]


@tagged("post_install", "-at_install")
class TestClientAnalysisXlsx(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.name = "Mebel & Co / Kyiv"
        cls.x = cls._client("X Furniture", cls.anna)
        cls._invoice(cls.x, "2026-01-10", [(cls.sofa, 1, 1234.56, 0)])
        i2 = cls._invoice(cls.x, "2026-03-15", [(cls.cushion, 2, 100, 10)])
        cls._pay(i2, "2026-03-15", 180)
        cls.y = cls._client("Y Interiors", cls.boris)
        cls._invoice(cls.y, "2026-02-01", [(cls.table, 1, 500, 0)])
        cls.evil = cls._client(EVIL, cls.boris)
        cls._invoice(cls.evil, "2026-05-20", [(cls.table, 1, 300, 0)])
        # the month-end snapshot of March (X and Y had bought), and two rows around the
        # start of the 24 months before June 2026: July 2024 is in, June 2024 out
        cls.Analysis._snapshot_month(cls.company, date(2026, 3, 31))
        # written by the monthly job only: the test writes them as the superuser
        History = cls.env["crm.client.segment.history"].sudo()
        for month in (date(2024, 6, 30), date(2024, 7, 31)):
            History.create(
                {
                    "company_id": cls.company.id,
                    "partner_id": cls.y.id,
                    "user_id": cls.boris.id,
                    "month": month,
                    "abc_class": "c",
                }
            )
        cls.analysis = cls.Analysis.create({"company_id": cls.company.id, "as_of_date": AS_OF})
        cls.analysis.action_refresh()

    def _export(self, user=None, lang=None):
        analysis = self.analysis
        if user:
            analysis = analysis.with_user(user)
        if lang:
            analysis = analysis.with_context(lang=lang)
        action = analysis.action_export_xlsx()
        match = re.fullmatch(r"/web/content/(\d+)\?download=true", action["url"])
        self.assertTrue(match, action["url"])
        attachment = self.env["ir.attachment"].browse(int(match.group(1)))
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        return action, attachment, book

    @staticmethod
    def _rows(sheet, first_col=1, last_col=None):
        return [
            list(row)
            for row in sheet.iter_rows(
                min_row=2, min_col=first_col, max_col=last_col, values_only=True
            )
            if any(value is not None for value in row)
        ]

    @staticmethod
    def _header(sheet):
        return [cell.value for cell in sheet[1] if cell.value is not None]

    def _by_client(self, sheet, client_col=1):
        return {row[client_col - 1]: row for row in self._rows(sheet, last_col=sheet.max_column)}

    def test_action_and_attachment(self):
        action, attachment, book = self._export()
        self.assertEqual(set(action), {"type", "url", "target"})
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertNotIn(None, action.values())
        self.assertEqual(attachment.name, "client-analysis-Mebel-Co-Kyiv-2026-06-30.xlsx")
        self.assertEqual(attachment.res_model, "crm.client.analysis")
        self.assertEqual(
            attachment.mimetype,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertEqual(book.sheetnames, SHEETS)
        # no formula anywhere in the workbook
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", f"{sheet.title}!{cell.coordinate}")
        # a second export of the same analysis by the same user replaces the first
        _action, again, _book = self._export()
        self.assertFalse(attachment.exists())
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("name", "=", again.name), ("res_model", "=", "crm.client.analysis")]
            ),
            1,
        )

    def test_parameters_sheet(self):
        _action, _attachment, book = self._export()
        sheet = book["Parameters"]
        self.assertEqual(self._header(sheet), ["Parameter", "Parameter Value"])
        values = {row[0]: row[1] for row in self._rows(sheet, last_col=2) if row[1] is not None}
        self.assertEqual(values["Company"], "Mebel & Co / Kyiv")
        self.assertEqual(values["As of"], datetime(2026, 6, 30))
        self.assertIsInstance(values["Computed On"], datetime)
        self.assertEqual(values["Currency"], "USD")
        self.assertEqual(values["ABC on"], "Revenue")
        self.assertEqual(values["A up to (%)"], 80)
        self.assertEqual(values["B next (%)"], 15)
        self.assertEqual(values["C, the rest (%)"], 5)
        self.assertIn("Recency on the last purchase date", values["RFM scores"])
        self.assertIn("calendar days", values["Units"])
        self.assertIn("USD", values["Units"])
        self.assertEqual(sheet.freeze_panes, "A2")
        # the segment table under the parameters: its header, then Champions R5 F4-5 first
        rows = [list(row) for row in sheet.iter_rows(min_row=1, max_col=5, values_only=True)]
        start = rows.index(
            ["RFM Segment", "Recency from", "Recency to", "Frequency from", "Frequency to"]
        )
        self.assertEqual(rows[start + 1], ["Champions", 5, 5, 4, 5])
        self.assertEqual(rows[start + 10], ["Hibernating", 1, 2, 1, 2])

    def test_client_value_sheet_typed_cells(self):
        _action, _attachment, book = self._export()
        sheet = book["Client Value"]
        self.assertEqual(self._header(sheet), VALUE_HEADERS)
        self.assertEqual(sheet.max_row, 4)  # the header and the three clients
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:AE4")  # 31 columns
        rows = self._by_client(sheet)
        self.assertEqual(set(rows), {"X Furniture", "Y Interiors", EVIL})
        col = {header: index for index, header in enumerate(VALUE_HEADERS)}
        x = rows["X Furniture"]
        self.assertEqual(x[col["Salesperson"]], self.anna.name)
        # money: a number, 1234.56 + 2 × 100 × 0.9
        self.assertIsInstance(x[col["Revenue"]], float)
        self.assertAlmostEqual(x[col["Revenue"]], 1414.56, places=2)
        self.assertAlmostEqual(x[col["Discounts Granted"]], 20.0, places=2)
        # dates are dates, counts integers
        self.assertEqual(x[col["First Purchase Date"]], datetime(2026, 1, 10))
        self.assertEqual(x[col["Last Purchase Date"]], datetime(2026, 3, 15))
        self.assertEqual(x[col["Days Since Last Purchase"]], 107)  # 03-15 → 06-30
        self.assertEqual(x[col["Purchases"]], 2)
        self.assertEqual(x[col["Usual Interval (days)"]], 64)  # 01-10 → 03-15
        self.assertEqual(x[col["ABC Class"]], "A")
        self.assertEqual(x[col["RFM"]], "455")
        self.assertEqual(x[col["RFM Segment"]], "Loyal")
        # one purchase day: no interval, an empty cell rather than 0
        self.assertIsNone(rows["Y Interiors"][col["Usual Interval (days)"]])
        self.assertIsNone(rows["Y Interiors"][col["Interval Variation"]])
        x_row = next(
            row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == "X Furniture"
        )
        revenue = sheet.cell(x_row, col["Revenue"] + 1)
        self.assertEqual(revenue.number_format, "#,##0.00")
        self.assertEqual(revenue.data_type, "n")
        first_purchase = sheet.cell(x_row, col["First Purchase Date"] + 1)
        self.assertTrue(first_purchase.is_date)
        self.assertEqual(first_purchase.number_format, "yyyy-mm-dd")
        self.assertEqual(sheet.cell(x_row, col["Margin %"] + 1).number_format, "0.0")
        # the client named like a formula is a text cell holding the name as it is
        evil = next(row[0] for row in sheet.iter_rows(min_row=2) if row[0].value == EVIL)
        self.assertEqual(evil.data_type, "s")
        self.assertEqual(evil.value, EVIL)

    def test_abc_sheet_and_summary(self):
        _action, _attachment, book = self._export()
        sheet = book["ABC Analysis"]
        self.assertEqual(
            self._header(sheet),
            ["ABC Class", "Client", "Revenue", "Cumulative Share Before (%)"]
            + ["ABC Class", "Clients", "Revenue"],
        )
        self.assertEqual(sheet.auto_filter.ref, "A1:D4")
        rows = self._rows(sheet, last_col=4)
        self.assertEqual(
            [row[:2] for row in rows], [["A", "X Furniture"], ["A", "Y Interiors"], ["B", EVIL]]
        )
        self.assertAlmostEqual(rows[0][2], 1414.56, places=2)
        self.assertAlmostEqual(rows[0][3], 0.0, places=2)
        self.assertAlmostEqual(rows[1][3], 100 * 1414.56 / 2214.56, places=2)
        self.assertAlmostEqual(rows[2][3], 100 * 1914.56 / 2214.56, places=2)
        # the summary per class, right of the list (F:H)
        summary = [
            list(row)
            for row in sheet.iter_rows(min_row=2, max_row=4, min_col=6, max_col=8, values_only=True)
        ]
        self.assertEqual([row[:2] for row in summary], [["A", 2], ["B", 1], ["C", 0]])
        self.assertAlmostEqual(summary[0][2], 1914.56, places=2)
        self.assertAlmostEqual(summary[1][2], 300.0, places=2)
        self.assertEqual(summary[2][2], 0)

    def test_rfm_sheet_and_matrix(self):
        _action, _attachment, book = self._export()
        sheet = book["RFM Analysis"]
        self.assertEqual(
            self._header(sheet)[:6],
            ["Client", "Recency", "Frequency", "Monetary", "RFM", "RFM Segment"],
        )
        self.assertEqual(
            self._rows(sheet, last_col=6),
            [
                [EVIL, 5, 4, 2, "542", "Champions"],
                ["X Furniture", 4, 5, 5, "455", "Loyal"],
                ["Y Interiors", 2, 4, 4, "244", "At Risk"],
            ],
        )
        # the R × F matrix in H1:M6: Recency 5 to 1 down, Frequency 1 to 5 across
        matrix = [
            list(row)
            for row in sheet.iter_rows(
                min_row=1, max_row=6, min_col=8, max_col=13, values_only=True
            )
        ]
        self.assertEqual(matrix[0], ["Recency \\ Frequency", 1, 2, 3, 4, 5])
        self.assertEqual(
            [row for row in matrix[1:]],
            [
                [5, 0, 0, 0, 1, 0],
                [4, 0, 0, 0, 0, 1],
                [3, 0, 0, 0, 0, 0],
                [2, 0, 0, 0, 1, 0],
                [1, 0, 0, 0, 0, 0],
            ],
        )

    def test_payment_sheet(self):
        _action, _attachment, book = self._export()
        sheet = book["Payment Discipline"]
        self.assertEqual(
            self._header(sheet),
            [
                "Client",
                "Salesperson",
                "Paid",
                "Days to Pay",
                "Days Late",
                "Paid Late %",
                "Overdue",
                "Oldest Overdue (days)",
                "Invoices Paid at Once",
                "Invoices Paid in Instalments",
                "Payment Habit",
            ],
        )
        rows = self._by_client(sheet)
        # X: I2's 180 paid on its invoice date; I1 (immediate, 01-10) open for 171 days
        self.assertEqual(
            rows["X Furniture"][2:],
            [180, 0, 0, 0, 1234.56, 171, 1, 0, "Pays at once"],
        )
        # Y: nothing paid: no days to pay, nor late (empty, not 0); I3 open since 02-01
        self.assertEqual(rows["Y Interiors"][2:], [0, None, None, None, 500, 149, 0, 0, None])

    def test_cohort_sheet(self):
        _action, _attachment, book = self._export()
        sheet = book["Cohorts"]
        self.assertEqual(
            self._header(sheet),
            ["First Purchase Month", "Clients"] + [f"Month {k} (%)" for k in range(6)],
        )
        # January (X: bought in January and March), February (Y), May (the third)
        self.assertEqual(
            self._rows(sheet),
            [
                [datetime(2026, 1, 1), 1, 100, 0, 100, 0, 0, 0],
                [datetime(2026, 2, 1), 1, 100, 0, 0, 0, 0, None],
                [datetime(2026, 5, 1), 1, 100, 0, None, None, None, None],
            ],
        )
        self.assertEqual(sheet["A2"].number_format, "yyyy-mm")
        self.assertEqual(sheet["C2"].number_format, "0.0")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:H4")

    def test_segment_history_sheet(self):
        _action, _attachment, book = self._export()
        sheet = book["Segment History"]
        self.assertEqual(
            self._header(sheet),
            [
                "Month",
                "Client",
                "Salesperson",
                "ABC Class",
                "Recency",
                "Frequency",
                "Monetary",
                "RFM Segment",
                "Revenue",
            ],
        )
        rows = self._rows(sheet)
        # the March 2026 snapshot (X and Y had bought) and July 2024; June 2024 is more than
        # 24 months before June 2026
        self.assertEqual(
            [(row[0], row[1]) for row in rows],
            [
                (datetime(2026, 3, 31), "X Furniture"),
                (datetime(2026, 3, 31), "Y Interiors"),
                (datetime(2024, 7, 31), "Y Interiors"),
            ],
        )
        self.assertAlmostEqual(rows[0][8], 1414.56, places=2)
        self.assertEqual(rows[0][3], "A")

    def test_salesperson_exports_own_clients(self):
        _action, attachment, book = self._export(user=self.anna)
        self.assertEqual(book.sheetnames, SHEETS)
        self.assertEqual(list(self._by_client(book["Client Value"])), ["X Furniture"])
        self.assertEqual(list(self._by_client(book["Payment Discipline"])), ["X Furniture"])
        self.assertEqual(
            [row[1] for row in self._rows(book["ABC Analysis"], last_col=4)], ["X Furniture"]
        )
        self.assertEqual(
            [row[0] for row in self._rows(book["RFM Analysis"], last_col=6)], ["X Furniture"]
        )
        self.assertEqual([row[0] for row in self._rows(book["Cohorts"])], [datetime(2026, 1, 1)])
        self.assertEqual([row[1] for row in self._rows(book["Segment History"])], ["X Furniture"])
        # the file is Anna's: Boris, who reads the same analysis, cannot open it
        self.assertEqual(attachment.create_uid, self.anna)
        self.assertTrue(attachment.with_user(self.anna).read(["datas"]))
        with self.assertRaises(AccessError):
            attachment.with_user(self.boris).read(["datas"])
        self.assertFalse(
            self.env["ir.attachment"].with_user(self.boris).search([("id", "=", attachment.id)])
        )

    def test_analysis_not_computed_is_refused(self):
        draft = self.Analysis.create({"company_id": self.company.id, "as_of_date": AS_OF})
        before = self.env["ir.attachment"].search_count([("res_model", "=", draft._name)])
        with self.assertRaises(UserError) as caught:
            draft.action_export_xlsx()
        self.assertIn("has no figures yet", str(caught.exception))
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", draft._name)]), before
        )

    def test_headers_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_retention"], ["ru_RU"])
        _action, _attachment, book = self._export(lang="ru_RU")
        self.assertEqual(
            book.sheetnames,
            [
                "Параметры",
                "Ценность клиента",
                "ABC-анализ",
                "RFM-анализ",
                "Риск оттока и прогноз",
                "Оценённые модели",
                "Платёжная дисциплина",
                "Когорты",
                "История сегментов",
                "Совместные покупки",
                "Покупают следом",
            ],
        )
        self.assertIn("Выручка", self._header(book["Ценность клиента"]))
        self.assertEqual(book["Параметры"]["A1"].value, "Параметр")
