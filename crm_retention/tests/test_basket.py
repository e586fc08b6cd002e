"""Basket analysis (R15) on a hand-built order history.

Products: S sofa, C cushion, T table, H chair, L lamp. Baskets (one client's confirmed orders
of one day), 2026, all before today's analysis:

  b1  P1 01-05  S C L   two orders that day: {S, L} and {C}, merged into one basket
  b2  P2 01-10  S C
  b3  P3 02-01  S C T
  b4  P4 02-03  T H L   + a down-payment line of S and a section line: left out
  b5  P5 02-10  T H L   + a line of C of quantity 0: left out
  b6  P6 03-01  T H
  b7  P1 03-20  T L     (74 days after b1)
  b8  P2 04-01  H       (81 days after b2)
  b9  P7 04-05  S
  b10 P8 05-01  C
  b11..b20  F1..F10, one basket each in May: L
  not counted: a cancelled order and a quotation of S and C (P9), an order of another
  company.

N = 20 baskets; n_S = 4 (b1 b2 b3 b9), n_C = 4 (b1 b2 b3 b10), n_T = 5 (b3..b7),
n_H = 4 (b4 b5 b6 b8), n_L = 14 (b1 b4 b5 b7 + 10).
Pairs found in at least 3 baskets (the default minimum): S-C 3 (b1 b2 b3), T-H 3 (b4 b5 b6),
L-T 3 (b4 b5 b7); the others once or twice (H-L 2, S-T 1...).

  S → C: support 3/20 = 0.15, confidence 3/4 = 0.75, lift 0.75 / (4/20) = 3.75
  T → H: support 0.15, confidence 3/5 = 0.6, lift 0.6 / (4/20) = 3.0; H → T 3/4, lift 3.0
  p-values, P(X ≥ k) for X hypergeometric (N = 20, n_A, n_B), by hand:
  S-C: [C(4,3)·C(16,1) + C(4,4)·C(16,0)] / C(20,4) = (64 + 1) / 4845 = 0.013416  kept
  T-H: [C(5,3)·C(15,1) + C(5,4)·C(15,0)] / C(20,4) = (150 + 5) / 4845 = 0.031992  kept
  L-T: Σ_{k=3..5} C(14,k)·C(6,5-k) / C(20,5) = (5460 + 6006 + 2002) / 15504 = 0.868679:
       frequent products meet often by chance, refused at 0.05

Bought next (window 90 days): P1's b1 is followed by b7 74 days later, P2's b2 by b8 81 days
later; no other client has two baskets. Baskets with A followed by any basket within the
window: S 2 (b1 b2), C 2, L 1 (b1). With a minimum count of 1: S ⇒ T, S ⇒ L, C ⇒ T, C ⇒ L
once each of 2 (confidence 1/2, 74 days), S ⇒ H and C ⇒ H once of 2 (81 days), L ⇒ T once
of 1 (74 days). With a window of 80 days, P2's b8 is too late: S ⇒ H and C ⇒ H disappear
and S ⇒ T becomes 1 of 1.

Suggestions (the kept pairs, never a product the client bought): P1 (S C L T) → H by T → H;
P2 (S C H) → T by H → T (0.75); P3 (S C T) → H; P7 (S) → C; P8 (C) → S; P4, P5, P6 bought
both T and H: nothing (P4's down payment of S is no purchase of S).
"""

import io
import re
from datetime import date, datetime, timedelta
from math import comb

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .test_client_value import ClientValueCase

P_SC = (comb(4, 3) * comb(16, 1) + 1) / comb(20, 4)
P_TH = (comb(5, 3) * comb(15, 1) + comb(5, 4)) / comb(20, 4)
P_LT = sum(comb(14, k) * comb(6, 5 - k) for k in range(3, 6)) / comb(20, 5)


class BasketCase(ClientValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].with_company(cls.company)
        cls.chair = product.create(
            {"name": "Chair", "list_price": 80, "standard_price": 30, "taxes_id": []}
        )
        cls.lamp = product.create(
            {"name": "Lamp", "list_price": 40, "standard_price": 15, "taxes_id": []}
        )
        S, C, T, H, L = cls.sofa, cls.cushion, cls.table, cls.chair, cls.lamp
        cls.p = {}
        for number, user in (
            (1, cls.anna),
            (2, cls.anna),
            (3, cls.anna),
            (4, cls.boris),
            (5, cls.boris),
            (6, cls.boris),
            (7, cls.anna),
            (8, cls.boris),
            (9, cls.boris),
        ):
            cls.p[number] = cls._client(f"Basket client P{number}", user)
        cls._order(cls.p[1], "2026-01-05 09:00:00", [S, L])
        cls._order(cls.p[1], "2026-01-05 17:30:00", [C])
        cls._order(cls.p[2], "2026-01-10 10:00:00", [S, C])
        cls._order(cls.p[3], "2026-02-01 10:00:00", [S, C, T])
        cls._order(
            cls.p[4],
            "2026-02-03 10:00:00",
            [T, H, L],
            extra=[
                {"display_type": "line_section", "name": "Living room"},
                {"product_id": S.id, "product_uom_qty": 1, "is_downpayment": True},
            ],
        )
        cls._order(
            cls.p[5],
            "2026-02-10 10:00:00",
            [T, H, L],
            extra=[{"product_id": C.id, "product_uom_qty": 0}],
        )
        cls._order(cls.p[6], "2026-03-01 10:00:00", [T, H])
        cls._order(cls.p[1], "2026-03-20 10:00:00", [T, L])
        cls._order(cls.p[2], "2026-04-01 10:00:00", [H])
        cls._order(cls.p[7], "2026-04-05 10:00:00", [S])
        cls._order(cls.p[8], "2026-05-01 10:00:00", [C])
        for number in range(10):
            filler = cls._client(f"Basket filler F{number + 1}", cls.boris)
            cls._order(filler, f"2026-05-{number + 2:02d} 10:00:00", [L])
        # not confirmed sales: a cancelled order and a quotation
        cancelled = cls._order(cls.p[9], "2026-05-20 10:00:00", [S, C])
        cancelled._action_cancel()
        cls._order(cls.p[9], "2026-05-21 10:00:00", [S, C], confirm=False)
        cls.Pair = cls.env["crm.product.pair"]
        cls.Sequence = cls.env["crm.product.sequence"]
        cls.Suggestion = cls.env["crm.product.suggestion"]

    @classmethod
    def _order(cls, partner, when, products, extra=(), confirm=True, company=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": partner.user_id.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                    for product in products
                ]
                + [Command.create(values) for values in extra],
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = when
        return order

    def _refresh(self):
        self.Analysis._refresh_current(self.company)

    def _pairs(self):
        return {
            (pair.product_id, pair.companion_product_id): pair
            for pair in self.Pair.search([("company_id", "=", self.company.id)])
        }

    def _sequences(self):
        return {
            (rule.product_id, rule.next_product_id): rule
            for rule in self.Sequence.search([("company_id", "=", self.company.id)])
        }

    def _suggested(self, partner):
        return self.Suggestion.search(
            [("company_id", "=", self.company.id), ("partner_id", "=", partner.id)]
        ).product_id


@tagged("post_install", "-at_install")
class TestBasket(BasketCase):
    def test_pairs_figures(self):
        self._refresh()
        pairs = self._pairs()
        S, C, T, H = self.sofa, self.cushion, self.table, self.chair
        # L-T is frequent enough but not significant; the rest too rare
        self.assertEqual(set(pairs), {(S, C), (C, S), (T, H), (H, T)})
        sc = pairs[S, C]
        self.assertEqual(
            (sc.pair_count, sc.product_basket_count, sc.companion_basket_count, sc.basket_count),
            (3, 4, 4, 20),
        )
        self.assertAlmostEqual(sc.support, 0.15)
        self.assertAlmostEqual(sc.confidence, 0.75)
        self.assertAlmostEqual(sc.lift, 3.75)
        self.assertAlmostEqual(sc.p_value, 65 / 4845)
        self.assertAlmostEqual(sc.p_value, P_SC)
        self.assertEqual(sc.as_of_date, fields.Date.context_today(self.Analysis))
        cs = pairs[C, S]
        self.assertAlmostEqual(cs.confidence, 0.75)
        self.assertAlmostEqual(cs.lift, 3.75)
        th, ht = pairs[T, H], pairs[H, T]
        self.assertEqual((th.pair_count, th.product_basket_count), (3, 5))
        self.assertAlmostEqual(th.support, 0.15)
        self.assertAlmostEqual(th.confidence, 0.6)
        self.assertAlmostEqual(ht.confidence, 0.75)
        self.assertAlmostEqual(th.lift, 3.0)
        self.assertAlmostEqual(ht.lift, 3.0)
        self.assertAlmostEqual(th.p_value, 155 / 4845)
        self.assertAlmostEqual(ht.p_value, P_TH)

    def test_significance_and_minimum_count(self):
        # every pair found 3 times, the frequent lamp and table too
        self.company.crm_basket_significance = 1.0
        self._refresh()
        pairs = self._pairs()
        L, T = self.lamp, self.table
        self.assertEqual(len(pairs), 6)
        lt = pairs[L, T]
        self.assertEqual((lt.pair_count, lt.product_basket_count), (3, 14))
        self.assertAlmostEqual(lt.confidence, 3 / 14)
        self.assertAlmostEqual(lt.lift, (3 / 14) / (5 / 20))
        self.assertAlmostEqual(lt.p_value, P_LT)
        self.assertAlmostEqual(lt.p_value, 13468 / 15504)
        # a pair found twice (H-L) comes in at a minimum count of 2
        self.company.crm_basket_min_count = 2
        self._refresh()
        self.assertIn((self.chair, self.lamp), self._pairs())
        self.assertEqual(self._pairs()[self.chair, self.lamp].pair_count, 2)
        # a minimum of 4: nothing
        self.company.crm_basket_min_count = 4
        self._refresh()
        self.assertFalse(self._pairs())

    def test_excluded_lines_and_same_day_merge(self):
        self._refresh()
        pairs = self._pairs()
        sc = pairs[self.sofa, self.cushion]
        # P1's two orders of 01-05 are one basket: S-C three times, 20 baskets in all
        self.assertEqual(sc.pair_count, 3)
        self.assertEqual(sc.basket_count, 20)
        # the down payment of S (b4), the quantity 0 of C (b5), the cancelled order and the
        # quotation are not purchases: S and C each in 4 baskets
        self.assertEqual(sc.product_basket_count, 4)
        self.assertEqual(sc.companion_basket_count, 4)
        # another day splits P1's basket: S-C only twice, under the minimum count
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.p[1].id), ("order_line.product_id", "=", self.cushion.id)]
        )
        order.date_order = "2026-01-06 09:00:00"
        self._refresh()
        self.assertNotIn((self.sofa, self.cushion), self._pairs())

    def test_bought_next_within_the_window(self):
        self.company.crm_basket_min_count = 1
        self._refresh()
        S, C, T, H, L = self.sofa, self.cushion, self.table, self.chair, self.lamp
        rules = self._sequences()
        self.assertEqual(set(rules), {(S, T), (S, L), (C, T), (C, L), (S, H), (C, H), (L, T)})
        for key in ((S, T), (S, L), (C, T), (C, L)):
            self.assertEqual((rules[key].sequence_count, rules[key].product_basket_count), (1, 2))
            self.assertAlmostEqual(rules[key].confidence, 0.5)
            self.assertEqual(rules[key].median_days, 74)
        self.assertEqual(rules[S, H].median_days, 81)
        self.assertAlmostEqual(rules[S, H].confidence, 0.5)
        self.assertAlmostEqual(rules[L, T].confidence, 1.0)
        self.assertEqual(rules[L, T].window_days, 90)
        # 81 days is beyond a window of 80: P2's second basket is too late
        self.company.crm_basket_next_days = 80
        self._refresh()
        rules = self._sequences()
        self.assertEqual(set(rules), {(S, T), (S, L), (C, T), (C, L), (L, T)})
        self.assertEqual(rules[S, T].product_basket_count, 1)
        self.assertAlmostEqual(rules[S, T].confidence, 1.0)
        # exactly 74 days is within a window of 74, not of 73
        self.company.crm_basket_next_days = 74
        self._refresh()
        self.assertEqual(len(self._sequences()), 5)
        self.company.crm_basket_next_days = 73
        self._refresh()
        self.assertFalse(self._sequences())
        # the default minimum count of 3: no rule in this small history
        self.company.write({"crm_basket_min_count": 3, "crm_basket_next_days": 90})
        self._refresh()
        self.assertFalse(self._sequences())

    def test_suggestions_skip_what_the_client_bought(self):
        self._refresh()
        S, C, T, H = self.sofa, self.cushion, self.table, self.chair
        self.assertEqual(self._suggested(self.p[1]), H)
        self.assertEqual(self._suggested(self.p[2]), T)
        self.assertEqual(self._suggested(self.p[3]), H)
        self.assertEqual(self._suggested(self.p[7]), C)
        self.assertEqual(self._suggested(self.p[8]), S)
        for number in (4, 5, 6, 9):
            self.assertFalse(self._suggested(self.p[number]), number)
        suggestion = self.Suggestion.search([("partner_id", "=", self.p[7].id)])
        self.assertEqual(suggestion.rule, "pair")
        self.assertEqual(suggestion.source_product_id, S)
        self.assertEqual(suggestion.user_id, self.anna)
        self.assertEqual(suggestion.rank, 1)
        self.assertEqual(
            suggestion.reason,
            "Bought with Sofa by 75% of its buyers (3.8× more often than usual)",
        )
        # the portrait shows them
        self.assertEqual(self.p[7].basket_suggestion_ids, suggestion)
        # once P7 bought the cushion, it is suggested no more
        self._order(self.p[7], "2026-06-01 10:00:00", [C])
        self._refresh()
        self.assertFalse(self._suggested(self.p[7]))

    def test_suggestions_top_n_and_sequences(self):
        # every pair found once is a rule: P7 (S only) gets C by S-C (3 of S's 4 baskets),
        # T by S-T and L by S-L (1 of 4 each; lift T (1/4)/(5/20) = 1.0 > L (1/4)/(14/20))
        self.company.write({"crm_basket_min_count": 1, "crm_basket_significance": 1.0})
        self._refresh()
        self.assertEqual(self._suggested(self.p[7]), self.cushion | self.table | self.lamp)
        self.company.crm_basket_suggestion_count = 2
        self._refresh()
        suggestions = self.Suggestion.search([("partner_id", "=", self.p[7].id)])
        self.assertEqual(suggestions.mapped("rank"), [1, 2])
        self.assertEqual(suggestions.product_id.ids, [self.cushion.id, self.table.id])
        # a "bought next" rule suggests only after a purchase within the window: the
        # history ends in May, months before today
        self.assertFalse(self.Suggestion.search([("rule", "=", "sequence")]))
        # P8 (C in May) buys C again 10 days ago: C => H (P2, 1 of the 2 followed baskets
        # with C, 81 days later) suggests H, which no pair with C does
        today = fields.Date.context_today(self.Analysis)
        C = self.cushion
        self._order(self.p[8], f"{today - timedelta(days=10)} 10:00:00", [C])
        self.company.crm_basket_suggestion_count = 5
        self._refresh()
        by_product = {
            s.product_id: s for s in self.Suggestion.search([("partner_id", "=", self.p[8].id)])
        }
        chair = by_product[self.chair]
        self.assertEqual((chair.rule, chair.source_product_id), ("sequence", C))
        self.assertAlmostEqual(chair.confidence, 0.5)
        self.assertEqual(
            chair.reason,
            "Bought within 90 days after Cushion by 50% of its buyers (median 81 days later)",
        )

    def test_only_current_full_refresh_recomputes(self):
        self._refresh()
        before = self.Pair.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(before), 4)
        # a look-back analysis leaves the rules as they are
        self._analysis(date(2026, 1, 31))
        self.assertEqual(self.Pair.search([("company_id", "=", self.company.id)]), before)
        # one client's refresh too
        self.Analysis._refresh_partners({self.company.id: self.p[1].ids})
        self.assertEqual(self.Pair.search([("company_id", "=", self.company.id)]), before)
        # the current one's full refresh writes them anew
        self.Analysis._current_for(self.company).action_refresh()
        after = self.Pair.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(after), 4)
        self.assertFalse(before.exists())

    def test_bad_settings_are_refused(self):
        for values, message in (
            ({"crm_basket_min_count": 0}, "minimum count"),
            ({"crm_basket_significance": 0.0}, "significance level"),
            ({"crm_basket_significance": 1.5}, "significance level"),
            ({"crm_basket_significance": -0.05}, "significance level"),
            ({"crm_basket_next_days": 0}, "window"),
            ({"crm_basket_suggestion_count": 0}, "suggested product"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self.company.write(values)
            self.env.invalidate_all()
        self.company.invalidate_recordset()
        self.assertEqual(
            (
                self.company.crm_basket_min_count,
                self.company.crm_basket_significance,
                self.company.crm_basket_next_days,
                self.company.crm_basket_suggestion_count,
            ),
            (3, 0.05, 90, 5),
        )
        # through the settings screen too
        Settings = self.env["res.config.settings"].with_company(self.company)
        with self.assertRaisesRegex(ValidationError, "minimum count"), self.env.cr.savepoint():
            Settings.create({"crm_basket_min_count": 0}).execute()
        self.env.invalidate_all()
        self.assertEqual(self.company.crm_basket_min_count, 3)
        # the bounds are accepted
        self.company.write({"crm_basket_min_count": 1, "crm_basket_significance": 1.0})
        self.company.write({"crm_basket_next_days": 1, "crm_basket_suggestion_count": 1})

    def test_add_suggested_product_rpc_and_form(self):
        self._refresh()
        # Anna's quotation for her client P7, written in the form
        with Form(self.env["sale.order"].with_user(self.anna)) as form:
            form.partner_id = self.p[7]
            with form.order_line.new() as line:
                line.product_id = self.table
        order = form.record
        self.assertEqual(order.basket_suggestion_ids.product_id, self.cushion)
        # the Add button, as an RPC caller calls it: a plain True
        result = (
            self.env["sale.order"]
            .with_user(self.anna)
            .browse(order.id)
            .action_add_suggested_product(self.cushion.id)
        )
        self.assertIs(result, True)
        self.assertEqual(order.order_line.product_id, self.table | self.cushion)
        cushion_line = order.order_line.filtered(lambda line: line.product_id == self.cushion)
        self.assertEqual(cushion_line.product_uom_qty, 1)
        self.assertAlmostEqual(cushion_line.price_unit, 100)
        # the suggestion leaves the order's list, not the client's
        order.invalidate_recordset()
        self.assertFalse(order.basket_suggestion_ids)
        with Form(order.with_user(self.anna)) as form:
            self.assertEqual(len(form.order_line), 2)
            self.assertFalse(form.basket_suggestion_ids)
        self.assertEqual(self._suggested(self.p[7]), self.cushion)
        # the list's button: the suggestion's own action with the order in the context
        order.order_line.filtered(lambda line: line.product_id == self.cushion).unlink()
        suggestion = order.with_user(self.anna).basket_suggestion_ids
        self.assertEqual(len(suggestion), 1)
        self.assertIs(
            suggestion.with_context(suggestion_order_id=order.id).action_add_to_order(), True
        )
        self.assertIn(self.cushion, order.order_line.product_id)
        # called without its quotation, it says so
        with self.assertRaisesRegex(UserError, "Open a quotation"):
            suggestion.action_add_to_order()

    def test_add_refused_outside_quotations(self):
        self._refresh()
        order = self._order(self.p[7], "2026-06-10 10:00:00", [self.table])
        lines = order.order_line
        with self.assertRaisesRegex(UserError, "no longer a quotation"):
            order.with_user(self.anna).action_add_suggested_product(self.cushion.id)
        self.assertEqual(order.order_line, lines)
        # a confirmed order lists no suggestion
        self.assertFalse(order.basket_suggestion_ids)
        quotation = self._order(self.p[7], "2026-06-10 10:00:00", [self.table], confirm=False)
        lines = quotation.order_line
        for product_id in (0, 999999999):
            with self.assertRaisesRegex(UserError, "cannot be sold"):
                quotation.action_add_suggested_product(product_id)
        self.cushion.sale_ok = False
        with self.assertRaisesRegex(UserError, "cannot be sold"):
            quotation.action_add_suggested_product(self.cushion.id)
        self.assertEqual(quotation.order_line, lines)
        # another salesperson's quotation: Boris may not write Anna's
        self.cushion.sale_ok = True
        quotation.user_id = self.anna
        with self.assertRaises(AccessError):
            quotation.with_user(self.boris).action_add_suggested_product(self.cushion.id)

    def test_access_salesperson_and_billing(self):
        self._refresh()
        as_anna = self.Suggestion.with_user(self.anna)
        # Anna reads her clients' suggestions (P1, P2, P3, P7), not Boris's (P8)
        self.assertEqual(
            as_anna.search([]).partner_id, self.p[1] | self.p[2] | self.p[3] | self.p[7]
        )
        self.assertFalse(self.p[8].with_user(self.anna).basket_suggestion_ids)
        other = self.Suggestion.search([("partner_id", "=", self.p[8].id)])
        with self.assertRaises(AccessError):
            other.with_user(self.anna).read(["product_id"])
        # the company's rules are every salesperson's
        self.assertEqual(len(self.Pair.with_user(self.anna).search([])), 4)
        self.assertEqual(len(self.Sequence.with_user(self.anna).search([])), 0)
        # nobody writes them but the refresh
        pair = self.Pair.search([], limit=1)
        with self.assertRaises(AccessError):
            pair.with_user(self.anna).write({"lift": 99})
        manager = new_test_user(
            self.env,
            login="basket_manager",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            pair.with_user(manager).unlink()
        self.assertEqual(len(self.Suggestion.with_user(manager).search([])), 5)
        billing = new_test_user(
            self.env,
            login="basket_billing",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.assertEqual(len(self.Suggestion.with_user(billing).search([])), 5)
        self.assertEqual(len(self.Pair.with_user(billing).search([])), 4)
        portal = new_test_user(self.env, login="basket_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.Pair.with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.Suggestion.with_user(portal).search([])

    def test_multi_company(self):
        other = self.setup_other_company(name="Other Basket Salon")["company"]
        # the other company sells S with C three times too: its own rules, not mixed in
        for number in range(3):
            client = self._client(f"Other client {number}")
            self._order(
                client,
                f"2026-03-{number + 1:02d} 10:00:00",
                [self.sofa, self.cushion],
                company=other,
            )
        self._refresh()
        self.Analysis._refresh_current(other)
        pairs = self._pairs()
        # the main company's figures do not count the other's baskets
        self.assertEqual(pairs[self.sofa, self.cushion].basket_count, 20)
        other_pairs = self.Pair.search([("company_id", "=", other.id)])
        # 3 baskets, S and C in all: p = 1, not significant
        self.assertFalse(other_pairs)
        other.crm_basket_significance = 1.0
        self.Analysis._refresh_current(other)
        other_pairs = self.Pair.search([("company_id", "=", other.id)])
        self.assertEqual(len(other_pairs), 2)
        self.assertEqual(other_pairs.mapped("basket_count"), [3, 3])
        # a user of the other company reads its pairs only, never the main company's
        user_b = new_test_user(
            self.env,
            login="basket_other_manager",
            groups="sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertEqual(self.Pair.with_user(user_b).search([]), other_pairs)
        mine = self.Pair.search([("company_id", "=", self.company.id)])
        with self.assertRaises(AccessError):
            mine.with_user(user_b).read(["lift"])
        self.assertFalse(
            self.Suggestion.with_user(user_b).search([("company_id", "=", self.company.id)])
        )
        self.assertFalse(
            self.Sequence.with_user(user_b).search([("company_id", "=", self.company.id)])
        )

    def test_xlsx_sheets(self):
        self.company.crm_basket_min_count = 1
        self._refresh()
        analysis = self.Analysis._current_for(self.company)
        action = analysis.with_user(self.anna).action_export_xlsx()
        attachment_id = re.fullmatch(r"/web/content/(\d+)\?download=true", action["url"]).group(1)
        raw = self.env["ir.attachment"].browse(int(attachment_id)).raw
        book = openpyxl.load_workbook(io.BytesIO(raw))
        self.assertEqual(book.sheetnames[-2:], ["Product Affinity", "Bought Next"])
        sheet = book["Product Affinity"]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header,
            [
                "Product",
                "Bought With",
                "Baskets Together",
                "Baskets with Product",
                "Baskets with Companion",
                "All Baskets",
                "Support (%)",
                "Confidence (%)",
                "Lift",
                "P-value",
                "As of",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        rows = {
            (row[0], row[1]): row
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0] is not None
        }
        # every pair found at least once and significant at 0.05: S-C, T-H only
        self.assertEqual(
            set(rows),
            {("Sofa", "Cushion"), ("Cushion", "Sofa"), ("Table", "Chair"), ("Chair", "Table")},
        )
        sofa_cushion = rows["Sofa", "Cushion"]
        self.assertEqual(sofa_cushion[2:6], (3, 4, 4, 20))
        self.assertAlmostEqual(sofa_cushion[6], 15.0)  # support, in %
        self.assertAlmostEqual(sofa_cushion[7], 75.0)  # confidence, in %
        self.assertAlmostEqual(sofa_cushion[8], 3.75)
        self.assertAlmostEqual(sofa_cushion[9], P_SC, places=6)
        self.assertIsInstance(sofa_cushion[10], datetime)
        cell = sheet.cell(2, 8)
        self.assertEqual((cell.data_type, cell.number_format), ("n", "0.0"))
        sheet = book["Bought Next"]
        self.assertEqual(
            [cell.value for cell in sheet[1]][:6],
            [
                "First Bought",
                "Bought Next",
                "Times Followed",
                "Baskets Followed by Any",
                "Confidence (%)",
                "Median Days Between",
            ],
        )
        rows = {
            (row[0], row[1]): row
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0] is not None
        }
        self.assertEqual(len(rows), 7)
        self.assertEqual(rows["Sofa", "Chair"][2:6], (1, 2, 50.0, 81.0))
