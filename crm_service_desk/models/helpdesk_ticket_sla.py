"""The SLA engine on the ticket: lines applied from the terms, paused in waiting stages,
met by the first public reply of an employee and by a solved closed stage, recomputed when
the ticket, the terms, the calendar or the client's tier change.

Every change of SLA lines here is the system's, on tickets the caller could create or write
(or, for terms, calendars and tiers, on the open tickets these govern): the engine works as
superuser on lines nobody writes by hand, and never on records named by a caller's input.
"""

import threading

from odoo import Command, api, fields, models
from odoo.tools import SQL

from ..tools import WorkTimeline

SLA_TRIGGERS = {"team_id", "priority", "category_id", "partner_id", "company_id"}
OPEN_STATES = ("ongoing", "paused")
SYNC_LIMIT = 1000  # open tickets recomputed at once; more go to the refresh job
BATCH_SIZE = 1000  # tickets per batch (and commit) of the jobs


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sla_ids = fields.One2many(
        "crm.service.ticket.sla",
        "ticket_id",
        string="SLAs",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )
    sla_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla_status",
        store=True,
        index=True,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="The nearest deadline of the ticket's ongoing SLA targets.",
    )
    sla_status = fields.Selection(
        [
            ("ongoing", "Ongoing"),
            ("at_risk", "At risk"),
            ("paused", "Paused"),
            ("failed", "Failed"),
            ("reached", "Reached"),
        ],
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        index=True,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )
    sla_first_response_date = fields.Datetime(
        string="First Response",
        copy=False,
        readonly=True,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="The first public reply of an employee (not an internal note, not an "
        "automatic message).",
    )
    sla_refresh_pending = fields.Boolean(
        copy=False, index="btree_not_null", groups="base.group_system"
    )

    @api.depends("sla_ids.state", "sla_ids.deadline", "sla_ids.at_risk_notified")
    def _compute_sla_status(self):
        for ticket in self:
            lines = ticket.sla_ids
            ongoing = lines.filtered(lambda line: line.state == "ongoing")
            deadlines = [line.deadline for line in ongoing if line.deadline]
            ticket.sla_deadline = min(deadlines) if deadlines else False
            states = set(lines.mapped("state"))
            if "failed" in states:
                ticket.sla_status = "failed"
            elif any(line.at_risk_notified for line in ongoing):
                ticket.sla_status = "at_risk"
            elif "ongoing" in states:
                ticket.sla_status = "ongoing"
            elif "paused" in states:
                ticket.sla_status = "paused"
            elif "reached" in states:
                ticket.sla_status = "reached"
            else:
                ticket.sla_status = False

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.sudo()._sla_apply()  # system lines of tickets just created (module docstring)
        return tickets

    def write(self, vals):
        before = {}
        if "stage_id" in vals:
            before = {ticket.id: ticket.stage_id for ticket in self}
        res = super().write(vals)
        engine = self.sudo()  # system lines of tickets the caller may write (module docstring)
        if before:
            engine._sla_stage_changed(before)
        if SLA_TRIGGERS & set(vals):
            engine._sla_apply()
        return res

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self._sla_is_response(message, msg_vals):
            # system lines of a ticket the author could post on (module docstring)
            self.sudo()._sla_record_response(message.date or fields.Datetime.now())
        return res

    def _sla_is_response(self, message, msg_vals):
        """A public reply of an employee: a discussion message (not a note, not an
        automatic message) whose author is an internal user."""
        if message.message_type not in ("comment", "email"):
            return False
        if message.subtype_id != self.env.ref("mail.mt_comment"):
            return False
        # whether the author is an employee: a customer posting cannot read users
        return any(not user.share for user in message.author_id.sudo().user_ids)

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _sla_refresh(self, domain):
        """Recompute the open tickets of ``domain`` (terms, calendar or tier changed):
        up to SYNC_LIMIT now, the rest in batches by the refresh job."""
        # every open ticket the change governs, whoever made it (module docstring)
        tickets = self.sudo().search(domain + [("stage_id.closed", "=", False)], order="id")
        tickets[:SYNC_LIMIT]._sla_apply()
        rest = tickets[SYNC_LIMIT:]
        if rest:
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET sla_refresh_pending = TRUE WHERE id IN %s",
                    tuple(rest.ids),
                )
            )
            rest.invalidate_recordset(["sla_refresh_pending"])
            self.env.ref("crm_service_desk.ir_cron_sla_refresh")._trigger()

    def _sla_apply(self):
        """Give these tickets the lines of their best term; recompute the open lines'
        deadlines. Reached and failed lines stay as they are."""
        tickets = self.filtered(lambda ticket: ticket.active and not ticket.stage_id.closed)
        if not tickets:
            return
        best = self.env["crm.service.sla.term"]._best_terms(tickets)
        Line = self.env["crm.service.ticket.sla"]
        to_create, to_update, obsolete = [], {}, Line
        timelines = None  # built at the first new line: most calls only update lines
        for ticket in tickets:
            term = best.get(ticket.id)
            existing = {line.kind: line for line in ticket.sla_ids}
            for kind in ("response", "resolution"):
                hours = term[f"{kind}_hours"] if term else 0.0
                line = existing.get(kind)
                if line and line.state in ("reached", "failed"):
                    continue
                if not hours:
                    obsolete |= line or Line
                elif line:
                    if line.term_id != term or line.target_hours != hours:
                        to_update.setdefault((term.id, hours), Line)
                        to_update[term.id, hours] |= line
                else:
                    vals = {
                        "ticket_id": ticket.id,
                        "term_id": term.id,
                        "kind": kind,
                        "target_hours": hours,
                        "date_start": ticket.create_date,
                    }
                    if ticket.stage_id.sla_pause:
                        now = fields.Datetime.now()
                        vals.update(state="paused", pause_ids=[Command.create({"date_start": now})])
                    else:
                        # planned right away: one INSERT, no UPDATE after it
                        if timelines is None:
                            timelines = self._sla_timelines_for(
                                tickets.team_id, min(tickets.mapped("create_date"))
                            )
                        timeline = timelines[ticket.team_id.id]
                        share = (ticket.team_id.sla_at_risk_percent or 80) / 100
                        vals.update(
                            state="ongoing",
                            deadline=timeline.plan(hours, ticket.create_date),
                            at_risk_date=timeline.plan(hours * share, ticket.create_date),
                        )
                    to_create.append(vals)
        obsolete.unlink()
        for (term_id, hours), lines in to_update.items():
            lines.write({"term_id": term_id, "target_hours": hours})
        planned = Line.create(to_create)
        lines = tickets.sla_ids.filtered(lambda line: line.state in OPEN_STATES)
        responded = lines.filtered(
            lambda line: line.kind == "response" and line.ticket_id.sla_first_response_date
        )
        for line in responded:
            line._sla_reach(line.ticket_id.sla_first_response_date)
        (lines - responded - planned)._sla_plan()

    def _sla_timelines(self, lines):
        """``{team id: WorkTimeline}`` from the earliest start of ``lines``."""
        return self._sla_timelines_for(lines.ticket_id.team_id, min(lines.mapped("date_start")))

    def _sla_timelines_for(self, teams, start):
        """``{team id: WorkTimeline}`` of ``teams``' calendars from ``start``, one per
        calendar."""
        by_calendar, result = {}, {}
        Team = self.env["helpdesk.ticket.team"]
        for team in teams:
            calendar = Team._sla_calendar(team)
            if calendar.id not in by_calendar:
                by_calendar[calendar.id] = WorkTimeline(calendar, start)
            result[team.id] = by_calendar[calendar.id]
        return result

    def _sla_stage_changed(self, before):
        """Pause, resume, reach or stop the clocks after a change of stage."""
        now = fields.Datetime.now()
        reopened = self.browse()
        for ticket in self:
            old, new = before[ticket.id], ticket.stage_id
            lines = ticket.sla_ids
            if new.closed and not old.closed:
                for line in lines.filtered(lambda line: line.state in OPEN_STATES):
                    if line.kind == "resolution" and new.sla_solved:
                        line._sla_reach(now)
                    else:
                        line._sla_stop(now)
            elif old.closed and not new.closed:
                lines.filtered(
                    lambda line: (
                        line.state == "cancelled"
                        or (line.kind == "resolution" and line.state == "reached")
                    )
                ).write(
                    {
                        "state": "ongoing",
                        "reached_date": False,
                        "working_hours": 0.0,
                        "exceeded_hours": 0.0,
                    }
                )
                reopened |= ticket
                if new.sla_pause:
                    lines.filtered(lambda line: line.state == "ongoing")._sla_pause(now)
            elif new.sla_pause and not old.sla_pause:
                lines.filtered(lambda line: line.state == "ongoing")._sla_pause(now)
            elif old.sla_pause and not new.sla_pause:
                lines.filtered(lambda line: line.state == "paused")._sla_resume(now)
        reopened._sla_apply()

    def _sla_record_response(self, when):
        tickets = self.filtered(lambda ticket: not ticket.sla_first_response_date)
        if not tickets:
            return
        tickets.write({"sla_first_response_date": when})
        for line in tickets.sla_ids.filtered(
            lambda line: line.kind == "response" and line.state in OPEN_STATES
        ):
            line._sla_reach(when)

    # ------------------------------------------------------------------
    # Jobs
    # ------------------------------------------------------------------
    @api.model
    def _cron_sla_refresh(self):
        """Recompute the tickets left pending by a change of terms, calendar or tier, in
        batches, committing after each."""
        while True:
            tickets = self.sudo().search([("sla_refresh_pending", "=", True)], limit=BATCH_SIZE)
            if not tickets:
                return
            tickets._sla_apply()
            tickets.write({"sla_refresh_pending": False})
            self._sla_batch_done()

    @api.model
    def _cron_sla_check(self):
        """Mark breached targets failed and warn the team leaders of targets at risk, once
        each, in batches committed one by one."""
        Line = self.env["crm.service.ticket.sla"].sudo()  # the job works on every company
        now = fields.Datetime.now()
        while True:
            breached = Line.search(
                [("state", "=", "ongoing"), ("deadline", "<=", now)], limit=BATCH_SIZE
            )
            if not breached:
                break
            breached.write({"state": "failed"})
            breached._sla_notify("breach")
            self._sla_batch_done()
        while True:
            at_risk = Line.search(
                [
                    ("state", "=", "ongoing"),
                    ("at_risk_date", "<=", now),
                    ("at_risk_notified", "=", False),
                ],
                limit=BATCH_SIZE,
            )
            if not at_risk:
                break
            at_risk._sla_notify("at_risk")
            self._sla_batch_done()

    def _sla_batch_done(self):
        """Commit a job's batch when the cron worker runs it (``cron_id`` in the context),
        never in tests, a manual run or a module install (one transaction to roll back)."""
        if self.env.context.get("cron_id") and not getattr(
            threading.current_thread(), "testing", False
        ):
            # the worker's own transaction, between two batches: a later failure keeps
            # the batches done
            self.env.cr.commit()  # pylint: disable=invalid-commit
