from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.crm_correspondence.tests.common import GROUP_USER, CorrespondenceCase

GROUP_HELPDESK_USER = "helpdesk_mgmt.group_helpdesk_user"


class TicketLetterCase(CorrespondenceCase):
    """The register's users of crm_correspondence, plus a service agent who also works
    in the register (helpdesk and correspondence user) and one who does not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="sdc_agent",
            name="Vera Agent",
            email="vera.agent@example.com",
            groups=f"{GROUP_HELPDESK_USER},{GROUP_USER}",
        )
        cls.agent_no_letters = new_test_user(
            cls.env,
            login="sdc_agent_no_letters",
            name="Ivan Agent",
            groups=GROUP_HELPDESK_USER,
        )
        cls.channel_letter = cls.env.ref(
            "crm_service_desk_correspondence.helpdesk_ticket_channel_letter"
        )
        cls.Ticket = cls.env["helpdesk.ticket"]

    @classmethod
    def _create_letter(cls, **values):
        """An incoming letter of Wardrobe Wholesale the agent is responsible for."""
        vals = {
            "subject": "Complaint: scratched wardrobe doors",
            "summary": "Two doors arrived scratched.\nPlease replace them.",
            "user_id": cls.agent.id,
        }
        vals.update(values)
        return cls._create_item(**vals)

    @classmethod
    def _attach(cls, letter, name, raw):
        attachment = cls.env["ir.attachment"].create(
            {"name": name, "raw": raw, "res_model": letter._name, "res_id": letter.id}
        )
        letter.attachment_ids = [Command.link(attachment.id)]
        return attachment

    @classmethod
    def _create_ticket(cls, **values):
        vals = {"name": "Doors", "description": "<p>Doors</p>", "partner_id": cls.client.id}
        vals.update(values)
        return cls.Ticket.create(vals)

    def _ticket_files(self, ticket):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)], order="name"
        )
