from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from ..hooks import post_init_hook
from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestAnniversaryInstallHook(RetentionCase):
    """Installing the module dates the cooperation of existing buyers."""

    def test_hook_dates_existing_buyers_without_loading_their_orders(self):
        buyer = self.Partner.create({"name": "Galich Interiors", "is_company": True})
        person = self.Partner.create({"name": "Galich buyer", "parent_id": buyer.id})
        self._confirmed_order(person, date_order=datetime(2020, 3, 4, 10, 0))
        self._confirmed_order(buyer, date_order=datetime(2021, 6, 1, 10, 0))
        # as before the module was installed: a customer with no role and no first order
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET first_order_date = NULL, customer_rank = 1 "
                "WHERE id = %(id)s; "
                "DELETE FROM res_partner_relationship_role_rel WHERE partner_id = %(id)s",
                id=buyer.id,
            )
        )
        self.env.invalidate_all()
        SaleOrder = type(self.env["sale.order"])
        with patch.object(SaleOrder, "_search", side_effect=AssertionError("orders loaded")):
            post_init_hook(self.env)
        self.assertEqual(buyer.first_order_date, date(2020, 3, 4), "the person's order counts")
        self.assertEqual(buyer.relationship_role_ids, self.role_client)
        self.assertFalse(person.first_order_date, "dated on the commercial partner only")
