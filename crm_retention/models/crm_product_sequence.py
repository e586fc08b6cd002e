from odoo import fields, models


class CrmProductSequence(models.Model):
    """A rule "A, then B": a client's basket with A followed, on a later day within the
    company's window, by a basket with B. Written only by the set-based refresh of the
    company's current client analysis; the definitions are in readme/USAGE.md."""

    _name = "crm.product.sequence"
    _description = "Products Bought Next"
    _order = "confidence desc, sequence_count desc, id"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    as_of_date = fields.Date(string="As of", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", string="First Bought", required=True, index=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    next_product_id = fields.Many2one(
        "product.product", string="Bought Next", required=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    sequence_count = fields.Integer(
        string="Times Followed",
        readonly=True,
        help="Baskets with the first product followed by a basket with the next one "
        "within the window.",
    )
    product_basket_count = fields.Integer(
        string="Baskets Followed by Any",
        readonly=True,
        aggregator=None,
        help="Baskets with the first product followed by any basket of the client within "
        "the window.",
    )
    confidence = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Times followed by the next product over the baskets with the first product "
        "followed by any basket within the window.",
    )
    median_days = fields.Float(
        string="Median Days Between",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Median number of days from the basket with the first product to the first "
        "later basket with the next one.",
    )
    window_days = fields.Integer(string="Window (days)", readonly=True, aggregator=None)
