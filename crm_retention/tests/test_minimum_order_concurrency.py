"""Two transactions confirming quotations of the same new client at once (audit B4).

These tests need data that two real database connections see: they commit a dedicated
client, product and quotations, and delete them at the end.
"""

from datetime import date

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..tools import system_write


@tagged("post_install", "-at_install")
class TestMinimumOrderConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.admin_id = self.env.ref("base.user_admin").id
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.admin_id, {})
            product = env["product.product"].create(
                {"name": "Concurrency sofa", "list_price": 800.0, "type": "consu"}
            )
            # A client of another company of the database: it already holds the client
            # role and a first order date, but never ordered from this company, so its
            # first order here is a trial. Its own minimum is 1,000.
            client = env["res.partner"].create(
                {
                    "name": "Concurrent Newcomer",
                    "is_company": True,
                    "minimum_order_amount": 1000,
                    "relationship_role_ids": [
                        Command.set(env.ref("crm_retention.crm_relationship_role_client").ids)
                    ],
                }
            )
            system_write(client).write({"first_order_date": date(2025, 3, 1)})
            quotations = env["sale.order"].create(
                [
                    {
                        "partner_id": client.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 1})
                        ],
                    }
                    for _index in range(2)
                ]
            )  # 800 each: below the minimum, only the trial passes
            self.product_id, self.client_id = product.id, client.id
            self.first_id, self.second_id = quotations.ids
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.admin_id, {})
            orders = env["sale.order"].browse([self.first_id, self.second_id]).exists()
            orders.filtered(lambda order: order.state == "sale")._action_cancel()
            orders.unlink()
            env["res.partner"].browse(self.client_id).unlink()
            env["product.product"].browse(self.product_id).product_tmpl_id.unlink()

    @mute_logger("odoo.sql_db")
    def test_second_trial_waits_for_the_first_confirmation(self):
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, self.admin_id, {})
            env_2 = api.Environment(cr_2, self.admin_id, {})
            first = env_1["sale.order"].browse(self.first_id)
            first.action_confirm()  # the trial, not committed yet
            env_1.flush_all()
            self.assertEqual(first.state, "sale")
            cr_2.execute("SET LOCAL lock_timeout = '2s'")
            try:
                with self.assertRaises(LockNotAvailable):
                    env_2["sale.order"].browse(self.second_id).action_confirm()
            finally:
                cr_2.rollback()
                cr_1.rollback()

    @mute_logger("odoo.sql_db")
    def test_second_trial_after_the_first_commit_is_retried_and_refused(self):
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, self.admin_id, {})
            env_2 = api.Environment(cr_2, self.admin_id, {})
            cr_2.execute("SET LOCAL lock_timeout = '2s'")
            second = env_2["sale.order"].browse(self.second_id)
            self.assertEqual(second.state, "draft")  # the second transaction has begun
            first = env_1["sale.order"].browse(self.first_id)
            first.action_confirm()
            cr_1.commit()
            # the second transaction still sees the client without confirmed orders
            try:
                with self.assertRaises(SerializationFailure):
                    second.action_confirm()
            finally:
                cr_2.rollback()
            # as Odoo retries it, in a new transaction: the trial is gone
            env_2.invalidate_all()
            with self.assertRaises(UserError):
                second.action_confirm()
            cr_2.rollback()
            env_2.invalidate_all()
            self.assertEqual(second.state, "draft")
