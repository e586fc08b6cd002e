import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Technical columns a standard makes no sense on.
EXCLUDED_FIELD_NAMES = (
    "id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "data_completeness",
    "data_missing_fields",
)


class CrmDataStandardLine(models.Model):
    _name = "crm.data.standard.line"
    _description = "Client Data Standard Field"
    _order = "sequence, id"

    standard_id = fields.Many2one("crm.data.standard", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        ondelete="cascade",
        domain=[
            ("model", "=", "res.partner"),
            ("store", "=", True),
            ("readonly", "=", False),
            ("ttype", "not in", ("boolean", "binary", "many2one_reference")),
            ("name", "not in", EXCLUDED_FIELD_NAMES),
        ],
    )
    field_type = fields.Selection(related="field_id.ttype")
    required = fields.Boolean(
        string="Mandatory",
        default=True,
        help="Mandatory fields must be filled; the others only count for completeness.",
    )
    pattern = fields.Char(
        string="Format (regular expression)",
        help="The whole value must match, e.g. ^\\d{10}$ for a ten-digit tax code.",
    )
    pattern_help = fields.Char(
        string="Format description",
        translate=True,
        help="Shown to the user when the value does not match, e.g. '10 digits'.",
    )

    _sql_constraints = [
        (
            "field_unique_per_standard",
            "unique(standard_id, field_id)",
            "A field can appear only once in a data standard.",
        ),
    ]

    @api.constrains("pattern", "field_id")
    def _check_pattern(self):
        for line in self.filtered("pattern"):
            if line.field_id.ttype not in (
                "char",
                "text",
                "selection",
                "integer",
                "float",
            ):
                raise ValidationError(
                    self.env._(
                        'A format rule cannot be set on the field "%(field)s" of the data '
                        'standard "%(standard)s": only text and number fields have a format.',
                        field=line.field_id.field_description,
                        standard=line.standard_id.name,
                    )
                )
            try:
                re.compile(line.pattern)
            except re.error as error:
                raise ValidationError(
                    self.env._(
                        'The format of the field "%(field)s" in the data standard '
                        '"%(standard)s" is not a valid regular expression: %(error)s',
                        field=line.field_id.field_description,
                        standard=line.standard_id.name,
                        error=error,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["crm.data.standard"]._standards_changed()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self.env["crm.data.standard"]._standards_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["crm.data.standard"]._standards_changed()
        return res
