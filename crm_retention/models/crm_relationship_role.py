from odoo import api, fields, models
from odoo.exceptions import UserError

# The roles the module relies on, by code (automation, menus, competitor checks).
DATA_ROLE_CODES = ("client", "prospect", "supplier", "partner", "competitor")


class CrmRelationshipRole(models.Model):
    """What a partner is to the company: client, prospect, supplier, partner, competitor.

    A partner may hold several roles at once; the five standard roles are data records
    whose codes the module relies on (e.g. a prospect becomes a client on its first
    confirmed order), more can be added.
    """

    _name = "crm.relationship.role"
    _description = "Relationship Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical identifier used by the module's automation (e.g. 'client').",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "The code of a relationship role must be unique.",
        ),
    ]

    def _data_roles(self):
        """Those of these roles the module ships and relies on."""
        data_role_ids = {
            self.env["ir.model.data"]._xmlid_to_res_id(
                f"crm_retention.crm_relationship_role_{code}", raise_if_not_found=False
            )
            for code in DATA_ROLE_CODES
        }
        return self.filtered(lambda role: role.id in data_role_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_data_roles(self):
        if self._data_roles():
            raise UserError(
                self.env._(
                    "The roles Client, Prospect, Supplier, Business Partner and Competitor are "
                    "used by the client base and cannot be deleted; archive a role you do not "
                    "need instead."
                )
            )

    def write(self, vals):
        if "code" in vals and any(role.code != vals["code"] for role in self._data_roles()):
            raise UserError(
                self.env._(
                    "The code of the roles Client, Prospect, Supplier, Business Partner and "
                    "Competitor is used by the client base and cannot be changed."
                )
            )
        return super().write(vals)
