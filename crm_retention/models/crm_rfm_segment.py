from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmRfmSegment(models.Model):
    _name = "crm.rfm.segment"
    _description = "RFM Segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    r_min = fields.Integer(string="Recency from", required=True, default=1)
    r_max = fields.Integer(string="Recency to", required=True, default=5)
    f_min = fields.Integer(string="Frequency from", required=True, default=1)
    f_max = fields.Integer(string="Frequency to", required=True, default=5)

    @api.constrains("r_min", "r_max", "f_min", "f_max")
    def _check_ranges(self):
        for segment in self:
            if not (
                1 <= segment.r_min <= segment.r_max <= 5
                and 1 <= segment.f_min <= segment.f_max <= 5
            ):
                raise ValidationError(
                    self.env._(
                        "Segment %(segment)s: recency and frequency ranges must lie between "
                        "1 and 5, each lower bound not above its upper bound.",
                        segment=segment.name,
                    )
                )

    @api.model
    def _cells(self):
        """{(r, f): segment id} for the 25 cells of the R × F grid: the first active segment
        (by sequence) covering each cell."""
        cells = {}
        for segment in self.search([]):
            for r in range(segment.r_min, segment.r_max + 1):
                for f in range(segment.f_min, segment.f_max + 1):
                    cells.setdefault((r, f), segment.id)
        return cells
