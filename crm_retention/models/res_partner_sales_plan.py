from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_partner_scope_mixin import scope_matches
from .res_partner import PREFETCH_GROUP


class ResPartner(models.Model):
    _inherit = "res.partner"

    sales_plan_id = fields.Many2one(
        "mail.activity.plan",
        compute="_compute_sales_plan_id",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        domain=[("res_model", "=", "res.partner")],
        help="The sequence of activities this client follows. A client gets the plan of "
        "its client group (tag); later changes go through Change Sales Plan and are "
        "recorded.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
    )
    sales_plan_switch_ids = fields.One2many(
        "crm.sales.plan.switch",
        "partner_id",
        string="Sales Plan History",
        groups="base.group_user",
    )

    @api.depends("category_id")
    def _compute_sales_plan_id(self):
        plans = self.env["mail.activity.plan"].search(
            [("res_model", "=", "res.partner"), ("partner_category_ids", "!=", False)]
        )
        for partner in self:
            if partner.sales_plan_id or not partner.category_id:
                partner.sales_plan_id = partner.sales_plan_id
                continue
            partner.sales_plan_id = plans.filtered(
                lambda plan, partner=partner: scope_matches(
                    plan._client_group_scope(),
                    partner.company_id.id,
                    (),
                    partner.category_id._origin.ids,
                )
            )[:1]

    def _switch_sales_plan(self, plan, reason):
        """Move these clients to ``plan``, recording who, when and why."""
        partners = self.filtered(lambda partner: partner.sales_plan_id != plan)
        partners.check_access("write")
        # sudo: the switch history is written only here, by whoever may edit the clients
        switches = (
            self.env["crm.sales.plan.switch"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "from_plan_id": partner.sales_plan_id.id,
                        "to_plan_id": plan.id,
                        "reason": reason,
                    }
                    for partner in partners
                ]
            )
        )
        partners.write({"sales_plan_id": plan.id})
        return switches.sudo(False)

    def action_launch_sales_plan(self):
        """Schedule the activities of each client's sales plan, with Odoo's plan launcher."""
        # clients without a plan have nothing to launch (the button is hidden for them)
        partners = self.filtered("sales_plan_id")
        today = fields.Date.context_today(self)
        for (plan, user, company), group in partners.grouped(
            lambda partner: (partner.sales_plan_id, partner.user_id, partner.company_id)
        ).items():
            # the launcher reads its records from the context, as when opened from a list
            scheduler = (
                self.env["mail.activity.schedule"]
                .with_company(company or self.env.company)
                .with_context(active_model="res.partner", active_ids=group.ids)
                .create(
                    {
                        "res_model": "res.partner",
                        "plan_id": plan.id,
                        "plan_date": today,
                        "plan_on_demand_user_id": (user or self.env.user).id,
                    }
                )
            )
            scheduler.action_schedule_plan()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_sales_plan_switch(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Sales Plan"),
            "res_model": "crm.sales.plan.switch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    @api.constrains("sales_plan_id", "company_id")
    def _check_sales_plan_company(self):
        """A client of a company follows a plan of its company or a plan for all companies."""
        for partner in self:
            plan_company = partner.sales_plan_id.company_id
            if plan_company and partner.company_id and plan_company != partner.company_id:
                raise ValidationError(
                    self.env._(
                        'The client "%(partner)s" belongs to %(company)s and cannot follow '
                        'the sales plan "%(plan)s" of %(plan_company)s.',
                        partner=partner.display_name,
                        company=partner.company_id.name,
                        plan=partner.sales_plan_id.name,
                        plan_company=plan_company.name,
                    )
                )
