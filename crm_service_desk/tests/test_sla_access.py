from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SlaCase, utc

FRIDAY_EVENING = utc(2026, 1, 16, 17, 0)


@tagged("post_install", "-at_install")
class TestSlaAccess(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_agent = new_test_user(
            cls.env, login="sla_own_agent", groups="helpdesk_mgmt.group_helpdesk_user_own"
        )
        cls.portal = new_test_user(cls.env, login="sla_portal", groups="base.group_portal")
        cls.company_b = cls.env["res.company"].create({"name": "Salon Lviv"})
        cls.agent_b = new_test_user(
            cls.env,
            login="sla_agent_b",
            groups="helpdesk_mgmt.group_helpdesk_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def test_personal_agent_reads_only_the_slas_of_their_tickets(self):
        mine = self.new_ticket(FRIDAY_EVENING, user_id=self.own_agent.id)
        other = self.new_ticket(FRIDAY_EVENING, user_id=self.agent.id)
        Line = self.env["crm.service.ticket.sla"].with_user(self.own_agent)
        visible = Line.search([("ticket_id", "in", (mine | other).ids)])
        self.assertEqual(visible.ticket_id, mine)
        with self.assertRaises(AccessError):
            self.line(other, "response").with_user(self.own_agent).read(["deadline"])
        # agents read terms but only managers change them
        with self.assertRaises(AccessError):
            self.term.with_user(self.agent).write({"response_hours": 1})
        self.assertEqual(self.term.response_hours, 4)

    def test_portal_customer_reads_the_ticket_not_its_sla(self):
        self.client.child_ids = [
            (0, 0, {"name": "Portal buyer", "user_ids": [(4, self.portal.id)]})
        ]
        ticket = self.new_ticket(FRIDAY_EVENING, partner_id=self.portal.partner_id.id)
        as_portal = ticket.with_user(self.portal)
        self.assertEqual(as_portal.read(["name"])[0]["name"], ticket.name)
        for fname in ("sla_deadline", "sla_status", "sla_ids", "sla_first_response_date"):
            with self.assertRaises(AccessError):
                as_portal.read([fname])
        with self.assertRaises(AccessError):
            self.env["crm.service.ticket.sla"].with_user(self.portal).search([])

    def test_other_company_terms_and_slas_are_invisible(self):
        self.new_ticket(FRIDAY_EVENING)
        self.assertFalse(
            self.env["crm.service.sla.term"].with_user(self.agent_b).search([])
            & (self.term | self.term_key | self.term_urgent)
        )
        self.assertFalse(
            self.env["crm.service.ticket.sla"]
            .with_user(self.agent_b)
            .search([("team_id", "=", self.team.id)])
        )
        self.assertFalse(
            self.env["crm.service.sla.report"]
            .with_user(self.agent_b)
            .search([("team_id", "=", self.team.id)])
        )


@tagged("post_install", "-at_install")
class TestSlaReport(SlaCase):
    def test_hit_rate_and_working_hours_by_team(self):
        on_time = self.new_ticket(FRIDAY_EVENING)
        self.reply(on_time, utc(2026, 1, 19, 8, 0))  # Monday 10:00 Kyiv: 1 working hour
        late = self.new_ticket(FRIDAY_EVENING)
        self.reply(late, utc(2026, 1, 19, 13, 30))  # Monday 15:30 Kyiv: 5.5 hours, late
        self.new_ticket(FRIDAY_EVENING)  # not answered yet: not counted in the hit rate
        self.env.flush_all()
        groups = self.env["crm.service.sla.report"]._read_group(
            [("team_id", "=", self.team.id), ("kind", "=", "response")],
            ["team_id"],
            ["hit_rate:avg", "working_hours:avg", "__count"],
        )
        self.assertEqual(len(groups), 1)
        _team, hit_rate, hours, count = groups[0]
        self.assertEqual(count, 3)
        self.assertAlmostEqual(hit_rate, 50.0)
        self.assertAlmostEqual(hours, (1.0 + 5.5) / 2)


@tagged("post_install", "-at_install")
class TestSlaQueryCount(SlaCase):
    def test_ticket_list_query_count_is_constant(self):
        """The list's SLA columns are stored: 2 or 12 rows cost the same queries."""
        fields_spec = {
            "number": {},
            "name": {},
            "priority": {},
            "sla_deadline": {},
            "sla_status": {},
            "stage_id": {"fields": {"display_name": {}}},
            "partner_id": {"fields": {"display_name": {}}},
        }
        for _index in range(12):
            self.new_ticket(FRIDAY_EVENING)
        self.env.flush_all()
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        domain = [("team_id", "=", self.team.id)]
        Ticket.web_search_read(domain, fields_spec, limit=2)  # warm the registry caches
        counts = []
        for limit in (2, 12):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = Ticket.web_search_read(domain, fields_spec, limit=limit)
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(len(result["records"]), limit)
        self.assertEqual(counts[0], counts[1])
