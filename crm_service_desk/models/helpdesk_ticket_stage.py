from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sla_pause = fields.Boolean(
        string="Pauses the SLA",
        help="While a ticket is in this stage (e.g. waiting for the customer), its SLA "
        "clocks stop; each pause is stored with the working hours it lasted.",
    )
    sla_solved = fields.Boolean(
        string="Counts as solved",
        help="Reaching this closed stage meets the resolution target. A closed stage that "
        "does not count as solved (cancelled, rejected) stops the clocks without meeting it.",
    )
