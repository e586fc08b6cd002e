"""A change of working hours or public holidays moves the open SLA deadlines it affects."""

from odoo import api, models


def _refresh_for_calendars(env, calendars):
    """Recompute the open tickets of the teams whose SLAs count ``calendars``' hours."""
    if not calendars:
        return
    teams = (
        env["helpdesk.ticket.team"]
        .with_context(active_test=False)
        .sudo()  # every team on these calendars, whoever changed them; only ids are read
        .search([("resource_calendar_id", "in", calendars.ids)])
    )
    if teams:
        env["helpdesk.ticket"]._sla_refresh([("team_id", "in", teams.ids)])


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def write(self, vals):
        res = super().write(vals)
        if {"attendance_ids", "tz", "global_leave_ids"} & set(vals):
            _refresh_for_calendars(self.env, self)
        return res


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        _refresh_for_calendars(self.env, records.calendar_id)
        return records

    def write(self, vals):
        calendars = self.calendar_id
        res = super().write(vals)
        _refresh_for_calendars(self.env, calendars | self.calendar_id)
        return res

    def unlink(self):
        calendars = self.calendar_id
        res = super().unlink()
        _refresh_for_calendars(self.env, calendars)
        return res


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    def _sla_calendars(self):
        """Calendars whose public holidays these are (leaves of one resource do not count)."""
        global_leaves = self.filtered(lambda leave: not leave.resource_id)
        calendars = global_leaves.calendar_id
        if global_leaves.filtered(lambda leave: not leave.calendar_id):
            # a holiday of every calendar of its company
            calendars |= self.env["resource.calendar"].search(
                [("company_id", "in", global_leaves.company_id.ids + [False])]
            )
        return calendars

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        _refresh_for_calendars(self.env, records._sla_calendars())
        return records

    def write(self, vals):
        calendars = self._sla_calendars()
        res = super().write(vals)
        _refresh_for_calendars(self.env, calendars | self._sla_calendars())
        return res

    def unlink(self):
        calendars = self._sla_calendars()
        res = super().unlink()
        _refresh_for_calendars(self.env, calendars)
        return res
