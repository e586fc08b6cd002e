"""One SLA target of one ticket: its deadline, state and pauses, kept by the ticket."""

from odoo import fields, models
from odoo.tools import SQL

SLA_STATES = [
    ("ongoing", "Ongoing"),
    ("paused", "Paused"),
    ("reached", "Reached"),
    ("failed", "Failed"),
    ("cancelled", "Not applicable"),
]


class CrmServiceTicketSla(models.Model):
    _name = "crm.service.ticket.sla"
    _description = "Ticket SLA"
    _order = "ticket_id, kind desc, id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    term_id = fields.Many2one("crm.service.sla.term", ondelete="set null")
    kind = fields.Selection([("response", "Response"), ("resolution", "Resolution")], required=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    team_id = fields.Many2one(related="ticket_id.team_id", store=True)
    target_hours = fields.Float(string="Target (working hours)")
    date_start = fields.Datetime(string="Start", required=True)
    deadline = fields.Datetime(index=True, help="Empty while the ticket is paused.")
    at_risk_date = fields.Datetime(
        string="At Risk From",
        index=True,
        help="When the team's at-risk share of the target is spent.",
    )
    state = fields.Selection(SLA_STATES, default="ongoing", required=True, index=True)
    reached_date = fields.Datetime(string="Reached")
    working_hours = fields.Float(
        string="Working Hours Taken",
        help="Working hours from the start to the reaching, pauses left out.",
    )
    exceeded_hours = fields.Float(
        string="Exceeded Working Hours",
        help="Working hours past the deadline when the target was reached late.",
    )
    paused_hours = fields.Float(string="Paused Working Hours")
    pause_ids = fields.One2many("crm.service.ticket.sla.pause", "sla_id", string="Pauses")
    at_risk_notified = fields.Boolean(copy=False)
    breach_notified = fields.Boolean(copy=False)

    _sql_constraints = [
        ("kind_unique", "UNIQUE(ticket_id, kind)", "A ticket has one SLA line per target."),
    ]

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.ticket_id.display_name}: {kinds.get(line.kind)}"

    # ------------------------------------------------------------------
    # Clock (called by the ticket's engine, as superuser)
    # ------------------------------------------------------------------
    def _sla_plan(self):
        """Store the deadline and the at-risk moment of these lines, in one statement:
        the target plus the paused working hours, planned on the team's calendar."""
        if not self:
            return
        timelines = self.env["helpdesk.ticket"]._sla_timelines(self)
        rows = []
        for line in self:
            if line.state != "ongoing":
                rows.append((line.id, None, None))
                continue
            timeline = timelines[line.team_id.id]
            share = (line.team_id.sla_at_risk_percent or 80) / 100
            rows.append(
                (
                    line.id,
                    timeline.plan(line.target_hours + line.paused_hours, line.date_start) or None,
                    timeline.plan(line.target_hours * share + line.paused_hours, line.date_start)
                    or None,
                )
            )
        self.flush_recordset(["state", "target_hours", "paused_hours", "date_start"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_service_ticket_sla AS line
                   SET deadline = v.deadline, at_risk_date = v.at_risk_date
                  FROM (VALUES %s) AS v(id, deadline, at_risk_date)
                 WHERE line.id = v.id
                """,
                SQL(", ").join(SQL("(%s, %s::timestamp, %s::timestamp)", *row) for row in rows),
            )
        )
        self.invalidate_recordset(["deadline", "at_risk_date"])
        self.modified(["deadline", "at_risk_date"])

    def _sla_close_pauses(self, when):
        """End the running pauses of these lines at ``when``, with their working hours."""
        pausing = self.filtered(lambda line: any(not pause.date_end for pause in line.pause_ids))
        if not pausing:
            return
        timelines = self.env["helpdesk.ticket"]._sla_timelines(pausing)
        for line in pausing:
            pauses = line.pause_ids.filtered(lambda pause: not pause.date_end)
            timeline = timelines[line.team_id.id]
            hours = 0.0
            for pause in pauses:
                pause_hours = timeline.hours_between(pause.date_start, when)
                pause.write({"date_end": when, "working_hours": pause_hours})
                hours += pause_hours
            line.paused_hours += hours

    def _sla_pause(self, when):
        """Stop the clocks of these ongoing lines; a line already past its deadline has
        failed instead."""
        late = self.filtered(lambda line: line.deadline and line.deadline <= when)
        late.write({"state": "failed"})
        paused = self - late
        for line in paused:
            line.pause_ids = [fields.Command.create({"date_start": when})]
        paused.write({"state": "paused", "deadline": False, "at_risk_date": False})

    def _sla_resume(self, when):
        self._sla_close_pauses(when)
        self.write({"state": "ongoing"})
        self._sla_plan()

    def _sla_reach(self, when):
        """The target is met at ``when``: reached, or failed if past the deadline."""
        self._sla_close_pauses(when)
        self.filtered(lambda line: line.state == "paused").write({"state": "ongoing"})
        self._sla_plan()
        timelines = self.env["helpdesk.ticket"]._sla_timelines(self) if self else {}
        for line in self:
            timeline = timelines[line.team_id.id]
            taken = timeline.hours_between(line.date_start, when) - line.paused_hours
            late = bool(line.deadline) and when > line.deadline
            line.write(
                {
                    "state": "failed" if late else "reached",
                    "reached_date": when,
                    "working_hours": max(taken, 0.0),
                    "exceeded_hours": timeline.hours_between(line.deadline, when) if late else 0.0,
                }
            )

    def _sla_stop(self, when):
        """The ticket closed without meeting this target: not applicable, or failed if the
        deadline had already passed."""
        self._sla_close_pauses(when)
        for line in self:
            late = line.state == "ongoing" and line.deadline and line.deadline < when
            line.write({"state": "failed" if late else "cancelled"})

    def _sla_notify(self, event):
        """One activity for the team leader (else the assignee) per line and event."""
        flag = "breach_notified" if event == "breach" else "at_risk_notified"
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self.filtered(lambda line: not line[flag]):
            ticket = line.ticket_id
            user = ticket.team_id.user_id or ticket.user_id
            if user:
                if event == "breach":
                    summary = self.env._("SLA failed: %(target)s", target=kinds[line.kind])
                else:
                    summary = self.env._("SLA at risk: %(target)s", target=kinds[line.kind])
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(line),
                    summary=summary,
                    user_id=user.id,
                )
        self.write({flag: True})
