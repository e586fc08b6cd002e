from odoo import models

PAIR_COLUMNS = (
    "product_id",
    "companion_product_id",
    "pair_count",
    "product_basket_count",
    "companion_basket_count",
    "basket_count",
    "support",
    "confidence",
    "lift",
    "p_value",
    "as_of_date",
)
SEQUENCE_COLUMNS = (
    "product_id",
    "next_product_id",
    "sequence_count",
    "product_basket_count",
    "confidence",
    "median_days",
    "window_days",
    "as_of_date",
)
# shares stored as 0..1, written as percentages like the workbook's other percentages
SHARES = ("support", "confidence")


class CrmClientAnalysis(models.Model):
    _inherit = "crm.client.analysis"

    def _xlsx_sheets(self):
        return [*super()._xlsx_sheets(), "_xlsx_product_affinity", "_xlsx_bought_next"]

    def _xlsx_basket_sheet(self, book, model, columns, order, title):
        """The company's current basket rules as the user reads them (they are computed
        with the company's current analysis, whatever the date of this one)."""
        Model = self.env[model]
        descriptions = Model.fields_get(list(columns), attributes=["string", "type", "selection"])
        rows = self._xlsx_read(model, [("company_id", "=", self.company_id.id)], columns, order)
        for row in rows:
            for name in SHARES:
                if name in row and row[name] is not None:
                    row[name] = 100.0 * row[name]
        for name in SHARES:
            if name in descriptions:
                descriptions[name]["string"] = self.env._(
                    "%(label)s (%%)", label=descriptions[name]["string"]
                )
        sheet = book.sheet(title)
        kinds = {name: "percent" for name in SHARES}
        kinds["p_value"] = "float6"
        if "float6" not in book.formats:
            book.formats["float6"] = book.workbook.add_format({"num_format": "0.000000"})
        book.header(sheet, 0, 0, [descriptions[name]["string"] for name in columns])
        for line, record in enumerate(rows, start=1):
            for col, name in enumerate(columns):
                kind = kinds.get(name) or book.field_kind(model, name, descriptions[name]["type"])
                book.cell(
                    sheet, line, col, book.field_value(descriptions[name], record[name]), kind
                )
        sheet.set_column(0, 1, 32)
        sheet.set_column(2, len(columns) - 1, 14)
        book.finish(sheet, len(rows), len(columns))

    def _xlsx_product_affinity(self, book, value_fields):
        self._xlsx_basket_sheet(
            book,
            "crm.product.pair",
            PAIR_COLUMNS,
            "lift desc, pair_count desc, id",
            self.env._("Product Affinity"),
        )

    def _xlsx_bought_next(self, book, value_fields):
        self._xlsx_basket_sheet(
            book,
            "crm.product.sequence",
            SEQUENCE_COLUMNS,
            "confidence desc, sequence_count desc, id",
            self.env._("Bought Next"),
        )
