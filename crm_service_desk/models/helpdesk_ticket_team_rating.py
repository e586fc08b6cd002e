from odoo import models


class HelpdeskTicketTeam(models.Model):
    """The team's satisfaction: its tickets' ratings of the last 30 days."""

    _name = "helpdesk.ticket.team"
    _inherit = ["helpdesk.ticket.team", "rating.parent.mixin"]

    _rating_satisfaction_days = 30

    def action_view_team_rating(self):
        self.ensure_one()
        # helpdesk_mgmt_rating's window on the ticket ratings, narrowed to the team
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt_rating.all_helpdesk_ticket_rating_action"
        )
        action.update(
            {
                "name": self.env._("Ratings of %s", self.display_name),
                "domain": [
                    ("parent_res_model", "=", self._name),
                    ("parent_res_id", "=", self.id),
                    ("consumed", "=", True),
                ],
                "context": {"search_default_create_date_last_30_days": 1},
            }
        )
        return action
