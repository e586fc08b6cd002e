from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestClientBaseUi(HttpCase):
    def test_salesperson_completes_a_client_to_100_percent(self):
        hotel = self.env.ref("crm_retention.demo_partner_hotel_volga")
        self.assertLess(hotel.data_completeness, 100)
        self.start_tour(
            "/odoo/action-crm_retention.res_partner_action_role_client",
            "crm_retention_partner_complete_tour",
            login="admin",
        )
        hotel.invalidate_recordset()
        # the phone widget reformats the number as the user types it
        self.assertEqual("".join(filter(str.isdigit, hotel.phone)), "74852102030")
        self.assertEqual(hotel.vat, "7604099999")
        self.assertEqual(hotel.data_completeness, 100)
