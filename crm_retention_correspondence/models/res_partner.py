from odoo import api, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _contact_source_queries(self):
        # every registered item, incoming or outgoing, is a contact on its registration
        # day; an e-mailed item only once a user has confirmed its sender (anyone can
        # write any From, and a forged one must not pass for a contact with the client)
        return [
            *super()._contact_source_queries(),
            SQL(
                """
                SELECT c.partner_id AS partner_id, c.date_registered AS contact_date
                  FROM crm_correspondence c
                 WHERE c.partner_id IS NOT NULL AND c.sender_to_verify IS NOT TRUE
                """
            ),
        ]
