from odoo import api, fields, models
from odoo.exceptions import ValidationError

# How many periods of each kind fit in a year: compares standards of different periods.
PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}


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
        self.env["res.partner"]._update_contact_figures()
        return standards

    def write(self, vals):
        res = super().write(vals)
        self.env["res.partner"]._update_contact_figures()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.partner"]._update_contact_figures()
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
    def _cron_check_contact_standards(self):
        """Recount every partner's contacts, then remind salespeople of overdue clients."""
        Partner = self.env["res.partner"]
        Partner._update_contact_figures()
        Partner.search([("contact_overdue", "=", True)])._schedule_contact_activities()
