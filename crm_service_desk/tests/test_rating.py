from odoo import http
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


class RatingCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.template = cls.env.ref("helpdesk_mgmt_rating.rating_ticket_email_template")
        cls.agent = new_test_user(
            cls.env, login="rating_agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Delivery service", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.other_team = cls.env["helpdesk.ticket.team"].create({"name": "Workshop"})
        cls.client = cls.env["res.partner"].create(
            {"name": "Olena Kravets", "email": "olena@example.com"}
        )

    def _ticket(self, name="Scratched table top", **vals):
        return self.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": name,
                "partner_id": self.client.id,
                "team_id": self.team.id,
                "user_id": self.agent.id,
                **vals,
            }
        )

    def _requests(self, ticket):
        return ticket.message_ids.filtered(
            lambda message: (message.subject or "").startswith("Satisfaction Survey")
        )


class TestRatingOncePerResolution(RatingCase):
    def test_done_stage_asks_the_customer(self):
        # installing the suite puts helpdesk_mgmt_rating's request on the Done stage
        self.assertEqual(self.stage_done.rating_mail_template_id, self.template)
        ticket = self._ticket()
        ticket.stage_id = self.stage_done
        self.assertEqual(len(self._requests(ticket)), 1)
        self.assertIn(self.client, self._requests(ticket).partner_ids)
        self.assertTrue(ticket.rating_requested)

    def test_one_request_per_resolution(self):
        # a second closed stage with a template, as helpdesk_mgmt_rating allows
        self.stage_cancelled.rating_mail_template_id = self.template
        ticket = self._ticket()
        ticket.stage_id = self.stage_done
        ticket.write({"stage_id": self.stage_done.id})  # the same stage written again
        ticket.stage_id = self.stage_cancelled  # closed -> closed
        self.assertEqual(len(self._requests(ticket)), 1)
        # reopened and solved again: the new resolution gets its own request
        ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.rating_requested)
        ticket.stage_id = self.stage_done
        self.assertEqual(len(self._requests(ticket)), 2)

    def test_unassigned_ticket_is_signed_by_the_leader_or_the_closer(self):
        leader = new_test_user(
            self.env,
            login="rating_leader",
            email="leader@example.com",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        self.team.user_id = leader
        ticket = self._ticket(user_id=False)
        ticket.stage_id = self.stage_done
        self.assertEqual(len(self._requests(ticket)), 1)
        self.assertEqual(ticket.rating_ids.rated_partner_id, leader.partner_id)
        # no leader either: the agent who solves it signs it
        self.team.user_id = False
        self.agent.email = "agent@example.com"
        ticket = self._ticket(name="Loose handle", user_id=False)
        ticket.with_user(self.agent).stage_id = self.stage_done
        self.assertEqual(ticket.rating_ids.rated_partner_id, self.agent.partner_id)

    def test_no_sender_address_still_closes_the_ticket(self):
        self.agent.email = False
        ticket = self._ticket(user_id=False)
        ticket.with_user(self.agent).stage_id = self.stage_done
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertFalse(self._requests(ticket))
        self.assertFalse(ticket.rating_requested)

    def test_no_request_without_customer_or_when_opted_out(self):
        no_client = self._ticket(name="Showroom lamp", partner_id=False)
        opted_out = self._ticket(name="Catalogue", rating_status="no_rate")
        (no_client | opted_out).stage_id = self.stage_done
        self.assertFalse(self._requests(no_client) | self._requests(opted_out))
        self.assertFalse(no_client.rating_requested or opted_out.rating_requested)


class TestTeamSatisfaction(RatingCase):
    def _rate(self, ticket, value):
        ticket.stage_id = self.stage_done
        token = ticket._rating_get_access_token()
        ticket.rating_apply(value, token=token, feedback="")

    def test_team_rolls_up_its_tickets(self):
        first, second, third = (self._ticket(name=f"Chair {n}") for n in range(3))
        self._rate(first, 5)
        self._rate(second, 1)
        self._rate(third, 5)
        # 2 satisfied of 3 ratings: 66 %, average (5 + 1 + 5) / 3 = 3.67
        self.assertEqual(self.team.rating_count, 3)
        self.assertEqual(self.team.rating_percentage_satisfaction, 66)
        self.assertAlmostEqual(self.team.rating_avg, 11 / 3, places=2)
        self.assertEqual(self.other_team.rating_count, 0)
        # a ticket moved to another team takes its rating along
        third.team_id = self.other_team
        self.env.invalidate_all()
        self.assertEqual(self.team.rating_count, 2)
        self.assertEqual(self.team.rating_percentage_satisfaction, 50)
        self.assertEqual(self.other_team.rating_percentage_satisfaction, 100)
        action = self.team.action_view_team_rating()
        self.assertEqual(
            self.env["rating.rating"].search(action["domain"]), first.rating_ids | second.rating_ids
        )


@tagged("post_install", "-at_install")
class TestRatingLinks(HttpCase):
    def setUp(self):
        super().setUp()
        client = self.env["res.partner"].create({"name": "Taras Melnyk", "email": "t@example.com"})
        self.ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Wobbly wardrobe door",
                "description": "Door",
                "partner_id": client.id,
                "team_id": self.env["helpdesk.ticket.team"].create({"name": "Workshop"}).id,
            }
        )
        self.ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.rating = self.ticket.rating_ids
        self.assertEqual(len(self.rating), 1)

    def test_get_records_nothing_post_does(self):
        self.authenticate(None, None)  # the customer follows the mail's link, not logged in
        token = self.rating.access_token
        # what a mail scanner does: follow every link of the mail
        for url in (
            f"/rate/{token}/5",
            f"/rate/{token}/1",
            f"/rate/{token}/submit_feedback?rate=1",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)
        self.assertEqual(self.rating.rating, 0)
        self.assertEqual(self.ticket.positive_rate_percentage, -1)
        # the customer's own click on "Submit"
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={
                "rate": 5,
                "feedback": "Fixed in a day",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.rating.invalidate_recordset()
        self.assertTrue(self.rating.consumed)
        self.assertEqual(self.rating.rating, 5)
        self.assertEqual(self.rating.feedback, "Fixed in a day")
        self.assertEqual(self.ticket.team_id.rating_percentage_satisfaction, 100)
