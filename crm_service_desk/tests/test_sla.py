from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models import helpdesk_ticket_sla
from ..tools import WorkTimeline
from .common import SlaCase, around_the_clock, utc

# Friday 16 January 2026, 19:00 in Kyiv: after working hours, before a weekend
FRIDAY_EVENING = utc(2026, 1, 16, 17, 0)
# Monday 19 January 2026, 9:00 in Kyiv: the start of a working day
MONDAY_MORNING = utc(2026, 1, 19, 7, 0)


@tagged("post_install", "-at_install")
class TestSlaDeadlines(SlaCase):
    def test_friday_evening_ticket_waits_for_monday(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        # response 4 h: Monday 9:00-13:00 Kyiv = 11:00 UTC
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 19, 11, 0))
        # resolution 16 h: all of Monday and Tuesday, Tuesday 18:00 Kyiv = 16:00 UTC
        self.assertEqual(self.line(ticket, "resolution").deadline, utc(2026, 1, 20, 16, 0))
        self.assertEqual(ticket.sla_deadline, utc(2026, 1, 19, 11, 0))
        self.assertEqual(ticket.sla_status, "ongoing")
        self.assertEqual(self.line(ticket, "response").term_id, self.term)

    def test_public_holiday_is_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                # the whole Monday in Kyiv
                "date_from": utc(2026, 1, 18, 22, 0),
                "date_to": utc(2026, 1, 19, 21, 59, 59),
            }
        )
        ticket = self.new_ticket(FRIDAY_EVENING)
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 20, 11, 0))
        self.assertEqual(self.line(ticket, "resolution").deadline, utc(2026, 1, 21, 16, 0))

    def test_holiday_declared_later_moves_open_deadlines(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": utc(2026, 1, 18, 22, 0),
                "date_to": utc(2026, 1, 19, 21, 59, 59),
            }
        )
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 20, 11, 0))
        self.assertEqual(self.line(ticket, "resolution").deadline, utc(2026, 1, 21, 16, 0))

    def test_timeline_agrees_with_core_plan_hours(self):
        """The batch arithmetic gives what resource.calendar.plan_hours and
        get_work_hours_count give, one call each, for awkward starts and budgets."""
        timeline = WorkTimeline(self.calendar, utc(2026, 1, 1))
        starts = [
            FRIDAY_EVENING,
            MONDAY_MORNING,
            utc(2026, 1, 19, 10, 30),  # 12:30 Kyiv, before lunch
            utc(2026, 1, 19, 11, 15),  # 13:15 Kyiv, in the lunch break
            utc(2026, 1, 17, 9, 0),  # Saturday
        ]
        for start in starts:
            for hours in (0.5, 1, 4, 7.25, 8, 16, 40):
                expected = self.calendar.plan_hours(hours, start, compute_leaves=True)
                self.assertEqual(timeline.plan(hours, start), expected, (start, hours))
            stop = utc(2026, 1, 21, 12, 40)
            self.assertAlmostEqual(
                timeline.hours_between(start, stop),
                self.calendar.get_work_hours_count(start, stop),
                places=6,
            )


@tagged("post_install", "-at_install")
class TestSlaResponse(SlaCase):
    def test_first_public_reply_meets_the_response(self):
        ticket = self.new_ticket(MONDAY_MORNING)
        # an internal note and the customer's own message are no response
        self.reply(ticket, utc(2026, 1, 19, 7, 30), subtype="mail.mt_note")
        with self.at(utc(2026, 1, 19, 7, 45)):
            ticket.message_post(
                body="Any news?",
                author_id=self.client.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        response = self.line(ticket, "response")
        self.assertEqual(response.state, "ongoing")
        self.assertFalse(ticket.sla_first_response_date)
        # the agent's public reply at 10:00 Kyiv: one working hour after the start
        self.reply(ticket, utc(2026, 1, 19, 8, 0))
        self.assertEqual(response.state, "reached")
        self.assertEqual(response.reached_date, utc(2026, 1, 19, 8, 0))
        self.assertAlmostEqual(response.working_hours, 1.0)
        self.assertEqual(ticket.sla_first_response_date, utc(2026, 1, 19, 8, 0))
        # a second reply changes nothing
        self.reply(ticket, utc(2026, 1, 19, 9, 0))
        self.assertEqual(response.reached_date, utc(2026, 1, 19, 8, 0))

    def test_late_reply_fails_with_exceeded_hours(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        # deadline Monday 13:00 Kyiv; the reply comes at 15:30 Kyiv: 1.5 working hours late
        self.reply(ticket, utc(2026, 1, 19, 13, 30))
        response = self.line(ticket, "response")
        self.assertEqual(response.state, "failed")
        self.assertAlmostEqual(response.exceeded_hours, 1.5)
        self.assertAlmostEqual(response.working_hours, 5.5)
        self.assertEqual(ticket.sla_status, "failed")


@tagged("post_install", "-at_install")
class TestSlaPauseAndResolution(SlaCase):
    def test_pause_spanning_working_and_non_working_hours(self):
        ticket = self.new_ticket(MONDAY_MORNING)
        self.reply(ticket, utc(2026, 1, 19, 8, 0))
        # waiting for the customer from Monday 17:00 to Tuesday 10:00 Kyiv
        with self.at(utc(2026, 1, 19, 15, 0)):
            ticket.stage_id = self.stage_waiting
        resolution = self.line(ticket, "resolution")
        self.assertEqual(resolution.state, "paused")
        self.assertFalse(resolution.deadline)
        self.assertEqual(ticket.sla_status, "paused")
        with self.at(utc(2026, 1, 20, 8, 0)):
            ticket.stage_id = self.stage_progress
        pause = resolution.pause_ids
        self.assertEqual(len(pause), 1)
        self.assertEqual(
            (pause.date_start, pause.date_end), (utc(2026, 1, 19, 15, 0), utc(2026, 1, 20, 8, 0))
        )
        # Monday 17:00-18:00 and Tuesday 9:00-10:00: two working hours out of 17
        self.assertAlmostEqual(pause.working_hours, 2.0)
        self.assertAlmostEqual(resolution.paused_hours, 2.0)
        # 16 + 2 working hours from Monday 9:00: Wednesday 11:00 Kyiv = 9:00 UTC
        self.assertEqual(resolution.state, "ongoing")
        self.assertEqual(resolution.deadline, utc(2026, 1, 21, 9, 0))
        # solved on Wednesday 10:00 Kyiv, in time: 8 + 8 + 1 working hours since the
        # start, less the 2 paused
        with self.at(utc(2026, 1, 21, 8, 0)):
            ticket.stage_id = self.stage_done
        self.assertEqual(resolution.state, "reached")
        self.assertAlmostEqual(resolution.working_hours, 15.0)
        self.assertEqual(ticket.sla_status, "reached")

    def test_pause_after_the_deadline_fails_instead(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        with self.at(utc(2026, 1, 19, 12, 0)):  # Monday 14:00 Kyiv, response due at 13:00
            ticket.stage_id = self.stage_waiting
        self.assertEqual(self.line(ticket, "response").state, "failed")
        self.assertEqual(self.line(ticket, "resolution").state, "paused")

    def test_cancelled_ticket_does_not_meet_the_resolution(self):
        ticket = self.new_ticket(MONDAY_MORNING)
        with self.at(utc(2026, 1, 19, 9, 0)):
            ticket.stage_id = self.stage_cancelled
        self.assertEqual(self.line(ticket, "resolution").state, "cancelled")
        self.assertEqual(self.line(ticket, "response").state, "cancelled")
        self.assertFalse(self.line(ticket, "resolution").reached_date)


@tagged("post_install", "-at_install")
class TestSlaRecompute(SlaCase):
    def test_change_of_terms_moves_open_tickets_only(self):
        answered = self.new_ticket(FRIDAY_EVENING)
        self.reply(answered, utc(2026, 1, 19, 8, 0))
        waiting = self.new_ticket(FRIDAY_EVENING)
        self.term.response_hours = 6
        # 6 h from Monday 9:00 Kyiv: 9-13 and 14-16, 16:00 Kyiv = 14:00 UTC
        self.assertEqual(self.line(waiting, "response").deadline, utc(2026, 1, 19, 14, 0))
        self.assertEqual(self.line(waiting, "response").target_hours, 6)
        # the reached line keeps the target it was met against
        self.assertEqual(self.line(answered, "response").target_hours, 4)
        self.assertEqual(self.line(answered, "response").state, "reached")

    def test_change_of_client_tier(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        self.client.service_tier = "a"
        self.assertEqual(self.line(ticket, "response").term_id, self.term_key)
        # 2 h: Monday 11:00 Kyiv; 12 h: Monday and Tuesday 9-13, 13:00 Kyiv
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 19, 9, 0))
        self.assertEqual(self.line(ticket, "resolution").deadline, utc(2026, 1, 20, 11, 0))

    def test_most_specific_term_wins(self):
        self.client.service_tier = "a"
        ticket = self.new_ticket(FRIDAY_EVENING, priority="3")
        # a tier outweighs a priority
        self.assertEqual(self.line(ticket, "response").term_id, self.term_key)
        ticket.priority = "2"
        self.assertEqual(self.line(ticket, "response").term_id, self.term_key)
        self.client.service_tier = False
        ticket.priority = "3"
        self.assertEqual(self.line(ticket, "response").term_id, self.term_urgent)
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 19, 8, 0))

    def test_change_of_team_calendar(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        calendar = around_the_clock(self.env)
        self.team.resource_calendar_id = calendar
        self.assertEqual(self.line(ticket, "response").deadline, utc(2026, 1, 16, 21, 0))

    def test_ticket_without_a_fitting_term_has_no_sla(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Deliveries"})
        ticket = self.new_ticket(FRIDAY_EVENING, team_id=other_team.id)
        self.assertFalse(ticket.sla_ids)
        ticket.team_id = self.team
        self.assertEqual(len(ticket.sla_ids), 2)

    def test_bad_terms_are_refused(self):
        with self.assertRaises(ValidationError) as refusal:
            self.env["crm.service.sla.term"].create(
                {"team_id": self.team.id, "priority": "0", "response_hours": -1}
            )
        self.assertIn("negative hours", str(refusal.exception))
        with self.assertRaises(ValidationError) as refusal:
            self.env["crm.service.sla.term"].create(
                {"team_id": self.team.id, "priority": "3", "response_hours": 2}
            )
        self.assertIn("already covers", str(refusal.exception))
        self.assertEqual(
            self.env["crm.service.sla.term"].search_count([("team_id", "=", self.team.id)]), 3
        )


@tagged("post_install", "-at_install")
class TestSlaJobs(SlaCase):
    def test_at_risk_then_breach_one_activity_each(self):
        ticket = self.new_ticket(FRIDAY_EVENING)
        Ticket = self.env["helpdesk.ticket"]
        # 80 % of 4 h = 3.2 h from Monday 9:00 Kyiv: 12:12 Kyiv = 10:12 UTC
        self.assertEqual(self.line(ticket, "response").at_risk_date, utc(2026, 1, 19, 10, 12))
        with self.at(utc(2026, 1, 19, 10, 0)):
            Ticket._cron_sla_check()
        self.assertFalse(ticket.activity_ids)
        for _run in range(2):
            with self.at(utc(2026, 1, 19, 10, 30)):
                Ticket._cron_sla_check()
        self.assertEqual(len(ticket.activity_ids), 1)
        self.assertEqual(ticket.activity_ids.user_id, self.leader)
        self.assertEqual(ticket.sla_status, "at_risk")
        for _run in range(2):
            with self.at(utc(2026, 1, 19, 11, 30)):
                Ticket._cron_sla_check()
        self.assertEqual(self.line(ticket, "response").state, "failed")
        self.assertEqual(self.line(ticket, "resolution").state, "ongoing")
        self.assertEqual(len(ticket.activity_ids), 2)
        self.assertEqual(ticket.sla_status, "failed")

    def test_refresh_job_takes_what_is_left(self):
        tickets = self.new_ticket(FRIDAY_EVENING) | self.new_ticket(FRIDAY_EVENING)
        tickets |= self.new_ticket(FRIDAY_EVENING)
        original = helpdesk_ticket_sla.SYNC_LIMIT
        helpdesk_ticket_sla.SYNC_LIMIT = 1
        try:
            self.term.response_hours = 6
        finally:
            helpdesk_ticket_sla.SYNC_LIMIT = original
        deadlines = [self.line(ticket, "response").deadline for ticket in tickets]
        self.assertEqual(deadlines[0], utc(2026, 1, 19, 14, 0))
        self.assertEqual(deadlines[1:], [utc(2026, 1, 19, 11, 0)] * 2)
        self.env["helpdesk.ticket"]._cron_sla_refresh()
        tickets.invalidate_recordset()
        deadlines = [self.line(ticket, "response").deadline for ticket in tickets]
        self.assertEqual(deadlines, [utc(2026, 1, 19, 14, 0)] * 3)
        self.assertFalse(any(tickets.sudo().mapped("sla_refresh_pending")))

    def test_bad_at_risk_share_is_refused(self):
        with self.assertRaises(ValidationError) as refusal:
            self.team.sla_at_risk_percent = 150
        self.assertIn("between 1 and 99", str(refusal.exception))
        self.assertEqual(self.team.sla_at_risk_percent, 80)
