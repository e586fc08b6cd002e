import datetime
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCorrespondenceJournalWizard(models.TransientModel):
    _name = "crm.correspondence.journal.wizard"
    _description = "Correspondence Register Journal"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("all", "All")],
        required=True,
        default="all",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The start of the period must not be after its end.")
                )

    def _get_items(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_registered", ">=", self.date_from),
            ("date_registered", "<=", self.date_to),
        ]
        if self.direction != "all":
            domain.append(("direction", "=", self.direction))
        return self.env["crm.correspondence"].search(
            domain, order="direction, date_registered, name"
        )

    def _get_title(self):
        self.ensure_one()
        titles = {
            "incoming": self.env._("Register of Incoming Correspondence"),
            "outgoing": self.env._("Register of Outgoing Correspondence"),
            "all": self.env._("Register of Correspondence"),
        }
        return titles[self.direction]

    def _get_columns(self):
        return [
            self.env._("Number"),
            self.env._("Registration Date"),
            self.env._("Direction"),
            self.env._("Channel"),
            self.env._("Correspondent"),
            self.env._("Document Date"),
            self.env._("Sender's Reference"),
            self.env._("Subject"),
            self.env._("Responsible"),
            self.env._("Reply Deadline"),
            self.env._("In Reply To"),
            self.env._("Status"),
        ]

    def _get_row(self, item):
        selection = self.env["crm.correspondence"]._fields

        def label(field, value):
            return dict(selection[field]._description_selection(self.env)).get(value, "")

        return [
            item.name,
            item.date_registered,
            label("direction", item.direction),
            label("channel", item.channel),
            item.partner_id.display_name or "",
            item.document_date or "",
            item.sender_reference or "",
            item.subject,
            item.user_id.name or "",
            item.reply_deadline or "",
            item.reply_to_id.name or "",
            label("state", item.state),
        ]

    def action_print_pdf(self):
        self.ensure_one()
        # data={}, not the default None, which XML-RPC cannot carry
        return self.env.ref("crm_correspondence.crm_correspondence_journal_report").report_action(
            self, data={}
        )

    def action_export_xlsx(self):
        """Download the register as XLSX.

        The file is never stored: the route builds it on request, as the user asking
        for it, so that it only ever holds the items that user may read.
        """
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/crm_correspondence/journal/{self.id}/xlsx",
            "target": "self",
        }

    def _get_xlsx_filename(self):
        self.ensure_one()
        return self.env._(
            "correspondence_register_%(date_from)s_%(date_to)s.xlsx",
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def _render_xlsx(self):
        self.ensure_one()
        output = io.BytesIO()
        # subjects and names come from outside (e-mails): never turn them into formulas
        # or links that the spreadsheet would run or follow
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        sheet = workbook.add_worksheet(self.env._("Register"))
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, self._get_title(), bold)
        sheet.write(
            1,
            0,
            self.env._(
                "Period: %(date_from)s - %(date_to)s",
                date_from=self.date_from,
                date_to=self.date_to,
            ),
        )
        columns = self._get_columns()
        for col, title in enumerate(columns):
            sheet.write(3, col, title, header)
        row = 4
        for row, item in enumerate(self._get_items(), start=4):
            for col, value in enumerate(self._get_row(item)):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(row, col, value, date_format)
                else:
                    sheet.write(row, col, value)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, len(columns) - 1, 18)
        sheet.set_column(7, 7, 40)
        sheet.autofilter(3, 0, max(row, 4), len(columns) - 1)
        workbook.close()
        return output.getvalue()
