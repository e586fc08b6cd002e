from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestHandoverUi(HttpCase):
    def test_manager_hands_over_the_leaving_salesperson_from_the_menu(self):
        olga = self.env.ref("crm_retention.demo_user_olga")
        colleagues = self.env.ref("base.user_demo") | self.env.ref("base.user_admin")
        skazka = self.env.ref("crm_retention.demo_partner_skazka")
        lodge_lead = self.env.ref("crm_retention.demo_lead_lodge_houses")
        quotation = self.env.ref("crm_retention.demo_order_rybinsk_sofas")
        activities = self.env["mail.activity"].search([("user_id", "=", olga.id)])
        partners = self.env["res.partner"].search([("user_id", "=", olga.id)])
        self.assertEqual(len(partners), 4)
        self.assertGreaterEqual(len(activities), 3)

        self.start_tour(
            "/odoo/action-crm_retention.res_partner_action_role_client",
            "crm_retention_handover_tour",
            login="admin",
        )

        self.env.invalidate_all()
        self.assertFalse(self.env["res.partner"].search([("user_id", "=", olga.id)]))
        self.assertFalse(self.env["crm.lead"].search([("user_id", "=", olga.id)]))
        self.assertFalse(self.env["sale.order"].search([("user_id", "=", olga.id)]))
        self.assertFalse(self.env["mail.activity"].search([("user_id", "=", olga.id)]))
        self.assertIn(skazka.user_id, colleagues)
        self.assertEqual(partners.user_id, partners.user_id & colleagues)
        self.assertIn(lodge_lead.user_id, colleagues)
        self.assertIn(quotation.user_id, colleagues)
        self.assertEqual(activities.exists().user_id, activities.user_id & colleagues)
        self.assertIn("Handed over from Olga Petrova to", skazka.message_ids[0].body)
