"""Every button of the suite works over real XML-RPC, as an integration or the web client
calls it: what it returns must marshal (no None, no recordset) and it must do its job."""

import io
import pathlib
import re
import xmlrpc.client
from datetime import date, timedelta

import openpyxl
from lxml import etree

import odoo
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, new_test_user, tagged

SUITE_MODULES = (
    "crm_retention",
    "crm_correspondence",
    "crm_retention_correspondence",
    "crm_service_desk",
    "crm_service_desk_correspondence",
)


def view_object_buttons(env):
    """{(model, method)} of every <button type="object"> in the suite's XML files (views,
    wizards, reports: every folder). A view without its own model takes the model of the
    view it inherits; a button whose model cannot be told is returned with model None."""
    buttons = set()
    for module in SUITE_MODULES:
        for path in sorted(pathlib.Path(get_module_path(module)).rglob("*.xml")):
            tree = etree.parse(str(path))
            for button in tree.iter("button"):
                if button.get("type") != "object":
                    continue
                record = next(button.iterancestors("record"), None)
                model = _record_model(env, module, record)
                # a button of an x2many's inline list belongs to the field's comodel
                fields = [
                    node.get("name")
                    for node in button.iterancestors("field")
                    if node.get("name") not in ("arch", None)
                    and next(node.iterancestors("record"), None) is record
                ]
                for name in reversed(fields):
                    field = env[model]._fields.get(name) if model in env else None
                    model = field.comodel_name if field is not None else None
                buttons.add((model, button.get("name")))
    return buttons


def _record_model(env, module, record):
    if record is None:
        return None
    model = record.find("field[@name='model']")
    if model is not None and model.text:
        return model.text.strip()
    inherit = record.find("field[@name='inherit_id']")
    if inherit is not None and inherit.get("ref"):
        ref = inherit.get("ref")
        view = env.ref(ref if "." in ref else f"{module}.{ref}", raise_if_not_found=False)
        return view.model if view else None
    return None


@tagged("post_install", "-at_install")
class TestButtonsOverXmlRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.lost_reason = env["crm.lost.reason"].create({"name": "Too expensive (RPC test)"})
        cls.retail_plan = env.ref("crm_retention.demo_sales_plan_retail")
        cls.leaver = new_test_user(env, login="rpc_leaver", groups="sales_team.group_sale_salesman")
        cls.colleague = new_test_user(
            env, login="rpc_colleague", groups="sales_team.group_sale_salesman"
        )
        cls.client = env["res.partner"].create(
            {"name": "RPC Furniture", "is_company": True, "user_id": cls.leaver.id}
        )
        cls.product = env["product.product"].create(
            {"name": "RPC chair", "list_price": 5.0, "type": "consu"}
        )
        # a company whose document layout is chosen, as any company printing documents:
        # without one, core's report_action sends an administrator to the layout
        # configurator instead of printing
        env.company.external_report_layout_id = env.ref("web.external_layout_standard")

    def setUp(self):
        super().setUp()
        port = odoo.tools.config["http_port"]
        common = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}/xmlrpc/2/common")
        self.models = xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{port}/xmlrpc/2/object", allow_none=False
        )
        self.db = self.env.cr.dbname
        self._flush()
        self.uid = common.authenticate(self.db, "admin", "admin", {})
        self.assertEqual(self.uid, self.env.ref("base.user_admin").id)
        self.called = set()

    def _flush(self):
        # the server answers in the test transaction through its own cursor: write what this
        # test holds in memory first, and read afresh what the server changed afterwards
        self.env.flush_all()
        self.env.invalidate_all()

    def _rpc(self, model, method, *args):
        self._flush()
        try:
            return self.models.execute_kw(self.db, self.uid, "admin", model, method, list(args))
        finally:
            self.env.invalidate_all()

    def _button(self, model, method, ids, context=None):
        """Click the button ``method`` of ``model`` on ``ids`` over XML-RPC (with the
        context a view gives the button, if any)."""
        self.called.add((model, method))
        if context is None:
            return self._rpc(model, method, ids)
        self._flush()
        try:
            return self.models.execute_kw(
                self.db, self.uid, "admin", model, method, [ids], {"context": context}
            )
        finally:
            self.env.invalidate_all()

    def _wizard(self, model, values):
        wizard_id = self._rpc(model, "create", [values])
        return wizard_id[0] if isinstance(wizard_id, list) else wizard_id

    # ------------------------------------------------------------------
    # crm_retention
    # ------------------------------------------------------------------

    def _check_partner_buttons(self):
        # demo: Uyut is a wholesale company and a client; of the two demo standards only
        # the one of wholesale and retail companies applies to it (the other, to prospects)
        uyut = self.env.ref("crm_retention.demo_partner_uyut")
        wholesale = self.env.ref("crm_retention.demo_standard_wholesale")
        action = self._button("res.partner", "action_view_data_standards", [uyut.id])
        self.assertEqual(action["res_model"], "crm.data.standard")
        self.assertEqual(action["domain"], [["id", "in", [wholesale.id]]])

        client = self.client

        action = self._button("res.partner", "action_open_sales_plan_switch", [client.id])
        self.assertEqual(action["res_model"], "crm.sales.plan.switch.wizard")
        self.assertEqual(action["context"], {"default_partner_ids": [client.id]})
        wizard_id = self._wizard(
            "crm.sales.plan.switch.wizard",
            {
                "partner_ids": [(6, 0, [client.id])],
                "plan_id": self.retail_plan.id,
                "reason": "Buys for its own shop once a year",
            },
        )
        action = self._button("crm.sales.plan.switch.wizard", "action_switch", [wizard_id])
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(client.sales_plan_id, self.retail_plan)
        # the retail plan has two activities, scheduled by the switch
        self.assertEqual(len(client.activity_ids), 2)

        action = self._button("res.partner", "action_launch_sales_plan", [client.id])
        self.assertEqual(action, {"type": "ir.actions.client", "tag": "soft_reload"})
        self.assertEqual(len(client.activity_ids), 4)

        wizard_id = self._wizard(
            "res.partner.mark.lost",
            {"partner_ids": [(6, 0, [client.id])], "lost_reason_id": self.lost_reason.id},
        )
        action = self._button("res.partner.mark.lost", "action_mark_lost", [wizard_id])
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertTrue(client.is_lost)
        self.assertEqual(client.lost_reason_id, self.lost_reason)

        self.assertIs(self._button("res.partner", "action_reactivate", [client.id]), True)
        self.assertFalse(client.is_lost)

        action = self._button("res.partner", "action_view_correspondence", [client.id])
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(action["domain"], [["commercial_partner_id", "=", client.id]])

    def _check_standard_and_plan_buttons(self):
        standard = self.env.ref("crm_retention.demo_standard_wholesale")
        action = self._button("crm.data.standard", "action_view_partners", [standard.id])
        self.assertEqual(action["res_model"], "res.partner")

        contact_standard = self.env.ref("crm_retention.demo_contact_standard_clients")
        action = self._button(
            "crm.contact.standard", "action_view_overdue_partners", [contact_standard.id]
        )
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(
            action["domain"],
            [["contact_standard_id", "=", contact_standard.id], ["contact_overdue", "=", True]],
        )

        plan = self.retail_plan
        action = self._button("mail.activity.plan", "action_view_sales_plan_partners", [plan.id])
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["domain"], [["sales_plan_id", "=", plan.id]])

    def _check_order_buttons(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        action = self._button("sale.order", "action_open_minimum_order_override", [order.id])
        self.assertEqual(action["res_model"], "sale.order.minimum.override")
        self.assertEqual(action["context"], {"default_order_ids": [order.id]})
        wizard_id = self._wizard(
            "sale.order.minimum.override",
            {"order_ids": [(6, 0, [order.id])], "reason": "Trial order agreed by phone"},
        )
        action = self._button("sale.order.minimum.override", "action_confirm", [wizard_id])
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(order.state, "sale")

    def _check_handover(self):
        client = self.env["res.partner"].create(
            {"name": "RPC Hand-over Client", "is_company": True, "user_id": self.leaver.id}
        )
        wizard_id = self._wizard(
            "crm.handover.wizard",
            {"from_user_id": self.leaver.id, "to_user_ids": [(6, 0, [self.colleague.id])]},
        )
        action = self._button("crm.handover.wizard", "action_handover", [wizard_id])
        self.assertEqual(action["res_model"], "crm.handover.wizard")
        self.assertEqual(action["res_id"], wizard_id)
        self.assertEqual(client.user_id, self.colleague)

    def _check_lead_lost(self):
        lead = self.env["crm.lead"].create({"name": "RPC kitchen set", "type": "opportunity"})
        wizard_id = self._wizard(
            "crm.lead.lost",
            {"lead_ids": [(6, 0, [lead.id])], "lost_reason_id": self.lost_reason.id},
        )
        self._button("crm.lead.lost", "action_lost_reason_apply", [wizard_id])
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.lost_reason)

    def _check_client_analysis_buttons(self):
        env = self.env
        company = env.company
        # a client of this test: 3 × 40 untaxed invoiced on the first day of last month,
        # paid in full; its buyer (a contact) opens the client's figures and payments
        month_end = date.today().replace(day=1) - timedelta(days=1)
        client = env["res.partner"].create({"name": "RPC Analytics Client", "is_company": True})
        buyer = env["res.partner"].create({"name": "RPC analytics buyer", "parent_id": client.id})
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": client.id,
                "invoice_date": month_end.replace(day=1),
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "quantity": 3,
                            "price_unit": 40.0,
                            "tax_ids": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        invoice.action_post()
        payment = (
            env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": month_end})
            ._create_payments()
        )
        env["crm.client.analysis"]._snapshot_month(company, month_end)
        analysis = env["crm.client.analysis"].create(
            {"company_id": company.id, "as_of_date": month_end}
        )

        self.assertIs(self._button("crm.client.analysis", "action_refresh", [analysis.id]), True)
        self.assertEqual(analysis.state, "done")
        self.assertTrue(analysis.computed_on)

        action = self._button("crm.client.analysis", "action_view_clients", [analysis.id])
        self.assertEqual(action["res_model"], "crm.client.value")
        self.assertEqual(action["domain"], [["analysis_id", "=", analysis.id]])
        rows = env["crm.client.value"].search(action["domain"])
        self.assertEqual(len(rows), analysis.client_count)
        row = rows.filtered(lambda value: value.partner_id == client)
        self.assertAlmostEqual(row.revenue, 120.0, places=2)
        self.assertEqual(row.purchase_count, 1)

        action = self._button("crm.client.analysis", "action_export_xlsx", [analysis.id])
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(re.fullmatch(r"/web/content/(\d+)\?download=true", action["url"])[1])
        attachment = env["ir.attachment"].browse(attachment_id)
        self.assertEqual(attachment.res_model, "crm.client.analysis")
        self.assertEqual(attachment.create_uid, env.ref("base.user_admin"))
        # the browser then downloads it in the user's session: the workbook with the client
        self.authenticate("admin", "admin")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertIn("Client Value", book.sheetnames)
        sheet = book["Client Value"]
        header = [cell.value for cell in sheet[1]]
        figures = {
            row[0]: row[header.index("Revenue")] for row in sheet.iter_rows(values_only=True)
        }
        self.assertAlmostEqual(figures["RPC Analytics Client"], 120.0, places=2)

        action = self._button("res.partner", "action_view_client_payments", [buyer.id])
        self.assertEqual(action["res_model"], "account.payment")
        self.assertEqual(env["account.payment"].search(action["domain"]), payment)

        action = self._button("res.partner", "action_view_client_figures", [buyer.id])
        self.assertEqual(action["res_model"], "crm.client.segment.history")
        history = env["crm.client.segment.history"].search(action["domain"])
        self.assertEqual(history.partner_id, client)
        self.assertEqual(history.mapped("month"), [month_end])
        self.assertAlmostEqual(history.revenue, 120.0, places=2)

    def _check_churn_capture_button(self):
        env = self.env
        # a client who bought three times, ten days apart, more than a year ago: lost by
        # their own rhythm (380 days since, 38 usual intervals)
        today = date.today()
        client = env["res.partner"].create({"name": "RPC Gone Client", "is_company": True})
        for days in (400, 390, 380):
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "invoice_date": today - timedelta(days=days),
                    "invoice_line_ids": [
                        (0, 0, {"product_id": self.product.id, "price_unit": 50.0})
                    ],
                }
            )
            invoice.action_post()
        env["crm.client.analysis"]._refresh_partners({env.company.id: [client.id]})
        self.assertEqual(client.client_churn_status, "lost")
        action = self._button("res.partner", "action_record_churn", [client.id])
        self.assertEqual(action["res_model"], "res.partner.mark.lost")
        reason = env.ref("crm_retention.crm_lost_reason_stopped_buying")
        self.assertEqual(action["context"]["default_lost_reason_id"], reason.id)
        self.assertEqual(action["context"]["active_ids"], [client.id])
        self.assertIn("Lost: last purchase 380 days ago", action["context"]["default_note"])
        # the wizard opened with that context records the loss
        wizard_id = self.models.execute_kw(
            self.db,
            self.uid,
            "admin",
            "res.partner.mark.lost",
            "create",
            [{}],
            {"context": action["context"]},
        )
        self._button("res.partner.mark.lost", "action_mark_lost", [wizard_id])
        self.assertTrue(client.is_lost)
        self.assertEqual(client.lost_reason_id, reason)

    def _check_suggestion_button(self):
        env = self.env
        # a demo client's suggested product, added to a new quotation of that client
        suggestion = env["crm.product.suggestion"].search(
            [("company_id", "=", env.company.id)], order="rank, id", limit=1
        )
        self.assertTrue(suggestion, "the demo history gives suggestions")
        order = env["sale.order"].create({"partner_id": suggestion.partner_id.id})
        self.assertIs(
            self._button(
                "crm.product.suggestion",
                "action_add_to_order",
                [suggestion.id],
                context={"suggestion_order_id": order.id},
            ),
            True,
        )
        self.assertEqual(order.order_line.product_id, suggestion.product_id)

    def _check_backtest_button(self):
        env = self.env
        # the demo history: fitted up to four months ago, compared with the three after
        backtest = env["crm.client.backtest"].create(
            {"cut_off_date": date.today() - timedelta(days=120), "horizon_months": 3}
        )
        self.assertIs(self._button("crm.client.backtest", "action_run", [backtest.id]), True)
        self.assertEqual(backtest.state, "done")
        self.assertGreater(backtest.client_count, 100)
        self.assertEqual(
            backtest.status_line_ids.mapped("status"), ["active", "at_risk", "dormant", "lost"]
        )
        self.assertEqual(
            sum(backtest.status_line_ids.mapped("client_count")), backtest.client_count
        )
        self.assertTrue(backtest.fit_ids)

    # ------------------------------------------------------------------
    # crm_correspondence
    # ------------------------------------------------------------------

    def _letter(self):
        return self.env["crm.correspondence"].create(
            {
                "direction": "incoming",
                "channel": "letter",
                "partner_id": self.client.id,
                "subject": "Price list request",
            }
        )

    def _check_correspondence_states(self):
        for method, state, expected in (
            ("action_start", "registered", "in_progress"),
            ("action_mark_no_reply", "registered", "no_reply"),
            ("action_set_archived", "in_progress", "archived"),
            ("action_reset", "archived", "registered"),
        ):
            with self.subTest(button=method):
                letter = self._letter()
                letter.state = state
                self.assertIs(self._button("crm.correspondence", method, [letter.id]), True)
                self.assertEqual(letter.state, expected)

    def _check_confirm_sender(self):
        # an e-mail from Irina of the demo factory Yarmebel (salesperson Dmitry), registered
        # with its sender to verify: confirming makes her company the correspondent, her
        # the contact and Dmitry responsible
        irina = self.env.ref("crm_correspondence.demo_partner_yarmebel_irina")
        item = self.env["crm.correspondence"].create(
            {
                "direction": "incoming",
                "channel": "email",
                "subject": "Price list for next year",
                "partner_id": False,
                "user_id": False,
                "sender_to_verify": True,
                "suggested_partner_id": irina.id,
            }
        )
        self.assertIs(self._button("crm.correspondence", "action_confirm_sender", [item.id]), True)
        self.assertFalse(item.sender_to_verify)
        self.assertEqual(item.partner_id, self.env.ref("crm_correspondence.demo_partner_yarmebel"))
        self.assertEqual(item.contact_id, irina)
        self.assertEqual(item.user_id, self.env.ref("crm_correspondence.demo_user_dmitry"))

    def _check_correspondence_replies(self):
        # demo: the hotel's fax was answered by one letter, the quotation
        request = self.env.ref("crm_correspondence.demo_correspondence_hotel_request")
        action = self._button("crm.correspondence", "action_view_replies", [request.id])
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(action["domain"], [["reply_to_id", "=", request.id]])
        self.assertEqual(
            self.env["crm.correspondence"].search(action["domain"]),
            self.env.ref("crm_correspondence.demo_correspondence_hotel_quotation"),
        )

        letter = self._letter()

        action = self._button("crm.correspondence", "action_reply", [letter.id])
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(action["context"]["default_direction"], "outgoing")
        self.assertEqual(action["context"]["default_reply_to_id"], letter.id)
        self.assertEqual(action["context"]["default_partner_id"], self.client.id)

    def _journal_wizard(self):
        # the last 30 days: the demo's incoming price list (registered 3 days ago) is in
        today = date.today()
        return self._wizard(
            "crm.correspondence.journal.wizard",
            {
                "direction": "incoming",
                "date_from": str(today - timedelta(days=30)),
                "date_to": str(today),
            },
        )

    def _check_journal_pdf(self):
        wizard_id = self._journal_wizard()
        action = self._button("crm.correspondence.journal.wizard", "action_print_pdf", [wizard_id])
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "crm_correspondence.crm_correspondence_journal_document"
        )

    def _check_journal_xlsx(self):
        wizard_id = self._journal_wizard()
        action = self._button(
            "crm.correspondence.journal.wizard", "action_export_xlsx", [wizard_id]
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        # the browser then opens the URL in the user's session: it is the register
        self.authenticate("admin", "admin")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
        self.assertIn("New wholesale price list and discount terms for next year", cells)
        # an outgoing demo letter is not in the incoming register
        self.assertNotIn("Delivery date of your dining set", cells)

    # ------------------------------------------------------------------
    # crm_service_desk
    # ------------------------------------------------------------------

    def _check_ticket_buttons(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.client.id, "order_line": [(0, 0, {"product_id": self.product.id})]}
        )
        order.action_confirm()
        invoice = order._create_invoices()
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "RPC: torn armrest",
                "description": "<p>Torn</p>",
                "partner_id": self.client.id,
                "sale_order_id": order.id,
                "invoice_id": invoice.id,
            }
        )
        for model, record in (("sale.order", order), ("account.move", invoice)):
            action = self._button(model, "action_view_tickets", [record.id])
            self.assertEqual(action["res_model"], "helpdesk.ticket")
            self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)
        # the client's service portrait: its Service Analysis, from a contact as well
        contact = self.env["res.partner"].create({"name": "RPC buyer", "parent_id": self.client.id})
        action = self._button("res.partner", "action_view_service_analysis", [contact.id])
        self.assertEqual(action["res_model"], "crm.service.ticket.report")
        rows = self.env["crm.service.ticket.report"].search(action["domain"])
        self.assertEqual(rows.ticket_id, ticket)

    def _check_satisfaction_and_faq_buttons(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "RPC service"})
        action = self._button("helpdesk.ticket.team", "action_view_team_rating", [team.id])
        self.assertEqual(action["res_model"], "rating.rating")
        self.assertIn(["parent_res_id", "=", team.id], action["domain"])

        article = self.env["crm.service.faq.article"].create(
            {"name": "RPC: tightening chair legs", "body": "<p>Use the hex key.</p>"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "RPC: wobbly chair", "description": "<p>It wobbles.</p>", "team_id": team.id}
        )
        self.assertIs(
            self._button("crm.service.faq.article", "action_mark_reviewed", [article.id]), True
        )
        self.assertTrue(article.last_reviewed_date)
        # the buttons of the ticket's suggestions: the form gives them the ticket
        on_ticket = {"crm_faq_ticket_id": ticket.id}
        action = self._button(
            "crm.service.faq.article", "action_insert_in_reply", [article.id], on_ticket
        )
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertIn("Use the hex key.", action["context"]["default_body"])
        action = self._button(
            "crm.service.faq.article", "action_link_as_solution", [article.id], on_ticket
        )
        self.assertEqual(action, {"type": "ir.actions.client", "tag": "soft_reload"})
        self.assertEqual(ticket.solution_article_id, article)
        action = self._button("crm.service.faq.article", "action_view_tickets", [article.id])
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)

    def _check_letter_ticket_buttons(self):
        letter = self._letter()
        action = self._button("crm.correspondence", "action_create_ticket", [letter.id])
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(letter.ticket_id, ticket)
        action = self._button("helpdesk.ticket", "action_view_correspondence", [ticket.id])
        self.assertEqual(self.env["crm.correspondence"].search(action["domain"]), letter)

    def test_every_button_of_the_views_works_over_xmlrpc(self):
        for check in (
            self._check_ticket_buttons,
            self._check_satisfaction_and_faq_buttons,
            self._check_letter_ticket_buttons,
            self._check_partner_buttons,
            self._check_standard_and_plan_buttons,
            self._check_order_buttons,
            self._check_handover,
            self._check_lead_lost,
            self._check_client_analysis_buttons,
            self._check_churn_capture_button,
            self._check_suggestion_button,
            self._check_backtest_button,
            self._check_correspondence_states,
            self._check_confirm_sender,
            self._check_correspondence_replies,
            self._check_journal_pdf,
            self._check_journal_xlsx,
        ):
            with self.subTest(check=check.__name__):
                check()
        buttons = view_object_buttons(self.env)
        # the parser finds the buttons, in views, inherited views and wizards alike
        self.assertIn(("res.partner", "action_reactivate"), buttons)
        self.assertIn(("crm.handover.wizard", "action_handover"), buttons)
        # a button in a field's inline list is the comodel's (the ticket's suggested answers)
        self.assertIn(("crm.service.faq.article", "action_link_as_solution"), buttons)
        self.assertNotIn(None, {model for model, _method in buttons}, "buttons of unknown model")
        self.assertEqual(
            buttons - self.called, set(), "buttons of the views not called over XML-RPC here"
        )

    def test_lead_set_lost_without_reason_is_refused_over_xmlrpc(self):
        lead = self.env["crm.lead"].create({"name": "RPC sofa", "type": "opportunity"})
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._rpc("crm.lead", "action_set_lost", [lead.id])
        self.assertIn("Choose a lost reason", caught.exception.faultString)
        self.assertTrue(lead.active)
