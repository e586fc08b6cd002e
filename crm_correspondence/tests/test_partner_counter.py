from odoo.tests import tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install", "is_query_count")
class TestPartnerCounter(CorrespondenceCase):
    def test_counter_includes_items_of_the_clients_contacts(self):
        self._create_item(partner_id=self.client.id)
        self._create_item(partner_id=self.client_contact.id, direction="outgoing")
        self._create_item(partner_id=self.other_client.id)
        self.assertEqual(self.client.correspondence_count, 2)
        self.assertEqual(self.client_contact.correspondence_count, 2)
        self.assertEqual(self.other_client.correspondence_count, 1)

    def test_client_tab_lists_and_opens_the_clients_correspondence(self):
        item = self._create_item(partner_id=self.client_contact.id)
        other = self._create_item(partner_id=self.other_client.id)
        self.assertEqual(self.client.correspondence_ids, item)
        self.assertEqual(self.client_contact.correspondence_ids, item)
        self.assertEqual(self.other_client.correspondence_ids, other)
        action = self.client_contact.action_view_correspondence()
        self.assertEqual(self.env["crm.correspondence"].search(action["domain"]), item)

    def test_counter_of_a_partner_list_costs_constant_queries(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Furniture client {i}", "is_company": True} for i in range(12)]
        )
        for partner in partners:
            self._create_item(partner_id=partner.id)
        env = self.env(user=self.user_petr)
        few = partners[:2].with_env(env)
        many = partners.with_env(env)
        # run the pending tracking hooks (they read the partners back into the
        # cache), then warm the partner and correspondence access caches once
        self.env.flush_all()
        self.env.cr.flush()
        partners.invalidate_recordset()
        many.mapped("correspondence_count")
        for recordset in (few, many):
            partners.invalidate_recordset()
            with self.assertQueryCount(2):
                counts = recordset.mapped("correspondence_count")
            self.assertEqual(counts, [1] * len(recordset))
