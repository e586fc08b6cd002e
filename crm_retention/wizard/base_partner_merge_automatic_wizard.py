from odoo import models

from ..tools import system_write


class MergePartnerAutomatic(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        # merging copies every stored field, the ones the client base maintains included
        return super()._update_values(src_partners, system_write(dst_partner))
