from datetime import date

from psycopg2 import IntegrityError, errors

from odoo import api, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestNumbering(CorrespondenceCase):
    def test_incoming_and_outgoing_have_separate_series(self):
        incoming = self._create_item(direction="incoming")
        outgoing = self._create_item(direction="outgoing")
        second_incoming = self._create_item(direction="incoming")
        self.assertEqual(incoming.name, "IN/2021/0001")
        self.assertEqual(outgoing.name, "OUT/2021/0001")
        self.assertEqual(second_incoming.name, "IN/2021/0002")

    def test_numbering_restarts_with_the_year_of_registration(self):
        december = self._create_item(date_registered=date(2018, 12, 31))
        january = self._create_item(date_registered=date(2019, 1, 1))
        self.assertEqual(december.name, "IN/2018/0001")
        self.assertEqual(january.name, "IN/2019/0001")

    def test_each_company_has_its_own_series(self):
        company_b = self.env["res.company"].create({"name": "Salon Rybinsk"})
        first_a = self._create_item()
        first_b = self._create_item(company_id=company_b.id, partner_id=False)
        self.assertEqual(first_a.name, "IN/2021/0001")
        self.assertEqual(first_b.name, "IN/2021/0001")
        self.assertNotEqual(first_a.company_id, first_b.company_id)

    @mute_logger("odoo.sql_db")
    def test_same_number_twice_in_a_company_is_refused(self):
        item = self._create_item()
        with self.assertRaises(IntegrityError):
            self._create_item(name=item.name)
            self.env.flush_all()

    def test_two_users_registering_at_once_get_distinct_numbers(self):
        """Two open transactions register an item each before either commits."""
        today = fields.Date.context_today(self.env["crm.correspondence"])
        admin_id = self.env.ref("base.user_admin").id
        values = {
            "direction": "incoming",
            "subject": "Concurrent registration",
            "date_registered": today,
        }
        names = []
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, admin_id, {})
            env_2 = api.Environment(cr_2, admin_id, {})
            item_1 = env_1["crm.correspondence"].create(dict(values))
            env_1.flush_all()
            item_2 = env_2["crm.correspondence"].create(dict(values))
            env_2.flush_all()
            names = [item_1.name, item_2.name]
            ids = [item_1.id, item_2.id]
            cr_1.commit()
            cr_2.commit()
        try:
            prefix = f"IN/{today.year}/"
            self.assertTrue(all(name.startswith(prefix) for name in names), names)
            self.assertNotEqual(names[0], names[1])
            self.assertEqual(int(names[1].rsplit("/", 1)[1]), int(names[0].rsplit("/", 1)[1]) + 1)
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, admin_id, {})
                env["crm.correspondence"].browse(ids).unlink()

    def test_item_registered_today_is_numbered_in_the_current_year(self):
        item = self.env["crm.correspondence"].create({"subject": "Walk-in letter"})
        today = fields.Date.context_today(item)
        self.assertEqual(item.date_registered, today)
        self.assertRegex(item.name, rf"^IN/{today.year}/\d{{4}}$")


@tagged("post_install", "-at_install")
class TestNumberingNewYear(CorrespondenceCase):
    """Alone in its class: it commits, and a transaction started before (the class's own)
    would then fail with the very serialization error the test expects."""

    @mute_logger("odoo.sql_db")
    def test_first_items_of_a_new_year_registered_at_once_never_share_a_number(self):
        """No range exists yet for the year: both transactions would create one.

        The second one must fail with a serialization error, which Odoo retries, and the
        retry draws the next number of the range the first one created; it must not
        fail with a duplicate number, which nothing retries.
        """
        admin_id = self.env.ref("base.user_admin").id
        values = {
            "direction": "incoming",
            "subject": "First letter of 2017",
            "date_registered": date(2017, 6, 1),
        }
        ids = []
        try:
            with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
                env_1 = api.Environment(cr_1, admin_id, {})
                env_2 = api.Environment(cr_2, admin_id, {})
                # the second transaction starts before the first one commits
                env_2["crm.correspondence"].search_count([])
                item_1 = env_1["crm.correspondence"].create(dict(values))
                env_1.flush_all()
                ids.append(item_1.id)
                self.assertEqual(item_1.name, "IN/2017/0001")
                cr_1.commit()
                with self.assertRaises(errors.SerializationFailure):
                    env_2["crm.correspondence"].create(dict(values))
                    env_2.flush_all()
                cr_2.rollback()
                # what Odoo does with a serialization failure: run it again
                env_2 = api.Environment(cr_2, admin_id, {})
                item_2 = env_2["crm.correspondence"].create(dict(values))
                env_2.flush_all()
                ids.append(item_2.id)
                self.assertEqual(item_2.name, "IN/2017/0002")
                cr_2.commit()
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, admin_id, {})
                env["crm.correspondence"].browse(ids).unlink()
                env["ir.sequence.date_range"].search(
                    [
                        ("sequence_id.code", "like", "crm.correspondence.%"),
                        ("date_from", "=", "2017-01-01"),
                    ]
                ).unlink()
