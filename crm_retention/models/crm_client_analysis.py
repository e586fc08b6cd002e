import threading
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, date_utils

from ..analytics import client_figures, scores

BATCH_SIZE = 1000  # clients per batch (and commit) of the incremental job


class CrmClientAnalysis(models.Model):
    """The client figures of one company as of one date. Each company has one *current*
    analysis, refreshed daily and for the clients whose documents change; a manager adds
    others to look back (as of an earlier date)."""

    _name = "crm.client.analysis"
    _description = "Client Analysis"
    _order = "is_current desc, as_of_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    as_of_date = fields.Date(
        string="As of", required=True, default=fields.Date.context_today, index=True
    )
    is_current = fields.Boolean(
        string="Current",
        readonly=True,
        help="The company's figures of today, refreshed daily and whenever a client's "
        "invoices, payments or orders change.",
    )
    state = fields.Selection(
        [("draft", "To Compute"), ("done", "Computed")], default="draft", readonly=True
    )
    computed_on = fields.Datetime(readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    abc_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Margin")], string="ABC on", readonly=True
    )
    abc_a_percent = fields.Float(string="A up to (%)", readonly=True)
    abc_b_percent = fields.Float(string="B next (%)", readonly=True)
    score_thresholds = fields.Json(
        readonly=True, help="Thresholds of the last full refresh, for one client's refresh."
    )
    value_ids = fields.One2many("crm.client.value", "analysis_id", string="Client Figures")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("company_id", "as_of_date", "is_current")
    def _compute_name(self):
        for analysis in self:
            analysis.name = self.env._(
                "%(company)s as of %(date)s",
                company=analysis.company_id.name or "",
                date=analysis.as_of_date or "",
            )

    @api.constrains("as_of_date")
    def _check_as_of_date(self):
        today = fields.Date.context_today(self)
        for analysis in self:
            if analysis.as_of_date and analysis.as_of_date > today:
                raise ValidationError(
                    self.env._(
                        "An analysis looks back: its date (%(date)s) cannot be after today.",
                        date=analysis.as_of_date,
                    )
                )

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS crm_client_analysis_current_uniq"
            " ON crm_client_analysis (company_id) WHERE is_current"
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_refresh(self):
        """Recompute every client of the analysis (set-based, one pass per company)."""
        self.check_access("write")
        for analysis in self:
            if analysis.is_current:
                analysis.as_of_date = fields.Date.context_today(self)
            analysis._compute_figures()
        return True

    def action_view_clients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_client_value_action"
        )
        action["domain"] = [("analysis_id", "=", self.id)]
        action["context"] = {"search_default_group_abc": 0}
        action["display_name"] = self.name
        return action

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    def _compute_figures(self, partner_ids=None):
        """Write the figures of all the clients of each analysis, or only of ``partner_ids``
        (commercial partners) placed with the thresholds of the last full refresh."""
        self.env.flush_all()
        cr = self.env.cr
        cells = self.env["crm.rfm.segment"]._cells()
        figure_names = ("partner_id", "user_id", *client_figures.FIGURE_COLUMNS)
        company_abc = {}
        for analysis in self:
            company = analysis.company_id
            figures = client_figures.client_figures_sql(
                company.id, analysis.as_of_date, partner_ids
            )
            names = figure_names
            if partner_ids is None:
                if analysis.is_current:
                    # every client is recomputed: nothing queued for the company is left
                    cr.execute(
                        SQL(
                            "DELETE FROM crm_client_refresh_queue WHERE company_id = %s",
                            company.id,
                        )
                    )
                cr.execute(SQL("DELETE FROM crm_client_value WHERE analysis_id = %s", analysis.id))
                # the figures, their RFM scores and ABC classes in one pass
                basis = company.crm_abc_basis or "revenue"
                company_abc[analysis] = (
                    basis,
                    company.crm_abc_a_percent,
                    company.crm_abc_b_percent,
                )
                figures = scores.scored_sql(figures, figure_names, *company_abc[analysis], cells)
                names = (*figure_names, *scores.SCORE_COLUMNS)
            else:
                cr.execute(
                    SQL(
                        "DELETE FROM crm_client_value WHERE analysis_id = %s"
                        " AND partner_id = ANY(%s)",
                        analysis.id,
                        list(partner_ids),
                    )
                )
            cr.execute(
                SQL(
                    """
INSERT INTO crm_client_value
       (analysis_id, company_id, as_of_date, create_uid, write_uid, create_date, write_date,
        %(columns)s)
SELECT %(analysis)s, %(company)s, %(as_of)s, %(uid)s, %(uid)s,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', figures.*
  FROM (%(figures)s) figures
""",
                    columns=SQL(", ").join(SQL.identifier(name) for name in names),
                    analysis=analysis.id,
                    company=company.id,
                    as_of=analysis.as_of_date,
                    uid=self.env.uid,
                    figures=figures,
                )
            )
            if partner_ids is None:
                analysis._store_thresholds(*company_abc[analysis])
            else:
                analysis._score_some(partner_ids, cells)
        self.env["crm.client.value"].invalidate_model()
        self.invalidate_recordset()

    def _store_thresholds(self, basis, a_percent, b_percent):
        """Keep what the incremental refresh needs to place one client: the highest value
        of each RFM score and the lowest value of each ABC class."""
        self.ensure_one()
        cr = self.env.cr
        thresholds = {axis: [None] * 4 for axis, _column in scores.RFM_AXES}
        cr.execute(scores.rfm_thresholds_sql(self.id))
        for axis, score, value in cr.fetchall():
            for k in range(score, 5):  # the highest value scored k or lower
                bound = thresholds[axis][k - 1]
                if bound is None or _as_number(axis, value) > _as_number(axis, bound):
                    thresholds[axis][k - 1] = value
        cr.execute(scores.abc_thresholds_sql(self.id, basis))
        a_min, b_min = cr.fetchone()
        thresholds["abc"] = [
            None if a_min is None else str(a_min),
            None if b_min is None else str(b_min),
        ]
        cr.execute(SQL("SELECT COUNT(*) FROM crm_client_value WHERE analysis_id = %s", self.id))
        self.write(
            {
                "state": "done",
                "computed_on": fields.Datetime.now(),
                "client_count": cr.fetchone()[0],
                "abc_basis": basis,
                "abc_a_percent": a_percent,
                "abc_b_percent": b_percent,
                "score_thresholds": thresholds,
            }
        )

    def _score_some(self, partner_ids, cells):
        self.ensure_one()
        thresholds = self.score_thresholds or {}
        a_min, b_min = thresholds.get("abc") or [None, None]
        cr = self.env.cr
        cr.execute(scores.rfm_incremental_sql(self.id, partner_ids, thresholds))
        cr.execute(scores.rfm_segment_sql(self.id, cells, partner_ids))
        cr.execute(
            scores.abc_incremental_sql(
                self.id, partner_ids, self.abc_basis or "revenue", a_min, b_min
            )
        )

    # ------------------------------------------------------------------
    # Current figures, incremental refresh, monthly history
    # ------------------------------------------------------------------
    @api.model
    def _current_for(self, company):
        analysis = self.search([("company_id", "=", company.id), ("is_current", "=", True)])
        if not analysis:
            analysis = self.create(
                {
                    "company_id": company.id,
                    "is_current": True,
                    "as_of_date": fields.Date.context_today(self),
                }
            )
        return analysis

    @api.model
    def _refresh_current(self, companies=None):
        """Recompute today's figures of every client of ``companies`` (default: all)."""
        for company in companies or self.env["res.company"].search([]):
            analysis = self._current_for(company)
            analysis.as_of_date = fields.Date.context_today(self)
            analysis._compute_figures()
            self._batch_done()

    @api.model
    def _refresh_partners(self, partner_ids_by_company):
        """Recompute only the given clients {company id: commercial partner ids} in their
        company's current analysis; an analysis not of today is refreshed in full."""
        today = fields.Date.context_today(self)
        for company_id, partner_ids in partner_ids_by_company.items():
            company = self.env["res.company"].browse(company_id)
            analysis = self._current_for(company)
            if analysis.as_of_date != today or analysis.state != "done":
                self._refresh_current(company)
            else:
                analysis._compute_figures(sorted(set(partner_ids)))

    @api.model
    def _cron_refresh(self):
        """Daily: today's figures of every company, and last month's snapshot if missing."""
        # the job computes every company's figures, as the cron worker does; it takes no
        # input from a caller
        analysis_sudo = self.sudo()
        analysis_sudo._refresh_current()
        last_month_end = date_utils.start_of(fields.Date.context_today(self), "month") - (
            timedelta(days=1)
        )
        for company in analysis_sudo.env["res.company"].search([]):
            analysis_sudo._snapshot_month(company, last_month_end, missing_only=True)
            analysis_sudo._batch_done()

    @api.model
    def _cron_refresh_marked(self):
        """Every few minutes: recompute the clients queued by posted, paid or reversed
        invoices and confirmed or cancelled orders, in batches committed one by one."""
        # the job serves every company's queue, as the cron worker does; the queue holds
        # only ids written by the document hooks
        analysis_sudo = self.sudo()
        cr = self.env.cr
        while True:
            cr.execute(
                SQL(
                    """
DELETE FROM crm_client_refresh_queue
 WHERE id IN (SELECT id FROM crm_client_refresh_queue ORDER BY id LIMIT %s
                 FOR UPDATE SKIP LOCKED)
RETURNING company_id, partner_id
""",
                    BATCH_SIZE,
                )
            )
            rows = cr.fetchall()
            if not rows:
                return
            by_company = defaultdict(list)
            for company_id, partner_id in rows:
                by_company[company_id].append(partner_id)
            analysis_sudo._refresh_partners(by_company)
            analysis_sudo._batch_done()

    @api.model
    def _snapshot_month(self, company, month_end, missing_only=False):
        """Store each client's ABC class and RFM segment as of ``month_end``."""
        History = self.env["crm.client.segment.history"]
        if missing_only and History.search_count(
            [("company_id", "=", company.id), ("month", "=", month_end)], limit=1
        ):
            return
        analysis = self.create({"company_id": company.id, "as_of_date": month_end})
        analysis._compute_figures()
        History._store_snapshot(analysis, month_end)
        analysis.unlink()

    @api.model
    def _backfill_history(self, months=24, companies=None):
        """Snapshots of the last ``months`` month ends (missing ones only)."""
        start = date_utils.start_of(fields.Date.context_today(self), "month")
        for company in companies or self.env["res.company"].search([]):
            for back in range(months, 0, -1):
                month_end = start - relativedelta(months=back - 1) - timedelta(days=1)
                self._snapshot_month(company, month_end, missing_only=True)

    def _batch_done(self):
        """Commit a job's batch when the cron worker runs it (``cron_id`` in the context),
        never in tests, a manual run or a module install (one transaction to roll back)."""
        if self.env.context.get("cron_id") and not getattr(
            threading.current_thread(), "testing", False
        ):
            # the worker's own transaction, between two batches: a later failure keeps
            # the batches done
            self.env.cr.commit()  # pylint: disable=invalid-commit


def _as_number(axis, value):
    """Order the text thresholds of an axis (ISO dates order as text)."""
    return value if axis == "r" else float(value)
