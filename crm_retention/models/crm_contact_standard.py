from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import split_every

# How many periods of each kind fit in a year: compares standards of different periods.
PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}

# Changes of these fields change whom a standard applies to or what it requires: the
# partners are recounted by the daily job, started at once. A rename changes no figure;
# a new order only decides between equally demanding standards and waits for the next
# daily run.
RECOUNT_FIELDS = {"active", "role_ids", "category_ids", "company_id", "required_count", "period"}

# Partners recounted, or reminders planned, per transaction of a daily job
# (see res.partner._cron_batch_done).
CRON_BATCH_SIZE = 500


class CrmContactStandard(models.Model):
    """How often the partners of a relationship role or tag must be contacted."""

    _name = "crm.contact.standard"
    _inherit = ["crm.partner.scope.mixin"]
    _description = "Contact Frequency Standard"
    _order = "sequence, id"

    # the mixin's fields, on the relation tables this model was created with
    role_ids = fields.Many2many(
        "crm.relationship.role",
        "crm_contact_standard_role_rel",
        "standard_id",
        "role_id",
        string="Relationship Roles",
        help="The standard applies to partners holding any of these roles.",
    )
    category_ids = fields.Many2many(
        "res.partner.category",
        "crm_contact_standard_category_rel",
        "standard_id",
        "category_id",
        string="Tags",
        help="The standard applies to partners with any of these tags.",
    )
    required_count = fields.Integer(
        string="Required Contacts",
        required=True,
        default=4,
        help="Contacts (done activities, calls, meetings, …) required in each period. "
        "Several contacts on the same day count once.",
    )
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="year",
        help="Calendar period the required contacts are counted in.",
    )
    overdue_partner_count = fields.Integer(compute="_compute_overdue_partner_count")

    def _compute_overdue_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("contact_standard_id", "in", self.ids), ("contact_overdue", "=", True)],
                ["contact_standard_id"],
                ["__count"],
            )
        )
        for standard in self:
            standard.overdue_partner_count = counts.get(standard, 0)

    @api.constrains("required_count")
    def _check_required_count(self):
        for standard in self:
            if standard.required_count < 1:
                raise ValidationError(
                    self.env._(
                        'The contact standard "%(name)s" must require at least one contact '
                        "per period.",
                        name=standard.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        standards = super().create(vals_list)
        if any(standards.mapped("active")):
            self._trigger_recount()
        return standards

    def write(self, vals):
        res = super().write(vals)
        if RECOUNT_FIELDS & vals.keys():
            self._trigger_recount()
        return res

    def unlink(self):
        res = super().unlink()
        self._trigger_recount()
        return res

    def action_view_overdue_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overdue contacts of %(standard)s", standard=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("contact_standard_id", "=", self.id), ("contact_overdue", "=", True)],
        }

    @api.model
    def _trigger_recount(self):
        """Have the daily job recount every partner as soon as possible, outside the
        request: a recount reads every partner's contacts."""
        cron = self.env.ref("crm_retention.ir_cron_contact_standards", raise_if_not_found=False)
        if cron:
            cron._trigger()

    @api.model
    def _cron_check_contact_standards(self, batch_size=CRON_BATCH_SIZE):
        """Recount every partner's contacts, then remind salespeople of overdue clients.

        Both steps work in batches of ``batch_size`` partners. Run by the cron worker,
        each batch is committed: a run stopped by the time limit keeps the batches it
        finished, and the next run only writes figures that changed and only reminds
        clients without an open reminder.
        """
        Partner = self.env["res.partner"]
        partner_ids = Partner._contact_figure_partner_ids()
        done, remaining = 0, len(partner_ids)
        for batch_ids in split_every(batch_size, partner_ids, list):
            Partner._update_contact_figures(batch_ids)
            done, remaining = done + len(batch_ids), remaining - len(batch_ids)
            Partner._cron_batch_done(done, remaining)
        overdue = Partner.search([("contact_overdue", "=", True)], order="id")
        remaining = len(overdue)
        for batch in split_every(batch_size, overdue.ids, Partner.browse):
            batch._schedule_contact_activities()
            done, remaining = done + len(batch), remaining - len(batch)
            Partner._cron_batch_done(done, remaining)
