from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, split_every

from ..tools import SYSTEM_WRITE, field_values
from .crm_data_standard import SCOPE_FIELDS
from .crm_partner_scope_mixin import scope_matches
from .res_partner import PREFETCH_GROUP

RECOMPUTE_BATCH_SIZE = 2000
# Partners listed in a refusal; an import of thousands names the first ones and a count.
REFUSALS_SHOWN = 50


class ResPartner(models.Model):
    _inherit = "res.partner"

    # written in bulk by _apply_data_standards, never by hand
    data_completeness = fields.Integer(
        string="Data Completeness (%)",
        default=100,
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Share of the fields required by the partner's data standards that are filled "
        "in the right format.",
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )
    data_missing_fields = fields.Char(
        string="Missing Data",
        readonly=True,
        copy=False,
        prefetch=PREFETCH_GROUP,
        groups="base.group_user",
        system_field=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if self.env["crm.data.standard"]._get_rules():
            partners._apply_data_standards(enforce=True)
        return partners

    def write(self, vals):
        watched = self.env["crm.data.standard"]._get_watched_fields()
        if not watched or watched.isdisjoint(vals):
            return super().write(vals)
        # The module's own moves (a loss, a hand-over, a plan) pass SYSTEM_WRITE: a value
        # no RPC caller can send, unlike any context key.
        enforce = self.env.context.get("skip_data_standards_check") is not SYSTEM_WRITE
        res = super().write(vals)
        # Only what this write breaks is refused: the fields it writes, or every field when
        # it changes which standards apply. A partner already short of data (a standard
        # added later) can still be edited, e.g. its address or phone.
        self._apply_data_standards(
            enforce=enforce, written=None if SCOPE_FIELDS & vals.keys() else set(vals)
        )
        return res

    @staticmethod
    def _applicable_rules(rules, is_company, company_id, role_ids, category_ids):
        """The rules that apply to a partner of this kind, company, roles and tags."""
        partner_kind = "company" if is_company else "person"
        return tuple(
            rule
            for rule in rules
            if rule.applies_to in ("all", partner_kind)
            and scope_matches(
                (rule.company_id, rule.role_ids, rule.category_ids),
                company_id,
                role_ids,
                category_ids,
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
                results.append((100, False, ()))
                continue
            checked = {}  # field name -> satisfied (one field counts once across standards)
            problems = []  # blocking problems, in order: ("missing" | "malformed", text)
            for rule in applicable:
                for line in rule.lines:
                    value = values[line.field_name][index]
                    # blanks are not data; numbers count when not zero
                    filled = bool(value.strip() if isinstance(value, str) else value)
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
                    if line.required and not filled:
                        problem = ("missing", label, line.field_name)
                    elif not well_formed:
                        problem = (
                            "malformed",
                            f"{label} ({line.description})" if line.description else label,
                            line.field_name,
                        )
                    else:
                        continue
                    if problem not in problems:
                        problems.append(problem)
            score = round(100 * sum(checked.values()) / len(checked))
            missing_labels = ", ".join(labels[name] for name, ok in checked.items() if not ok)
            results.append((score, missing_labels or False, tuple(problems)))
        return results

    def _data_standard_problem_text(self, problems):
        """One line saying what is missing and what is malformed."""
        missing = [text for kind, text, _fname in problems if kind == "missing"]
        malformed = [text for kind, text, _fname in problems if kind == "malformed"]
        parts = []
        if missing:
            parts.append(self.env._("missing: %(fields)s", fields=", ".join(missing)))
        if malformed:
            parts.append(self.env._("wrong format: %(fields)s", fields=", ".join(malformed)))
        return "; ".join(parts)

    def _apply_data_standards(self, enforce, written=None):
        """Check the partners against the active standards and store their scores.

        With ``enforce``, partners breaking a blocking standard are refused with one
        message listing their missing or malformed fields; with ``written`` (the fields a
        write changed), only the problems of those fields are refused.
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
            if written is not None:
                problems = tuple(problem for problem in problems if problem[2] in written)
            if problems:
                refusals.append(
                    f"{partner.display_name}: {self._data_standard_problem_text(problems)}"
                )
            if (score, missing or None) != (old_score, old_missing or None):
                updates.append((partner.id, score, missing or None))
        if enforce and refusals:
            shown = refusals[:REFUSALS_SHOWN]
            if len(refusals) > REFUSALS_SHOWN:
                shown.append(
                    self.env._(
                        "… and %(count)s more partners.", count=len(refusals) - REFUSALS_SHOWN
                    )
                )
            raise ValidationError(
                self.env._(
                    "These data do not meet the client data standards:\n%(problems)s",
                    problems="\n".join(shown),
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
    def _recompute_data_completeness(self, domain=None):
        """Re-score the partners of ``domain`` (default: all; all companies, archived too)
        after a standard changed, in batches."""
        # sudo: a standard is company policy and every partner's score follows it; only
        # the two derived score columns are written
        Partner = self.with_context(active_test=False).sudo()
        if not self.env["crm.data.standard"]._get_rules():
            # no standard left: everybody is complete, in one statement
            self.flush_model(["data_completeness", "data_missing_fields"])
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET data_completeness = 100, data_missing_fields = NULL"
                    " WHERE data_completeness <> 100 OR data_missing_fields IS NOT NULL"
                )
            )
            self.invalidate_model(["data_completeness", "data_missing_fields"])
            return
        partner_ids = Partner._search(domain or []).get_result_ids()
        for batch_ids in split_every(RECOMPUTE_BATCH_SIZE, partner_ids):
            batch = Partner.browse(batch_ids)
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
