from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..tools import SYSTEM_WRITE, system_write
from .res_partner import PREFETCH_GROUP


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the current loss; every loss is kept in crm.client.loss
    is_lost = fields.Boolean(
        string="Lost Client",
        readonly=True,
        copy=False,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    lost_date = fields.Date(
        readonly=True,
        copy=False,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        readonly=True,
        copy=False,
        ondelete="restrict",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        readonly=True,
        copy=False,
        ondelete="set null",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    lost_note = fields.Text(
        readonly=True,
        copy=False,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )

    def _mark_lost(self, lost_reason, date=None, competitor=None, note=False):
        """Mark the commercial partners of ``self`` lost and keep a loss record each."""
        clients = self.commercial_partner_id
        date = date or fields.Date.context_today(self)
        if not clients:
            raise UserError(self.env._("Choose the client to mark as lost."))
        if not lost_reason:
            raise UserError(self.env._("Choose why the client was lost."))
        if date > fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The loss date %(date)s is in the future.", date=format_date(self.env, date)
                )
            )
        if competitor:
            competitor._check_is_competitor()
        already_lost = clients.filtered("is_lost")
        if already_lost:
            raise UserError(
                self.env._(
                    "These clients are already lost: %(clients)s.",
                    clients=", ".join(already_lost.mapped("display_name")),
                )
            )
        # A loss is a fact to record, not a profile edit: data gaps must not block it.
        system_write(clients).with_context(skip_data_standards_check=SYSTEM_WRITE).write(
            {
                "is_lost": True,
                "lost_date": date,
                "lost_reason_id": lost_reason.id,
                "lost_competitor_id": competitor.id if competitor else False,
                "lost_note": note or False,
            }
        )
        # sudo: loss records are history that salespeople may not write by hand; the
        # write above proved the user may edit these clients
        self.env["crm.client.loss"].sudo().create(
            [
                {
                    "partner_id": client.id,
                    "date": date,
                    "lost_reason_id": lost_reason.id,
                    "competitor_id": competitor.id if competitor else False,
                    "note": note or False,
                    "user_id": client.user_id.id,
                    "team_id": client.user_id.sale_team_id.id,
                    "company_id": client.company_id.id or self.env.company.id,
                }
                for client in clients
            ]
        )
        if competitor:
            text = self.env._(
                "Client lost on %(date)s to %(competitor)s. Reason: %(reason)s.",
                date=format_date(self.env, date),
                competitor=competitor.display_name,
                reason=lost_reason.name,
            )
        else:
            text = self.env._(
                "Client lost on %(date)s. Reason: %(reason)s.",
                date=format_date(self.env, date),
                reason=lost_reason.name,
            )
        body = Markup("<p>%s</p>") % text
        if note:
            body += Markup("<p>%s</p>") % note
        clients._message_log_batch(dict.fromkeys(clients.ids, body))
        return clients

    def _check_is_competitor(self):
        """Refuse partners without the Competitor role where a competitor is expected."""
        competitor_role = self.env.ref("crm_retention.crm_relationship_role_competitor")
        for partner in self:
            if competitor_role not in partner.relationship_role_ids:
                raise UserError(
                    self.env._(
                        "%(partner)s is not a competitor: give it the Competitor role first.",
                        partner=partner.display_name,
                    )
                )

    def action_reactivate(self):
        """Bring lost clients back; their loss records stay for the churn analysis."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only salespeople can reactivate lost clients."))
        clients = self.commercial_partner_id.filtered("is_lost")
        if not clients:
            raise UserError(self.env._("None of these partners is a lost client."))
        today = fields.Date.context_today(self)
        bodies = {
            client.id: Markup("<p>%s</p>")
            % self.env._(
                "Client reactivated by %(user)s on %(date)s (lost since %(lost_date)s, "
                "reason: %(reason)s).",
                user=self.env.user.name,
                date=format_date(self.env, today),
                lost_date=format_date(self.env, client.lost_date),
                reason=client.lost_reason_id.name,
            )
            for client in clients
        }
        system_write(clients).with_context(skip_data_standards_check=SYSTEM_WRITE).write(
            {
                "is_lost": False,
                "lost_date": False,
                "lost_reason_id": False,
                "lost_competitor_id": False,
                "lost_note": False,
            }
        )
        # The write above proved the user may edit these clients; the loss rows are their
        # history and may belong to a colleague hidden by the own-documents rule.
        self.env["crm.client.loss"].sudo().search(
            [("partner_id", "in", clients.ids), ("reactivation_date", "=", False)]
        ).write({"reactivation_date": today, "reactivated_by_id": self.env.uid})
        clients._message_log_batch(bodies)
        return True
