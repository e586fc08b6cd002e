"""An extension point for the churn-risk explanation of the client analytics: the service
desk's signals (complaints, returns, low ratings) of each client, without either module
depending on the other. See readme/DEVELOP.md."""

from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _churn_risk_signals(self, date_from=None, date_to=None):
        """Signals of churn risk for the commercial partners of these partners, over the
        tickets created from ``date_from`` to ``date_to`` (dates, both included; empty: no
        bound) in the user's allowed companies.

        :return: ``{commercial_partner_id: [{"code", "label", "value"}, ...]}``; a client
            with no signal is absent. The signals of any other module defining this method
            come first, the service desk's are appended to them.
        """
        signals = defaultdict(list)
        parent = getattr(super(), "_churn_risk_signals", None)
        if parent:
            for partner_id, partner_signals in parent(date_from, date_to).items():
                signals[partner_id].extend(partner_signals)
        clients = self.commercial_partner_id
        if not clients.ids:
            return dict(signals)
        clients.check_access("read")
        domain = [
            ("commercial_partner_id", "in", clients.ids),
            ("company_id", "=", self.env.company.id),
        ]
        if date_from:
            start = datetime.combine(fields.Date.to_date(date_from), time.min)
            domain.append(("date", ">=", start))
        if date_to:
            end = datetime.combine(fields.Date.to_date(date_to) + timedelta(days=1), time.min)
            domain.append(("date", "<", end))
        # sudo: the caller (e.g. an account manager computing churn risk) may read these
        # clients but not the helpdesk's tickets; only counts and amounts per client of the
        # current company leave this method, never a ticket
        ranking_sudo = self.env["crm.service.client.ranking"].sudo()
        groups = ranking_sudo._read_group(
            domain,
            ["commercial_partner_id"],
            [
                "complaint_count:sum",
                "return_count:sum",
                "return_amount:sum",
                "low_rating_count:sum",
            ],
        )
        labels = {
            "service_complaints": self.env._("Complaints"),
            "service_returns": self.env._("Returns"),
            "service_return_amount": self.env._("Returned amount (untaxed)"),
            "service_low_ratings": self.env._("Low service ratings"),
        }
        for client, complaints, returns, amount, low_ratings in groups:
            for code, value in (
                ("service_complaints", complaints),
                ("service_returns", returns),
                ("service_return_amount", amount),
                ("service_low_ratings", low_ratings),
            ):
                if value:
                    signals[client.id].append({"code": code, "label": labels[code], "value": value})
        return dict(signals)
