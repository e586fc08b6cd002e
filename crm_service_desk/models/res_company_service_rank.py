"""The weights of the troublesome-clients ranking, per company."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

RANK_WEIGHT_FIELDS = (
    "service_rank_weight_ticket",
    "service_rank_weight_complaint",
    "service_rank_weight_return",
    "service_rank_weight_return_amount",
    "service_rank_weight_low_rating",
    "service_rank_weight_sla_breach",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    service_rank_weight_ticket = fields.Float(
        string="Weight of a Ticket", default=1.0, help="Points for every ticket of the client."
    )
    service_rank_weight_complaint = fields.Float(
        string="Weight of a Complaint",
        default=3.0,
        help="Points for every ticket with a complaint reason.",
    )
    service_rank_weight_return = fields.Float(
        string="Weight of a Return",
        default=3.0,
        help="Points for every ticket with a return reason or returned items.",
    )
    service_rank_weight_return_amount = fields.Float(
        string="Weight of the Returned Amount",
        default=1.0,
        help="Points per 1,000 of the company's currency returned (untaxed).",
    )
    service_rank_weight_low_rating = fields.Float(
        string="Weight of a Low Rating",
        default=4.0,
        help="Points for every rating given with the unhappy face.",
    )
    service_rank_weight_sla_breach = fields.Float(
        string="Weight of an SLA Breach",
        default=2.0,
        help="Points for every response or resolution target failed.",
    )

    @api.constrains(*RANK_WEIGHT_FIELDS)
    def _check_service_rank_weights(self):
        for company in self:
            for fname in RANK_WEIGHT_FIELDS:
                if company[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(weight)s of %(company)s cannot be negative.",
                            weight=self._fields[fname]._description_string(self.env),
                            company=company.name,
                        )
                    )
