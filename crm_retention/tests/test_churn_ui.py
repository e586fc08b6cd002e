from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestChurnUi(HttpCase):
    def test_salesperson_marks_a_client_lost_from_the_client_list(self):
        client = self.env.ref("crm_retention.demo_partner_domostroy")
        self.start_tour(
            "/odoo/action-crm_retention.res_partner_action_role_client",
            "crm_retention_mark_client_lost_tour",
            login="admin",
        )
        client.invalidate_recordset()
        self.assertTrue(client.is_lost)
        self.assertEqual(
            client.lost_reason_id, self.env.ref("crm_retention.demo_lost_reason_price")
        )
        self.assertEqual(
            client.lost_competitor_id, self.env.ref("crm_retention.demo_partner_mebel_market")
        )
        open_loss = self.env["crm.client.loss"].search(
            [("partner_id", "=", client.id), ("reactivation_date", "=", False)]
        )
        self.assertEqual(len(open_loss), 1)
