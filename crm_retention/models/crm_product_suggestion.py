from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmProductSuggestion(models.Model):
    """A product a client never bought, suggested by a rule of the company (bought with, or
    bought next after, a product the client bought). Written only by the set-based refresh
    of the company's current client analysis."""

    _name = "crm.product.suggestion"
    _description = "Suggested Product"
    _order = "rank, id"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    as_of_date = fields.Date(string="As of", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    product_id = fields.Many2one(
        "product.product", string="Suggested Product", required=True, readonly=True,
        ondelete="cascade",
    )  # fmt: skip
    rule = fields.Selection(
        [("pair", "Bought together"), ("sequence", "Bought next")], required=True, readonly=True
    )
    source_product_id = fields.Many2one(
        "product.product", string="Because of", required=True, readonly=True, ondelete="cascade"
    )
    # indexed: emptying the company's rules cascades here row by row, and without an
    # index each deleted rule scanned the whole table (hours with last day's suggestions)
    pair_id = fields.Many2one("crm.product.pair", readonly=True, ondelete="cascade", index=True)
    sequence_id = fields.Many2one(
        "crm.product.sequence", readonly=True, ondelete="cascade", index=True
    )
    confidence = fields.Float(readonly=True, digits=(16, 4), aggregator="avg")
    lift = fields.Float(readonly=True, digits=(16, 2), aggregator="avg")
    rank = fields.Integer(readonly=True, aggregator=None)
    reason = fields.Char(compute="_compute_reason")

    @api.depends_context("lang")
    @api.depends("rule", "source_product_id", "confidence", "lift", "sequence_id")
    def _compute_reason(self):
        for suggestion in self:
            percent = f"{100 * suggestion.confidence:.0f}%"
            product = suggestion.source_product_id.display_name or ""
            # formatted first: the translation extractor reads only plain arguments
            median = format(suggestion.sequence_id.median_days, ".0f")
            lift = format(suggestion.lift, ".1f")
            if suggestion.rule == "sequence":
                suggestion.reason = self.env._(
                    "Bought within %(days)s days after %(product)s by %(percent)s of its "
                    "buyers (median %(median)s days later)",
                    days=suggestion.sequence_id.window_days,
                    product=product,
                    percent=percent,
                    median=median,
                )
            else:
                suggestion.reason = self.env._(
                    "Bought with %(product)s by %(percent)s of its buyers "
                    "(%(lift)s× more often than usual)",
                    product=product,
                    percent=percent,
                    lift=lift,
                )

    def action_add_to_order(self):
        """The Add button of the quotation's suggestions: the order comes from the
        context (``suggestion_order_id``), set by the quotation's view."""
        self.ensure_one()
        order = self.env["sale.order"].browse(self.env.context.get("suggestion_order_id") or [])
        if len(order) != 1:
            raise UserError(self.env._("Open a quotation to add a suggested product to it."))
        return order.action_add_suggested_product(self.product_id.id)
