from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

MINIMUM_OVERRIDE_GROUP = "sales_team.group_sale_manager"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        clients = self.partner_id.commercial_partner_id
        clients._promote_to_client()
        clients._update_first_order_date()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.partner_id.commercial_partner_id._update_first_order_date()
        return res

    # ------------------------------------------------------------------
    # Minimum order amount (R5)
    # ------------------------------------------------------------------
    minimum_order_warning = fields.Char(
        compute="_compute_minimum_order_warning",
        help="Why this quotation cannot be confirmed: below the minimum order amount.",
    )

    @api.depends("state", "amount_untaxed", "currency_id", "date_order", "company_id", "partner_id")
    def _compute_minimum_order_warning(self):
        self.minimum_order_warning = False
        for order, amount, threshold, origin in self._get_minimum_order_refusals():
            order.minimum_order_warning = order._minimum_order_message(amount, threshold, origin)

    def action_confirm(self):
        self._check_minimum_order_amount()
        return super().action_confirm()

    def _check_minimum_order_amount(self):
        # The override wizard passes this key; it only counts for sales managers.
        if self.env.context.get("minimum_order_override") and self.env.user.has_group(
            MINIMUM_OVERRIDE_GROUP
        ):
            return
        refusals = self._get_minimum_order_refusals()
        if refusals:
            raise UserError(
                "\n".join(
                    order._minimum_order_message(amount, threshold, origin)
                    for order, amount, threshold, origin in refusals
                )
                + "\n"
                + self.env._(
                    "A sales manager can still confirm it with “Confirm Below Minimum” "
                    "and a reason."
                )
            )

    def _minimum_order_message(self, amount, threshold, origin):
        self.ensure_one()
        currency = self.company_id.currency_id
        return self.env._(
            "%(order)s (%(client)s): the untaxed amount %(amount)s is below the minimum "
            "order amount %(threshold)s set on %(origin)s.",
            order=self.name,
            client=self.partner_id.commercial_partner_id.display_name,
            amount=format_amount(self.env, amount, currency),
            threshold=format_amount(self.env, threshold, currency),
            origin=origin,
        )

    def _get_minimum_order_thresholds(self):
        """Return {order: (threshold, origin)} of the quotations having a minimum.

        The most specific minimum applies: client, then the highest of its tags, then
        the company. Thresholds are read once for all the orders.
        """
        quotations = self.filtered(
            lambda order: order.state in ("draft", "sent") and order.partner_id
        )
        # Minimums are manager-only fields; reading them to enforce them reveals nothing
        # the refusal message would not tell.
        clients = quotations.partner_id.commercial_partner_id.sudo()
        if not (
            any(quotations.company_id.mapped("minimum_order_amount"))
            or any(clients.mapped("minimum_order_amount"))
            or any(clients.category_id.mapped("minimum_order_amount"))
        ):
            return {}
        thresholds = {}
        for order in quotations:
            client = order.partner_id.commercial_partner_id.sudo()
            top_category = max(
                client.category_id, key=lambda c: c.minimum_order_amount, default=None
            )
            if client.minimum_order_amount > 0:
                thresholds[order] = (
                    client.minimum_order_amount,
                    self.env._("the client %(name)s", name=client.display_name),
                )
            elif top_category and top_category.minimum_order_amount > 0:
                thresholds[order] = (
                    top_category.minimum_order_amount,
                    self.env._("the client tag %(name)s", name=top_category.display_name),
                )
            elif order.company_id.minimum_order_amount > 0:
                thresholds[order] = (
                    order.company_id.minimum_order_amount,
                    self.env._("the company %(name)s", name=order.company_id.name),
                )
        return thresholds

    def _get_minimum_order_refusals(self):
        """Return [(order, amount, threshold, origin)] of the quotations that cannot be
        confirmed: untaxed amount (company currency, at the order date) below their minimum
        and not the client's trial order."""
        below = {}
        rates = {}
        for order, (threshold, origin) in self._get_minimum_order_thresholds().items():
            company_currency = order.company_id.currency_id
            amount = order.amount_untaxed
            if order.currency_id and order.currency_id != company_currency:
                date = (order.date_order or fields.Datetime.now()).date()
                key = (order.currency_id, order.company_id, date)
                if key not in rates:
                    rates[key] = order.currency_id._get_conversion_rate(
                        order.currency_id, company_currency, order.company_id, date
                    )
                amount = company_currency.round(amount * rates[key])
            if company_currency.compare_amounts(amount, threshold) < 0:
                below[order] = (amount, threshold, origin)
        if not below:
            return []
        trial_orders = self._get_minimum_order_trial_orders(list(below))
        return [(order, *values) for order, values in below.items() if order not in trial_orders]

    def _get_minimum_order_trial_orders(self, candidates):
        """Among ``candidates``, the first order of clients who never confirmed one.

        A client without confirmed orders in the company gets one trial: its earliest
        quotation among ``self``, so confirming several at once grants only one.
        """
        keys = {(o.partner_id.commercial_partner_id.id, o.company_id.id) for o in candidates}
        self.env["sale.order"].flush_model(["partner_id", "state", "company_id"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT p.commercial_partner_id, so.company_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale'
                   AND p.commercial_partner_id IN %s
                   AND so.company_id IN %s
                """,
                tuple({client_id for client_id, _company_id in keys}),
                tuple({company_id for _client_id, company_id in keys}),
            )
        )
        new_keys = keys - set(self.env.cr.fetchall())
        first_by_key = {}
        batch = self.filtered(lambda order: order.state in ("draft", "sent"))
        for order in batch.sorted(lambda o: (o.date_order or datetime.max, o._origin.id or 0)):
            key = (order.partner_id.commercial_partner_id.id, order.company_id.id)
            if key in new_keys:
                first_by_key.setdefault(key, order)
        return set(first_by_key.values())

    def action_open_minimum_order_override(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm Below Minimum"),
            "res_model": "sale.order.minimum.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }
