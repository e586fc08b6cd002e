from collections import defaultdict
from itertools import cycle

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Models whose open activities of the leaving salesperson are handed over.
ACTIVITY_MODELS = ("res.partner", "crm.lead", "sale.order")


class CrmHandoverWizard(models.TransientModel):
    """Move everything a leaving salesperson owns to colleagues, in one step."""

    _name = "crm.handover.wizard"
    _description = "Hand Over Clients"

    state = fields.Selection([("draft", "Choose"), ("done", "Done")], default="draft")
    from_user_id = fields.Many2one(
        "res.users",
        string="Leaving Salesperson",
        required=True,
        domain=[("share", "=", False)],
    )
    to_user_ids = fields.Many2many(
        "res.users",
        "crm_handover_wizard_to_user_rel",
        "wizard_id",
        "user_id",
        string="Hand Over To",
        domain=[("share", "=", False)],
        help="Colleagues who take over the clients.",
    )
    distribution = fields.Selection(
        [("round_robin", "Round robin"), ("by_client", "Client by client")],
        required=True,
        default="round_robin",
        help="Round robin: clients are shared in turn among the colleagues.\n"
        "Client by client: choose the colleague of each client in the list.",
    )
    line_ids = fields.One2many(
        "crm.handover.wizard.line",
        "wizard_id",
        string="Clients",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    partner_count = fields.Integer(string="Clients and Contacts", compute="_compute_counts")
    lead_count = fields.Integer(string="Open Leads", compute="_compute_counts")
    activity_count = fields.Integer(string="Planned Activities", compute="_compute_counts")
    order_count = fields.Integer(string="Open Quotations", compute="_compute_counts")
    moved_partner_count = fields.Integer(string="Clients and Contacts Moved", readonly=True)
    moved_lead_count = fields.Integer(string="Leads Moved", readonly=True)
    moved_activity_count = fields.Integer(string="Activities Moved", readonly=True)
    moved_order_count = fields.Integer(string="Quotations Moved", readonly=True)
    summary = fields.Html(readonly=True)

    @api.depends("from_user_id", "to_user_ids", "distribution")
    def _compute_line_ids(self):
        for wizard in self:
            if wizard.distribution != "by_client" or not wizard.from_user_id:
                wizard.line_ids = [Command.clear()]
                continue
            clients = wizard._get_records()["res.partner"].commercial_partner_id
            chosen = {line.partner_id: line.user_id for line in wizard.line_ids}
            targets = wizard._round_robin(clients)
            wizard.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "partner_id": client.id,
                        "user_id": (
                            chosen.get(client) or targets.get(client) or self.env["res.users"]
                        ).id,
                    }
                )
                for client in clients.sorted(lambda partner: (partner.name or "", partner.id))
            ]

    @api.depends("from_user_id")
    def _compute_counts(self):
        for wizard in self:
            records = wizard._get_records() if wizard.from_user_id else {}
            wizard.partner_count = len(records.get("res.partner", []))
            wizard.lead_count = len(records.get("crm.lead", []))
            wizard.order_count = len(records.get("sale.order", []))
            wizard.activity_count = len(records.get("mail.activity", []))

    @api.constrains("from_user_id", "to_user_ids")
    def _check_users(self):
        for wizard in self:
            if wizard.from_user_id in wizard.to_user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is leaving: hand the clients over to somebody else.",
                        user=wizard.from_user_id.name,
                    )
                )

    def _check_sales_manager(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._("Only sales managers can hand clients over."))

    def _get_records(self):
        """What the leaving salesperson owns: {model name: records}."""
        self.ensure_one()
        leaver = self.from_user_id
        env = self.env
        return {
            # archived contacts too: nothing may stay with somebody who left
            "res.partner": env["res.partner"]
            .with_context(active_test=False)
            .search([("user_id", "=", leaver.id)]),
            "crm.lead": env["crm.lead"].search(
                [
                    ("user_id", "=", leaver.id),
                    "|",
                    ("stage_id", "=", False),
                    ("stage_id.is_won", "=", False),
                ]
            ),
            "sale.order": env["sale.order"].search(
                [("user_id", "=", leaver.id), ("state", "in", ("draft", "sent"))]
            ),
            "mail.activity": self._get_activities(),
        }

    def _get_activities(self):
        """The leaver's open activities on documents the manager may change here.

        Activities of another user are only readable through sudo; those on a document
        that is gone, of a company the manager is not working in, or that the manager may
        not write stay with the leaver.
        """
        # sudo: activities of another user, narrowed below to documents the manager may write
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("user_id", "=", self.from_user_id.id), ("res_model", "in", ACTIVITY_MODELS)])
        )
        allowed_companies = self.env.companies
        # sudo: an empty set of the sudo activities above, to collect those that are kept
        kept = self.env["mail.activity"].sudo()
        for res_model, model_activities in activities.grouped("res_model").items():
            documents = (
                self.env[res_model]
                .with_context(active_test=False)
                .browse(set(model_activities.mapped("res_id")))
                .exists()
                ._filtered_access("write")
                .filtered(lambda doc: not doc.company_id or doc.company_id in allowed_companies)
            )
            kept |= model_activities.filtered(lambda act, ids=set(documents.ids): act.res_id in ids)
        return kept

    def _colleagues(self):
        # _origin: in the form, the colleagues are still new records without an id to sort
        return self.to_user_ids._origin.sorted("id")

    def _round_robin(self, clients, start=0):
        """Colleague of each client, in turn, from ``start``: {client: user}."""
        users = self._colleagues()
        if not users:
            return {}
        return {
            client: users[(start + index) % len(users)]
            for index, client in enumerate(clients.sorted("id"))
        }

    def _get_targets(self, records):
        """Decide who takes each record: {model name: {record id: user}}.

        A client's contacts, leads, quotations and activities follow the client; what
        belongs to no handed-over client is shared in turn.
        """
        self.ensure_one()
        clients = records["res.partner"].commercial_partner_id
        if self.distribution == "by_client":
            client_targets = {line.partner_id: line.user_id for line in self.line_ids}
            missing = clients.filtered(lambda client: client not in client_targets)
            client_targets.update(self._round_robin(missing))
        else:
            client_targets = self._round_robin(clients)
        others = cycle(self._colleagues())
        for _skip in range(len(clients) % len(self.to_user_ids)):
            next(others)

        def follow_client(partner):
            return client_targets.get(partner.commercial_partner_id) or next(others)

        targets = {
            "res.partner": {
                partner.id: client_targets[partner.commercial_partner_id]
                for partner in records["res.partner"]
            }
        }
        for model in ("crm.lead", "sale.order"):
            targets[model] = {
                record.id: follow_client(record.partner_id) for record in records[model]
            }
        activity_targets = {}
        for res_model, activities in records["mail.activity"].grouped("res_model").items():
            moved = targets[res_model]
            # sudo: only the documents' partner is read, to send an activity with its client;
            # the activities were already narrowed to documents the manager may write
            documents = self.env[res_model].sudo().browse(activities.mapped("res_id"))
            partner_of = (
                {doc.id: doc for doc in documents}
                if res_model == "res.partner"
                else {doc.id: doc.partner_id for doc in documents}
            )
            for activity in activities:
                target = moved.get(activity.res_id)
                if not target:
                    target = follow_client(
                        partner_of.get(activity.res_id) or self.env["res.partner"]
                    )
                activity_targets[activity.id] = target
        targets["mail.activity"] = activity_targets
        return targets

    def action_handover(self):
        self.ensure_one()
        self._check_sales_manager()
        if not self.to_user_ids:
            raise UserError(
                self.env._("Choose at least one colleague to hand the clients over to.")
            )
        self._check_colleagues()
        records = self._get_records()
        targets = self._get_targets(records)
        leaver = self.from_user_id
        write_ctx = {
            "mail_notrack": True,  # one chatter line per record is logged below instead
            "mail_auto_subscribe_no_notify": True,  # no e-mail per record
            "mail_activity_quick_update": True,
            "skip_data_standards_check": True,  # a move must not be blocked by data gaps
        }
        logged = defaultdict(dict)  # {model: {record id: body}}
        per_user = defaultdict(lambda: defaultdict(int))
        for model, record_targets in targets.items():
            by_user = defaultdict(list)
            for record_id, user in record_targets.items():
                by_user[user].append(record_id)
            Model = self.env[model].with_context(**write_ctx)
            if model == "mail.activity":
                # sudo: activities of another user, on records the manager may access
                Model = Model.sudo()
            for user, ids in by_user.items():
                self._move(Model.browse(ids), user)
                per_user[user][model] += len(ids)
                if model != "mail.activity":
                    body = self.env._(
                        "Handed over from %(leaver)s to %(colleague)s.",
                        leaver=leaver.name,
                        colleague=user.name,
                    )
                    logged[model].update(dict.fromkeys(ids, body))
        activities = records["mail.activity"]
        for res_model, model_activities in activities.grouped("res_model").items():
            for activity in model_activities:
                logged[res_model].setdefault(
                    activity.res_id,
                    self.env._(
                        "Planned activities handed over from %(leaver)s to %(colleague)s.",
                        leaver=leaver.name,
                        colleague=targets["mail.activity"][activity.id].name,
                    ),
                )
        for model, bodies in logged.items():
            self.env[model].browse(bodies)._message_log_batch(bodies=bodies)
        self.write(
            {
                "state": "done",
                "moved_partner_count": len(records["res.partner"]),
                "moved_lead_count": len(records["crm.lead"]),
                "moved_order_count": len(records["sale.order"]),
                "moved_activity_count": len(activities),
                "summary": self._summary_html(per_user),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Hand Over Clients"),
        }

    def _check_colleagues(self):
        """Refuse, server-side, a colleague or a client's colleague that cannot take over."""
        leaver = self.from_user_id
        for user in self.to_user_ids:
            if user.share or user == leaver:
                raise UserError(
                    self.env._(
                        "%(user)s cannot take over the clients: choose an internal user "
                        "other than the leaving salesperson.",
                        user=user.name,
                    )
                )
        for line in self.line_ids:
            if line.user_id not in self.to_user_ids:
                raise UserError(
                    self.env._(
                        "%(client)s is handed over to %(user)s, who is not among the "
                        "colleagues to hand over to.",
                        client=line.partner_id.display_name,
                        user=line.user_id.name,
                    )
                )

    def _move(self, records, user):
        """Give ``records`` to ``user`` with a number of queries independent of their count."""
        if records._name in ("res.partner", "crm.lead"):
            records._hand_over_to(user)
        else:
            records.write({"user_id": user.id})

    def _summary_html(self, per_user):
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                user.name,
                counts["res.partner"],
                counts["crm.lead"],
                counts["sale.order"],
                counts["mail.activity"],
            )
            for user, counts in sorted(per_user.items(), key=lambda item: item[0].name)
        )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Colleague"),
            self.env._("Clients and contacts"),
            self.env._("Leads"),
            self.env._("Quotations"),
            self.env._("Activities"),
        )
        return Markup('<table class="table table-sm o_handover_summary">%s%s</table>') % (
            header,
            rows,
        )
