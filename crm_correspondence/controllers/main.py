from odoo import http
from odoo.http import content_disposition, request

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CorrespondenceJournalController(http.Controller):
    @http.route(
        "/crm_correspondence/journal/<int:wizard_id>/xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def download_journal_xlsx(self, wizard_id):
        """The register journal as XLSX, built for the user asking for it.

        The wizard's record rule lets users open only their own wizards, and the items
        are searched with the user's own rights: nothing of another user's export is
        ever stored or served.
        """
        wizard = request.env["crm.correspondence.journal.wizard"].browse(wizard_id).exists()
        if not wizard:
            raise request.not_found()
        wizard.check_access("read")
        content = wizard._render_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(wizard._get_xlsx_filename())),
            ],
        )
