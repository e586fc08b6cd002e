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
        ``as_of``: set-based statements and one vectorised significance test. The
        baskets are computed once, into a temporary table the three steps read."""
        items = self._basket_items(company, as_of)
        self._refresh_pairs(company, as_of, items)
        self._refresh_sequences(company, as_of, items)
        self._refresh_suggestions(company, as_of, items)

    def _basket_items(self, company, as_of):
        """Compute the products of the company's baskets as of ``as_of``
        (``basket.items_sql``) into the temporary table crm_basket_items (dropped at the
        end of the transaction; PostgreSQL's planner then knows their number) and return
        the query reading it."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS crm_basket_items")
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE crm_basket_items ON COMMIT DROP AS %s",
                basket.items_sql(self.env, company.id, as_of),
            )
        )
        cr.execute("ANALYZE crm_basket_items")
        return SQL("SELECT partner_id, day, product_id FROM crm_basket_items")

    @api.model
    def _refresh_sequences(self, company, as_of, items=None):
        """Write the company's "bought next" rules anew (after ``_refresh_pairs``, which
        emptied them); ``items``: the baskets' query, by default ``basket.items_sql``."""
        self.env.cr.execute(
            basket.insert_sequences_sql(
                items or basket.items_sql(self.env, company.id, as_of),
                company.id,
                as_of,
                self.env.uid,
                company.crm_basket_next_days,
                company.crm_basket_min_count,
            )
        )
        self.env["crm.product.sequence"].invalidate_model()

    @api.model
    def _refresh_suggestions(self, company, as_of, items=None):
        """Write the company's suggestions anew (after its pairs and "bought next" rules);
        ``items``: the baskets' query, by default ``basket.items_sql``."""
        for statement in basket.insert_suggestions_sqls(
            items or basket.items_sql(self.env, company.id, as_of),
            company.id,
            as_of,
            self.env.uid,
            company.crm_basket_next_days,
            company.crm_basket_suggestion_count,
        ):
            self.env.cr.execute(statement)
        self.env["crm.product.suggestion"].invalidate_model()

    @api.model
    def _refresh_pairs(self, company, as_of, items=None):
        """Empty the company's basket tables and write its pairs anew; ``items``: the
        baskets' query, by default ``basket.items_sql``."""
        self.env.flush_all()
        cr = self.env.cr
        for table in ("crm_product_suggestion", "crm_product_sequence", "crm_product_pair"):
            cr.execute(
                SQL("DELETE FROM %s WHERE company_id = %s", SQL.identifier(table), company.id)
            )
        items = items or basket.items_sql(self.env, company.id, as_of)
        cr.execute(basket.pair_candidates_sql(items, company.crm_basket_min_count))
        rules = basket.pair_rules(cr.fetchall(), company.crm_basket_significance)
        cr.execute(basket.insert_pairs_sql(company.id, as_of, self.env.uid, rules))
        self.invalidate_model()
