"""Typed writing into the client analysis workbook (plain xlsxwriter), shared by the
sheets of ``crm_client_analysis_xlsx*.py``."""

import re

SHEET_NAME_MAX = 31  # Excel's limit


class XlsxBook:
    """Typed writing into an xlsxwriter workbook: text always as text, numbers and dates
    with their formats, a header row frozen and filtered on each list."""

    WIDTHS = {"text": 18, "date": 12, "month": 12, "datetime": 17, "header": 18}
    WIDE = {"partner_id": 32, "rfm_segment_id": 22, "name": 22}  # names of clients, segments

    def __init__(self, env, workbook):
        self.env = env
        self.workbook = workbook
        header = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        self.formats = {
            "header": workbook.add_format(header),
            "header_int": workbook.add_format({**header, "num_format": "0"}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "text": None,
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "month": workbook.add_format({"num_format": "yyyy-mm"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "int": workbook.add_format({"num_format": "0"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
        }

    def sheet(self, name):
        name = re.sub(r"[\[\]:*?/\\]", "-", name)[:SHEET_NAME_MAX]
        return self.workbook.add_worksheet(name)

    def cell(self, sheet, row, col, value, kind):
        """One typed cell; None and False leave it empty."""
        if value is None or value is False:
            return
        cell_format = self.formats[kind]
        if kind in ("text", "header"):
            # write_string, never write(): a text such as "=HYPERLINK(...)" stays text
            sheet.write_string(row, col, str(value), cell_format)
        elif kind in ("date", "month", "datetime"):
            sheet.write_datetime(row, col, value, cell_format)
        else:
            sheet.write_number(row, col, value, cell_format)

    def header(self, sheet, row, col, titles):
        for offset, title in enumerate(titles):
            self.cell(sheet, row, col + offset, title, "header")

    def field_kind(self, model, name, ftype):
        if ftype in ("many2one", "selection", "char", "text"):
            return "text"
        if ftype in ("date", "datetime"):
            return ftype
        if ftype == "integer":
            return "int"
        if ftype == "monetary":
            return "money"
        digits = self.env[model]._fields[name].get_digits(self.env)
        decimals = digits[1] if digits else 2
        key = f"float{decimals}"
        if key not in self.formats:
            num_format = "0." + "0" * decimals if decimals else "0"
            self.formats[key] = self.workbook.add_format({"num_format": num_format})
        return key

    @staticmethod
    def field_value(description, value):
        if value is False or value is None:
            return None
        if description["type"] == "many2one":
            return value[1]
        if description["type"] == "selection":
            return dict(description["selection"]).get(value, value)
        return value

    def table(self, sheet, model, descriptions, columns, rows, first_row=0, widths=True):
        """The fields' labels as header, then one row per record (from search_read)."""
        kinds = [self.field_kind(model, name, descriptions[name]["type"]) for name in columns]
        self.header(sheet, first_row, 0, [descriptions[name]["string"] for name in columns])
        for row, record in enumerate(rows, start=first_row + 1):
            for col, name in enumerate(columns):
                value = self.field_value(descriptions[name], record[name])
                self.cell(sheet, row, col, value, kinds[col])
        for col, name in enumerate(columns):
            if widths:
                sheet.set_column(col, col, self.WIDE.get(name) or self.WIDTHS.get(kinds[col], 14))

    def data_sheet(self, sheet, model, descriptions, columns, rows):
        """A list sheet: the header on the first row, frozen, filtered."""
        self.table(sheet, model, descriptions, columns, rows)
        self.finish(sheet, len(rows), len(columns))

    @staticmethod
    def finish(sheet, row_count, col_count):
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(row_count, 1), col_count - 1)
