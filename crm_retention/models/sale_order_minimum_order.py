from datetime import datetime
from typing import NamedTuple

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

from ..tools import field_values

MINIMUM_OVERRIDE_GROUP = "sales_team.group_sale_manager"
# context key of OnlineCommitment
ONLINE_COMMITMENT_KEY = "crm_retention_online_commitment"


class OnlineCommitment:
    """The orders a customer committed to online: signed on the portal or paid.

    Put in the context under ONLINE_COMMITMENT_KEY by the module's overrides of the
    signature and payment confirmations only. It is a Python object, which neither
    JSON-RPC nor XML-RPC can build: no caller can send one through the context.
    """

    __slots__ = ("order_ids",)

    def __init__(self, orders):
        self.order_ids = frozenset(orders.ids)


def online_commitment(records, orders):
    """``records`` with the mark that the customer committed to ``orders`` online."""
    return records.with_context(**{ONLINE_COMMITMENT_KEY: OnlineCommitment(orders)})


class MinimumOrigin(NamedTuple):
    """Where a minimum order amount is set: kind "client", "tag" or "company", and its id."""

    kind: str
    record_id: int


class MinimumThreshold(NamedTuple):
    """The minimum that applies to the quotation at ``index`` in the checked orders."""

    index: int
    amount: float
    origin: MinimumOrigin
    client_id: int


class MinimumRefusal(NamedTuple):
    """A quotation that cannot be confirmed: its amount is below the minimum."""

    order: models.BaseModel
    amount: float
    threshold: float
    origin: MinimumOrigin


class SaleOrder(models.Model):
    _inherit = "sale.order"

    minimum_order_warning = fields.Char(
        compute="_compute_minimum_order_warning",
        help="Why this quotation cannot be confirmed: below the minimum order amount.",
    )

    @api.depends("state", "amount_untaxed", "currency_id", "date_order", "company_id", "partner_id")
    @api.depends_context("uid")
    def _compute_minimum_order_warning(self):
        self.minimum_order_warning = False
        refusals = self._get_minimum_order_refusals()
        if refusals and self.env.user.share:
            # customers read their orders too: no internal threshold or tag for them
            for refusal in refusals:
                refusal.order.minimum_order_warning = self._minimum_order_customer_message()
            return
        for refusal in refusals:
            refusal.order.minimum_order_warning = refusal.order._minimum_order_message(refusal)

    def action_confirm(self):
        accepted_online = self._check_minimum_order_amount()
        result = super().action_confirm()
        if accepted_online:
            self._schedule_minimum_order_review(accepted_online)
        return result

    def _validate_order(self):
        # the customer signed the quotation on the portal (or confirmed a free cart):
        # confirm it even below the minimum, for the salesperson to review
        return super(SaleOrder, online_commitment(self, self))._validate_order()

    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._minimum_order_withheld_online()

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self._minimum_order_withheld_online()

    def _minimum_order_withheld_online(self):
        """Whether the portal withholds signature and payment: the quotation is below its
        minimum, the salesperson gets back to the customer about it."""
        self.ensure_one()
        # the computed warning is cached: the portal page asks several times
        return self.state in ("draft", "sent") and bool(self.minimum_order_warning)

    def _minimum_order_portal_note(self):
        """Whether the portal shows the customer the note that the salesperson will get
        back to them: it would offer signature or payment but for the minimum."""
        self.ensure_one()
        return (
            super()._has_to_be_signed() or super()._has_to_be_paid()
        ) and self._minimum_order_withheld_online()

    def _check_minimum_order_amount(self):
        """Refuse the quotations of ``self`` below their minimum; return the refusals that
        are confirmed anyway because their customer committed to them online."""
        # The override wizard passes this key; it only counts for sales managers.
        if self.env.context.get("minimum_order_override") and self.env.user.has_group(
            MINIMUM_OVERRIDE_GROUP
        ):
            return []
        refusals = self._get_minimum_order_refusals(lock=True)
        if not refusals:
            return []
        commitment = self.env.context.get(ONLINE_COMMITMENT_KEY)
        if isinstance(commitment, OnlineCommitment):
            accepted = [r for r in refusals if r.order.id in commitment.order_ids]
            if len(accepted) == len(refusals):
                return accepted
            refusals = [r for r in refusals if r.order.id not in commitment.order_ids]
        if self.env.user.share:
            raise UserError(self._minimum_order_customer_message())
        raise UserError(
            "\n".join(refusal.order._minimum_order_message(refusal) for refusal in refusals)
            + "\n"
            + self.env._(
                "A sales manager can still confirm it with “Confirm Below Minimum” and a reason."
            )
        )

    def _minimum_order_customer_message(self):
        """The refusal a customer (portal or public user) reads: no internal details."""
        return self.env._(
            "This order cannot be confirmed online. Your salesperson will get back to you about it."
        )

    def _schedule_minimum_order_review(self, refusals):
        """An activity for the salesperson (else the sales team leader, else a sales
        manager) of each order confirmed below its minimum because its customer signed
        or paid it online."""
        for refusal in refusals:
            order = refusal.order
            responsible = order._minimum_order_responsible()
            if not responsible:
                continue
            # in the responsible's language; internal details are fine in an activity
            order_lang = order.with_context(lang=responsible.lang)
            note = order_lang.env._(
                "%(order)s was confirmed online by the customer below the minimum order "
                "amount: untaxed amount %(amount)s, minimum %(threshold)s (set on "
                "%(origin)s). Review it with the customer.",
                order=order.name,
                amount=format_amount(order_lang.env, refusal.amount, order.company_id.currency_id),
                threshold=format_amount(
                    order_lang.env, refusal.threshold, order.company_id.currency_id
                ),
                origin=order_lang._minimum_order_origin_label(refusal.origin),
            )
            # sudo: the customer's signature or payment confirms the order under their
            # own (portal or public) user; the activity only goes to an internal user
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=order_lang.env._("Confirmed online below the minimum order amount"),
                note=note,
                user_id=responsible.id,
            )

    def _minimum_order_responsible(self):
        """The internal user who reviews this order: its salesperson, else the leader of
        its sales team, else the first sales manager of its company."""
        self.ensure_one()
        # sudo: only the users' ids, share flag and group are read, to pick one of them
        order = self.sudo()
        for user in (order.user_id, order.team_id.user_id):
            if user.active and not user.share:
                return user
        # sudo: the customer (portal or public) finds a sales manager to review the order;
        # only a user id is read
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(MINIMUM_OVERRIDE_GROUP).id),
                    ("share", "=", False),
                    ("company_ids", "in", order.company_id.id),
                ],
                order="id",
                limit=1,
            )
        )

    def _minimum_order_message(self, refusal):
        self.ensure_one()
        currency = self.company_id.currency_id
        return self.env._(
            "%(order)s (%(client)s): the untaxed amount %(amount)s is below the minimum "
            "order amount %(threshold)s set on %(origin)s.",
            order=self.name,
            client=self.partner_id.commercial_partner_id.display_name,
            amount=format_amount(self.env, refusal.amount, currency),
            threshold=format_amount(self.env, refusal.threshold, currency),
            origin=self._minimum_order_origin_label(refusal.origin),
        )

    def _minimum_order_origin_label(self, origin):
        if origin.kind == "client":
            name = self.env["res.partner"].browse(origin.record_id).display_name
            return self.env._("the client %(name)s", name=name)
        if origin.kind == "tag":
            name = self.env["res.partner.category"].browse(origin.record_id).display_name
            return self.env._("the client tag %(name)s", name=name)
        return self.env._(
            "the company %(name)s", name=self.env["res.company"].browse(origin.record_id).name
        )

    def _get_minimum_order_thresholds(self):
        """Return the MinimumThreshold of each quotation of ``self`` having a minimum.

        The most specific minimum applies: the client's own, then the highest of its tags,
        then the company's. One query reads them for all the orders, without loading the
        partner records that the stock confirmation does not need; as plain SQL it also
        reads these manager-only fields for a salesperson, only to enforce them. Orders are
        read in bulk: this runs on every confirmation.
        """
        partner_ids = field_values(self, "partner_id")
        indexes = [
            index
            for index, (state, partner_id) in enumerate(
                zip(field_values(self, "state"), partner_ids, strict=True)
            )
            if state in ("draft", "sent") and partner_id
        ]
        if not indexes:
            return []
        self.env["res.partner"].flush_model(
            ["commercial_partner_id", "minimum_order_amount", "category_id"]
        )
        self.env["res.partner.category"].flush_model(["minimum_order_amount", "active"])
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, cp.id, COALESCE(cp.minimum_order_amount, 0), tag.id,
                       COALESCE(tag.minimum_order_amount, 0)
                  FROM res_partner p
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  LEFT JOIN LATERAL (
                        SELECT c.id, c.minimum_order_amount
                          FROM res_partner_res_partner_category_rel rel
                          JOIN res_partner_category c ON c.id = rel.category_id
                         WHERE rel.partner_id = cp.id AND c.active
                           AND c.minimum_order_amount > 0
                      ORDER BY c.minimum_order_amount DESC, c.id
                         LIMIT 1
                       ) tag ON TRUE
                 WHERE p.id IN %s
                """,
                tuple({partner_ids[index] for index in indexes}),
            )
        )
        minimums = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        company_ids = field_values(self, "company_id")
        company_minimums = {
            company.id: company.minimum_order_amount
            for company in self.env["res.company"].browse({company_ids[i] for i in indexes})
        }
        thresholds = []
        for index in indexes:
            client_id, client_minimum, tag_id, tag_minimum = minimums[partner_ids[index]]
            company_id = company_ids[index]
            if client_minimum > 0:
                minimum, origin = client_minimum, MinimumOrigin("client", client_id)
            elif tag_minimum > 0:
                minimum, origin = tag_minimum, MinimumOrigin("tag", tag_id)
            elif company_minimums.get(company_id, 0) > 0:
                minimum, origin = company_minimums[company_id], MinimumOrigin("company", company_id)
            else:
                continue
            thresholds.append(MinimumThreshold(index, minimum, origin, client_id))
        return thresholds

    def _get_minimum_order_refusals(self, lock=False):
        """Return the MinimumRefusal of each quotation that cannot be confirmed: untaxed
        amount (company currency, at the order date) below its minimum and not the client's
        trial order. ``lock``: the orders are being confirmed, see the trial orders."""
        thresholds = self._get_minimum_order_thresholds()
        if not thresholds:
            return []
        amounts = field_values(self, "amount_untaxed")
        currency_ids = field_values(self, "currency_id")
        company_ids = field_values(self, "company_id")
        company_currencies = {
            company.id: company.currency_id
            for company in self.env["res.company"].browse(
                {company_ids[t.index] for t in thresholds}
            )
        }
        below = {}
        rates = {}
        for index, threshold, origin, _client_id in thresholds:
            company_currency = company_currencies[company_ids[index]]
            amount = amounts[index]
            if currency_ids[index] and currency_ids[index] != company_currency.id:
                order = self[index]
                date = (order.date_order or fields.Datetime.now()).date()
                key = (order.currency_id, order.company_id, date)
                if key not in rates:
                    rates[key] = order.currency_id._get_conversion_rate(
                        order.currency_id, company_currency, order.company_id, date
                    )
                amount = company_currency.round(amount * rates[key])
            # at or above the minimum needs no rounding-aware comparison (the common case)
            if amount < threshold and company_currency.compare_amounts(amount, threshold) < 0:
                below[self[index]] = (amount, threshold, origin)
        if not below:
            return []
        client_ids = {self[threshold.index]: threshold.client_id for threshold in thresholds}
        trial_orders = self._get_minimum_order_trial_orders(list(below), client_ids, lock=lock)
        return [
            MinimumRefusal(order, *values)
            for order, values in below.items()
            if order not in trial_orders
        ]

    def _get_minimum_order_trial_orders(self, candidates, client_ids, lock=False):
        """Among ``candidates``, the first order of clients who never confirmed one.

        A client without confirmed orders in the company gets one trial: its earliest
        quotation among ``self``, so confirming several at once grants only one.
        ``client_ids`` maps the quotations of ``self`` to their commercial partner id.

        ``lock`` (confirmation): the clients' rows are locked first, so that two
        transactions confirming quotations of the same new client cannot both find no
        confirmed order: the second one waits for the first. The lock also writes the rows
        (unchanged): a transaction whose snapshot predates the first one's commit then
        fails to lock them with a serialization error, and Odoo retries it, instead of
        granting a second trial from its stale snapshot.
        """
        keys = {(client_ids[order], order.company_id.id) for order in candidates}
        if lock:
            self.env.cr.execute(
                SQL(
                    """
                    WITH locked AS MATERIALIZED (
                        SELECT id FROM res_partner WHERE id IN %s ORDER BY id
                           FOR NO KEY UPDATE
                    )
                    UPDATE res_partner p SET write_date = p.write_date
                      FROM locked WHERE p.id = locked.id
                    """,
                    tuple(sorted({client_id for client_id, _company_id in keys})),
                )
            )
        self.env["sale.order"].flush_model(["partner_id", "state", "company_id"])
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
        for order in sorted(
            client_ids, key=lambda o: (o.date_order or datetime.max, o._origin.id or 0)
        ):
            key = (client_ids[order], order.company_id.id)
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
