from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestMinimumOrderAmount(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.company.minimum_order_amount = 1000
        cls.currency = cls.company.currency_id
        cls.tag_wholesale = cls.env["res.partner.category"].create(
            {"name": "Bulk buyers", "minimum_order_amount": 3000}
        )
        cls.tag_dealer = cls.env["res.partner.category"].create(
            {"name": "Dealers", "minimum_order_amount": 2000}
        )
        cls.client = cls.Partner.create({"name": "Repeat Client", "is_company": True})
        cls.contact = cls.Partner.create({"name": "Olga Buyer", "parent_id": cls.client.id})
        cls._history(cls.client)

    @classmethod
    def _history(cls, partner):
        """One confirmed order big enough for any threshold: the client is not new."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 10})],
            }
        )
        order.action_confirm()
        return order

    def _quotation(self, partner, qty=1, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": qty})],
                **values,
            }
        )

    def _amount(self, value):
        return f"{value:,.2f}"

    def test_order_below_company_minimum_is_refused_and_stays_a_quotation(self):
        order = self._quotation(self.contact)  # 800 < 1,000
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        message = str(refusal.exception)
        self.assertIn(order.name, message)
        self.assertIn(self._amount(800), message)
        self.assertIn(self._amount(1000), message)
        self.assertIn(f"the company {self.company.name}", message)
        self.assertEqual(order.state, "draft")

    def test_order_exactly_at_the_minimum_is_confirmed(self):
        self.company.minimum_order_amount = 800
        order = self._quotation(self.client)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_highest_tag_minimum_beats_the_company_minimum(self):
        self.client.category_id = self.tag_wholesale | self.tag_dealer
        order = self._quotation(self.client, qty=3)  # 2,400: passes dealers, not bulk buyers
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        self.assertIn(self._amount(3000), str(refusal.exception))
        self.assertIn("the client tag Bulk buyers", str(refusal.exception))
        self.assertEqual(order.state, "draft")

    def test_client_minimum_beats_its_tags(self):
        self.client.category_id = self.tag_wholesale
        self.client.minimum_order_amount = 500
        order = self._quotation(self.contact)  # 800: below the tag, above the client's own
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_client_minimum_refusal_names_the_client(self):
        self.client.minimum_order_amount = 2000
        order = self._quotation(self.contact, qty=2)
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        self.assertIn("the client Repeat Client", str(refusal.exception))
        self.assertIn(self._amount(1600), str(refusal.exception))
        self.assertEqual(order.state, "draft")

    def test_first_order_of_a_new_client_is_a_trial(self):
        newcomer = self.Partner.create({"name": "Newcomer", "is_company": True})
        order = self._quotation(newcomer)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_confirming_two_small_orders_of_a_new_client_grants_one_trial_only(self):
        newcomer = self.Partner.create({"name": "Newcomer", "is_company": True})
        first = self._quotation(newcomer, date_order=datetime(2026, 11, 1, 10, 0))
        second = self._quotation(newcomer, date_order=datetime(2026, 11, 2, 10, 0))
        with self.assertRaises(UserError) as refusal:
            (first | second).action_confirm()
        self.assertIn(second.name, str(refusal.exception))
        self.assertNotIn(first.name, str(refusal.exception))
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])

    def test_one_order_below_the_minimum_blocks_the_whole_confirmation(self):
        big = self._quotation(self.client, qty=2)
        small = self._quotation(self.client)
        with self.assertRaises(UserError) as refusal:
            (big | small).action_confirm()
        self.assertIn(small.name, str(refusal.exception))
        self.assertNotIn(big.name, str(refusal.exception))
        self.assertEqual((big | small).mapped("state"), ["draft", "draft"])

    def test_several_orders_above_the_minimum_are_confirmed_in_one_call(self):
        other = self.Partner.create({"name": "Other Client", "is_company": True})
        self._history(other)
        orders = self._quotation(self.client, qty=2) | self._quotation(other, qty=5)
        orders.action_confirm()
        self.assertEqual(orders.mapped("state"), ["sale", "sale"])

    def _foreign_currency_with_rates(self):
        foreign = self.env.ref("base.EUR" if self.currency.name != "EUR" else "base.USD")
        foreign.active = True
        # rate = foreign units per company unit: 1 foreign = 2 company units on June 1st,
        # 0.5 company units from November 1st
        self.env["res.currency.rate"].create(
            [
                {"name": "2026-06-01", "rate": 0.5, "currency_id": foreign.id,
                 "company_id": self.company.id},
                {"name": "2026-11-01", "rate": 2.0, "currency_id": foreign.id,
                 "company_id": self.company.id},
            ]
        )  # fmt: skip
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": foreign.id, "company_id": self.company.id}
        )
        return pricelist

    def _foreign_quotation(self, pricelist, price_unit):
        order = self._quotation(
            self.client, pricelist_id=pricelist.id, date_order=datetime(2026, 6, 15, 10, 0)
        )
        order.order_line.price_unit = price_unit
        return order

    def test_foreign_currency_is_converted_at_the_order_date(self):
        pricelist = self._foreign_currency_with_rates()
        order = self._foreign_quotation(pricelist, 600)  # 1,200 at the June rate, 300 today
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_foreign_currency_refusal_shows_the_converted_amount(self):
        pricelist = self._foreign_currency_with_rates()
        order = self._foreign_quotation(pricelist, 400)  # 800 in the company currency
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        self.assertIn(self._amount(800), str(refusal.exception))
        self.assertEqual(order.state, "draft")

    def test_unconfigured_minimum_confirms_any_order(self):
        self.company.minimum_order_amount = 0
        order = self._quotation(self.client, qty=0.01)
        self.assertFalse(order._get_minimum_order_thresholds())
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_quotation_below_the_minimum_shows_a_warning(self):
        small = self._quotation(self.client)
        big = self._quotation(self.client, qty=2)
        self.assertIn(self._amount(1000), small.minimum_order_warning)
        self.assertFalse(big.minimum_order_warning)

    def _override(self, user, orders, reason):
        wizard = (
            self.env["sale.order.minimum.override"]
            .with_user(user)
            .create({"order_ids": orders.ids, "reason": reason})
        )
        return wizard.action_confirm()

    def test_manager_confirms_below_minimum_with_a_logged_reason(self):
        order = self._quotation(self.client)
        self._override(self.sales_manager, order, "Pilot delivery agreed with the director")
        self.assertEqual(order.state, "sale")
        log = order.message_ids.filtered(lambda m: "below the minimum" in (m.body or ""))
        self.assertEqual(len(log), 1)
        self.assertIn("Pilot delivery agreed with the director", log.body)
        self.assertIn(self._amount(800), log.body)
        self.assertIn(self._amount(1000), log.body)
        self.assertIn(self.sales_manager.name, log.body)
        # the origin of the minimum reads as words, not as a raw tuple (audit E3)
        self.assertIn(f"set on the company {self.company.name})", log.body)

    def test_override_without_a_reason_is_refused(self):
        order = self._quotation(self.client)
        with self.assertRaises(UserError):
            self._override(self.sales_manager, order, "   ")
        self.assertEqual(order.state, "draft")

    def test_salesperson_cannot_use_the_override_wizard(self):
        order = self._quotation(self.client)
        with self.assertRaises(AccessError):
            self._override(self.salesman, order, "My client insists")
        self.assertEqual(order.state, "draft")

    def test_salesperson_cannot_bypass_the_minimum_through_the_context(self):
        order = self._quotation(self.client)
        order.user_id = self.salesman
        with self.assertRaises(UserError):
            order.with_user(self.salesman).with_context(
                minimum_order_override=True
            ).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_salesperson_cannot_change_a_client_minimum(self):
        self.client.minimum_order_amount = 2000
        with self.assertRaises(AccessError):
            self.client.with_user(self.salesman).write({"minimum_order_amount": 0})
        self.assertEqual(self.client.minimum_order_amount, 2000)

    def test_salesperson_order_below_the_client_minimum_is_refused(self):
        self.client.minimum_order_amount = 2000
        order = self._quotation(self.client)
        order.user_id = self.salesman
        with self.assertRaises(UserError) as refusal:
            order.with_user(self.salesman).action_confirm()
        self.assertIn("the client Repeat Client", str(refusal.exception))
        self.assertEqual(order.state, "draft")

    def test_negative_minimum_is_refused(self):
        with self.assertRaises(ValidationError):
            self.client.minimum_order_amount = -1
        self.assertEqual(self.client.minimum_order_amount, 0)

    def test_settings_set_the_company_minimum(self):
        settings = Form(self.env["res.config.settings"])
        settings.minimum_order_amount = 5000
        settings.save().execute()
        self.assertEqual(self.company.minimum_order_amount, 5000)

    def _queries(self, orders):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        refusals = orders._get_minimum_order_refusals()
        return self.env.cr.sql_log_count - before, len(refusals)

    def test_threshold_check_runs_a_constant_number_of_queries(self):
        self.client.category_id = self.tag_dealer
        clients = self.Partner.create(
            [{"name": f"Client {i}", "is_company": True, "category_id": self.tag_dealer.ids}
             for i in range(10)]
        )  # fmt: skip
        for client in clients:
            self._history(client)
        one = self._quotation(self.client)
        many = self.env["sale.order"].concat(*(self._quotation(c) for c in clients))
        self._queries(one | many)  # warm the registry caches (translations, rules)
        queries_one, refused_one = self._queries(one)
        queries_many, refused_many = self._queries(many)
        self.assertEqual((refused_one, refused_many), (1, 10))
        self.assertEqual(queries_many, queries_one)
