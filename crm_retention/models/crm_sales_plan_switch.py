from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmSalesPlanSwitch(models.Model):
    """One change of a client's sales plan: who moved it, from which plan, to which, why."""

    _name = "crm.sales.plan.switch"
    _description = "Sales Plan Switch"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        ondelete="restrict",  # the plan history outlives no client silently
        index=True,
        check_company=True,
    )
    from_plan_id = fields.Many2one("mail.activity.plan", ondelete="set null", check_company=True)
    to_plan_id = fields.Many2one(
        "mail.activity.plan", required=True, ondelete="restrict", check_company=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Changed by",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    reason = fields.Text(help="Why the client changes plan; required.")
    salesperson_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The client's salesperson at the time of the switch.",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.constrains("reason", "from_plan_id", "to_plan_id")
    def _check_reason_and_plans(self):
        for switch in self:
            if not (switch.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why the sales plan of %(client)s changes: the reason is required.",
                        client=switch.partner_id.display_name,
                    )
                )
            if switch.from_plan_id == switch.to_plan_id:
                raise ValidationError(
                    self.env._(
                        '%(client)s already follows the sales plan "%(plan)s".',
                        client=switch.partner_id.display_name,
                        plan=switch.to_plan_id.name,
                    )
                )
            if switch.to_plan_id.res_model != "res.partner":
                raise ValidationError(
                    self.env._(
                        'The plan "%(plan)s" is not a sales plan for clients.',
                        plan=switch.to_plan_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        )
        partner_by_id = {partner.id: partner for partner in partners}
        for vals in vals_list:
            partner = partner_by_id.get(vals.get("partner_id"))
            if partner:
                vals.setdefault("salesperson_id", partner.user_id.id)
                vals.setdefault("company_id", partner.company_id.id or self.env.company.id)
        return super().create(vals_list)
