from odoo import api, models

# Changes of these fields add, move or remove a contact with a client.
CONTACT_FIELDS = {"partner_id", "date_registered", "sender_to_verify"}


class CrmCorrespondence(models.Model):
    _inherit = "crm.correspondence"

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._update_client_contact_figures()
        return items

    def write(self, vals):
        former_clients = self.commercial_partner_id if CONTACT_FIELDS & vals.keys() else None
        res = super().write(vals)
        if former_clients is not None:
            self._update_client_contact_figures(former_clients)
        return res

    def unlink(self):
        clients = self.commercial_partner_id
        res = super().unlink()
        self.env["crm.correspondence"]._update_client_contact_figures(clients)
        return res

    def _update_client_contact_figures(self, former_clients=None):
        clients = self.commercial_partner_id | (former_clients or self.env["res.partner"])
        self.env["res.partner"]._update_contact_figures(clients.ids)
