"""A real working calendar: Monday to Friday, 9:00-13:00 and 14:00-18:00 in Kyiv (UTC+2 in
January), so every expected deadline below is worked out by hand on a calendar with a
weekend, a lunch break and a time zone other than UTC."""

from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user


def utc(*args):
    return datetime(*args)


def around_the_clock(env, name="Around the clock", tz="UTC"):
    """A calendar where every hour of every day is worked."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "attendance_ids": [
                (
                    0,
                    0,
                    {
                        "name": str(day),
                        "dayofweek": str(day),
                        "hour_from": 0,
                        "hour_to": 24,
                        "day_period": "morning",
                    },
                )
                for day in range(7)
            ],
        }
    )


class SlaCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Showroom Mon-Fri 9-18 (Kyiv)",
                "tz": "Europe/Kyiv",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                        },
                    )
                    for day in range(5)
                    for start, stop, period in ((9, 13, "morning"), (14, 18, "afternoon"))
                ],
            }
        )
        cls.leader = new_test_user(
            cls.env, login="sla_leader", groups="helpdesk_mgmt.group_helpdesk_manager"
        )
        cls.agent = new_test_user(
            cls.env, login="sla_agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Showroom service",
                "user_id": cls.leader.id,
                "user_ids": [(6, 0, (cls.leader | cls.agent).ids)],
                "resource_calendar_id": cls.calendar.id,
            }
        )
        Term = cls.env["crm.service.sla.term"]
        cls.term = Term.create(
            {"team_id": cls.team.id, "response_hours": 4, "resolution_hours": 16}
        )
        cls.term_urgent = Term.create(
            {"team_id": cls.team.id, "priority": "3", "response_hours": 1, "resolution_hours": 8}
        )
        cls.term_key = Term.create(
            {
                "team_id": cls.team.id,
                "service_tier": "a",
                "response_hours": 2,
                "resolution_hours": 12,
            }
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Kyiv Interiors LLC", "is_company": True, "email": "buyer@interiors.example"}
        )
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_waiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

    @contextmanager
    def at(self, moment):
        """Run as if it were ``moment`` (naive UTC), for the ORM and the transaction."""
        with freeze_time(moment), patch.object(self.env.cr, "now", lambda: moment):
            yield

    def new_ticket(self, moment, **values):
        with self.at(moment):
            return self.env["helpdesk.ticket"].create(
                {
                    "name": "The sofa arrived with a torn armrest",
                    "description": "<p>Torn armrest</p>",
                    "team_id": self.team.id,
                    "partner_id": self.client.id,
                    "stage_id": self.stage_new.id,
                    **values,
                }
            )

    @staticmethod
    def line(ticket, kind):
        return ticket.sla_ids.filtered(lambda line: line.kind == kind)

    def reply(self, ticket, moment, user=None, subtype="mail.mt_comment"):
        with self.at(moment):
            return ticket.with_user(user or self.agent).message_post(
                body="We are sending a new armrest.",
                message_type="comment",
                subtype_xmlid=subtype,
            )
