from odoo import fields, models


class CrmServiceTicketSlaPause(models.Model):
    _name = "crm.service.ticket.sla.pause"
    _description = "SLA Pause"
    _order = "date_start, id"

    sla_id = fields.Many2one(
        "crm.service.ticket.sla", string="SLA", required=True, ondelete="cascade", index=True
    )
    ticket_id = fields.Many2one(related="sla_id.ticket_id", store=True, index=True)
    company_id = fields.Many2one(related="sla_id.company_id", store=True)
    date_start = fields.Datetime(string="Paused", required=True)
    date_end = fields.Datetime(string="Resumed", help="Empty while the pause lasts.")
    working_hours = fields.Float(
        help="The working hours of the team's calendar between the pause and the resumption: "
        "the SLA deadline moves by as much.",
    )
