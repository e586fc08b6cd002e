from odoo import api, models

# Changes of these fields can add or remove a meeting counted as a contact.
CONTACT_FIELDS = {"partner_ids", "start", "stop", "allday", "active"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._update_attendee_contact_figures()
        return events

    def write(self, vals):
        attendees = self.partner_ids if CONTACT_FIELDS & vals.keys() else None
        res = super().write(vals)
        if attendees is not None:
            self._update_attendee_contact_figures(attendees)
        return res

    def unlink(self):
        attendees = self.partner_ids
        res = super().unlink()
        self.env["calendar.event"]._update_attendee_contact_figures(attendees)
        return res

    def _update_attendee_contact_figures(self, former_attendees=None):
        partners = self.partner_ids | (former_attendees or self.env["res.partner"])
        self.env["res.partner"]._update_contact_figures(partners.commercial_partner_id.ids)
