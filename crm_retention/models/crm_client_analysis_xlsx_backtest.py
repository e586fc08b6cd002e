from odoo import models

# the headline figures of the sheet, in order: (field, cell kind, the flag it needs)
HEADLINE = (
    ("cut_off_date", "date", None),
    ("horizon_months", "int", None),
    ("window_end_date", "date", None),
    ("client_count", "int", None),
    ("repeat_buyer_count", "int", None),
    ("rebought_count", "int", None),
    ("forecast_purchases", "float1", None),
    ("actual_purchases", "int", None),
    ("forecast_revenue", "money", None),
    ("actual_revenue", "money", None),
    ("error_percent", "percent", "error_defined"),
    ("revenue_correlation", "float2", "correlation_defined"),
    ("top_decile_count", "int", "error_defined"),
    ("top_decile_share", "percent", "error_defined"),
    ("auc_p_alive", "percent", "ranking_defined"),
    ("auc_status", "percent", "ranking_defined"),
    ("auc_recency", "percent", "ranking_defined"),
    ("new_client_count", "int", None),
    ("new_client_revenue", "money", None),
)
LINE_COLUMNS = (
    "kind",
    "label",
    "client_count",
    "rebought_count",
    "rebuy_rate",
    "forecast_revenue",
    "actual_revenue",
)


class CrmClientAnalysis(models.Model):
    _inherit = "crm.client.analysis"

    def _xlsx_sheets(self):
        return super()._xlsx_sheets() + ["_xlsx_backtest"]

    def _xlsx_backtest(self, book, value_fields):
        """The company's latest done backtest: its headline figures, then its groups. No
        sheet for a user who may not read backtests (a salesperson) or when none was run."""
        Backtest = self.env["crm.client.backtest"]
        if not Backtest.has_access("read"):
            return
        backtest = Backtest.search(
            [("company_id", "=", self.company_id.id), ("state", "=", "done")],
            order="computed_on desc, id desc",
            limit=1,
        )
        if not backtest:
            return
        labels = Backtest.fields_get([name for name, _kind, _flag in HEADLINE], ["string"])
        for kind, digits in (("float1", "0.0"), ("float2", "0.00")):
            if kind not in book.formats:
                book.formats[kind] = book.workbook.add_format({"num_format": digits})
        sheet = book.sheet(self.env._("Backtest"))
        book.header(sheet, 0, 0, [self.env._("Figure"), self.env._("Figure Value")])
        row = 1
        for name, kind, flag in HEADLINE:
            book.cell(sheet, row, 0, labels[name]["string"], "text")
            if flag is None or backtest[flag]:
                book.cell(sheet, row, 1, backtest[name], kind)
            row += 1
        for label, text in (
            (self.env._("Currency"), backtest.currency_id.name),
            (
                self.env._("Units"),
                self.env._(
                    "The models count time in weeks; the horizon's months are 30.4375 days; "
                    "purchases are days with a posted customer invoice; revenue is untaxed, "
                    "net of credit notes, in the company currency; percentages as numbers."
                ),
            ),
        ):
            book.cell(sheet, row, 0, label, "text")
            book.cell(sheet, row, 1, text, "text")
            row += 1
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 60)

        line_fields = self.env["crm.client.backtest.line"].fields_get(
            list(LINE_COLUMNS), attributes=["string", "type", "selection"]
        )
        lines = backtest.line_ids.read(list(LINE_COLUMNS))
        first = row + 1
        book.table(
            sheet,
            "crm.client.backtest.line",
            line_fields,
            LINE_COLUMNS,
            lines,
            first_row=first,
            widths=False,
        )
        sheet.set_column(2, len(LINE_COLUMNS) - 1, 14)
        sheet.freeze_panes(1, 0)
