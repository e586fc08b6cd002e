from odoo import fields, models


class CrmSalesPlanSwitchWizard(models.TransientModel):
    _name = "crm.sales.plan.switch.wizard"
    _description = "Change Sales Plan"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    plan_id = fields.Many2one(
        "mail.activity.plan",
        string="New Sales Plan",
        required=True,
        domain=[("res_model", "=", "res.partner")],
    )
    reason = fields.Text(help="Why the clients change plan; kept in the sales plan history.")
    launch_plan = fields.Boolean(
        string="Schedule the plan's activities now",
        default=True,
        help="Plan the activities of the new plan for each client's salesperson, as "
        "Odoo's Launch Plan does.",
    )

    def action_switch(self):
        self.ensure_one()
        switches = self.partner_ids._switch_sales_plan(self.plan_id, self.reason)
        if self.launch_plan:
            switches.partner_id.action_launch_sales_plan()
        return {"type": "ir.actions.act_window_close"}
