from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import split_every

from ..tools import SYSTEM_WRITE

# Clients written per ORM call when a plan reaches its client groups.
ASSIGN_BATCH_SIZE = 1000


class MailActivityPlan(models.Model):
    _inherit = "mail.activity.plan"

    partner_category_ids = fields.Many2many(
        "res.partner.category",
        "mail_activity_plan_partner_category_rel",
        "plan_id",
        "category_id",
        string="Client Groups",
        help="Clients with one of these tags follow this sales plan when they get their "
        "first plan.",
    )
    sales_plan_partner_count = fields.Integer(
        string="Clients on this Plan", compute="_compute_sales_plan_partner_count"
    )

    def _compute_sales_plan_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("sales_plan_id", "in", self.ids)], ["sales_plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.sales_plan_partner_count = counts.get(plan, 0)

    @api.constrains("partner_category_ids", "res_model", "company_id", "active")
    def _check_partner_category_ids(self):
        plans = self.filtered("partner_category_ids")
        for plan in plans:
            if plan.res_model != "res.partner":
                raise ValidationError(
                    self.env._(
                        'The plan "%(plan)s" applies to another model: only plans for '
                        "contacts can have client groups.",
                        plan=plan.name,
                    )
                )
        if not plans:
            return
        others = self.search(
            [
                ("id", "not in", plans.ids),
                ("res_model", "=", "res.partner"),
                ("partner_category_ids", "in", plans.partner_category_ids.ids),
            ]
        )
        for plan in plans.filtered("active"):
            for other in (others | plans - plan).filtered("active"):
                shared = plan.partner_category_ids & other.partner_category_ids
                same_company = (
                    not plan.company_id
                    or not other.company_id
                    or plan.company_id == other.company_id
                )
                if shared and same_company:
                    raise ValidationError(
                        self.env._(
                            'The client group "%(group)s" already follows the sales plan '
                            '"%(other)s"; the plan "%(plan)s" cannot take it too.',
                            group=shared[0].name,
                            other=other.name,
                            plan=plan.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._assign_to_client_groups()
        return plans

    def write(self, vals):
        res = super().write(vals)
        if vals.keys() & {"partner_category_ids", "active"}:
            self._assign_to_client_groups()
        return res

    def _client_group_scope(self):
        """The clients this plan is for, as a scope (see crm.partner.scope.mixin)."""
        self.ensure_one()
        return (self.company_id.id, frozenset(), frozenset(self.partner_category_ids.ids))

    def _assign_to_client_groups(self):
        """Give the plan to the clients of its groups that have no plan yet.

        A plan of a company reaches the clients of that company; a plan without a company
        reaches those of the companies the user works in now (``self.env.companies``).
        Clients shared by all companies are reached in both cases.
        """
        Partner = self.env["res.partner"]
        for plan in self.filtered(lambda plan: plan.active and plan.partner_category_ids):
            companies = plan.company_id or self.env.companies
            domain = [
                ("category_id", "in", plan.partner_category_ids.ids),
                ("sales_plan_id", "=", False),
                ("company_id", "in", [*companies.ids, False]),
            ]
            # sudo: a first plan is configuration, given to every client of the group in
            # the companies above, whoever their salesperson is; only the plan is written
            partner_ids = Partner.sudo().with_context(active_test=False).search(domain).ids
            for partners in split_every(ASSIGN_BATCH_SIZE, partner_ids, Partner.sudo().browse):
                partners.with_context(skip_data_standards_check=SYSTEM_WRITE).write(
                    {"sales_plan_id": plan.id}
                )
                # memory stays bounded by one batch
                partners.invalidate_recordset()

    def action_view_sales_plan_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Clients on %(plan)s", plan=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("sales_plan_id", "=", self.id)],
        }
