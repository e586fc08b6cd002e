from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_abc_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Margin")],
        string="ABC Classes on",
        default="revenue",
        required=True,
    )
    crm_abc_a_percent = fields.Float(
        string="Class A Share (%)",
        default=80.0,
        help="Class A: the clients bringing the first part of the value, up to this share.",
    )
    crm_abc_b_percent = fields.Float(
        string="Class B Share (%)",
        default=15.0,
        help="Class B: the clients bringing the next share of the value; C gets the rest.",
    )

    @api.constrains("crm_abc_a_percent", "crm_abc_b_percent")
    def _check_abc_cutoffs(self):
        for company in self:
            a, b = company.crm_abc_a_percent, company.crm_abc_b_percent
            if a <= 0 or b < 0 or a + b > 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the A share must be above 0%%, the B share not negative, "
                        "and together they cannot exceed 100%%.",
                        company=company.name,
                    )
                )
