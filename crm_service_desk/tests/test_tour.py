from odoo.tests import HttpCase, new_test_user, tagged

from .common import around_the_clock


@tagged("post_install", "-at_install")
class TestServiceDeskTour(HttpCase):
    def test_ticket_from_the_portal_to_its_resolution(self):
        calendar = around_the_clock(self.env, "Tour around the clock", "Europe/Kyiv")
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour showroom service",
                "show_in_portal": True,
                "resource_calendar_id": calendar.id,
                "user_ids": [(4, self.env.ref("base.user_admin").id)],
            }
        )
        self.env["crm.service.sla.term"].create(
            {"team_id": team.id, "response_hours": 4, "resolution_hours": 16}
        )
        self.env.company.helpdesk_mgmt_portal_select_team = True
        # the demo asks clients for a category (it selects the FAQ suggestions)
        self.env.company.helpdesk_mgmt_portal_select_category = True
        category = self.env["helpdesk.ticket.category"].create({"name": "Tour damaged furniture"})
        customer = new_test_user(self.env, login="tour_sofa_buyer", groups="base.group_portal")

        self.start_tour("/new/ticket", "crm_service_desk_portal_ticket", login=customer.login)
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour: the corner sofa arrived torn")]
        )
        self.assertEqual(ticket.team_id, team)
        self.assertEqual(ticket.category_id, category)
        self.assertEqual(ticket.partner_id, customer.partner_id)
        self.assertEqual(ticket.sla_status, "ongoing")
        self.assertEqual(len(ticket.sla_ids), 2)

        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "crm_service_desk_ticket_resolution",
            login="admin",
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"))
        self.assertEqual(set(ticket.sla_ids.mapped("state")), {"reached"})
        self.assertEqual(ticket.sla_status, "reached")
        self.assertTrue(ticket.sla_first_response_date)
