from odoo import fields, models


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
