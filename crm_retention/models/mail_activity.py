from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # read before super(): done activities are deleted
        partners = self._get_contacted_partners()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        self.env["res.partner"]._update_contact_figures(partners.ids)
        return result

    def _get_contacted_partners(self):
        """Commercial partners whose contact count these activities change when done."""
        Partner = self.env["res.partner"]
        document_models = Partner._contact_document_models()
        partners = Partner
        for res_model, activities in self.grouped("res_model").items():
            # sudo: safe, the user is marking these activities done, so may read them; of
            # their documents only the link to the partner is read, and only to recount
            # that partner's contact figures (derived data, nothing is returned to the
            # user); the result leaves sudo below
            records = self.env[res_model].sudo().browse(set(activities.mapped("res_id")))
            if res_model == "res.partner":
                partners |= records.exists()
            elif res_model in document_models:
                partners |= records.exists()[document_models[res_model]]
        return partners.commercial_partner_id.with_env(self.env)
