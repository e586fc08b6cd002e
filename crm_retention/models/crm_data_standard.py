from collections import namedtuple
from functools import lru_cache

import re2

from odoo import api, fields, models, tools
from odoo.osv.expression import OR as Domain_OR

# Immutable snapshot of one standard, cached per registry (see _get_rules).
StandardRule = namedtuple(
    "StandardRule",
    "standard_id name applies_to role_ids category_ids company_id blocking lines",
)
StandardRuleLine = namedtuple("StandardRuleLine", "field_name required pattern description")

# Formats are short expressions; values checked against them are short fields.
MAX_PATTERN_LENGTH = 200
MAX_VALUE_LENGTH = 1000


@lru_cache(maxsize=512)
def compile_format(pattern):
    """The compiled RE2 expression of a data-standard format (raises re2.error)."""
    return re2.compile(pattern)


# Changes of a standard that can change partners' scores (not its name or order).
RESCORING_FIELDS = frozenset(
    {"active", "applies_to", "company_id", "role_ids", "category_ids", "enforcement", "line_ids"}
)

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
        standards._standards_changed()
        return standards.with_env(self.env)

    def write(self, vals):
        if not RESCORING_FIELDS.intersection(vals):
            # a rename or a new order changes no partner's score: keep the scores and only
            # refresh the cached rules (they carry the names)
            res = super().write(vals)
            self.env.registry.clear_cache()
            return res
        before = self._rescore_domain()
        res = super(CrmDataStandard, self.with_context(crm_standard_batch=True)).write(vals)
        self._standards_changed(extra_domain=before)
        return res

    def unlink(self):
        before = self._rescore_domain()
        res = super().unlink()
        self.browse()._standards_changed(extra_domain=before)
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

    def _rescore_domain(self):
        """The partners whose score these standards can change (all of their scopes)."""
        domains = [standard._partner_domain() for standard in self]
        return Domain_OR(domains) if domains else [(0, "=", 1)]

    def _standards_changed(self, extra_domain=None):
        """Standards are read from a cache: drop it and re-score the partners these
        standards cover, now or before the change (``extra_domain``)."""
        if self.env.context.get("crm_standard_batch"):
            return
        self.env.registry.clear_cache()
        domains = [self._rescore_domain()] if self else []
        if extra_domain:
            domains.append(extra_domain)
        self.env["res.partner"]._recompute_data_completeness(
            Domain_OR(domains) if domains else [(0, "=", 1)]
        )

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
        """Whether the whole value matches the format. RE2 matches in linear time, so no
        pattern a manager writes can stall a save (no catastrophic backtracking), and its
        \\d, \\w and \\s are ASCII only. Values longer than MAX_VALUE_LENGTH are malformed."""
        text = str(value).strip()
        if len(text) > MAX_VALUE_LENGTH:
            return False
        return compile_format(pattern).fullmatch(text) is not None
