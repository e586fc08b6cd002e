"""res.partner in the client base: relationship roles, the client profile, the first order.

The other concerns of the module extend res.partner in their own files
(res_partner_<concern>.py), each with its fields at the top.
"""

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..tools import SYSTEM_WRITE

# Size bands by headcount (EU SME definition): (upper bound exclusive, band).
SIZE_BANDS = ((10, "micro"), (50, "small"), (250, "medium"))
# Stock code reading a partner does not load these columns: they are fetched together, when
# one of them is read (every partner read by a confirmation or a follower check stays as
# narrow as without the module).
PREFETCH_GROUP = "crm_retention"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Relationship roles
    relationship_role_ids = fields.Many2many(
        "crm.relationship.role",
        "res_partner_relationship_role_rel",
        "partner_id",
        "role_id",
        string="Relationship Roles",
        help="What this partner is to us; a partner can hold several roles.",
        groups="base.group_user",
    )
    # Client profile
    employee_count = fields.Integer(
        string="Headcount", prefetch=PREFETCH_GROUP, groups="base.group_user"
    )
    annual_turnover = fields.Monetary(
        currency_field="currency_id", prefetch=PREFETCH_GROUP, groups="base.group_user"
    )
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
        groups="base.group_user",
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
        groups="base.group_user",
    )
    product_application = fields.Char(
        help="What the client uses the purchased products for.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
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
        groups="base.group_user",
    )
    founding_date = fields.Date(prefetch=PREFETCH_GROUP, groups="base.group_user")
    founding_year = fields.Integer(
        compute="_compute_founding_year",
        store=True,
        readonly=False,
        help="Filled from the founding date; can be typed when only the year is known.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
    )
    years_on_market = fields.Integer(
        compute="_compute_years_on_market",
        search="_search_years_on_market",
        groups="base.group_user",
    )
    company_history = fields.Text(prefetch=PREFETCH_GROUP, groups="base.group_user")
    development_plans = fields.Text(prefetch=PREFETCH_GROUP, groups="base.group_user")
    personal_preferences = fields.Text(
        help="Hobbies, tastes and habits of the person, useful to keep the relationship.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
    )
    birthday = fields.Date(prefetch=PREFETCH_GROUP, groups="base.group_user")
    # First order
    first_order_date = fields.Date(
        string="Client Since",
        readonly=True,
        copy=False,
        help="Date of the first confirmed sales order of this partner or its contacts.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )

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

    @api.constrains("founding_date", "birthday")
    def _check_dates_not_in_future(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.founding_date and partner.founding_date > today:
                raise ValidationError(
                    self.env._(
                        "The founding date of %(partner)s cannot be in the future.",
                        partner=partner.display_name,
                    )
                )
            if partner.birthday and partner.birthday > today:
                raise ValidationError(
                    self.env._(
                        "The birthday of %(partner)s cannot be in the future.",
                        partner=partner.display_name,
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

    @api.model
    def _valid_field_parameter(self, field, name):
        # system_field=True: the module maintains the field itself (set-based, from facts
        # such as orders, losses or contacts); nobody writes it by hand, RPC included
        return name == "system_field" or super()._valid_field_parameter(field, name)

    @api.model
    @tools.ormcache()
    def _system_field_names(self):
        return frozenset(
            name for name, field in self._fields.items() if getattr(field, "system_field", False)
        )

    def write(self, vals):
        self._check_system_fields_write(vals)
        return super().write(vals)

    def _check_system_fields_write(self, vals):
        """Refuse writes of fields the module maintains, unless the module writes them
        (system_write()) or the superuser does (data files, migrations)."""
        if self.env.su or self.env.context.get("crm_retention_system_write") is SYSTEM_WRITE:
            return
        forbidden = self._system_field_names().intersection(vals)
        if forbidden:
            labels = sorted(self._fields[name]._description_string(self.env) for name in forbidden)
            raise AccessError(
                self.env._(
                    "These fields are kept up to date by the client base and cannot be "
                    "written directly: %(fields)s.",
                    fields=", ".join(labels),
                )
            )

    # ------------------------------------------------------------------
    # Business: relationship roles and first order
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
        # every given partner is updated: one whose last confirmed order was cancelled has
        # no first order any more (LEFT JOIN, NULL date)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner AS p
                   SET first_order_date = sub.first_date
                  FROM (
                        SELECT given.id AS partner_id, MIN(so.date_order)::date AS first_date
                          FROM res_partner given
                          LEFT JOIN res_partner cp ON cp.commercial_partner_id = given.id
                          LEFT JOIN sale_order so ON so.partner_id = cp.id AND so.state = 'sale'
                         WHERE given.id IN %s
                      GROUP BY given.id
                       ) AS sub
                 WHERE p.id = sub.partner_id
                   AND p.first_order_date IS DISTINCT FROM sub.first_date
                """,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["first_order_date"])
