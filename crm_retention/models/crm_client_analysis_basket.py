from odoo import models


class CrmClientAnalysis(models.Model):
    _inherit = "crm.client.analysis"

    def _compute_figures(self, partner_ids=None):
        """The full refresh of a company's current analysis also recomputes its basket
        rules and suggestions (set-based, the whole company at once); a look-back analysis
        and one client's refresh leave them as they are (and so does the context key
        ``crm_skip_basket``, with which the analytics benchmark times the figures alone)."""
        result = super()._compute_figures(partner_ids)
        if partner_ids is None and not self.env.context.get("crm_skip_basket"):
            Pair = self.env["crm.product.pair"]
            for analysis in self.filtered("is_current"):
                Pair._refresh_company(analysis.company_id, analysis.as_of_date)
        return result
