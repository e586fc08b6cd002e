import base64
import io
from datetime import date

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestJournal(CorrespondenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.may_in_1 = cls._create_item(
            subject="Claim about wardrobe doors", date_registered=date(2031, 5, 5)
        )
        cls.may_in_2 = cls._create_item(
            subject="Request for kitchen catalogue",
            date_registered=date(2031, 5, 20),
            sender_reference="WW-88",
        )
        cls.may_out = cls._create_item(
            direction="outgoing",
            subject="Answer on wardrobe doors",
            date_registered=date(2031, 5, 7),
            reply_to_id=cls.may_in_1.id,
        )
        cls.june_in = cls._create_item(subject="Letter of June", date_registered=date(2031, 6, 1))

    def _wizard(self, direction):
        return self.env["crm.correspondence.journal.wizard"].create(
            {
                "date_from": date(2031, 5, 1),
                "date_to": date(2031, 5, 31),
                "direction": direction,
            }
        )

    def _xlsx_rows(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        workbook = load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        sheet = workbook.active
        return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)], sheet

    def test_xlsx_lists_the_incoming_items_of_the_period(self):
        rows, sheet = self._xlsx_rows(self._wizard("incoming"))
        self.assertEqual(sheet["A1"].value, "Register of Incoming Correspondence")
        self.assertEqual(sheet["A4"].value, "Number")
        self.assertEqual([row[0] for row in rows], [self.may_in_1.name, self.may_in_2.name])
        self.assertEqual(rows[0][1].date(), date(2031, 5, 5))
        self.assertEqual(rows[1][4], "Wardrobe Wholesale LLC")
        self.assertEqual(rows[1][6], "WW-88")
        self.assertEqual(rows[1][7], "Request for kitchen catalogue")
        self.assertEqual(rows[0][11], "Answered")

    def test_xlsx_of_all_directions_includes_outgoing_answers(self):
        rows, _sheet = self._xlsx_rows(self._wizard("all"))
        names = [row[0] for row in rows]
        self.assertEqual(len(names), 3)
        self.assertIn(self.may_out.name, names)
        self.assertNotIn(self.june_in.name, names)
        answer = next(row for row in rows if row[0] == self.may_out.name)
        self.assertEqual(answer[2], "Outgoing")
        self.assertEqual(answer[10], self.may_in_1.name)

    def test_printed_register_lists_the_items_of_the_period(self):
        # a configured document layout, as on any company printing documents
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        wizard = self._wizard("outgoing")
        self.assertEqual(wizard.action_print_pdf()["type"], "ir.actions.report")
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "crm_correspondence.crm_correspondence_journal_report", wizard.ids
        )
        html = html.decode()
        self.assertIn("Register of Outgoing Correspondence", html)
        self.assertIn(self.may_out.name, html)
        self.assertNotIn(self.may_in_2.name, html)
