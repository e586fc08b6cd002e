from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, split_every

# Size bands by headcount (EU SME definition): (upper bound exclusive, band).
SIZE_BANDS = ((10, "micro"), (50, "small"), (250, "medium"))
RECOMPUTE_BATCH_SIZE = 2000


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Relationship (R2)
    relationship_role_ids = fields.Many2many(
        "crm.relationship.role",
        "res_partner_relationship_role_rel",
        "partner_id",
        "role_id",
        string="Relationship Roles",
        help="What this partner is to us; a partner can hold several roles.",
    )
    # Client profile (R1)
    employee_count = fields.Integer(string="Headcount")
    annual_turnover = fields.Monetary(currency_field="currency_id")
    size_band = fields.Selection(
        [
            ("micro", "Micro (under 10)"),
            ("small", "Small (10-49)"),
            ("medium", "Medium (50-249)"),
            ("large", "Large (250 and more)"),
        ],
        compute="_compute_size_band",
        store=True,
        help="Business size by headcount.",
    )
    distribution_role = fields.Selection(
        [
            ("producer", "Producer"),
            ("distributor", "Distributor"),
            ("wholesale", "Wholesale"),
            ("retail", "Retail"),
            ("end_user", "End user"),
        ],
        string="Role in Distribution Chain",
    )
    product_application = fields.Char(
        help="What the client uses the purchased products for.",
    )
    sales_technology = fields.Selection(
        [
            ("direct", "Direct sales"),
            ("dealer_network", "Dealer network"),
            ("retail_stores", "Own retail stores"),
            ("online", "Online store"),
            ("telesales", "Telesales"),
            ("tenders", "Tenders"),
        ],
        help="How the client sells its own products.",
    )
    founding_date = fields.Date()
    founding_year = fields.Integer(
        compute="_compute_founding_year",
        store=True,
        readonly=False,
        help="Filled from the founding date; can be typed when only the year is known.",
    )
    years_on_market = fields.Integer(
        compute="_compute_years_on_market",
        search="_search_years_on_market",
    )
    company_history = fields.Text()
    development_plans = fields.Text()
    personal_preferences = fields.Text(
        help="Hobbies, tastes and habits of the person, useful to keep the relationship.",
    )
    birthday = fields.Date()
    # Data standards (R3): written in bulk by _apply_data_standards, never by hand.
    data_completeness = fields.Integer(
        string="Data Completeness (%)",
        default=100,
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Share of the fields required by the partner's data standards that are filled "
        "in the right format.",
    )
    data_missing_fields = fields.Char(
        string="Missing Data",
        readonly=True,
        copy=False,
    )
    # Anniversaries (R11)
    first_order_date = fields.Date(
        string="Client Since",
        readonly=True,
        copy=False,
        help="Date of the first confirmed sales order of this partner or its contacts.",
    )
    founding_reminded_years = fields.Integer(copy=False, readonly=True)
    cooperation_reminded_years = fields.Integer(copy=False, readonly=True)

    @api.depends("employee_count")
    def _compute_size_band(self):
        for partner in self:
            band = "large" if partner.employee_count else False
            for upper_bound, name in SIZE_BANDS:
                if partner.employee_count and partner.employee_count < upper_bound:
                    band = name
                    break
            partner.size_band = band

    @api.depends("founding_date")
    def _compute_founding_year(self):
        for partner in self.filtered("founding_date"):
            partner.founding_year = partner.founding_date.year

    @api.depends("founding_year")
    def _compute_years_on_market(self):
        this_year = fields.Date.context_today(self).year
        for partner in self:
            partner.years_on_market = (
                max(this_year - partner.founding_year, 0) if partner.founding_year else 0
            )

    def _search_years_on_market(self, operator, value):
        # years_on_market OP n  <=>  founding_year MIRRORED_OP (this year - n)
        mirrored = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
        if operator not in mirrored or not isinstance(value, int):
            raise ValidationError(self.env._("Years on market can only be compared with a number."))
        this_year = fields.Date.context_today(self).year
        return [
            ("founding_year", "!=", 0),
            ("founding_year", mirrored[operator], this_year - value),
        ]

    @api.constrains("founding_year", "founding_date")
    def _check_founding_year(self):
        this_year = fields.Date.context_today(self).year
        for partner in self:
            if partner.founding_year and not 1000 <= partner.founding_year <= this_year:
                raise ValidationError(
                    self.env._(
                        "The founding year of %(partner)s must be between 1000 and %(year)s.",
                        partner=partner.display_name,
                        year=this_year,
                    )
                )

    @api.constrains("employee_count", "annual_turnover")
    def _check_size_figures(self):
        for partner in self:
            if partner.employee_count < 0 or partner.annual_turnover < 0:
                raise ValidationError(
                    self.env._(
                        "The headcount and the annual turnover of %(partner)s cannot be negative.",
                        partner=partner.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if self.env["crm.data.standard"]._get_rules():
            partners._apply_data_standards(enforce=True)
        return partners

    def write(self, vals):
        res = super().write(vals)
        watched = self.env["crm.data.standard"]._get_watched_fields()
        if watched and not watched.isdisjoint(vals):
            self._apply_data_standards(
                enforce=not self.env.context.get("skip_data_standards_check")
            )
        return res

    # ------------------------------------------------------------------
    # Data standards
    # ------------------------------------------------------------------
    def _get_applicable_rules(self, rules):
        self.ensure_one()
        role_ids = set(self.relationship_role_ids.ids)
        category_ids = set(self.category_id.ids)
        partner_kind = "company" if self.is_company else "person"
        return [
            rule
            for rule in rules
            if rule.applies_to in ("all", partner_kind)
            and (not rule.company_id or self.company_id.id in (rule.company_id, False))
            and (role_ids & rule.role_ids or category_ids & rule.category_ids)
        ]

    def _evaluate_data_standards(self, rules):
        """Return (score, missing labels, blocking problems) of one partner."""
        self.ensure_one()
        Standard = self.env["crm.data.standard"]
        checked = {}  # field name -> satisfied (one field counts once across standards)
        missing, malformed = [], []
        for rule in self._get_applicable_rules(rules):
            for line in rule.lines:
                value = self[line.field_name]
                filled = bool(value)
                well_formed = not (
                    filled and line.pattern and not Standard._pattern_matches(line.pattern, value)
                )
                checked[line.field_name] = (
                    checked.get(line.field_name, True) and filled and well_formed
                )
                if not rule.blocking:
                    continue
                label = self._fields[line.field_name]._description_string(self.env)
                if line.required and not filled and label not in missing:
                    missing.append(label)
                elif not well_formed:
                    hint = f"{label} ({line.description})" if line.description else label
                    if hint not in malformed:
                        malformed.append(hint)
        if not checked:
            return 100, False, None
        score = round(100 * sum(checked.values()) / len(checked))
        missing_labels = [
            self._fields[name]._description_string(self.env)
            for name, ok in checked.items()
            if not ok
        ]
        problems = None
        if missing or malformed:
            parts = []
            if missing:
                parts.append(self.env._("missing: %(fields)s", fields=", ".join(missing)))
            if malformed:
                parts.append(self.env._("wrong format: %(fields)s", fields=", ".join(malformed)))
            problems = "; ".join(parts)
        return score, ", ".join(missing_labels) or False, problems

    def _apply_data_standards(self, enforce):
        """Check the partners against the active standards and store their scores.

        With ``enforce``, partners breaking a blocking standard are refused with one
        message listing every missing or malformed field of every partner.
        """
        rules = self.env["crm.data.standard"]._get_rules()
        updates, refusals = [], []
        for partner in self:
            score, missing, problems = partner._evaluate_data_standards(rules)
            if problems:
                refusals.append(f"{partner.display_name}: {problems}")
            if (score, missing) != (
                partner.data_completeness,
                partner.data_missing_fields,
            ):
                updates.append((partner.id, score, missing or None))
        if enforce and refusals:
            raise ValidationError(
                self.env._(
                    "These data do not meet the client data standards:\n%(problems)s",
                    problems="\n".join(refusals),
                )
            )
        if updates:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE res_partner AS p
                       SET data_completeness = v.score, data_missing_fields = v.missing
                      FROM (VALUES %s) AS v(id, score, missing)
                     WHERE p.id = v.id
                    """,
                    SQL(", ").join(SQL("(%s, %s, %s::varchar)", *row) for row in updates),
                )
            )
            self.browse(row[0] for row in updates).invalidate_recordset(
                ["data_completeness", "data_missing_fields"]
            )

    @api.model
    def _recompute_data_completeness(self):
        """Re-score every partner (all companies, archived too) after a standard changed."""
        partner_ids = self.with_context(active_test=False).sudo()._search([]).get_result_ids()
        for batch_ids in split_every(RECOMPUTE_BATCH_SIZE, partner_ids):
            batch = self.with_context(active_test=False).sudo().browse(batch_ids)
            batch._apply_data_standards(enforce=False)
            batch.invalidate_recordset()

    def action_view_data_standards(self):
        self.ensure_one()
        rules = self.env["crm.data.standard"]._get_rules()
        standard_ids = [rule.standard_id for rule in self._get_applicable_rules(rules)]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Data Standards"),
            "res_model": "crm.data.standard",
            "view_mode": "list,form",
            "domain": [("id", "in", standard_ids)],
        }

    # ------------------------------------------------------------------
    # Relationship roles and first order
    # ------------------------------------------------------------------
    def _promote_to_client(self):
        """Prospects (and partners without a role) that bought become clients."""
        client = self.env.ref("crm_retention.crm_relationship_role_client", False)
        prospect = self.env.ref("crm_retention.crm_relationship_role_prospect", False)
        if not client:
            return
        to_promote = self.filtered(lambda p: client not in p.relationship_role_ids)
        if to_promote:
            # A system change, not a user edit: it must not block the sale on data gaps.
            to_promote.with_context(skip_data_standards_check=True).write(
                {
                    "relationship_role_ids": [Command.link(client.id)]
                    + ([Command.unlink(prospect.id)] if prospect else [])
                }
            )

    def _update_first_order_date(self):
        """Store the first confirmed order date of these commercial partners, in one query."""
        if not self:
            return
        self.env["sale.order"].flush_model(["partner_id", "state", "date_order"])
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner AS p
                   SET first_order_date = sub.first_date
                  FROM (
                        SELECT cp.commercial_partner_id AS partner_id,
                               MIN(so.date_order)::date AS first_date
                          FROM sale_order so
                          JOIN res_partner cp ON cp.id = so.partner_id
                         WHERE so.state = 'sale'
                           AND cp.commercial_partner_id IN %s
                      GROUP BY cp.commercial_partner_id
                       ) AS sub
                 WHERE p.id = sub.partner_id
                   AND p.first_order_date IS DISTINCT FROM sub.first_date
                """,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["first_order_date"])

    # ------------------------------------------------------------------
    # Churn (R4): the current loss; every loss is kept in crm.client.loss
    # ------------------------------------------------------------------
    is_lost = fields.Boolean(string="Lost Client", readonly=True, copy=False, index=True)
    lost_date = fields.Date(readonly=True, copy=False)
    lost_reason_id = fields.Many2one(
        "crm.lost.reason", readonly=True, copy=False, ondelete="restrict"
    )
    lost_competitor_id = fields.Many2one(
        "res.partner", string="Lost To", readonly=True, copy=False, ondelete="set null"
    )
    lost_note = fields.Text(readonly=True, copy=False)
    # Minimum order (R5), read on the commercial partner
    minimum_order_amount = fields.Monetary(
        currency_field="currency_id",
        groups="sales_team.group_sale_manager",  # else a salesperson could lower it
        help="Untaxed amount, in the company currency, below which an order of this client "
        "cannot be confirmed; it overrides the minimum of the client's tags and of the "
        "company. 0 means no minimum of its own.",
    )

    @api.constrains("minimum_order_amount")
    def _check_minimum_order_amount(self):
        for partner in self:
            if partner.minimum_order_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum order amount of %(partner)s cannot be negative.",
                        partner=partner.display_name,
                    )
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
        competitor_role = self.env.ref("crm_retention.crm_relationship_role_competitor")
        if competitor and competitor_role not in competitor.relationship_role_ids:
            raise UserError(
                self.env._(
                    "%(partner)s is not a competitor: give it the Competitor role first.",
                    partner=competitor.display_name,
                )
            )
        already_lost = clients.filtered("is_lost")
        if already_lost:
            raise UserError(
                self.env._(
                    "These clients are already lost: %(clients)s.",
                    clients=", ".join(already_lost.mapped("display_name")),
                )
            )
        # A loss is a fact to record, not a profile edit: data gaps must not block it.
        clients.with_context(skip_data_standards_check=True).write(
            {
                "is_lost": True,
                "lost_date": date,
                "lost_reason_id": lost_reason.id,
                "lost_competitor_id": competitor.id if competitor else False,
                "lost_note": note or False,
            }
        )
        self.env["crm.client.loss"].create(
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

    def action_reactivate(self):
        """Bring lost clients back; their loss records stay for the churn analysis."""
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
        clients.with_context(skip_data_standards_check=True).write(
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
