"""The client's service record on its form: the factors of the troublesome-clients ranking
and its score in the current company, so that a manager sees why the client ranks high."""

from odoo import fields, models

RANK_GROUP = "helpdesk_mgmt.group_helpdesk_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_rank_currency_id = fields.Many2one(
        "res.currency", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_ticket_count = fields.Integer(
        string="Service Tickets", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_return_count = fields.Integer(
        string="Returns", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_return_amount = fields.Monetary(
        string="Returned Amount",
        compute="_compute_service_rank",
        currency_field="service_rank_currency_id",
        groups=RANK_GROUP,
    )
    service_rank_low_rating_count = fields.Integer(
        string="Low Ratings", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_sla_breach_count = fields.Integer(
        string="SLA Breaches", compute="_compute_service_rank", groups=RANK_GROUP
    )
    service_rank_score = fields.Float(
        string="Trouble Score",
        compute="_compute_service_rank",
        digits=(16, 2),
        groups=RANK_GROUP,
        help="The client's score in the Troublesome Clients ranking of the current company, "
        "over all its tickets: each factor times its weight in the Helpdesk settings.",
    )

    def _compute_service_rank(self):
        """One grouped query for the whole list, by commercial partner: a contact shows the
        figures of its company."""
        company = self.env.company
        clients = self.commercial_partner_id
        groups = (
            self.env["crm.service.client.ranking"]._read_group(
                [("commercial_partner_id", "in", clients.ids), ("company_id", "=", company.id)],
                ["commercial_partner_id"],
                [
                    "ticket_count:sum",
                    "complaint_count:sum",
                    "return_count:sum",
                    "return_amount:sum",
                    "low_rating_count:sum",
                    "sla_breach_count:sum",
                    "score:sum",
                ],
            )
            if clients.ids
            else []
        )
        figures = {client.id: values for client, *values in groups}
        empty = (0, 0, 0, 0.0, 0, 0, 0.0)
        for partner in self:
            (
                partner.service_rank_ticket_count,
                partner.service_rank_complaint_count,
                partner.service_rank_return_count,
                partner.service_rank_return_amount,
                partner.service_rank_low_rating_count,
                partner.service_rank_sla_breach_count,
                partner.service_rank_score,
            ) = figures.get(partner.commercial_partner_id.id, empty)
            partner.service_rank_currency_id = company.currency_id
