from odoo import api, fields, models
from odoo.tools import SQL

from ..analytics import basket


class CrmProductPair(models.Model):
    """A rule "A is bought with B" of one company: both directions of a pair are stored.
    Written only by the set-based refresh of the company's current client analysis; the
    definitions are in readme/USAGE.md."""

    _name = "crm.product.pair"
    _description = "Products Bought Together"
    _order = "lift desc, pair_count desc, id"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    as_of_date = fields.Date(string="As of", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, index=True, readonly=True, ondelete="cascade"
    )  # fmt: skip
    companion_product_id = fields.Many2one(
        "product.product", string="Bought With", required=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    pair_count = fields.Integer(
        string="Baskets Together", readonly=True, help="Baskets holding both products."
    )
    product_basket_count = fields.Integer(
        string="Baskets with Product", readonly=True, aggregator=None
    )
    companion_basket_count = fields.Integer(
        string="Baskets with Companion", readonly=True, aggregator=None
    )
    basket_count = fields.Integer(
        string="All Baskets",
        readonly=True,
        aggregator=None,
        help="Baskets of the company: one client's confirmed orders of one day.",
    )
    support = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Share of all baskets holding both products.",
    )
    confidence = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Share of the baskets with the product that also hold the companion.",
    )
    lift = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="How many times more often the companion is in a basket with the product "
        "than in any basket (1: as often as by chance).",
    )
    p_value = fields.Float(
        string="P-value",
        readonly=True,
        aggregator=None,
        digits=(16, 6),
        help="Chance of at least this many common baskets if the two products were bought "
        "independently (one-sided Fisher exact test).",
    )

    @api.model
    def _refresh_company(self, company, as_of):
        """Recompute the company's pairs, "bought next" rules and suggestions as of
        ``as_of``: set-based statements and one vectorised significance test."""
        self._refresh_pairs(company, as_of)
        cr = self.env.cr
        uid = self.env.uid
        items = basket.items_sql(self.env, company.id, as_of)
        days = company.crm_basket_next_days
        min_count = company.crm_basket_min_count
        cr.execute(basket.insert_sequences_sql(items, company.id, as_of, uid, days, min_count))
        cr.execute(
            basket.insert_suggestions_sql(
                items, company.id, as_of, uid, days, company.crm_basket_suggestion_count
            )
        )
        for model in ("crm.product.pair", "crm.product.sequence", "crm.product.suggestion"):
            self.env[model].invalidate_model()

    @api.model
    def _refresh_pairs(self, company, as_of):
        """Empty the company's basket tables and write its pairs anew."""
        self.env.flush_all()
        cr = self.env.cr
        for table in ("crm_product_suggestion", "crm_product_sequence", "crm_product_pair"):
            cr.execute(
                SQL("DELETE FROM %s WHERE company_id = %s", SQL.identifier(table), company.id)
            )
        items = basket.items_sql(self.env, company.id, as_of)
        cr.execute(basket.pair_candidates_sql(items, company.crm_basket_min_count))
        rules = basket.pair_rules(cr.fetchall(), company.crm_basket_significance)
        cr.execute(basket.insert_pairs_sql(company.id, as_of, self.env.uid, rules))
        self.invalidate_model()
