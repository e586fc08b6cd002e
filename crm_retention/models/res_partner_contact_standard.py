import threading

from odoo import api, fields, models
from odoo.tools import SQL

from .res_partner import PREFETCH_GROUP


class ResPartner(models.Model):
    _inherit = "res.partner"

    # written in bulk by _update_contact_figures, never by hand
    contact_standard_id = fields.Many2one(
        "crm.contact.standard",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The most demanding contact standard that applies to this client.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    contact_period = fields.Selection(
        related="contact_standard_id.period", groups="base.group_user"
    )
    last_contact_date = fields.Date(
        readonly=True,
        copy=False,
        help="Last done activity, logged call or meeting with this client or its contacts.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    contact_period_count = fields.Integer(
        string="Contacts This Period",
        readonly=True,
        copy=False,
        help="Days with a contact since the start of the current period of the standard.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    contact_required_count = fields.Integer(
        string="Required Contacts",
        readonly=True,
        copy=False,
        help="Contacts the standard requires in a whole period.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    contact_due_count = fields.Integer(
        string="Contacts Due by Now",
        readonly=True,
        copy=False,
        help="Required contacts times the elapsed share of the period, rounded down.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    contact_overdue = fields.Boolean(
        readonly=True,
        copy=False,
        help="Fewer contacts this period than are due by now.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )

    @api.model
    def _contact_document_models(self):
        """Documents whose done activities count as contacts with their partner.

        :return: {model name: name of its many2one to res.partner}
        """
        return {"crm.lead": "partner_id", "sale.order": "partner_id"}

    @api.model
    def _contact_source_queries(self):
        """Extension point: the sources of contacts, as SQL queries.

        Each query returns the columns ``partner_id`` (any partner; contacts count on its
        commercial partner) and ``contact_date`` (a date). Modules add sources by
        overriding this method and appending their own queries to the result.
        """
        # only the message posted when an activity is marked done has an activity type
        activity_messages = SQL("m.mail_activity_type_id IS NOT NULL")
        queries = [
            # done activities (calls, meetings, e-mails, to-dos) on the partner
            SQL(
                """
                SELECT m.res_id AS partner_id, m.date::date AS contact_date
                  FROM mail_message m
                 WHERE m.model = 'res.partner' AND %s
                """,
                activity_messages,
            )
        ]
        # done activities on the partner's leads and orders
        for model_name, partner_field in self._contact_document_models().items():
            queries.append(
                SQL(
                    """
                    SELECT d.%s AS partner_id, m.date::date AS contact_date
                      FROM mail_message m
                      JOIN %s d ON d.id = m.res_id
                     WHERE m.model = %s AND %s
                    """,
                    SQL.identifier(partner_field),
                    SQL.identifier(self.env[model_name]._table),
                    model_name,
                    activity_messages,
                )
            )
        # meetings the partner attends
        queries.append(
            SQL(
                """
                SELECT rel.res_partner_id AS partner_id, e.start::date AS contact_date
                  FROM calendar_event e
                  JOIN calendar_event_res_partner_rel rel ON rel.calendar_event_id = e.id
                 WHERE e.active
                """
            )
        )
        return queries

    @api.model
    def _contact_figure_partner_ids(self):
        """Ids of every commercial partner (the partners that carry contact figures),
        archived ones included, in id order: what the daily job recounts in batches."""
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL("SELECT id FROM res_partner WHERE id = commercial_partner_id ORDER BY id")
        )
        return [partner_id for [partner_id] in self.env.cr.fetchall()]

    @api.model
    def _cron_batch_done(self, done, remaining):
        """Report the progress of a daily job after one batch, and commit that batch when
        the cron worker runs the job.

        As Odoo's own batched jobs do: progress through ``ir.cron._notify_progress``, a
        commit only in the cron worker (``cron_id`` in the context), never in tests
        (they run on a transaction that must be rolled back) nor in a manual run.
        """
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if self.env.context.get("cron_id") and not getattr(
            threading.current_thread(), "testing", False
        ):
            # the cron worker's own transaction, between two batches of a job that works
            # on committed data only: a later failure keeps the batches done
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _update_contact_figures(self, partner_ids=None):
        """Recount the contacts of commercial partners against their contact standard.

        One SQL statement for all partners (or only ``partner_ids``), whatever their
        number: a period's contacts are the days with at least one contact since the
        period started; the contacts due by now are the required contacts times the
        elapsed share of the period, rounded down; fewer contacts than due is overdue.
        The daily job passes batches of ids, so that no statement locks every partner.
        """
        if partner_ids is not None and not partner_ids:
            return
        # extensions may read any table: everything pending must be in the database
        self.env.flush_all()
        today = fields.Date.context_today(self)
        only = SQL("AND p.id IN %s", tuple(partner_ids)) if partner_ids else SQL()
        only_contacts = (
            SQL("AND p.commercial_partner_id IN %s", tuple(partner_ids)) if partner_ids else SQL()
        )
        period_length = SQL(
            "CASE s.period WHEN 'month' THEN interval '1 month' "
            "WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END"
        )
        periods_per_year = SQL(
            "CASE s.period WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END"
        )
        self.env.cr.execute(
            SQL(
                """
                WITH source AS (%(sources)s),
                contact AS (
                    SELECT DISTINCT p.commercial_partner_id AS partner_id, src.contact_date
                      FROM source src
                      JOIN res_partner p ON p.id = src.partner_id
                     WHERE src.contact_date <= %(today)s %(only_contacts)s
                ),
                standard AS (
                    -- the most demanding standard (contacts per year) of each partner
                    SELECT DISTINCT ON (p.id)
                           p.id AS partner_id, s.id AS standard_id, s.required_count,
                           date_trunc(s.period, %(today)s::timestamp)::date AS period_start,
                           (date_trunc(s.period, %(today)s::timestamp) + %(period_length)s
                           )::date AS period_end
                      FROM res_partner p
                      JOIN crm_contact_standard s ON s.active AND %(in_scope)s
                     WHERE p.id = p.commercial_partner_id AND p.active %(only)s
                  ORDER BY p.id, s.required_count * %(periods_per_year)s DESC, s.sequence, s.id
                ),
                counted AS (
                    SELECT c.partner_id, MAX(c.contact_date) AS last_date,
                           COUNT(*) FILTER (WHERE c.contact_date >= st.period_start)
                               AS period_count
                      FROM contact c
                      LEFT JOIN standard st ON st.partner_id = c.partner_id
                  GROUP BY c.partner_id
                ),
                figures AS (
                    SELECT p.id AS partner_id, st.standard_id, cnt.last_date,
                           COALESCE(st.required_count, 0) AS required_count,
                           COALESCE(cnt.period_count, 0) AS period_count,
                           COALESCE(st.required_count * (%(today)s - st.period_start + 1)
                                    / (st.period_end - st.period_start), 0) AS due_count
                      FROM res_partner p
                      LEFT JOIN standard st ON st.partner_id = p.id
                      LEFT JOIN counted cnt ON cnt.partner_id = p.id
                     WHERE p.id = p.commercial_partner_id %(only)s
                )
                UPDATE res_partner AS p
                   SET contact_standard_id = f.standard_id,
                       last_contact_date = f.last_date,
                       contact_required_count = f.required_count,
                       contact_period_count = f.period_count,
                       contact_due_count = f.due_count,
                       contact_overdue = f.period_count < f.due_count
                  FROM figures f
                 WHERE p.id = f.partner_id
                   AND (p.contact_standard_id, p.last_contact_date, p.contact_required_count,
                        p.contact_period_count, p.contact_due_count, p.contact_overdue)
                       IS DISTINCT FROM
                       (f.standard_id, f.last_date, f.required_count, f.period_count,
                        f.due_count, f.period_count < f.due_count)
                """,
                sources=SQL(" UNION ALL ").join(self._contact_source_queries()),
                today=today,
                only=only,
                only_contacts=only_contacts,
                period_length=period_length,
                periods_per_year=periods_per_year,
                in_scope=self.env["crm.contact.standard"]._partner_scope_sql("s", "p"),
            )
        )
        self.invalidate_model(
            [
                "contact_standard_id",
                "last_contact_date",
                "contact_required_count",
                "contact_period_count",
                "contact_due_count",
                "contact_overdue",
            ]
        )

    def _schedule_contact_activities(self):
        """Plan a "Contact the client" activity for the salesperson of each of these
        partners, unless one is still open.

        The activities are created without the "assigned to you" notification of each:
        they are a daily job's reminders, and the salesperson finds them in the activity
        menu and in *Overdue Contacts*.
        """
        activity_type = self.env.ref("crm_retention.mail_activity_type_contact")
        # sudo: called by the daily job on the partners it found overdue (never on records
        # a user chose); it reads activities of one type on them and adds reminders for
        # their own salespeople only
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        reminded = {
            res_id
            for [res_id] in Activity._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        to_remind = self.filtered(lambda partner: partner.id not in reminded)
        if not to_remind:
            return Activity
        partner_model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        today = fields.Date.context_today(self)
        return Activity.create(
            [
                {
                    "res_model_id": partner_model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._(
                        "%(done)s of %(due)s contacts due by now",
                        done=partner.contact_period_count,
                        due=partner.contact_due_count,
                    ),
                    "date_deadline": today,
                    "user_id": partner.user_id.id or fallback_user.id,
                }
                for partner in to_remind
            ]
        )
