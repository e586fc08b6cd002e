from odoo import fields, models
from odoo.exceptions import UserError

from .res_partner_client_value import _portrait


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_churn_status = _portrait(fields.Selection, name="churn_status", string="Churn Status")
    client_p_alive = _portrait(fields.Float, name="p_alive", string="Probability Active")
    client_purchases_month = _portrait(
        fields.Float, name="expected_purchases_month", string="Expected Purchases (next month)"
    )
    client_purchases_quarter = _portrait(
        fields.Float, name="expected_purchases_quarter", string="Expected Purchases (next 3 months)"
    )
    client_purchases_year = _portrait(
        fields.Float, name="expected_purchases_year", string="Expected Purchases (next 12 months)"
    )
    client_expected_spend = _portrait(
        fields.Monetary, name="expected_spend", string="Expected Spend per Purchase"
    )
    client_forecast_month = _portrait(
        fields.Monetary, name="forecast_next_month", string="Forecast Next Month"
    )
    client_predicted_clv = _portrait(
        fields.Monetary, name="predicted_clv", string="Predicted Lifetime Value"
    )
    client_prediction_summary = _portrait(
        fields.Text, name="prediction_summary", string="In Plain Words"
    )

    def action_record_churn(self):
        """Lost by their rhythm: open the churn capture (mark lost) for the client, with the
        reason "Stopped buying" and the status explained in the note."""
        self.ensure_one()
        client = self.commercial_partner_id
        if client.client_churn_status != "lost":
            raise UserError(
                self.env._(
                    "%(client)s is not lost by their purchase rhythm: nothing to record.",
                    client=client.display_name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.res_partner_mark_lost_action"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_ids": client.ids,
            "default_lost_reason_id": self.env.ref(
                "crm_retention.crm_lost_reason_stopped_buying"
            ).id,
            "default_note": client.client_value_id._prediction_sentences()[0],
        }
        return action
