"""The client's service portrait and the Service Analysis, on the Kyiv calendar of
``SlaCase`` (Monday to Friday, 9:00-13:00 and 14:00-18:00, UTC+2 in January).

The client "Kyiv Interiors LLC" has no tier: the team's default term applies, 4 working
hours to respond and 16 to resolve.

- T1, created Monday 19 January 9:00 Kyiv by the company, answered 11:00 (2 working hours,
  in time), solved Tuesday 10:00 (Monday 8 + Tuesday 1 = 9 working hours, in time), rated
  5 (satisfied).
- T2, created Monday 14:00 by the company, answered Tuesday 9:30 (Monday 14:00-18:00 4 +
  Tuesday 0.5 = 4.5 working hours: late, the response target FAILED), solved Wednesday
  12:00 (Monday 4 + Tuesday 8 + Wednesday 3 = 15 working hours, in time); rated 5 on
  Tuesday, then 1 on Wednesday: its last rating, 1, is not satisfied.
- T3, created Tuesday 9:00 by a contact of the company, assigned to a personal agent,
  answered 12:00 (3 working hours, in time), still open, not rated.

The client's figures, by hand:
- first response: (2 + 4.5 + 3) / 3 = 9.5 / 3 = 3.1667 working hours, over 3 answered;
- resolution: (9 + 15) / 2 = 12 working hours, over 2 solved;
- SLA hit rate: decided targets T1 2 (both met), T2 2 (one failed), T3 1 (the response;
  its resolution is ongoing) = 5, met 4: 80 % (the SLA Analysis's meaning; the mean of the
  tickets' own rates, (100 + 50 + 100) / 3 = 83.3, is NOT it);
- satisfaction: 2 rated tickets, 1 satisfied: 50 %;
- tickets: 3, of which 1 open.
"""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.controllers.rpc import dumps

from .common import SlaCase, utc

PORTRAIT_FIELDS = [
    "service_first_response_hours",
    "service_resolution_hours",
    "service_sla_hit_rate",
    "service_satisfaction",
    "service_rating_count",
    "service_answered_count",
    "service_solved_count",
    "service_sla_decided_count",
]


@tagged("post_install", "-at_install")
class TestServicePortrait(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_agent = new_test_user(
            cls.env, login="portrait_own_agent", groups="helpdesk_mgmt.group_helpdesk_user_own"
        )
        cls.portal = new_test_user(cls.env, login="portrait_portal", groups="base.group_portal")
        cls.company_b = cls.env["res.company"].create({"name": "Salon Lviv"})
        cls.agent_b = new_test_user(
            cls.env,
            login="portrait_agent_b",
            groups="helpdesk_mgmt.group_helpdesk_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.team_b = cls.env["helpdesk.ticket.team"].create(
            {"name": "Lviv showroom", "company_id": cls.company_b.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Iryna Bondar", "parent_id": cls.client.id, "email": "iryna@interiors.example"}
        )
        cls.other_client = cls.env["res.partner"].create(
            {"name": "Lviv Decor", "is_company": True, "email": "decor@lviv.example"}
        )

    def setUp(self):
        super().setUp()
        # T1: answered in 2 working hours, solved in 9, rated 5
        self.t1 = self.new_ticket(utc(2026, 1, 19, 7, 0), user_id=self.agent.id)
        self.reply(self.t1, utc(2026, 1, 19, 9, 0))
        with self.at(utc(2026, 1, 20, 8, 0)):
            self.t1.stage_id = self.stage_done
        self.rate(self.t1, 5, utc(2026, 1, 20, 9, 0))
        # T2: answered late (4.5 of 4 working hours), solved in 15, rated 5 then 1
        self.t2 = self.new_ticket(utc(2026, 1, 19, 12, 0), user_id=self.agent.id)
        self.reply(self.t2, utc(2026, 1, 20, 7, 30))
        with self.at(utc(2026, 1, 20, 9, 0)):
            # an earlier survey answer of the customer, superseded by the last one
            self.env["rating.rating"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                    "res_id": self.t2.id,
                    "partner_id": self.client.id,
                    "rating": 5,
                    "consumed": True,
                }
            )
        with self.at(utc(2026, 1, 21, 10, 0)):
            self.t2.stage_id = self.stage_done
        self.rate(self.t2, 1, utc(2026, 1, 21, 11, 0))
        # T3: the contact's, answered in 3 working hours, open, unrated
        self.t3 = self.new_ticket(
            utc(2026, 1, 20, 7, 0), partner_id=self.contact.id, user_id=self.own_agent.id
        )
        self.reply(self.t3, utc(2026, 1, 20, 10, 0))
        # another client's ticket: answered in half an hour, rated 5
        self.t_other = self.new_ticket(utc(2026, 1, 19, 7, 0), partner_id=self.other_client.id)
        self.reply(self.t_other, utc(2026, 1, 19, 7, 30))
        with self.at(utc(2026, 1, 19, 8, 0)):
            self.t_other.stage_id = self.stage_done
        self.rate(self.t_other, 5, utc(2026, 1, 19, 9, 0))
        # the same client served by the other company: no SLA terms there, rated 5
        self.t_b = self.new_ticket(utc(2026, 1, 19, 7, 0), team_id=self.team_b.id)
        with self.at(utc(2026, 1, 19, 8, 0)):
            self.t_b.stage_id = self.stage_done
        self.rate(self.t_b, 5, utc(2026, 1, 19, 9, 0))
        self.env.flush_all()
        self.env.invalidate_all()

    def rate(self, ticket, value, moment):
        with self.at(moment):
            token = ticket._rating_get_access_token()
            ticket.rating_apply(value, token=token, feedback="")

    def portrait(self, partner, user=None):
        [values] = partner.with_user(user or self.agent).read(PORTRAIT_FIELDS)
        del values["id"]
        return values

    def assertPortrait(self, portrait, expected):
        for fname, value in expected.items():
            self.assertAlmostEqual(portrait[fname], value, places=4, msg=fname)

    # ------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------

    def test_fixture_is_as_described(self):
        line = self.line
        self.assertEqual(self.t1.company_id, self.env.company)
        self.assertEqual(self.t_b.company_id, self.company_b)
        self.assertFalse(self.t_b.sla_ids)
        self.assertEqual(
            [(line(t, "response").state, line(t, "resolution").state) for t in (self.t1, self.t2)],
            [("reached", "reached"), ("failed", "reached")],
        )
        self.assertEqual(line(self.t3, "response").state, "reached")
        self.assertEqual(line(self.t3, "resolution").state, "ongoing")
        self.assertAlmostEqual(line(self.t2, "response").working_hours, 4.5)
        self.assertAlmostEqual(line(self.t2, "resolution").working_hours, 15.0)
        self.assertEqual(len(self.t2.rating_ids.filtered("consumed")), 2)

    def test_client_portrait_by_hand(self):
        portrait = self.portrait(self.client)
        self.assertPortrait(
            portrait,
            {
                "service_first_response_hours": 9.5 / 3,
                "service_resolution_hours": 12.0,
                "service_sla_hit_rate": 80.0,
                "service_satisfaction": 50.0,
                "service_rating_count": 2,
                "service_answered_count": 3,
                "service_solved_count": 2,
                "service_sla_decided_count": 5,
            },
        )
        client = self.client.with_user(self.agent)
        self.assertEqual(
            (client.helpdesk_ticket_active_count, client.helpdesk_ticket_count), (1, 3)
        )
        # a contact shows its company's figures
        self.assertEqual(self.portrait(self.contact), portrait)
        # another client: 0.5 working hours, one satisfied rating, one target met of one
        # decided (its resolution was solved in 1 working hour: 2 of 2)
        self.assertPortrait(
            self.portrait(self.other_client),
            {
                "service_first_response_hours": 0.5,
                "service_resolution_hours": 1.0,
                "service_sla_hit_rate": 100.0,
                "service_satisfaction": 100.0,
                "service_rating_count": 1,
                "service_answered_count": 1,
                "service_solved_count": 1,
                "service_sla_decided_count": 2,
            },
        )
        # a partner without tickets: nothing to show
        nobody = self.env["res.partner"].create({"name": "New prospect"})
        self.assertPortrait(self.portrait(nobody), dict.fromkeys(PORTRAIT_FIELDS, 0))

    def test_report_has_one_row_per_ticket(self):
        Report = self.env["crm.service.ticket.report"].with_user(self.agent)
        rows = Report.search([("commercial_partner_id", "=", self.client.id)])
        self.assertEqual(rows.ticket_id, self.t1 | self.t2 | self.t3)
        row = rows.filtered(lambda row: row.ticket_id == self.t2)
        self.assertEqual(row.id, self.t2.id)
        self.assertAlmostEqual(row.first_response_hours, 4.5)
        self.assertAlmostEqual(row.resolution_hours, 15.0)
        self.assertEqual((row.sla_decided, row.sla_reached), (2, 1))
        self.assertAlmostEqual(row.sla_hit_rate, 50.0)
        self.assertEqual((row.rating, row.satisfied), (1.0, 0.0))
        self.assertFalse(row.is_open)
        self.assertEqual(row.closed_date, utc(2026, 1, 21, 10, 0))
        t3 = rows.filtered(lambda row: row.ticket_id == self.t3)
        self.assertTrue(t3.is_open)
        self.assertEqual((t3.sla_decided, t3.sla_reached, t3.sla_hit_rate), (1, 1, 100.0))
        # unrated and unsolved: empty, not zero, so that the averages leave them out
        t3_values = t3.read(["rating", "satisfied", "resolution_hours"])[0]
        self.assertEqual(
            t3_values,
            {"id": self.t3.id, "rating": False, "satisfied": False, "resolution_hours": False},
        )
        # by team: the team's four tickets (T1-T3 and the other client's); T_b is elsewhere
        [(team, count, hit_rate, satisfied)] = Report._read_group(
            [("team_id", "=", self.team.id)],
            ["team_id"],
            ["nbr:sum", "sla_hit_rate:avg", "satisfied:avg"],
        )
        # targets: 5 of the client (4 met) + 2 of the other client (2 met): 6 / 7
        self.assertEqual((team, count), (self.team, 4))
        self.assertAlmostEqual(hit_rate, 600 / 7)
        # ratings: 5, 1, 5: 2 of 3 satisfied
        self.assertAlmostEqual(satisfied, 200 / 3)

    def test_portrait_equals_the_filtered_ticket_list(self):
        """What the client form shows is what the Service Analysis filtered on the client
        shows, and what the client's ticket list gives when worked out by hand."""
        portrait = self.portrait(self.client)
        Report = self.env["crm.service.ticket.report"].with_user(self.agent)
        action = self.client.with_user(self.agent).action_view_service_analysis()
        [(hours, resolution, hit_rate, satisfaction, rated)] = Report._read_group(
            action["domain"],
            [],
            [
                "first_response_hours:avg",
                "resolution_hours:avg",
                "sla_hit_rate:avg",
                "satisfied:avg",
                "satisfied:count",
            ],
        )
        self.assertPortrait(
            portrait,
            {
                "service_first_response_hours": hours,
                "service_resolution_hours": resolution,
                "service_sla_hit_rate": hit_rate,
                "service_satisfaction": satisfaction,
                "service_rating_count": rated,
            },
        )
        # the ticket list of the client, as the agent sees it, worked out in Python
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .search([("commercial_partner_id", "=", self.client.id)])
        )
        self.assertEqual(tickets, self.t1 | self.t2 | self.t3)
        lines = tickets.sla_ids
        responses = [
            line.working_hours for line in lines if line.kind == "response" and line.reached_date
        ]
        resolutions = [
            line.working_hours for line in lines if line.kind == "resolution" and line.reached_date
        ]
        decided = lines.filtered(lambda line: line.state in ("reached", "failed"))
        last_ratings = []
        for ticket in tickets:
            ratings = ticket.rating_ids.filtered(lambda rating: rating.consumed)
            if ratings:
                last = max(ratings, key=lambda rating: (rating.write_date, rating.id))
                last_ratings.append(last.rating)
        by_hand = {
            "service_first_response_hours": sum(responses) / len(responses),
            "service_resolution_hours": sum(resolutions) / len(resolutions),
            "service_sla_hit_rate": 100.0
            * len(decided.filtered(lambda line: line.state == "reached"))
            / len(decided),
            "service_satisfaction": 100.0
            * len([rating for rating in last_ratings if rating >= 4])
            / len(last_ratings),
            "service_rating_count": len(last_ratings),
            "service_answered_count": len(responses),
            "service_solved_count": len(resolutions),
            "service_sla_decided_count": len(decided),
        }
        self.assertPortrait(portrait, by_hand)
        # and the hit rate is the SLA Analysis's over the same client
        [(sla_hit_rate,)] = (
            self.env["crm.service.sla.report"]
            .with_user(self.agent)
            ._read_group([("commercial_partner_id", "=", self.client.id)], [], ["hit_rate:avg"])
        )
        self.assertAlmostEqual(portrait["service_sla_hit_rate"], sla_hit_rate)

    def test_archived_ticket_is_left_out_as_from_the_ticket_list(self):
        # T2 archived: first response (2 + 3) / 2 = 2.5, resolution 9 (T1 alone), targets
        # T1 2 met + T3 1 met = 3 of 3: 100 %, ratings: T1's 5 alone: 100 %
        self.t2.active = False
        self.env.flush_all()
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .search([("commercial_partner_id", "=", self.client.id)])
        )
        self.assertEqual(tickets, self.t1 | self.t3)
        self.assertPortrait(
            self.portrait(self.client),
            {
                "service_first_response_hours": 2.5,
                "service_resolution_hours": 9.0,
                "service_sla_hit_rate": 100.0,
                "service_satisfaction": 100.0,
                "service_rating_count": 1,
                "service_answered_count": 2,
                "service_solved_count": 1,
                "service_sla_decided_count": 3,
            },
        )

    def test_action_opens_the_client_analysis_over_rpc(self):
        action = self.contact.with_user(self.agent).action_view_service_analysis()
        # marshals as Odoo's XML-RPC answers it (no None, no recordset)
        dumps((action,))
        self.assertEqual(action["res_model"], "crm.service.ticket.report")
        self.assertEqual(action["type"], "ir.actions.act_window")
        rows = self.env["crm.service.ticket.report"].with_user(self.agent).search(action["domain"])
        # the contact's button opens its company's analysis
        self.assertEqual(rows.ticket_id, self.t1 | self.t2 | self.t3)

    # ------------------------------------------------------------------
    # access
    # ------------------------------------------------------------------

    def test_personal_agent_sees_the_rows_of_the_tickets_they_see(self):
        # a personal agent sees the tickets assigned to them and those they follow
        self.t1.message_subscribe(partner_ids=self.own_agent.partner_id.ids)
        self.env.flush_all()
        domain = [("commercial_partner_id", "=", self.client.id)]
        tickets = self.env["helpdesk.ticket"].with_user(self.own_agent).search(domain)
        self.assertEqual(tickets, self.t1 | self.t3)
        rows = self.env["crm.service.ticket.report"].with_user(self.own_agent).search(domain)
        self.assertEqual(rows.ticket_id, tickets)
        # the portrait is for agents who see every ticket
        with self.assertRaises(AccessError):
            self.portrait(self.client, user=self.own_agent)

    def test_other_company_sees_its_own_tickets_only(self):
        # the agent of the main company does not count T_b (covered above: 2 rated);
        # the agent of the other company sees T_b alone: rated 5, nothing answered
        self.assertEqual(
            self.env["crm.service.ticket.report"]
            .with_user(self.agent_b)
            .search([("commercial_partner_id", "=", self.client.id)])
            .ticket_id,
            self.t_b,
        )
        self.assertPortrait(
            self.portrait(self.client, user=self.agent_b),
            {
                "service_first_response_hours": 0.0,
                "service_sla_hit_rate": 0.0,
                "service_satisfaction": 100.0,
                "service_rating_count": 1,
                "service_answered_count": 0,
                "service_sla_decided_count": 0,
            },
        )
        self.assertEqual(self.portrait(self.client)["service_rating_count"], 2)

    def test_portal_has_no_access(self):
        Report = self.env["crm.service.ticket.report"].with_user(self.portal)
        with self.assertRaises(AccessError):
            Report.search([])
        with self.assertRaises(AccessError):
            Report._read_group([], ["commercial_partner_id"], ["satisfied:avg"])
        with self.assertRaises(AccessError):
            self.portrait(self.portal.partner_id, user=self.portal)

    # ------------------------------------------------------------------
    # performance
    # ------------------------------------------------------------------

    def test_portrait_query_count_is_constant(self):
        """The portrait of a list of partners costs the same queries for 1 or 5: one
        grouped query on the Service Analysis, whatever the number of partners."""
        more = self.env["res.partner"].create(
            [{"name": f"Showroom client {n}", "is_company": True} for n in range(2)]
        )
        for partner in more:
            ticket = self.new_ticket(utc(2026, 1, 19, 7, 0), partner_id=partner.id)
            self.reply(ticket, utc(2026, 1, 19, 8, 0))
        partners = self.client | self.contact | self.other_client | more
        self.env.flush_all()
        partners.with_user(self.agent).read(PORTRAIT_FIELDS)  # warm the registry caches
        counts = []
        for subset in (partners[:1], partners):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            values = subset.with_user(self.agent).read(PORTRAIT_FIELDS)
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(len(values), len(subset))
        self.assertEqual(counts[0], counts[1])
