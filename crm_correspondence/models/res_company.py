from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

SEQUENCE_PREFIXES = {"incoming": "IN", "outgoing": "OUT"}
# ten years: any longer reply deadline is a typing error
MAX_REPLY_DAYS = 3650


class ResCompany(models.Model):
    _inherit = "res.company"

    correspondence_reply_days = fields.Integer(
        string="Reply Deadline (days)",
        default=10,
        help="Default number of days, counted from the registration date, within "
        "which an incoming item has to be answered. Zero means no default deadline.",
    )

    @api.constrains("correspondence_reply_days")
    def _check_correspondence_reply_days(self):
        for company in self:
            if not 0 <= company.correspondence_reply_days <= MAX_REPLY_DAYS:
                raise ValidationError(
                    self.env._(
                        "The reply deadline of %(company)s must be between 0 and "
                        "%(max_days)s days (0: no default deadline).",
                        company=company.display_name,
                        max_days=MAX_REPLY_DAYS,
                    )
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
        for date in dates:
            self._crm_correspondence_ensure_date_range(sequences, date)
        return sequences

    @api.model
    def _crm_correspondence_ensure_date_range(self, sequences, date):
        """Create the yearly range of ``date`` for those of ``sequences`` that lack it.

        Without this, ir.sequence would create a missing range on the fly, and two
        transactions doing so at once would each create one and both draw number 0001.
        Creating a range therefore first updates the row of its sequence: the second
        transaction waits for the first and then fails with a serialization error, which
        Odoo retries, and the retry sees the new range.
        """
        # sudo: numbering is technical data that users are not allowed to manage
        ranges = self.env["ir.sequence.date_range"].sudo()
        covered_domain = [("date_from", "<=", date), ("date_to", ">=", date)]
        covered = ranges.search([("sequence_id", "in", sequences.ids), *covered_domain])
        missing = sequences - covered.sequence_id
        if not missing:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE ir_sequence SET write_date = (now() at time zone 'UTC') WHERE id IN %s",
                tuple(missing.ids),
            )
        )
        missing.invalidate_recordset(["write_date"])
        for sequence in missing:
            sequence._create_date_range_seq(date)

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
                lambda seq: (
                    seq.code == self._crm_correspondence_sequence_code(direction)
                    and seq.company_id == self
                )
            )
        return sequence

    @api.model
    def _cron_crm_correspondence_prepare_numbering(self):
        self.search([])._crm_correspondence_prepare_sequences()
