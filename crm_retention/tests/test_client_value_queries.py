"""The partner list's client-value columns cost the same number of queries for 2 clients
as for 10.

Clients C1..C10, each one invoice of 111 × i (no tax) on today − i days, immediate
payment term (due that day): all but C1 are overdue by their whole amount, C1 paid in full.
Odd clients belong to Anna, even ones to Boris. Revenue 111 × i of 6,105 in all:
  ABC (A 80 %, B 15 %): share of the clients ranked before C10..C1 = 0, 18.2, 34.5, 49.1,
  61.8, 72.7 (C10..C5: A), 81.8, 89.1, 94.5 (C4..C2: B), 98.2 (C1: C).
  RFM: one purchase each (F 5); recency ⌈5 × (11 − i) / 10⌉ = 5, 5, 4, 4, 3, 3, 2, 2, 1, 1:
  C1, C2 Champions; C3..C6 Loyal; C7..C10 Cannot Lose Them.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged, users

from .test_client_value import ClientValueCase

# the optional columns of the partner list (res_partner_view_list_client_value)
SPECIFICATION = {
    "display_name": {},
    "client_abc_class": {},
    "client_rfm_segment_id": {"fields": {"display_name": {}}},
    "client_revenue": {},
    "client_last_purchase": {},
    "client_overdue_amount": {},
}
# measured once (Odoo 18.0), the same for 2 and 10 clients
QUERIES = {"admin": 7, "cv_anna": 7}


@tagged("post_install", "-at_install", "is_query_count")
class TestClientValueQueries(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.user_admin").write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.today = fields.Date.context_today(cls.Analysis)
        cls.clients = cls.env["res.partner"]
        for i in range(1, 11):
            client = cls._client(f"Query Client {i:02d}", cls.anna if i % 2 else cls.boris)
            invoice = cls._invoice(
                client, cls.today - timedelta(days=i), [(cls.table, 1, 111 * i, 0)]
            )
            if i == 1:
                cls._pay(invoice, invoice.invoice_date, 111)
            cls.clients |= client
        cls.Analysis._refresh_current(cls.company)
        segment = "crm_retention.crm_rfm_segment_"
        segments = ["champions"] * 2 + ["loyal"] * 4 + ["cannot_lose"] * 4
        abc = ["c", "b", "b", "b", "a", "a", "a", "a", "a", "a"]
        cls.expected = {
            client.id: {
                "client_abc_class": abc[i - 1],
                "client_rfm_segment_id": cls.env.ref(segment + segments[i - 1]).id,
                "client_revenue": 111.0 * i,
                "client_last_purchase": cls.today - timedelta(days=i),
                "client_overdue_amount": 0.0 if i == 1 else 111.0 * i,
            }
            for i, client in enumerate(cls.clients, start=1)
        }

    def _read(self, clients):
        return self.env["res.partner"].web_search_read([("id", "in", clients.ids)], SPECIFICATION)

    def _cold_read(self, clients):
        """(queries, rows by id) of the read of ``clients`` with nothing left to write and
        an empty record cache."""
        self.env.flush_all()
        self.env.cr.flush()  # the precommit hooks of the set-up (mail tracking)
        self.env.invalidate_all()
        login = self.env.user.login  # read before counting, as assertQueryCount does
        before = self.cr.sql_log_count
        with self.assertQueryCount(**QUERIES):
            result = self._read(clients)
        count = self.cr.sql_log_count - before
        # assertQueryCount accepts fewer queries: the count is exact here
        self.assertEqual(count, QUERIES[login], f"{login}, {len(clients)} clients")
        return count, {row["id"]: row for row in result["records"]}

    def _visible(self, client):
        """What the current user should read of ``client``: everything for the admin,
        only their own clients' figures for a salesperson."""
        if self.env.user == self.anna and client.user_id != self.anna:
            return {
                "client_abc_class": False,
                "client_rfm_segment_id": False,
                "client_revenue": 0.0,
                "client_last_purchase": False,
                "client_overdue_amount": 0.0,
            }
        return self.expected[client.id]

    @users("admin", "cv_anna")
    def test_partner_list_reads_a_constant_number_of_queries(self):
        # warm the caches of access rights, record rules and translations once, cold
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        self._read(self.clients)
        few_count, few = self._cold_read(self.clients[:2])
        many_count, many = self._cold_read(self.clients)
        self.assertEqual(many_count, few_count)
        self.assertEqual(len(few), 2)
        self.assertEqual(len(many), 10)
        for client in self.clients:
            row = many[client.id]
            expected = self._visible(client)
            got = {
                "client_abc_class": row["client_abc_class"],
                "client_rfm_segment_id": row["client_rfm_segment_id"]
                and row["client_rfm_segment_id"]["id"],
                "client_revenue": row["client_revenue"],
                "client_last_purchase": row["client_last_purchase"],
                "client_overdue_amount": row["client_overdue_amount"],
            }
            self.assertEqual(got, expected, client.name)
            if client.id in few:
                self.assertEqual(few[client.id], row)
