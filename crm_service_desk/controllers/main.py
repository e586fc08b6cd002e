"""The portal's close route, safe: POST only, on the caller's own ticket, to a stage the
ticket's team offers for closing from the portal (helpdesk_mgmt's route closes any ticket
by id with a GET: OCA/helpdesk PR #1089)."""

from urllib.parse import urlencode

import werkzeug

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.portal.controllers.portal import CustomerPortal


class ServiceDeskTicketController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, access_token=None, **kw):
        try:
            ticket_id, stage_id = int(ticket_id), int(stage_id)
            # raises unless the caller may read this very ticket (or holds its token)
            ticket = CustomerPortal()._document_check_access(
                "helpdesk.ticket", ticket_id, access_token
            )
        except (TypeError, ValueError, AccessError, MissingError):
            return request.redirect("/my")
        stage = ticket.team_id._get_applicable_stages().filtered(
            lambda stage: stage.id == stage_id and stage.close_from_portal
        )
        if stage and not ticket.closed:
            # the caller's own ticket, checked above, to a closing stage its team offers
            ticket.sudo().stage_id = stage
        url = f"/my/ticket/{ticket.id}"
        if access_token:
            url += "?" + urlencode({"access_token": access_token})
        return werkzeug.utils.redirect(url)
