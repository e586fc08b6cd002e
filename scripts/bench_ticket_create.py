"""Ticket creation with the suite's SLA terms versus OCA's helpdesk_mgmt_sla policies of
the same shape, in one process; then the recompute of open tickets after a change of terms.

Both databases get the same Monday-to-Friday calendar in Kyiv, one team on it and the same
clients. The reference (stock Odoo with helpdesk_mgmt and helpdesk_mgmt_sla) has two SLA
policies on the team, "reach In Progress within 4 hours" and "reach Done within 2 days"
(16 working hours); the suite has one term with a 4-hour response and a 16-hour resolution
target. Tickets are created one per call, as the mail gateway and the portal create them,
in batches interleaved with the other database's (see bench_common).
"""

import random
import sys
import time

from bench_common import compare_with_stock

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

TARGET_RATIO = 1.0
TEAM = "Bench service"


def _calendar(env):
    calendar = env["resource.calendar"].search([("name", "=", TEAM)], limit=1)
    return calendar or env["resource.calendar"].create(
        {
            "name": TEAM,
            "tz": "Europe/Kyiv",
            "attendance_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"{day} {start}",
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


def setup(env, count, in_suite):
    """The calendar, the team, the clients and the SLA configuration, committed once."""
    team = env["helpdesk.ticket.team"].search([("name", "=", TEAM)], limit=1)
    team = team or env["helpdesk.ticket.team"].create(
        {"name": TEAM, "resource_calendar_id": _calendar(env).id}
    )
    clients = env["res.partner"].search([("ref", "=like", "BENCH-T-%")])
    if not clients:
        env["res.partner"].create(
            [
                {
                    "name": f"Bench client {index}",
                    "ref": f"BENCH-T-{index:05d}",
                    "email": f"client{index}@bench.example.com",
                }
                for index in range(max(count // 4, 1))
            ]
        )
    if in_suite:
        if not env["crm.service.sla.term"].search_count([("team_id", "=", team.id)]):
            env["crm.service.sla.term"].create(
                {"team_id": team.id, "response_hours": 4, "resolution_hours": 16}
            )
    elif not env["helpdesk.sla"].search_count([("team_ids", "in", team.ids)]):
        team.use_sla = True
        env["helpdesk.sla"].create(
            [
                {
                    "name": "Bench response",
                    "team_ids": [(6, 0, team.ids)],
                    "hours": 4,
                    "stage_id": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id,
                },
                {
                    "name": "Bench resolution",
                    "team_ids": [(6, 0, team.ids)],
                    "days": 2,
                    "stage_id": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
                },
            ]
        )


def prepare(env, count, _in_suite, seed=2026):
    """The values of ``count`` tickets of the clients."""
    rng = random.Random(seed)
    team = env["helpdesk.ticket.team"].search([("name", "=", TEAM)], limit=1)
    client_ids = env["res.partner"].search([("ref", "=like", "BENCH-T-%")], order="ref").ids
    return [
        {
            "name": f"Bench ticket {index}",
            "description": "<p>The sofa arrived with a torn armrest.</p>",
            "team_id": team.id,
            "partner_id": rng.choice(client_ids),
            "priority": rng.choice("0123"),
        }
        for index in range(count)
    ]


class TicketCreation:
    setup = staticmethod(setup)
    prepare = staticmethod(prepare)

    @staticmethod
    def run_batch(env, values, offset, batch):
        Ticket = env["helpdesk.ticket"]
        for vals in values[offset : offset + batch]:
            Ticket.create(vals)

    @staticmethod
    def check(env, values, in_suite):
        tickets = env["helpdesk.ticket"].search([("name", "=like", "Bench ticket %")])
        assert len(tickets) == len(values), f"{len(tickets)} tickets for {len(values)}"
        lines = tickets.sla_ids if in_suite else tickets.ticket_sla_ids
        assert len(lines) == 2 * len(values), f"{len(lines)} SLA lines for {len(values)}"
        assert all(lines.mapped("deadline")), "an SLA line without a deadline"


def recompute_open_tickets(args):
    """Time a change of terms over ``--open-tickets`` open tickets of the suite."""
    count = args.open_tickets
    with Registry(args.suite_db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        values = prepare(env, count, True, seed=7)
        for offset in range(0, count, 1000):
            env["helpdesk.ticket"].create(values[offset : offset + 1000])
        env.flush_all()
        term = env["crm.service.sla.term"].search([("team_id.name", "=", TEAM)], limit=1)
        tickets = env["helpdesk.ticket"].search([("name", "=like", "Bench ticket %")])
        before = dict(zip(tickets.ids, tickets.mapped("sla_deadline"), strict=True))
        start = time.perf_counter()
        term.write({"response_hours": term.response_hours + 2})
        env["helpdesk.ticket"]._cron_sla_refresh()
        env.flush_all()
        elapsed = time.perf_counter() - start
        env.invalidate_all()
        moved = sum(1 for ticket in tickets if ticket.sla_deadline != before[ticket.id])
        assert moved == len(tickets), f"{moved} of {len(tickets)} deadlines moved"
        cr.rollback()
    print(
        f"recompute after a change of terms: {count} open tickets in {elapsed:.2f}s "
        f"({count / elapsed:.0f} tickets/s), every deadline moved"
    )


if __name__ == "__main__":
    sys.argv, open_tickets = (
        [a for a in sys.argv if not a.startswith("--open-tickets=")],
        [int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--open-tickets=")],
    )

    def after(args):
        args.open_tickets = open_tickets[0] if open_tickets else 10000
        recompute_open_tickets(args)

    sys.exit(
        compare_with_stock(
            TicketCreation,
            label="ticket create",
            unit="tickets",
            suite_label="with SLA terms",
            reference_label="OCA helpdesk_mgmt_sla",
            target=TARGET_RATIO,
            count=500,
            batch=50,
            after=after,
        )
    )
