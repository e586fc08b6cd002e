import base64
import io
import re

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, date_utils

from ..analytics.client_figures import PAYMENT_COLUMNS
from .xlsx_book import XlsxBook

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HISTORY_MONTHS = 24  # the Segment History sheet: the month ends of the last two years

# one row per client: every figure but the payment ones
VALUE_COLUMNS = (
    "partner_id",
    "user_id",
    "first_purchase_date",
    "last_purchase_date",
    "recency_days",
    "purchase_count",
    "invoice_count",
    "refund_count",
    "order_count",
    "order_amount",
    "average_order_value",
    "median_gap_days",
    "gap_cv",
    "regularity",
    "addon_count",
    "addon_amount",
    "discount_amount",
    "revenue",
    "refund_amount",
    "cost",
    "cost_basis",
    "margin",
    "margin_percent",
    "ltv_historical",
    "abc_class",
    "abc_share",
    "r_score",
    "f_score",
    "m_score",
    "rfm_code",
    "rfm_segment_id",
)
RFM_COLUMNS = ("partner_id", "r_score", "f_score", "m_score", "rfm_code", "rfm_segment_id")
HISTORY_COLUMNS = (
    "month",
    "partner_id",
    "user_id",
    "abc_class",
    "r_score",
    "f_score",
    "m_score",
    "rfm_segment_id",
    "revenue",
)
SEGMENT_COLUMNS = ("name", "r_min", "r_max", "f_min", "f_max")


class CrmClientAnalysis(models.Model):
    _inherit = "crm.client.analysis"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        """The analysis as one workbook, read with the user's own rights (a salesperson's
        holds their clients only). The file is an attachment of the user who asked for it:
        another reader of the analysis may read other clients, so it is never attached to
        the analysis record itself (which would open it to every reader of the analysis)."""
        self.ensure_one()
        self.check_access("read")
        if self.state != "done":
            raise UserError(
                self.env._(
                    "The analysis %(analysis)s has no figures yet: compute it before exporting it.",
                    analysis=self.name,
                )
            )
        name = self._xlsx_filename()
        Attachment = self.env["ir.attachment"]
        # the user's previous export of the same analysis is replaced, not piled up
        Attachment.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", False),
                ("create_uid", "=", self.env.uid),
                ("name", "=", name),
            ]
        ).unlink()
        attachment = Attachment.create(
            {
                "name": name,
                "res_model": self._name,
                "description": self.name,
                "mimetype": XLSX_MIMETYPE,
                "datas": base64.b64encode(self._render_xlsx()),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Workbook
    # ------------------------------------------------------------------
    def _xlsx_filename(self):
        self.ensure_one()
        company = re.sub(r"[^\w.]+", "-", self.company_id.name or "").strip("-")
        return f"client-analysis-{company}-{self.as_of_date}.xlsx"

    def _render_xlsx(self):
        self.ensure_one()
        output = io.BytesIO()
        # client names come from outside: a text cell is never a formula nor a link
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        book = XlsxBook(self.env, workbook)
        value_fields = self.env["crm.client.value"].fields_get(
            attributes=["string", "type", "selection"]
        )
        for method in self._xlsx_sheets():
            getattr(self, method)(book, value_fields)
        workbook.close()
        return output.getvalue()

    def _xlsx_sheets(self):
        """The workbook's sheet writers in order, each called with ``(book, value_fields)``;
        another file of the module adds its sheet by extending the list."""
        return [
            "_xlsx_parameters",
            "_xlsx_client_value",
            "_xlsx_abc",
            "_xlsx_rfm",
            "_xlsx_payment",
            "_xlsx_cohorts",
            "_xlsx_segment_history",
        ]

    def _xlsx_value_domain(self):
        return [("analysis_id", "=", self.id)]

    def _xlsx_parameters(self, book, value_fields):
        labels = self.fields_get(
            ["company_id", "as_of_date", "computed_on", "currency_id", "abc_basis"]
            + ["abc_a_percent", "abc_b_percent"],
            attributes=["string", "selection"],
        )
        currency = self.currency_id.name or ""
        computed_on = self.computed_on and fields.Datetime.context_timestamp(
            self, self.computed_on
        ).replace(tzinfo=None)
        basis = dict(labels["abc_basis"]["selection"]).get(self.abc_basis)
        c_percent = max(0.0, 100.0 - self.abc_a_percent - self.abc_b_percent)
        rows = [
            (labels["company_id"]["string"], self.company_id.name, "text"),
            (labels["as_of_date"]["string"], self.as_of_date, "date"),
            (labels["computed_on"]["string"], computed_on, "datetime"),
            (labels["currency_id"]["string"], currency, "text"),
            (labels["abc_basis"]["string"], basis, "text"),
            (labels["abc_a_percent"]["string"], self.abc_a_percent, "percent"),
            (labels["abc_b_percent"]["string"], self.abc_b_percent, "percent"),
            (self.env._("C, the rest (%)"), c_percent, "percent"),
            (
                self.env._("RFM scores"),
                self.env._(
                    "Each client with a purchase scores 1 to 5 on each axis by its rank among "
                    "the company's clients (the top fifth scores 5, ties share a score): "
                    "Recency on the last purchase date, Frequency on the number of purchase "
                    "days, Monetary on the net revenue; the segment follows from the Recency "
                    "and Frequency scores as in the table below."
                ),
                "text",
            ),
            (
                self.env._("Units"),
                self.env._(
                    "Durations in calendar days; amounts in %(currency)s, the company "
                    "currency, untaxed, net of credit notes; percentages as numbers "
                    "(12.5 is 12.5 %%).",
                    currency=currency,
                ),
                "text",
            ),
        ]
        sheet = book.sheet(self.env._("Parameters"))
        book.header(sheet, 0, 0, [self.env._("Parameter"), self.env._("Parameter Value")])
        for row, (label, value, kind) in enumerate(rows, start=1):
            book.cell(sheet, row, 0, label, "text")
            book.cell(sheet, row, 1, value, kind)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 90, book.formats["wrap"])
        sheet.freeze_panes(1, 0)

        # the segments: their Recency and Frequency ranges
        segment_fields = self.env["crm.rfm.segment"].fields_get(
            list(SEGMENT_COLUMNS), attributes=["string", "type"]
        )
        segment_fields["name"]["string"] = self.env["crm.client.value"].fields_get(
            ["rfm_segment_id"], attributes=["string"]
        )["rfm_segment_id"]["string"]
        segments = self.env["crm.rfm.segment"].search_read([], list(SEGMENT_COLUMNS))
        first = len(rows) + 2
        book.table(
            sheet, "crm.rfm.segment", segment_fields, SEGMENT_COLUMNS, segments, first, widths=False
        )

    def _xlsx_client_value(self, book, value_fields):
        columns = [name for name in VALUE_COLUMNS if name in value_fields]
        rows = self._xlsx_read("crm.client.value", self._xlsx_value_domain(), columns)
        sheet = book.sheet(self.env._("Client Value"))
        book.data_sheet(sheet, "crm.client.value", value_fields, columns, rows)

    def _xlsx_abc(self, book, value_fields):
        basis = self.abc_basis or "revenue"
        columns = ["abc_class", "partner_id", basis, "abc_share"]
        rows = self._xlsx_read(
            "crm.client.value",
            self._xlsx_value_domain(),
            columns,
            order=f"abc_class, abc_share, {basis} desc, id",
        )
        sheet = book.sheet(self.env._("ABC Analysis"))
        book.data_sheet(sheet, "crm.client.value", value_fields, columns, rows)

        # summary, right of the list: clients and value per class
        groups = self.env["crm.client.value"]._read_group(
            self._xlsx_value_domain(), ["abc_class"], ["__count", f"{basis}:sum"]
        )
        totals = {abc_class: (count, value) for abc_class, count, value in groups}
        col = len(columns) + 1
        book.header(
            sheet,
            0,
            col,
            [
                value_fields["abc_class"]["string"],
                self.env._("Clients"),
                value_fields[basis]["string"],
            ],
        )
        for row, (abc_class, label) in enumerate(value_fields["abc_class"]["selection"], start=1):
            count, value = totals.get(abc_class, (0, 0.0))
            book.cell(sheet, row, col, label, "text")
            book.cell(sheet, row, col + 1, count, "int")
            book.cell(sheet, row, col + 2, value, "money")
        sheet.set_column(col, col + 2, 14)

    def _xlsx_rfm(self, book, value_fields):
        columns = [name for name in RFM_COLUMNS if name in value_fields]
        domain = self._xlsx_value_domain() + [("purchase_count", ">", 0)]
        rows = self._xlsx_read(
            "crm.client.value",
            domain,
            columns,
            order="r_score desc, f_score desc, m_score desc, partner_id",
        )
        sheet = book.sheet(self.env._("RFM Analysis"))
        book.data_sheet(sheet, "crm.client.value", value_fields, columns, rows)

        # the R × F matrix of client counts, right of the list: Recency 5 on top
        groups = self.env["crm.client.value"]._read_group(
            domain, ["r_score", "f_score"], ["__count"]
        )
        counts = {(r, f): count for r, f, count in groups}
        col = len(columns) + 1
        corner = f"{value_fields['r_score']['string']} \\ {value_fields['f_score']['string']}"
        book.cell(sheet, 0, col, corner, "header")
        for f in range(1, 6):
            book.cell(sheet, 0, col + f, f, "header_int")
        for row, r in enumerate(range(5, 0, -1), start=1):
            book.cell(sheet, row, col, r, "header_int")
            for f in range(1, 6):
                book.cell(sheet, row, col + f, counts.get((r, f), 0), "int")
        sheet.set_column(col, col, 22)
        sheet.set_column(col + 1, col + 5, 8)

    def _xlsx_payment(self, book, value_fields):
        payment = [name for name in PAYMENT_COLUMNS if name in value_fields]
        if not payment:  # the user may not read the payment figures
            return
        columns = ["partner_id", "user_id", *payment]
        rows = self._xlsx_read(
            "crm.client.value",
            self._xlsx_value_domain(),
            columns,
            order="overdue_amount desc, revenue desc, id",
        )
        sheet = book.sheet(self.env._("Payment Discipline"))
        book.data_sheet(sheet, "crm.client.value", value_fields, columns, rows)

    def _xlsx_cohorts(self, book, value_fields):
        Cohort = self.env["crm.client.cohort.report"]
        cohort_fields = Cohort.fields_get(["cohort_month"], attributes=["string"])
        groups = Cohort._read_group(
            [("analysis_id", "=", self.id)],
            ["cohort_month:month", "months_since"],
            ["retained:avg", "__count"],
        )
        cells, sizes = {}, {}
        for month, months_since, retained, count in groups:
            cells[month, months_since] = retained
            if months_since == 0:
                sizes[month] = count
        months = sorted({month for month, _k in cells})
        last = max((k for _month, k in cells), default=0)
        headers = [cohort_fields["cohort_month"]["string"], self.env._("Clients")]
        headers += [self.env._("Month %(number)s (%%)", number=k) for k in range(last + 1)]
        sheet = book.sheet(self.env._("Cohorts"))
        book.header(sheet, 0, 0, headers)
        for row, month in enumerate(months, start=1):
            book.cell(sheet, row, 0, month, "month")
            book.cell(sheet, row, 1, sizes.get(month, 0), "int")
            for k in range(last + 1):
                book.cell(sheet, row, 2 + k, cells.get((month, k)), "percent")
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, len(headers) - 1, 12)
        book.finish(sheet, len(months), len(headers))

    def _xlsx_segment_history(self, book, value_fields):
        History = self.env["crm.client.segment.history"]
        history_fields = History.fields_get(
            list(HISTORY_COLUMNS), attributes=["string", "type", "selection"]
        )
        columns = [name for name in HISTORY_COLUMNS if name in history_fields]
        since = date_utils.start_of(self.as_of_date, "month") - relativedelta(
            months=HISTORY_MONTHS - 1
        )
        rows = self._xlsx_read(
            "crm.client.segment.history",
            [
                ("company_id", "=", self.company_id.id),
                ("month", ">=", since),
                ("month", "<=", self.as_of_date),
            ],
            columns,
            order="month desc, partner_id",
        )
        sheet = book.sheet(self.env._("Segment History"))
        book.data_sheet(sheet, History._name, history_fields, columns, rows)

    def _xlsx_read(self, model, domain, columns, order=None):
        """The rows as the user reads them (record rules; ``columns`` are fields the user
        may read), a figure left NULL by the refresh as None, not 0."""
        Model = self.env[model]
        rows = Model.search_read(domain, list(columns), order=order)
        numeric = [
            name
            for name in columns
            if Model._fields[name].type in ("integer", "float", "monetary")
            and Model._fields[name].column_type
        ]
        if rows and numeric:
            # the ORM reads NULL as 0, but the refresh leaves NULL the figures that have no
            # meaning (no interval between purchases, no payment, no rank): read which, of
            # the rows and fields the user has just been allowed to read
            Model.flush_model(numeric)
            result = self.env.execute_query(
                SQL(
                    "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                    SQL(", ").join(SQL.identifier(name) for name in numeric),
                    SQL.identifier(Model._table),
                    [row["id"] for row in rows],
                )
            )
            nulls = {
                record_id: [
                    name for name, value in zip(numeric, values, strict=True) if value is None
                ]
                for record_id, *values in result
            }
            for row in rows:
                for name in nulls.get(row["id"], ()):
                    row[name] = None
        return rows
