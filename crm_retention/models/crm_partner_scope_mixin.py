from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


def scope_matches(scope, company_id, role_ids, category_ids):
    """Whether ``scope`` (company id, role ids, tag ids) covers a partner of this company,
    roles and tags.

    The single Python statement of the rule that ``_partner_scope_domain`` and
    ``_partner_scope_sql`` state for the ORM and for SQL: a scope of a company covers the
    partners of that company and the partners shared by all companies; a scope covers the
    partners holding any of its roles or any of its tags. Ids only, so cached snapshots of
    scopes (tuples, frozensets) use it as well as records.
    """
    scope_company_id, scope_role_ids, scope_category_ids = scope
    if scope_company_id and company_id not in (scope_company_id, None, False):
        return False
    return not scope_role_ids.isdisjoint(role_ids) or not scope_category_ids.isdisjoint(
        category_ids
    )


class CrmPartnerScopeMixin(models.AbstractModel):
    """Who a client-base policy applies to: a company, relationship roles and tags.

    Shared by the data standards and the contact standards. Concrete models keep their
    own many2many tables: a model whose tables are not the automatic ones redeclares
    ``role_ids`` and ``category_ids`` with its relation tables.
    """

    _name = "crm.partner.scope.mixin"
    _description = "Client Base Policy Scope"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to apply the standard in every company.",
    )
    role_ids = fields.Many2many(
        "crm.relationship.role",
        string="Relationship Roles",
        help="The standard applies to partners holding any of these roles.",
    )
    category_ids = fields.Many2many(
        "res.partner.category",
        string="Tags",
        help="The standard applies to partners with any of these tags.",
    )

    # name: always written at creation, so that a scope created without roles and tags
    # (many2many fields left out of the values) is checked too
    @api.constrains("name", "role_ids", "category_ids")
    def _check_scope(self):
        for record in self:
            if not record.role_ids and not record.category_ids:
                raise ValidationError(
                    self.env._(
                        '"%(name)s" must name at least one relationship role or tag it applies to.',
                        name=record.name,
                    )
                )

    def _applies_to_partner(self, partner):
        """Whether this scope covers ``partner`` (a record)."""
        self.ensure_one()
        return scope_matches(
            self._scope_key(),
            partner.company_id.id,
            partner.relationship_role_ids.ids,
            partner.category_id.ids,
        )

    def _scope_key(self):
        """This scope as plain values, for caches: (company id, role ids, tag ids)."""
        self.ensure_one()
        return (self.company_id.id, frozenset(self.role_ids.ids), frozenset(self.category_ids.ids))

    def _partner_scope_domain(self):
        """The partners this scope covers, as a domain on res.partner."""
        self.ensure_one()
        domain = [
            "|",
            ("relationship_role_ids", "in", self.role_ids.ids),
            ("category_id", "in", self.category_ids.ids),
        ]
        if self.company_id:
            domain.append(("company_id", "in", [self.company_id.id, False]))
        return domain

    @api.model
    def _partner_scope_sql(self, scope_alias, partner_alias):
        """The same rule as an SQL condition between a row of this model's table
        (``scope_alias``) and a row of res_partner (``partner_alias``)."""
        scope = SQL.identifier(scope_alias)
        partner = SQL.identifier(partner_alias)
        roles = self._fields["role_ids"]
        tags = self._fields["category_ids"]
        return SQL(
            """
            (%(scope)s.company_id IS NULL OR %(partner)s.company_id IS NULL
             OR %(scope)s.company_id = %(partner)s.company_id)
            AND (EXISTS (SELECT 1 FROM %(role_rel)s sr
                           JOIN res_partner_relationship_role_rel pr ON pr.role_id = sr.%(role)s
                          WHERE sr.%(role_owner)s = %(scope)s.id AND pr.partner_id = %(partner)s.id)
                 OR EXISTS (SELECT 1 FROM %(tag_rel)s sc
                              JOIN res_partner_res_partner_category_rel pc
                                ON pc.category_id = sc.%(tag)s
                             WHERE sc.%(tag_owner)s = %(scope)s.id
                               AND pc.partner_id = %(partner)s.id))
            """,
            scope=scope,
            partner=partner,
            role_rel=SQL.identifier(roles.relation),
            role_owner=SQL.identifier(roles.column1),
            role=SQL.identifier(roles.column2),
            tag_rel=SQL.identifier(tags.relation),
            tag_owner=SQL.identifier(tags.column1),
            tag=SQL.identifier(tags.column2),
        )
