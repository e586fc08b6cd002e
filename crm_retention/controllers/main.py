from odoo import http

from odoo.addons.crm.controllers.main import CrmController
from odoo.addons.mail.controllers.mail import MailController


class CrmRetentionController(CrmController):
    @http.route("/lead/case_mark_lost", type="http", auth="user", methods=["GET"])
    def crm_lead_case_mark_lost(self, res_id, token):
        """The "mark lost" link of a notification cannot ask why the deal was lost: it
        opens the lead instead, where "Lost" asks for the reason (crm.lead.action_set_lost
        refuses a loss without one)."""
        _comparison, _record, redirect = MailController._check_token_and_record_or_redirect(
            "crm.lead", int(res_id), token
        )
        return redirect
