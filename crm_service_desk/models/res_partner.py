from collections import defaultdict

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _compute_helpdesk_ticket_count(self):
        """helpdesk_mgmt's counters (tickets of the partner and its contacts, open / all),
        in two queries for the whole list instead of one search per partner."""
        if not self.ids:
            for partner in self:
                partner.helpdesk_ticket_count = partner.helpdesk_ticket_active_count = 0
                partner.helpdesk_ticket_count_string = "0 / 0"
            return
        groups = self.env["helpdesk.ticket"]._read_group(
            [("partner_id", "child_of", self.ids)], ["partner_id", "stage_id"], ["__count"]
        )
        wanted = set(self.ids)
        total, active = defaultdict(int), defaultdict(int)
        for contact, stage, count in groups:
            # the ticket counts for every listed partner the contact belongs to; the
            # contact's parents (ids only, prefetched together) are read whatever their
            # company
            node = contact.sudo()
            while node:
                if node.id in wanted:
                    total[node.id] += count
                    if not stage.closed:
                        active[node.id] += count
                node = node.parent_id
        for partner in self:
            partner.helpdesk_ticket_count = total[partner.id]
            partner.helpdesk_ticket_active_count = active[partner.id]
            partner.helpdesk_ticket_count_string = f"{active[partner.id]} / {total[partner.id]}"
