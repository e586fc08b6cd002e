from odoo import api, fields, models
from odoo.tools import SQL

from .res_partner import PREFETCH_GROUP


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
    def _cron_schedule_anniversary_activities(self):
        """Plan one reminder activity per due anniversary, for the partner's salesperson.

        The anniversaries are those of the Anniversaries report (crm.anniversary.report).
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
        if not due:
            return
        activity_type = self.env.ref("crm_retention.mail_activity_type_anniversary")
        partner_model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        summaries = {
            "founding": lambda years: self.env._("%(years)s years since founding", years=years),
            "cooperation": lambda years: self.env._("%(years)s years of cooperation", years=years),
        }
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": partner_model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id,
                    "summary": summaries[kind](years),
                    "date_deadline": anniversary_date,
                    "user_id": user_id or fallback_user.id,
                }
                for partner_id, user_id, kind, years, anniversary_date in due
            ]
        )
        for kind in ("founding", "cooperation"):
            rows = [(partner_id, years) for partner_id, _user, k, years, _date in due if k == kind]
            if not rows:
                continue
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner AS p SET %s = v.years
                      FROM (VALUES %s) AS v(id, years) WHERE p.id = v.id
                    """,
                    SQL.identifier(f"{kind}_reminded_years"),
                    SQL(", ").join(SQL("(%s, %s)", *row) for row in rows),
                )
            )
        self.invalidate_model(["founding_reminded_years", "cooperation_reminded_years"])
