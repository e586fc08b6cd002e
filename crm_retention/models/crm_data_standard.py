import re
from collections import namedtuple

from odoo import api, fields, models, tools

# Immutable snapshot of one standard, cached per registry (see _get_rules).
StandardRule = namedtuple(
    "StandardRule",
    "standard_id name applies_to role_ids category_ids company_id blocking lines",
)
StandardRuleLine = namedtuple("StandardRuleLine", "field_name required pattern description")

# Fields that decide which standards apply to a partner: changing them re-checks it.
SCOPE_FIELDS = frozenset(
    {"relationship_role_ids", "category_id", "is_company", "company_type", "company_id"}
)


class CrmDataStandard(models.Model):
    """A data standard: the fields a category of partners must have, and their format."""

    _name = "crm.data.standard"
    _inherit = ["crm.partner.scope.mixin"]
    _description = "Client Data Standard"
    _order = "sequence, id"

    applies_to = fields.Selection(
        [
            ("company", "Companies"),
            ("person", "Individuals"),
            ("all", "Companies and individuals"),
        ],
        required=True,
        default="company",
    )
    enforcement = fields.Selection(
        [("block", "Refuse saving"), ("score", "Measure completeness only")],
        required=True,
        default="block",
        help="Refuse saving: a partner breaking the standard cannot be saved or imported.\n"
        "Measure completeness only: the partner is saved, its completeness score drops.",
    )
    line_ids = fields.One2many("crm.data.standard.line", "standard_id", string="Fields", copy=True)
    partner_count = fields.Integer(compute="_compute_partner_count", string="Partners")
    incomplete_partner_count = fields.Integer(compute="_compute_partner_count")

    @api.depends("role_ids", "category_ids", "applies_to", "company_id", "line_ids")
    def _compute_partner_count(self):
        Partner = self.env["res.partner"]
        for standard in self:
            domain = standard._partner_domain()
            standard.partner_count = Partner.search_count(domain)
            standard.incomplete_partner_count = Partner.search_count(
                domain + [("data_completeness", "<", 100)]
            )

    @api.model_create_multi
    def create(self, vals_list):
        # Lines created with the standard re-score once, here, not once per line.
        standards = super(CrmDataStandard, self.with_context(crm_standard_batch=True)).create(
            vals_list
        )
        self._standards_changed()
        return standards.with_env(self.env)

    def write(self, vals):
        res = super(CrmDataStandard, self.with_context(crm_standard_batch=True)).write(vals)
        self._standards_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._standards_changed()
        return res

    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Partners of %(standard)s", standard=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": self._partner_domain(),
            "context": {"search_default_incomplete": 1},
        }

    def _partner_domain(self):
        self.ensure_one()
        domain = self._partner_scope_domain()
        if self.applies_to != "all":
            domain.append(("is_company", "=", self.applies_to == "company"))
        return domain

    @api.model
    def _standards_changed(self):
        """Standards are read from a cache: drop it and re-score every partner."""
        if self.env.context.get("crm_standard_batch"):
            return
        self.env.registry.clear_cache()
        self.env["res.partner"]._recompute_data_completeness()

    @api.model
    @tools.ormcache()
    def _get_rules(self):
        """All active standards with lines, as plain tuples (cached until they change)."""
        rules = []
        # sudo: standards are company policy; every user's partners obey all of them.
        standards = self.sudo().with_context(active_test=True).search([])
        for standard in standards:
            lines = tuple(
                StandardRuleLine(
                    line.field_id.name,
                    line.required,
                    line.pattern or False,
                    line.pattern_help,
                )
                for line in standard.line_ids
                if line.field_id.name in self.env["res.partner"]._fields
            )
            if not lines:
                continue
            rules.append(
                StandardRule(
                    standard.id,
                    standard.name,
                    standard.applies_to,
                    frozenset(standard.role_ids.ids),
                    frozenset(standard.category_ids.ids),
                    standard.company_id.id,
                    standard.enforcement == "block",
                    lines,
                )
            )
        return tuple(rules)

    @api.model
    def _get_watched_fields(self):
        """Fields whose change can alter a partner's standing against the standards."""
        rules = self._get_rules()
        if not rules:
            return frozenset()
        return SCOPE_FIELDS | {line.field_name for rule in rules for line in rule.lines}

    @staticmethod
    def _pattern_matches(pattern, value):
        return re.fullmatch(pattern, str(value).strip()) is not None
