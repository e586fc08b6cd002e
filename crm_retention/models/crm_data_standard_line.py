import re2

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_data_standard import MAX_PATTERN_LENGTH, compile_format

# Changes of a line that can change partners' scores (not its order or description).
RESCORING_LINE_FIELDS = frozenset({"standard_id", "field_id", "required", "pattern"})

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
            if len(line.pattern) > MAX_PATTERN_LENGTH:
                raise ValidationError(
                    self.env._(
                        'The format of the field "%(field)s" in the data standard "%(standard)s" '
                        "is longer than %(max)s characters.",
                        field=line.field_id.field_description,
                        standard=line.standard_id.name,
                        max=MAX_PATTERN_LENGTH,
                    )
                )
            try:
                compile_format(line.pattern)
            except re2.error as error:
                raise ValidationError(
                    self.env._(
                        'The format of the field "%(field)s" in the data standard '
                        '"%(standard)s" is not a valid regular expression (back-references '
                        "and look-arounds are not supported): %(error)s",
                        field=line.field_id.field_description,
                        standard=line.standard_id.name,
                        error=error,
                    )
                ) from error

    @api.constrains("field_id")
    def _check_field_readable(self):
        for line in self:
            field = self.env["res.partner"]._fields.get(line.field_id.name)
            # every employee saving a partner must be able to read what is checked
            if field and field.groups and field.groups != "base.group_user":
                raise ValidationError(
                    self.env._(
                        'The field "%(field)s" is restricted to some groups: the data standard '
                        '"%(standard)s" cannot require it of everybody.',
                        field=line.field_id.field_description,
                        standard=line.standard_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.standard_id._standards_changed()
        return lines

    def write(self, vals):
        standards = self.standard_id
        res = super().write(vals)
        if RESCORING_LINE_FIELDS.intersection(vals):
            (standards | self.standard_id)._standards_changed()
        else:  # the format description only: the cached rules carry it
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        standards = self.standard_id
        res = super().unlink()
        standards._standards_changed()
        return res
