from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketLinks(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agent = new_test_user(
            cls.env,
            login="links_agent",
            groups="helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Kyiv Interiors LLC", "is_company": True}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Iryna (buyer)", "parent_id": cls.client.id}
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Another shop"})
        cls.product = cls.env["product.product"].create({"name": "Corner sofa", "list_price": 900})
        cls.order = cls.env["sale.order"].create(
            {"partner_id": cls.buyer.id, "order_line": [(0, 0, {"product_id": cls.product.id})]}
        )
        cls.order.action_confirm()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Showroom service"})

    def _ticket(self, **values):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Torn armrest",
                "description": "<p>Torn</p>",
                "team_id": self.team.id,
                "partner_id": self.buyer.id,
                **values,
            }
        )

    def test_order_and_invoice_count_their_tickets_both_ways(self):
        first = self._ticket(sale_order_id=self.order.id, invoice_id=self.invoice.id)
        self._ticket(sale_order_id=self.order.id)
        self.assertEqual(self.order.ticket_count, 2)
        self.assertEqual(self.invoice.ticket_count, 1)
        self.assertEqual(self.order.ticket_ids.sale_order_id, self.order)
        self.assertEqual(self.invoice.ticket_ids, first)
        action = self.order.with_user(self.agent).action_view_tickets()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]), self.order.ticket_ids
        )
        self.assertEqual(action["context"]["default_sale_order_id"], self.order.id)
        action = self.invoice.with_user(self.agent).action_view_tickets()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), first)

    def test_client_counts_open_and_all_tickets_of_its_contacts(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self._ticket()
        self._ticket(stage_id=done.id)
        self._ticket(partner_id=self.stranger.id)
        self.client.invalidate_recordset()
        # two tickets of the buyer count for the company and for the buyer; one is open
        self.assertEqual(self.client.helpdesk_ticket_count, 2)
        self.assertEqual(self.client.helpdesk_ticket_active_count, 1)
        self.assertEqual(self.client.helpdesk_ticket_count_string, "1 / 2")
        self.assertEqual(self.buyer.helpdesk_ticket_count, 2)
        self.assertEqual(self.stranger.helpdesk_ticket_count, 1)

    def test_partner_list_counters_cost_constant_queries(self):
        partners = self.env["res.partner"].create([{"name": f"Shop {i}"} for i in range(12)])
        for partner in partners:
            self._ticket(partner_id=partner.id)
        counts = []
        for size in (2, 12):
            self.env.invalidate_all()
            subset = self.env["res.partner"].browse(partners[:size].ids)
            start = self.cr.sql_log_count
            values = subset.mapped("helpdesk_ticket_count")
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(values, [1] * size)
        self.assertEqual(counts[0], counts[1])

    def test_order_of_another_client_is_refused(self):
        other_order = self.env["sale.order"].create({"partner_id": self.stranger.id})
        with self.assertRaises(ValidationError) as refusal:
            self._ticket(sale_order_id=other_order.id)
        self.assertIn("is not an order of Kyiv Interiors LLC", str(refusal.exception))
        ticket = self._ticket()
        with self.assertRaises(ValidationError):
            ticket.invoice_id = self.env["account.move"].create(
                {"move_type": "out_invoice", "partner_id": self.stranger.id}
            )
        self.assertFalse(ticket.invoice_id)

    def test_form_offers_the_clients_order(self):
        with Form(self.env["helpdesk.ticket"].with_user(self.agent)) as form:
            form.name = "Torn armrest"
            form.description = "<p>Torn</p>"
            form.partner_id = self.buyer
            form.sale_order_id = self.order
        self.assertEqual(form.record.sale_order_id, self.order)
