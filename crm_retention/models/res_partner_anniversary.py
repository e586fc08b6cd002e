from odoo import api, fields, models
from odoo.tools import SQL, split_every

from .crm_contact_standard import CRON_BATCH_SIZE
from .res_partner import PREFETCH_GROUP

ANNIVERSARY_KINDS = ("founding", "cooperation")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the last anniversary (in years) a reminder was planned for
    founding_reminded_years = fields.Integer(
        copy=False,
        readonly=True,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    cooperation_reminded_years = fields.Integer(
        copy=False,
        readonly=True,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )

    @api.model
    def _cron_schedule_anniversary_activities(self, batch_size=CRON_BATCH_SIZE):
        """Plan one reminder activity per due anniversary, for the partner's salesperson.

        The anniversaries are those of the Anniversaries report (crm.anniversary.report).
        They are reminded in batches of ``batch_size``, each committed when the cron
        worker runs the job (see ``_cron_batch_done``).
        """
        self.env.flush_all()
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, user_id, kind, years, anniversary_date FROM (%s) a "
                "WHERE a.reminder_due ORDER BY a.anniversary_date, a.id",
                self.env["crm.anniversary.report"]._anniversary_query(SQL("%s::date", today)),
            )
        )
        due = self.env.cr.fetchall()
        done, remaining = 0, len(due)
        for rows in split_every(batch_size, due, list):
            self._remind_anniversaries(rows)
            done, remaining = done + len(rows), remaining - len(rows)
            self._cron_batch_done(done, remaining)

    @api.model
    def _remind_anniversaries(self, rows):
        """Mark these anniversaries reminded and plan their activities.

        :param rows: [(partner id, user id, kind, years, anniversary date)]

        An anniversary is marked only where a smaller one was reminded before, and only
        the anniversaries marked here get an activity: a run at the same time (the daily
        job and *Run Manually*) that already reminded one does not remind it again.
        """
        columns = [f"{kind}_reminded_years" for kind in ANNIVERSARY_KINDS]
        self.flush_model(columns)
        marked = set()
        for kind in ANNIVERSARY_KINDS:
            values = [
                (partner_id, years) for partner_id, _user, k, years, _date in rows if k == kind
            ]
            if not values:
                continue
            column = SQL.identifier(f"{kind}_reminded_years")
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner AS p SET %(column)s = v.years
                      FROM (VALUES %(values)s) AS v(id, years)
                     WHERE p.id = v.id AND (p.%(column)s IS NULL OR p.%(column)s < v.years)
                 RETURNING p.id
                    """,
                    column=column,
                    values=SQL(", ").join(SQL("(%s, %s)", *value) for value in values),
                )
            )
            marked.update((partner_id, kind) for [partner_id] in self.env.cr.fetchall())
        self.invalidate_model(columns)
        if not marked:
            return self.env["mail.activity"]
        activity_type = self.env.ref("crm_retention.mail_activity_type_anniversary")
        partner_model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        summaries = {
            "founding": lambda years: self.env._("%(years)s years since founding", years=years),
            "cooperation": lambda years: self.env._("%(years)s years of cooperation", years=years),
        }
        # sudo: a system job on the anniversaries it found due (never on records a user
        # chose); it adds reminders for the partners' own salespeople only. Quick update:
        # no "assigned to you" notification per reminder, the activity menu shows them.
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        return Activity.create(
            [
                {
                    "res_model_id": partner_model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id,
                    "summary": summaries[kind](years),
                    "date_deadline": anniversary_date,
                    "user_id": user_id or fallback_user.id,
                }
                for partner_id, user_id, kind, years, anniversary_date in rows
                if (partner_id, kind) in marked
            ]
        )
