from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, split_every

from ..tools import field_values

# Size bands by headcount (EU SME definition): (upper bound exclusive, band).
SIZE_BANDS = ((10, "micro"), (50, "small"), (250, "medium"))
RECOMPUTE_BATCH_SIZE = 2000
# Stock code reading a partner does not load these columns: they are fetched together, when
# one of them is read (every partner read by a confirmation or a follower check stays as
# narrow as without the module).
PREFETCH_GROUP = "crm_retention"


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
    employee_count = fields.Integer(string="Headcount", prefetch=PREFETCH_GROUP)
    annual_turnover = fields.Monetary(currency_field="currency_id", prefetch=PREFETCH_GROUP)
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
        prefetch=PREFETCH_GROUP,
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
        prefetch=PREFETCH_GROUP,
    )
    product_application = fields.Char(
        help="What the client uses the purchased products for.",
        prefetch=PREFETCH_GROUP,
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
        prefetch=PREFETCH_GROUP,
    )
    founding_date = fields.Date(prefetch=PREFETCH_GROUP)
    founding_year = fields.Integer(
        compute="_compute_founding_year",
        store=True,
        readonly=False,
        help="Filled from the founding date; can be typed when only the year is known.",
        prefetch=PREFETCH_GROUP,
    )
    years_on_market = fields.Integer(
        compute="_compute_years_on_market",
        search="_search_years_on_market",
    )
    company_history = fields.Text(prefetch=PREFETCH_GROUP)
    development_plans = fields.Text(prefetch=PREFETCH_GROUP)
    personal_preferences = fields.Text(
        help="Hobbies, tastes and habits of the person, useful to keep the relationship.",
        prefetch=PREFETCH_GROUP,
    )
    birthday = fields.Date(prefetch=PREFETCH_GROUP)
    # Data standards (R3): written in bulk by _apply_data_standards, never by hand.
    data_completeness = fields.Integer(
        string="Data Completeness (%)",
        default=100,
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Share of the fields required by the partner's data standards that are filled "
        "in the right format.",
        prefetch=PREFETCH_GROUP,
    )
    data_missing_fields = fields.Char(
        string="Missing Data",
        readonly=True,
        copy=False,
        prefetch=PREFETCH_GROUP,
    )
    # Anniversaries (R11)
    first_order_date = fields.Date(
        string="Client Since",
        readonly=True,
        copy=False,
        help="Date of the first confirmed sales order of this partner or its contacts.",
        prefetch=PREFETCH_GROUP,
    )
    founding_reminded_years = fields.Integer(copy=False, readonly=True, prefetch=PREFETCH_GROUP)
    cooperation_reminded_years = fields.Integer(copy=False, readonly=True, prefetch=PREFETCH_GROUP)

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
    @staticmethod
    def _applicable_rules(rules, is_company, company_id, role_ids, category_ids):
        """The rules that apply to a partner of this kind, company, roles and tags."""
        partner_kind = "company" if is_company else "person"
        return tuple(
            rule
            for rule in rules
            if rule.applies_to in ("all", partner_kind)
            and (not rule.company_id or company_id in (rule.company_id, None, False))
            and (
                rule.role_ids.intersection(role_ids) or rule.category_ids.intersection(category_ids)
            )
        )

    def _get_applicable_rules(self, rules):
        self.ensure_one()
        return self._applicable_rules(
            rules,
            self.is_company,
            self.company_id.id,
            self.relationship_role_ids.ids,
            self.category_id.ids,
        )

    def _evaluate_data_standards(self, rules):
        """Return [(score, missing labels, blocking problems)] of these partners, in order.

        Partners sharing kind, company, roles and tags obey the same rules, so the rules
        are matched once per such group and every field is read once for all partners.
        """
        Standard = self.env["crm.data.standard"]
        scopes = zip(
            field_values(self, "is_company"),
            field_values(self, "company_id"),
            field_values(self, "relationship_role_ids"),
            field_values(self, "category_id"),
            strict=True,
        )
        rules_by_scope = {}
        partner_rules = []
        for scope in scopes:
            if scope not in rules_by_scope:
                rules_by_scope[scope] = self._applicable_rules(rules, *scope)
            partner_rules.append(rules_by_scope[scope])
        field_names = {
            line.field_name
            for applicable in rules_by_scope.values()
            for rule in applicable
            for line in rule.lines
        }
        values = {fname: field_values(self, fname) for fname in field_names}
        labels = {fname: self._fields[fname]._description_string(self.env) for fname in field_names}
        results = []
        for index, applicable in enumerate(partner_rules):
            if not applicable:
                results.append((100, False, None))
                continue
            checked = {}  # field name -> satisfied (one field counts once across standards)
            missing, malformed = [], []
            for rule in applicable:
                for line in rule.lines:
                    value = values[line.field_name][index]
                    filled = bool(value)
                    well_formed = not (
                        filled
                        and line.pattern
                        and not Standard._pattern_matches(line.pattern, value)
                    )
                    checked[line.field_name] = (
                        checked.get(line.field_name, True) and filled and well_formed
                    )
                    if not rule.blocking or (filled and well_formed):
                        continue
                    label = labels[line.field_name]
                    if line.required and not filled and label not in missing:
                        missing.append(label)
                    elif not well_formed:
                        hint = f"{label} ({line.description})" if line.description else label
                        if hint not in malformed:
                            malformed.append(hint)
            score = round(100 * sum(checked.values()) / len(checked))
            missing_labels = ", ".join(labels[name] for name, ok in checked.items() if not ok)
            problems = None
            if missing or malformed:
                parts = []
                if missing:
                    parts.append(self.env._("missing: %(fields)s", fields=", ".join(missing)))
                if malformed:
                    parts.append(
                        self.env._("wrong format: %(fields)s", fields=", ".join(malformed))
                    )
                problems = "; ".join(parts)
            results.append((score, missing_labels or False, problems))
        return results

    def _apply_data_standards(self, enforce):
        """Check the partners against the active standards and store their scores.

        With ``enforce``, partners breaking a blocking standard are refused with one
        message listing every missing or malformed field of every partner.
        """
        if not self:
            return
        rules = self.env["crm.data.standard"]._get_rules()
        updates, refusals = [], []
        for partner, (score, missing, problems), old_score, old_missing in zip(
            self,
            self._evaluate_data_standards(rules),
            field_values(self, "data_completeness"),
            field_values(self, "data_missing_fields"),
            strict=True,
        ):
            if problems:
                refusals.append(f"{partner.display_name}: {problems}")
            if (score, missing or None) != (old_score, old_missing or None):
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
    @api.model
    def _record_confirmed_orders(self, order_dates):
        """Record orders just confirmed, given as ``{partner id: earliest order date}``:
        their commercial partners become clients (and stop being prospects), and those
        without a first order date get this one, having no earlier confirmed order.

        This runs on every confirmation, so it works on ids in three statements instead of
        loading and writing the buyers' records. A role gained this way is a system change:
        it re-scores completeness but never blocks the sale on data gaps.
        """
        if not order_dates:
            return
        self.flush_model(["commercial_partner_id", "relationship_role_ids", "first_order_date"])
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                WITH buyer AS (
                    SELECT p.commercial_partner_id AS id, MIN(v.order_date) AS first_date
                      FROM (VALUES %s) AS v(partner_id, order_date)
                      JOIN res_partner p ON p.id = v.partner_id
                  GROUP BY p.commercial_partner_id
                )
                UPDATE res_partner AS p
                   SET first_order_date = buyer.first_date
                  FROM buyer
                 WHERE p.id = buyer.id AND p.first_order_date IS NULL
             RETURNING p.id
                """,
                SQL(", ").join(SQL("(%s, %s::date)", *item) for item in order_dates.items()),
            )
        )
        self.browse(row[0] for row in cr.fetchall()).invalidate_recordset(["first_order_date"])

        client = self.env.ref("crm_retention.crm_relationship_role_client", False)
        if not client:
            return
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner_relationship_role_rel (partner_id, role_id)
                SELECT DISTINCT p.commercial_partner_id, %s
                  FROM res_partner p
                 WHERE p.id IN %s
                ON CONFLICT DO NOTHING
             RETURNING partner_id
                """,
                client.id,
                tuple(order_dates),
            )
        )
        promoted = self.browse(row[0] for row in cr.fetchall())
        if not promoted:
            return
        prospect = self.env.ref("crm_retention.crm_relationship_role_prospect", False)
        if prospect:
            cr.execute(
                SQL(
                    "DELETE FROM res_partner_relationship_role_rel"
                    " WHERE role_id = %s AND partner_id IN %s",
                    prospect.id,
                    tuple(promoted.ids),
                )
            )
        promoted.invalidate_recordset(["relationship_role_ids"])
        promoted.modified(["relationship_role_ids"])
        # only standards that follow roles can start or stop applying to them
        if any(rule.role_ids for rule in self.env["crm.data.standard"]._get_rules()):
            promoted._apply_data_standards(enforce=False)

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
    # Contact standards (R9): written in bulk by _update_contact_figures, never by hand.
    # ------------------------------------------------------------------
    contact_standard_id = fields.Many2one(
        "crm.contact.standard",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The most demanding contact standard that applies to this client.",
        prefetch=PREFETCH_GROUP,
    )
    contact_period = fields.Selection(related="contact_standard_id.period")
    last_contact_date = fields.Date(
        readonly=True,
        copy=False,
        help="Last done activity, logged call or meeting with this client or its contacts.",
        prefetch=PREFETCH_GROUP,
    )
    contact_period_count = fields.Integer(
        string="Contacts This Period",
        readonly=True,
        copy=False,
        help="Days with a contact since the start of the current period of the standard.",
        prefetch=PREFETCH_GROUP,
    )
    contact_required_count = fields.Integer(
        string="Required Contacts",
        readonly=True,
        copy=False,
        help="Contacts the standard requires in a whole period.",
        prefetch=PREFETCH_GROUP,
    )
    contact_due_count = fields.Integer(
        string="Contacts Due by Now",
        readonly=True,
        copy=False,
        help="Required contacts times the elapsed share of the period, rounded down.",
        prefetch=PREFETCH_GROUP,
    )
    contact_overdue = fields.Boolean(
        readonly=True,
        copy=False,
        help="Fewer contacts this period than are due by now.",
        prefetch=PREFETCH_GROUP,
    )

    @api.model
    def _contact_document_models(self):
        """Documents whose done activities count as contacts with their partner.

        :return: {model name: name of its many2one to res.partner}
        """
        return {"crm.lead": "partner_id", "sale.order": "partner_id"}

    @api.model
    def _contact_source_queries(self):
        """Extension point: the sources of contacts, as SQL queries.

        Each query returns the columns ``partner_id`` (any partner; contacts count on its
        commercial partner) and ``contact_date`` (a date). Modules add sources by
        overriding this method and appending their own queries to the result.
        """
        # only the message posted when an activity is marked done has an activity type
        activity_messages = SQL("m.mail_activity_type_id IS NOT NULL")
        queries = [
            # done activities (calls, meetings, e-mails, to-dos) on the partner
            SQL(
                """
                SELECT m.res_id AS partner_id, m.date::date AS contact_date
                  FROM mail_message m
                 WHERE m.model = 'res.partner' AND %s
                """,
                activity_messages,
            )
        ]
        # done activities on the partner's leads and orders
        for model_name, partner_field in self._contact_document_models().items():
            queries.append(
                SQL(
                    """
                    SELECT d.%s AS partner_id, m.date::date AS contact_date
                      FROM mail_message m
                      JOIN %s d ON d.id = m.res_id
                     WHERE m.model = %s AND %s
                    """,
                    SQL.identifier(partner_field),
                    SQL.identifier(self.env[model_name]._table),
                    model_name,
                    activity_messages,
                )
            )
        # meetings the partner attends
        queries.append(
            SQL(
                """
                SELECT rel.res_partner_id AS partner_id, e.start::date AS contact_date
                  FROM calendar_event e
                  JOIN calendar_event_res_partner_rel rel ON rel.calendar_event_id = e.id
                 WHERE e.active
                """
            )
        )
        return queries

    @api.model
    def _update_contact_figures(self, partner_ids=None):
        """Recount the contacts of commercial partners against their contact standard.

        One SQL statement for all partners (or only ``partner_ids``), whatever their
        number: a period's contacts are the days with at least one contact since the
        period started; the contacts due by now are the required contacts times the
        elapsed share of the period, rounded down; fewer contacts than due is overdue.
        """
        if partner_ids is not None and not partner_ids:
            return
        # extensions may read any table: everything pending must be in the database
        self.env.flush_all()
        today = fields.Date.context_today(self)
        only = SQL("AND p.id IN %s", tuple(partner_ids)) if partner_ids else SQL()
        only_contacts = (
            SQL("AND p.commercial_partner_id IN %s", tuple(partner_ids)) if partner_ids else SQL()
        )
        period_length = SQL(
            "CASE s.period WHEN 'month' THEN interval '1 month' "
            "WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END"
        )
        periods_per_year = SQL(
            "CASE s.period WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END"
        )
        self.env.cr.execute(
            SQL(
                """
                WITH source AS (%(sources)s),
                contact AS (
                    SELECT DISTINCT p.commercial_partner_id AS partner_id, src.contact_date
                      FROM source src
                      JOIN res_partner p ON p.id = src.partner_id
                     WHERE src.contact_date <= %(today)s %(only_contacts)s
                ),
                standard AS (
                    -- the most demanding standard (contacts per year) of each partner
                    SELECT DISTINCT ON (p.id)
                           p.id AS partner_id, s.id AS standard_id, s.required_count,
                           date_trunc(s.period, %(today)s::timestamp)::date AS period_start,
                           (date_trunc(s.period, %(today)s::timestamp) + %(period_length)s
                           )::date AS period_end
                      FROM res_partner p
                      JOIN crm_contact_standard s
                        ON s.active AND (s.company_id IS NULL OR p.company_id IS NULL
                                         OR s.company_id = p.company_id)
                     WHERE p.id = p.commercial_partner_id AND p.active %(only)s
                       AND (EXISTS (SELECT 1 FROM crm_contact_standard_role_rel sr
                                      JOIN res_partner_relationship_role_rel pr
                                        ON pr.role_id = sr.role_id
                                     WHERE sr.standard_id = s.id AND pr.partner_id = p.id)
                            OR EXISTS (SELECT 1 FROM crm_contact_standard_category_rel sc
                                         JOIN res_partner_res_partner_category_rel pc
                                           ON pc.category_id = sc.category_id
                                        WHERE sc.standard_id = s.id AND pc.partner_id = p.id))
                  ORDER BY p.id, s.required_count * %(periods_per_year)s DESC, s.sequence, s.id
                ),
                counted AS (
                    SELECT c.partner_id, MAX(c.contact_date) AS last_date,
                           COUNT(*) FILTER (WHERE c.contact_date >= st.period_start)
                               AS period_count
                      FROM contact c
                      LEFT JOIN standard st ON st.partner_id = c.partner_id
                  GROUP BY c.partner_id
                ),
                figures AS (
                    SELECT p.id AS partner_id, st.standard_id, cnt.last_date,
                           COALESCE(st.required_count, 0) AS required_count,
                           COALESCE(cnt.period_count, 0) AS period_count,
                           COALESCE(st.required_count * (%(today)s - st.period_start + 1)
                                    / (st.period_end - st.period_start), 0) AS due_count
                      FROM res_partner p
                      LEFT JOIN standard st ON st.partner_id = p.id
                      LEFT JOIN counted cnt ON cnt.partner_id = p.id
                     WHERE p.id = p.commercial_partner_id %(only)s
                )
                UPDATE res_partner AS p
                   SET contact_standard_id = f.standard_id,
                       last_contact_date = f.last_date,
                       contact_required_count = f.required_count,
                       contact_period_count = f.period_count,
                       contact_due_count = f.due_count,
                       contact_overdue = f.period_count < f.due_count
                  FROM figures f
                 WHERE p.id = f.partner_id
                   AND (p.contact_standard_id, p.last_contact_date, p.contact_required_count,
                        p.contact_period_count, p.contact_due_count, p.contact_overdue)
                       IS DISTINCT FROM
                       (f.standard_id, f.last_date, f.required_count, f.period_count,
                        f.due_count, f.period_count < f.due_count)
                """,
                sources=SQL(" UNION ALL ").join(self._contact_source_queries()),
                today=today,
                only=only,
                only_contacts=only_contacts,
                period_length=period_length,
                periods_per_year=periods_per_year,
            )
        )
        self.invalidate_model(
            [
                "contact_standard_id",
                "last_contact_date",
                "contact_required_count",
                "contact_period_count",
                "contact_due_count",
                "contact_overdue",
            ]
        )

    def _schedule_contact_activities(self):
        """Plan a "Contact the client" activity for the salesperson of each of these
        partners, unless one is still open."""
        activity_type = self.env.ref("crm_retention.mail_activity_type_contact")
        # sudo: a system job; it only adds reminders to partners' own salespeople
        Activity = self.env["mail.activity"].sudo()
        reminded = {
            res_id
            for [res_id] in Activity._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        to_remind = self.filtered(lambda partner: partner.id not in reminded)
        if not to_remind:
            return Activity
        partner_model_id = self.env["ir.model"]._get_id("res.partner")
        fallback_user = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        today = fields.Date.context_today(self)
        return Activity.create(
            [
                {
                    "res_model_id": partner_model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._(
                        "%(done)s of %(due)s contacts due by now",
                        done=partner.contact_period_count,
                        due=partner.contact_due_count,
                    ),
                    "date_deadline": today,
                    "user_id": partner.user_id.id or fallback_user.id,
                }
                for partner in to_remind
            ]
        )

    # ------------------------------------------------------------------
    # Sales-cycle plans (R12)
    # ------------------------------------------------------------------
    sales_plan_id = fields.Many2one(
        "mail.activity.plan",
        compute="_compute_sales_plan_id",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        domain=[("res_model", "=", "res.partner")],
        help="The sequence of activities this client follows. A client gets the plan of "
        "its client group (tag); later changes go through Change Sales Plan and are "
        "recorded.",
        prefetch=PREFETCH_GROUP,
    )
    sales_plan_switch_ids = fields.One2many(
        "crm.sales.plan.switch", "partner_id", string="Sales Plan History"
    )

    @api.depends("category_id")
    def _compute_sales_plan_id(self):
        plans = self.env["mail.activity.plan"].search(
            [("res_model", "=", "res.partner"), ("partner_category_ids", "!=", False)]
        )
        for partner in self:
            if partner.sales_plan_id or not partner.category_id:
                partner.sales_plan_id = partner.sales_plan_id
                continue
            partner.sales_plan_id = plans.filtered(
                lambda plan, partner=partner: (
                    plan.partner_category_ids & partner.category_id._origin
                    and (
                        not plan.company_id
                        or not partner.company_id
                        or plan.company_id == partner.company_id
                    )
                )
            )[:1]

    def _switch_sales_plan(self, plan, reason):
        """Move these clients to ``plan``, recording who, when and why."""
        partners = self.filtered(lambda partner: partner.sales_plan_id != plan)
        switches = self.env["crm.sales.plan.switch"].create(
            [
                {
                    "partner_id": partner.id,
                    "from_plan_id": partner.sales_plan_id.id,
                    "to_plan_id": plan.id,
                    "reason": reason,
                }
                for partner in partners
            ]
        )
        partners.write({"sales_plan_id": plan.id})
        return switches

    def action_launch_sales_plan(self):
        """Schedule the activities of each client's sales plan, with Odoo's plan launcher."""
        # clients without a plan have nothing to launch (the button is hidden for them)
        partners = self.filtered("sales_plan_id")
        today = fields.Date.context_today(self)
        for (plan, user, company), group in partners.grouped(
            lambda partner: (partner.sales_plan_id, partner.user_id, partner.company_id)
        ).items():
            # the launcher reads its records from the context, as when opened from a list
            scheduler = (
                self.env["mail.activity.schedule"]
                .with_company(company or self.env.company)
                .with_context(active_model="res.partner", active_ids=group.ids)
                .create(
                    {
                        "res_model": "res.partner",
                        "plan_id": plan.id,
                        "plan_date": today,
                        "plan_on_demand_user_id": (user or self.env.user).id,
                    }
                )
            )
            scheduler.action_schedule_plan()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_sales_plan_switch(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Sales Plan"),
            "res_model": "crm.sales.plan.switch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    # Churn (R4): the current loss; every loss is kept in crm.client.loss
    # ------------------------------------------------------------------
    is_lost = fields.Boolean(
        string="Lost Client", readonly=True, copy=False, prefetch=PREFETCH_GROUP
    )
    lost_date = fields.Date(readonly=True, copy=False, prefetch=PREFETCH_GROUP)
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        readonly=True,
        copy=False,
        ondelete="restrict",
        prefetch=PREFETCH_GROUP,
    )
    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Lost To",
        readonly=True,
        copy=False,
        ondelete="set null",
        prefetch=PREFETCH_GROUP,
    )
    lost_note = fields.Text(readonly=True, copy=False, prefetch=PREFETCH_GROUP)
    # Minimum order (R5), read on the commercial partner
    minimum_order_amount = fields.Monetary(
        currency_field="currency_id",
        groups="sales_team.group_sale_manager",  # else a salesperson could lower it
        help="Untaxed amount, in the company currency, below which an order of this client "
        "cannot be confirmed; it overrides the minimum of the client's tags and of the "
        "company. 0 means no minimum of its own.",
        prefetch=PREFETCH_GROUP,
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
