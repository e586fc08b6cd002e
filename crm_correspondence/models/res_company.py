from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

SEQUENCE_PREFIXES = {"incoming": "IN", "outgoing": "OUT"}


class ResCompany(models.Model):
    _inherit = "res.company"

    correspondence_reply_days = fields.Integer(
        string="Reply Deadline (days)",
        default=10,
        help="Default number of days, counted from the registration date, within "
        "which an incoming item has to be answered. Zero means no default deadline.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._crm_correspondence_prepare_sequences()
        return companies

    def _crm_correspondence_sequence_code(self, direction):
        return f"crm.correspondence.{direction}"

    def _crm_correspondence_prepare_sequences(self, dates=None):
        """Create the per-company numbering of both directions and its yearly ranges.

        The ranges of the current and the next year are created ahead of time (also
        by a daily cron), so that two users registering the first item of a year at
        the same moment draw from one and the same PostgreSQL sequence.
        """
        # sudo: numbering is technical data that users are not allowed to manage
        sequence_model = self.env["ir.sequence"].sudo()
        today = fields.Date.context_today(self)
        dates = dates or [today, today + relativedelta(years=1)]
        codes = [self._crm_correspondence_sequence_code(d) for d in SEQUENCE_PREFIXES]
        existing = sequence_model.search([("code", "in", codes), ("company_id", "in", self.ids)])
        by_key = {(seq.company_id.id, seq.code): seq for seq in existing}
        to_create = []
        for company in self:
            for direction, prefix in SEQUENCE_PREFIXES.items():
                code = self._crm_correspondence_sequence_code(direction)
                if (company.id, code) not in by_key:
                    to_create.append(
                        {
                            "name": f"Correspondence {prefix} ({company.name})",
                            "code": code,
                            "prefix": f"{prefix}/%(range_year)s/",
                            "padding": 4,
                            "implementation": "standard",
                            "use_date_range": True,
                            "company_id": company.id,
                        }
                    )
        sequences = existing | sequence_model.create(to_create)
        ranges = self.env["ir.sequence.date_range"].sudo()
        for date in dates:
            covered = ranges.search(
                [
                    ("sequence_id", "in", sequences.ids),
                    ("date_from", "<=", date),
                    ("date_to", ">=", date),
                ]
            ).sequence_id
            for sequence in sequences - covered:
                sequence._create_date_range_seq(date)
        return sequences

    def _crm_correspondence_get_sequence(self, direction):
        self.ensure_one()
        # sudo: see _crm_correspondence_prepare_sequences
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", self._crm_correspondence_sequence_code(direction)),
                    ("company_id", "=", self.id),
                ],
                limit=1,
            )
        )
        if not sequence:
            sequence = self._crm_correspondence_prepare_sequences().filtered(
                lambda s: (
                    s.code == self._crm_correspondence_sequence_code(direction)
                    and s.company_id == self
                )
            )
        return sequence

    @api.model
    def _cron_crm_correspondence_prepare_numbering(self):
        self.search([])._crm_correspondence_prepare_sequences()
