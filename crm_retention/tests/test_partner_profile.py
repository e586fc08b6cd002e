from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestPartnerProfile(RetentionCase):
    def test_size_band_follows_headcount(self):
        partners = self.Partner.create(
            [{"name": f"Firm {n}", "is_company": True, "employee_count": n}
             for n in (0, 9, 10, 49, 50, 249, 250)]
        )  # fmt: skip
        self.assertEqual(
            partners.mapped("size_band"),
            [False, "micro", "small", "small", "medium", "medium", "large"],
        )
        grouped = dict(
            self.Partner._read_group([("id", "in", partners.ids)], ["size_band"], ["__count"])
        )
        self.assertEqual(grouped["medium"], 2)

    @freeze_time("2026-06-01")
    def test_years_on_market_from_founding_date_or_typed_year(self):
        dated = self.Partner.create(
            {"name": "Dated", "is_company": True, "founding_date": "2011-12-05"}
        )
        typed = self.Partner.create({"name": "Typed", "is_company": True, "founding_year": 2006})
        self.assertEqual(dated.founding_year, 2011)
        self.assertEqual(dated.years_on_market, 15)
        self.assertEqual(typed.years_on_market, 20)

    @freeze_time("2026-06-01")
    def test_years_on_market_is_searchable(self):
        veteran = self.Partner.create({"name": "Veteran", "founding_year": 1990})
        newcomer = self.Partner.create({"name": "Newcomer", "founding_year": 2024})
        unknown = self.Partner.create({"name": "Unknown"})
        found = self.Partner.search([("years_on_market", ">=", 10)])
        self.assertIn(veteran, found)
        self.assertNotIn(newcomer, found)
        self.assertNotIn(unknown, found)
        self.assertIn(newcomer, self.Partner.search([("years_on_market", "<", 3)]))

    def test_founding_year_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create({"name": "Time traveller", "founding_year": 2999})
        self.assertIn("founding year", str(caught.exception))

    def test_negative_headcount_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Shrinking", "employee_count": -3})

    def test_profile_is_filled_through_the_form(self):
        form = Form(self.Partner)
        form.name = "Lesnoy Dom"
        form.company_type = "company"
        form.employee_count = 30
        form.distribution_role = "distributor"
        form.sales_technology = "dealer_network"
        form.product_application = "Kitchens for new flats"
        form.founding_date = date(2008, 4, 1)
        partner = form.save()
        self.assertEqual(partner.size_band, "small")
        self.assertEqual(partner.founding_year, 2008)
        self.assertEqual(partner.distribution_role, "distributor")

    def test_prospect_becomes_client_on_first_confirmed_order(self):
        prospect = self.Partner.create(
            {"name": "Prospect Ltd", "is_company": True,
             "relationship_role_ids": self.role_prospect.ids}
        )  # fmt: skip
        contact = self.Partner.create({"name": "Buyer", "parent_id": prospect.id})
        order = self.env["sale.order"].create(
            {
                "partner_id": contact.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        self.assertEqual(prospect.relationship_role_ids, self.role_prospect)
        order.action_confirm()
        self.assertEqual(prospect.relationship_role_ids, self.role_client)
        self.assertFalse(contact.relationship_role_ids)

    def test_orders_confirmed_together_promote_and_date_each_client_once(self):
        newcomer = self.Partner.create(
            {"name": "Newcomer", "is_company": True,
             "relationship_role_ids": self.role_prospect.ids}
        )  # fmt: skip
        buyer = self.Partner.create({"name": "Newcomer's buyer", "parent_id": newcomer.id})
        regular = self.Partner.create({"name": "Regular"})
        self._confirmed_order(regular, date_order=datetime(2019, 5, 6, 9, 0))
        orders = self.env["sale.order"].create(
            [
                {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": self.product.id})]}
                for partner in (newcomer, buyer, regular)
            ]
        )
        orders.action_confirm()
        self.assertEqual(orders.mapped("state"), ["sale"] * 3)
        self.assertEqual(newcomer.relationship_role_ids, self.role_client)
        self.assertFalse(buyer.relationship_role_ids, "contacts buy for their company")
        self.assertEqual(newcomer.first_order_date, orders[0].date_order.date())
        self.assertEqual(regular.first_order_date, date(2019, 5, 6), "a client keeps its date")
        self.assertEqual(regular.relationship_role_ids, self.role_client)

    def test_reading_a_partner_leaves_the_client_columns_unloaded(self):
        partner = self.Partner.create({"name": "Narrow read", "employee_count": 12})
        partner.invalidate_recordset()
        self.assertEqual(partner.name, "Narrow read")
        profile_fields = [
            field for field in self.Partner._fields.values() if field.prefetch == "crm_retention"
        ]
        self.assertGreater(len(profile_fields), 20)
        self.assertFalse(any(self.env.cache.contains(partner, f) for f in profile_fields))
        with self.assertQueryCount(1):  # all of them at once, on first use
            self.assertEqual(partner.employee_count, 12)
            self.assertEqual(partner.data_completeness, 100)
            self.assertFalse(partner.is_lost)

    def test_supplier_role_is_kept_when_it_buys(self):
        supplier = self.env.ref("crm_retention.crm_relationship_role_supplier")
        partner = self.Partner.create({"name": "Both ways", "relationship_role_ids": supplier.ids})
        self._confirmed_order(partner)
        self.assertEqual(partner.relationship_role_ids, supplier | self.role_client)

    def test_first_order_date_is_the_earliest_confirmed_order(self):
        partner = self.Partner.create({"name": "Loyal"})
        self._confirmed_order(partner, date_order=datetime(2020, 3, 10, 12, 0))
        self._confirmed_order(partner, date_order=datetime(2023, 1, 5, 12, 0))
        self.assertEqual(partner.first_order_date, date(2020, 3, 10))

    def test_cancelling_the_first_order_moves_the_first_order_date(self):
        partner = self.Partner.create({"name": "Fickle"})
        first = self._confirmed_order(partner, date_order=datetime(2020, 3, 10, 12, 0))
        self._confirmed_order(partner, date_order=datetime(2022, 7, 1, 12, 0))
        first._action_cancel()
        self.assertEqual(partner.first_order_date, date(2022, 7, 1))

    def test_cancelling_the_only_confirmed_order_clears_the_first_order_date(self):
        partner = self.Partner.create({"name": "Changed its mind"})
        order = self._confirmed_order(partner, date_order=datetime(2024, 2, 3, 12, 0))
        self.assertEqual(partner.first_order_date, date(2024, 2, 3))
        order._action_cancel()
        self.assertFalse(partner.first_order_date)

    def test_demo_salon_partners_show_their_gaps(self):
        hotel = self.env.ref("crm_retention.demo_partner_hotel_volga")
        domostroy = self.env.ref("crm_retention.demo_partner_domostroy")
        self.assertLess(hotel.data_completeness, 100)
        self.assertIn("Phone", hotel.data_missing_fields)
        self.assertEqual(domostroy.data_completeness, 100)

    def test_partner_list_columns_cost_the_same_queries_for_2_or_40_partners(self):
        columns = [
            "display_name",
            "relationship_role_ids",
            "size_band",
            "years_on_market",
            "data_completeness",
            "data_missing_fields",
        ]
        partners = self.Partner.create(
            [{"name": f"Listed {i}", "is_company": True, "founding_year": 2000 + i % 20,
              "employee_count": i, "relationship_role_ids": self.role_client.ids}
             for i in range(40)]
        )  # fmt: skip

        def queries_to_read(records):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records.read(columns)
            return self.cr.sql_log_count - before

        self.assertEqual(queries_to_read(partners[:2]), queries_to_read(partners))
