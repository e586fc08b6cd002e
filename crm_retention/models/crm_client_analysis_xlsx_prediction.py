from odoo import models

from .xlsx_book import XlsxBook

RISK_COLUMNS = (
    "partner_id",
    "user_id",
    "churn_status",
    "purchase_count",
    "last_purchase_date",
    "recency_days",
    "median_gap_days",
    "p_alive",
    "expected_purchases_month",
    "expected_purchases_quarter",
    "expected_purchases_year",
    "expected_spend",
    "forecast_next_month",
    "predicted_revenue",
    "predicted_clv",
)
SETTING_FIELDS = (
    "crm_purchase_model",
    "crm_one_time_share_percent",
    "crm_clv_horizon_months",
    "crm_clv_discount_rate",
    "crm_churn_at_risk_factor",
    "crm_churn_dormant_factor",
    "crm_churn_lost_factor",
    "crm_one_time_at_risk_days",
    "crm_one_time_dormant_days",
    "crm_one_time_lost_days",
)
FIT_COLUMNS = ("model", "unit", "cut_off_date", "sample_size", "log_likelihood", "converged")


class CrmClientAnalysis(models.Model):
    """The workbook's churn risk and forecast sheet, and the fitted models with the settings
    they were used with."""

    _inherit = "crm.client.analysis"

    def _xlsx_sheets(self):
        sheets = super()._xlsx_sheets()
        sheets.insert(sheets.index("_xlsx_payment"), "_xlsx_churn_risk")
        sheets.insert(sheets.index("_xlsx_churn_risk") + 1, "_xlsx_fitted_models")
        return sheets

    def _xlsx_churn_risk(self, book, value_fields):
        columns = [name for name in RISK_COLUMNS if name in value_fields]
        rows = self._xlsx_read(
            "crm.client.value",
            self._xlsx_value_domain(),
            columns,
            order="forecast_next_month desc nulls last, id",
        )
        sheet = book.sheet(self.env._("Churn Risk and Forecast"))
        book.data_sheet(sheet, "crm.client.value", value_fields, columns, rows)

    def _xlsx_fitted_models(self, book, value_fields):
        """The settings of the predictions, then one row per fitted parameter."""
        sheet = book.sheet(self.env._("Fitted Models"))
        for key, num_format in (("float2", "0.00"), ("float4", "0.0000")):
            if key not in book.formats:
                book.formats[key] = book.workbook.add_format({"num_format": num_format})
        company = self.company_id
        labels = company.fields_get(list(SETTING_FIELDS), attributes=["string", "selection"])
        book.header(sheet, 0, 0, [self.env._("Parameter"), self.env._("Parameter Value")])
        row = 0
        for row, name in enumerate(SETTING_FIELDS, start=1):
            value = company[name]
            kind = "float2" if isinstance(value, float) else "int"
            if labels[name].get("selection"):
                value, kind = dict(labels[name]["selection"]).get(value, value), "text"
            book.cell(sheet, row, 0, labels[name]["string"], "text")
            book.cell(sheet, row, 1, value, kind)
        row += 1
        book.cell(sheet, row, 0, self.env._("Unit of the models"), "text")
        book.cell(
            sheet,
            row,
            1,
            self.env._("weeks (a month is 30.4375 / 7 = 4.348 weeks, a year 52.18 weeks)"),
            "text",
        )
        fit_fields = self.env["crm.client.model.fit"].fields_get(
            list(FIT_COLUMNS), attributes=["string", "type", "selection"]
        )
        parameter_fields = self.env["crm.client.model.fit.parameter"].fields_get(
            ["name", "value", "std_error"], attributes=["string"]
        )
        first = row + 2
        titles = [fit_fields[name]["string"] for name in FIT_COLUMNS] + [
            parameter_fields[name]["string"] for name in ("name", "value", "std_error")
        ]
        book.header(sheet, first, 0, titles)
        kinds = [
            "text"
            if fit_fields[name]["type"] == "boolean"
            else book.field_kind("crm.client.model.fit", name, fit_fields[name]["type"])
            for name in FIT_COLUMNS
        ]
        line = first
        for fit in self.fit_ids:
            values = fit.read(list(FIT_COLUMNS))[0]
            for parameter in fit.parameter_ids:
                line += 1
                for col, name in enumerate(FIT_COLUMNS):
                    value = XlsxBook.field_value(fit_fields[name], values[name])
                    if fit_fields[name]["type"] == "boolean":
                        value, kind = (self.env._("Yes") if value else self.env._("No")), "text"
                    else:
                        kind = kinds[col]
                    book.cell(sheet, line, col, value, kind)
                base = len(FIT_COLUMNS)
                book.cell(sheet, line, base, parameter.name, "text")
                book.cell(sheet, line, base + 1, parameter.value, "float4")
                book.cell(sheet, line, base + 2, parameter.std_error, "float4")
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, len(titles), 16)
