"""A deflection: a client about to write a ticket said an article solved the problem, so
no ticket was created. Counted per article."""

from odoo import fields, models


class CrmServiceFaqDeflection(models.Model):
    _name = "crm.service.faq.deflection"
    _description = "FAQ Deflection"
    _order = "id desc"

    article_id = fields.Many2one(
        "crm.service.faq.article", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="article_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Client", index=True, ondelete="set null")
    category_id = fields.Many2one("helpdesk.ticket.category", ondelete="set null")
    subject = fields.Char(help="What the client had written as the ticket's subject.")
