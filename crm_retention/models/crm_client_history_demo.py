"""The furniture salon's sales history for the demo: products, clients, orders, invoices,
payments, credit notes and euro sales, created from ``demo/crm_client_history.json``.

The JSON comes from ``data/client_history_generator.py``: its dates are day offsets from
the day the demo is loaded. Demo data only: the module's demo XML calls the loader once,
at install; nothing in ``data`` uses it.
"""

import json
import logging
import time
from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as day_time

from odoo import Command, api, fields, models
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)

MODULE = "crm_retention"
# records the loader creates get these XML ids (noupdate: kept by module updates)
PRODUCT_XMLID = "demo_history_product_%s"
CLIENT_XMLID = "demo_history_client_%s"
ORDER_XMLID = "demo_history_order_%s"
TERM_XMLID = "demo_payment_term_30_60_90"
PRICELIST_XMLID = "demo_history_pricelist_eur"
SALESPEOPLE = {"admin": "base.user_admin", "demo": "base.user_demo"}
CATEGORY_NAMES = {
    "sofa": "Sofas and Armchairs",
    "wardrobe": "Wardrobes",
    "table": "Tables and Desks",
    "chair": "Chairs",
    "bed": "Beds",
    "mattress": "Mattresses",
    "accessory": "Accessories",
}


class CrmClientHistoryDemo(models.AbstractModel):
    _name = "crm.client.history.demo"
    _description = "Demo Sales History Loader"

    @api.model
    def _load_demo_history(self, path):
        """Create the history described by the JSON file at ``path`` (module-relative).

        Runs as the installing superuser on demo data the module ships; nothing a user
        chose reaches it. A second call finds the first product's XML id and does nothing.
        """
        started, started_cpu = time.monotonic(), time.process_time()
        with file_open(path, "r") as handle:
            history = json.load(handle)
        first_product = history["products"][0]["key"]
        if self.env.ref(f"{MODULE}.{PRODUCT_XMLID % first_product}", raise_if_not_found=False):
            _logger.info("demo sales history: already loaded, nothing to do")
            return False
        # no mail tracking, no followers' notifications: thousands of demo documents
        quiet = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            mail_auto_subscribe_no_notify=True,
        )
        loader = _Loader(quiet.env, history, fields.Date.context_today(self))
        loader.run()
        elapsed, cpu = time.monotonic() - started, time.process_time() - started_cpu
        _logger.info(
            "demo sales history: %d clients, %d orders, %d invoices, %d credit notes, "
            "%d payments loaded in %.1f s (Odoo process CPU %.1f s; %s)",
            len(loader.clients),
            len(loader.orders),
            len(loader.invoices),
            len(loader.refunds),
            loader.payment_count,
            elapsed,
            cpu,
            ", ".join(loader.timings),
        )
        return True


class _Loader:
    """One load of the history: the JSON, the records created so far."""

    def __init__(self, env, history, today):
        self.env = env
        self.history = history
        self.today = today
        self.company = env.company
        self.products = {}  # key -> product.product
        self.clients = {}  # key -> res.partner
        self.client_specs = {spec["key"]: spec for spec in history["clients"]}
        self.orders = {}  # key -> sale.order
        self.invoices = {}  # order key -> account.move
        self.refunds = {}  # order key -> account.move (credit note)
        self.terms = {}
        self.payment_count = 0
        self.eur = env.ref("base.EUR")
        self.pricelist_eur = env["product.pricelist"]
        self.xmlids = []
        self.timings = []  # "stage seconds", logged at the end

    def day(self, offset):
        return self.today + timedelta(days=offset)

    def run(self):
        for stage in (
            self._load_currency,
            self._load_terms,
            self._load_products,
            self._load_clients,
            self._load_orders,
            self._load_invoices,
            self._load_refunds,
            self._load_payments,
        ):
            self.last_tick = time.monotonic()
            stage()
            self._tick(stage.__name__[6:])
        self.env["ir.model.data"]._update_xmlids(self.xmlids)

    def _tick(self, label):
        """Note the time since the last note (the log's detail)."""
        self.env.flush_all()
        now = time.monotonic()
        self.timings.append(f"{label} {now - self.last_tick:.1f} s")
        self.last_tick = now

    def _xmlid(self, name, record):
        self.xmlids.append({"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True})

    # ------------------------------------------------------------------ reference data
    def _load_currency(self):
        """Euro active, a rate a month over the history, an export price list in euros."""
        self.eur.active = True
        rates = self.history["currency_rates"]["EUR"]
        Rate = self.env["res.currency.rate"]
        taken = set(
            Rate.search(
                [("currency_id", "=", self.eur.id), ("company_id", "=", self.company.id)]
            ).mapped("name")
        )
        Rate.create(
            [
                {
                    "currency_id": self.eur.id,
                    "company_id": self.company.id,
                    "name": self.day(rate["day"]),
                    "rate": rate["rate"],
                }
                for rate in rates
                if self.day(rate["day"]) not in taken
            ]
        )
        self.pricelist_eur = self.env["product.pricelist"].create(
            {"name": "Export (EUR)", "currency_id": self.eur.id, "company_id": self.company.id}
        )
        self._xmlid(PRICELIST_XMLID, self.pricelist_eur)

    def _load_terms(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "30/60/90 Days",
                "note": "Payment in three equal instalments at 30, 60 and 90 days.",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": amount, "nb_days": days})
                    for amount, days in ((33.33, 30), (33.33, 60), (33.34, 90))
                ],
            }
        )
        self._xmlid(TERM_XMLID, term)
        for key, xmlid in self.history["payment_terms"].items():
            self.terms[key] = term if xmlid == f"{MODULE}.{TERM_XMLID}" else self.env.ref(xmlid)

    def _load_products(self):
        parent = self.env["product.category"].create({"name": "Furniture"})
        categories = self.env["product.category"].create(
            [{"name": name, "parent_id": parent.id} for name in CATEGORY_NAMES.values()]
        )
        category_of = dict(zip(CATEGORY_NAMES, categories, strict=True))
        specs = self.history["products"]
        templates = self.env["product.template"].create(
            [
                {
                    "name": spec["name"],
                    "type": "consu",
                    "sale_ok": True,
                    "purchase_ok": True,
                    "invoice_policy": "order",
                    "categ_id": category_of[spec["category"]].id,
                    "list_price": spec["list_price"],
                    "standard_price": spec["cost"],
                    "default_code": spec["key"].upper(),
                }
                for spec in specs
            ]
        )
        by_key = dict(zip((spec["key"] for spec in specs), templates, strict=True))
        for spec, template in zip(specs, templates, strict=True):
            self.products[spec["key"]] = template.product_variant_id
            self._xmlid(PRODUCT_XMLID % spec["key"], template)
            if spec["optional"]:
                template.optional_product_ids = [
                    Command.set([by_key[key].id for key in spec["optional"]])
                ]

    def _load_clients(self):
        client_role = self.env.ref(f"{MODULE}.crm_relationship_role_client")
        specs = self.history["clients"]
        countries = {
            code: self.env.ref(f"base.{code}") for code in {spec["country"] for spec in specs}
        }
        users = {key: self.env.ref(xmlid) for key, xmlid in SALESPEOPLE.items()}
        partners = self.env["res.partner"].create(
            [
                {
                    "name": spec["name"],
                    "is_company": True,
                    "street": spec["street"],
                    "city": spec["city"],
                    "zip": spec["zip"],
                    "country_id": countries[spec["country"]].id,
                    "phone": spec["phone"],
                    "email": spec["email"],
                    "vat": spec["vat"],
                    "user_id": users[spec["salesperson"]].id,
                    "relationship_role_ids": [Command.link(client_role.id)],
                    "distribution_role": spec["distribution_role"],
                    "property_payment_term_id": self.terms[spec["payment_term"]].id,
                    **(
                        {"property_product_pricelist": self.pricelist_eur.id}
                        if spec["currency"] == "EUR"
                        else {}
                    ),
                }
                for spec in specs
            ]
        )
        for spec, partner in zip(specs, partners, strict=True):
            self.clients[spec["key"]] = partner
            self._xmlid(CLIENT_XMLID % spec["key"], partner)

    # ------------------------------------------------------------------ orders
    def _order_datetime(self, spec):
        """The order's moment: its day at its hour (UTC, as Odoo stores it)."""
        return datetime.combine(self.day(spec["day"]), day_time(spec["hour"], 0))

    def _load_orders(self):
        """Orders in chronological chunks between the cost changes: an order line keeps
        the product's cost of its day (sale_margin computes purchase_price at create)."""
        specs = self.history["orders"]
        changes = sorted(self.history["cost_changes"], key=lambda change: change["day"])
        chunk_start = 0
        for change in [*changes, None]:
            end = len(specs)
            if change:
                end = next(
                    (i for i in range(chunk_start, len(specs)) if specs[i]["day"] >= change["day"]),
                    len(specs),
                )
            self._create_orders(specs[chunk_start:end])
            chunk_start = end
            if change:
                product = self.products[change["product"]].with_company(self.company)
                product.standard_price = change["cost"]

        orders = self.env["sale.order"].browse([order.id for order in self.orders.values()])
        self._tick("orders created")
        orders.action_confirm()
        self._tick("confirmed")
        # confirmation stamps "now": each order gets back its own moment
        by_moment = defaultdict(list)
        for spec in specs:
            by_moment[self._order_datetime(spec)].append(self.orders[spec["key"]].id)
        for moment, order_ids in by_moment.items():
            self.env["sale.order"].browse(order_ids).write({"date_order": moment})
        self.env["res.partner"].browse(
            [partner.id for partner in self.clients.values()]
        )._update_first_order_date()

    def _create_orders(self, specs):
        if not specs:
            return
        vals_list = []
        for spec in specs:
            client = self.clients[spec["client"]]
            vals = {
                "partner_id": client.id,
                "user_id": client.user_id.id,
                "date_order": self._order_datetime(spec),
                "payment_term_id": self.terms[self.client_specs[spec["client"]]["payment_term"]].id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.products[line["product"]].id,
                            "product_uom_qty": line["qty"],
                            "price_unit": line["price"],
                            "discount": line["discount"],
                        }
                    )
                    for line in spec["lines"]
                ],
            }
            if spec["currency"] == "EUR":
                vals["pricelist_id"] = self.pricelist_eur.id
            vals_list.append(vals)
        orders = self.env["sale.order"].create(vals_list)
        for spec, order in zip(specs, orders, strict=True):
            self.orders[spec["key"]] = order
            self._xmlid(ORDER_XMLID % spec["key"].replace("-", "_"), order)

    # ------------------------------------------------------------------ invoices
    def _load_invoices(self):
        """An invoice per invoiced order, with its invoice date from the start (its due
        dates and, in euros, its rate follow from it), posted all together.

        Built like ``sale.order._create_invoices`` builds them (``_prepare_invoice``, the
        lines' ``_prepare_invoice_line`` linking them to the order lines) in one create:
        ``_create_invoices`` plus a write of each invoice date took three times longer,
        mostly in a chatter message per invoice and the due dates computed twice.
        """
        specs = [spec for spec in self.history["orders"] if spec["invoice"]]
        vals_list = []
        for spec in specs:
            order = self.orders[spec["key"]]
            vals = order._prepare_invoice()
            vals["invoice_date"] = self.day(spec["invoice"]["day"])
            vals["invoice_line_ids"] = [
                Command.create(line._prepare_invoice_line(sequence=sequence))
                for sequence, line in enumerate(order.order_line, start=1)
            ]
            vals_list.append(vals)
        invoices = (
            self.env["account.move"].with_context(default_move_type="out_invoice").create(vals_list)
        )
        for spec, invoice in zip(specs, invoices, strict=True):
            self.invoices[spec["key"]] = invoice
        # posted together: the numbers follow the invoice dates
        self._tick("invoices created")
        invoices.action_post()

    def _load_refunds(self):
        """A partial return: a credit note of part of one line, reconciled with the invoice."""
        specs = sorted(
            (
                spec
                for spec in self.history["orders"]
                if spec["invoice"] and spec["invoice"]["refund"]
            ),
            key=lambda spec: (spec["invoice"]["refund"]["day"], spec["key"]),
        )
        Reversal = self.env["account.move.reversal"]
        refunds = self.env["account.move"]
        for spec in specs:
            refund_spec = spec["invoice"]["refund"]
            invoice = self.invoices[spec["key"]]
            wizard = Reversal.with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create(
                {
                    "date": self.day(refund_spec["day"]),
                    "reason": "Returned goods",
                    "journal_id": invoice.journal_id.id,
                }
            )
            wizard.refund_moves()
            refund = wizard.new_move_ids
            product = self.products[refund_spec["product"]]
            lines = refund.invoice_line_ids.filtered(lambda line: line.display_type == "product")
            kept = lines.filtered(lambda line, product=product: line.product_id == product)[:1]
            refund.write(
                {
                    "invoice_line_ids": [Command.delete(line.id) for line in lines - kept]
                    + [Command.update(kept.id, {"quantity": refund_spec["qty"]})]
                }
            )
            self.refunds[spec["key"]] = refund
            refunds |= refund
        self._tick("refunds created")
        refunds.action_post()
        self._tick("posted")
        self.env["account.move.line"]._reconcile_plan(
            [
                (refund.line_ids + self.invoices[key].line_ids).filtered(
                    lambda line: line.account_type == "asset_receivable" and not line.reconciled
                )
                for key, refund in self.refunds.items()
            ]
        )

    # ------------------------------------------------------------------ payments
    def _load_payments(self):
        """The payments, as the Register Payment wizard makes them, in three batches:
        created, posted (numbered by date), then reconciled with their invoices in the
        order they were paid.

        The wizard itself (one per payment, a thousand of them) took more than 100 ms each;
        this does its three steps (``_init_payments``, ``_post_payments``,
        ``_reconcile_payments``) for all payments at once. An amount is known before any
        reconciliation: the invoice's instalments minus the credit note, paid in order.
        """
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        method_line = journal._get_available_payment_method_lines("inbound")[:1]
        events = []  # (day, order key, number, amount)
        for spec in self.history["orders"]:
            if not spec["invoice"] or not spec["invoice"]["payments"]:
                continue
            invoice = self.invoices[spec["key"]]
            receivable = invoice.line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            ).sorted(lambda line: (line.date_maturity, line.id))
            # what is left of each instalment after the credit note (reconciled before)
            residuals = [line.amount_residual_currency for line in receivable]
            currency = invoice.currency_id
            for number, payment in enumerate(spec["invoice"]["payments"]):
                open_residuals = [amount for amount in residuals if not currency.is_zero(amount)]
                if payment["kind"] == "rest":
                    amount = sum(open_residuals)
                elif payment["kind"] == "instalments":
                    amount = sum(open_residuals[: payment["count"]])
                else:
                    amount = currency.round(invoice.amount_total * payment["share"])
                amount = currency.round(amount)
                if currency.is_zero(amount):
                    continue
                events.append((payment["day"], spec["key"], number, amount))
                left = amount
                for index, residual in enumerate(residuals):
                    used = min(residual, left)
                    residuals[index] = currency.round(residual - used)
                    left = currency.round(left - used)
        events.sort(key=lambda event: event[:3])
        payments = (
            self.env["account.payment"]
            .with_context(skip_invoice_sync=True)
            .create(
                [
                    {
                        "date": self.day(day),
                        "amount": amount,
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": self.invoices[key].commercial_partner_id.id,
                        "currency_id": self.invoices[key].currency_id.id,
                        "journal_id": journal.id,
                        "payment_method_line_id": method_line.id,
                        "memo": self.invoices[key].name,
                    }
                    for day, key, _number, amount in events
                ]
            )
        )
        self._tick("payments created")
        payments.with_context(skip_sale_auto_invoice_send=True).action_post()
        self._tick("posted")
        plan = []
        for (_day, key, _number, _amount), payment in zip(events, payments, strict=True):
            invoice_lines = self.invoices[key].line_ids.filtered(
                lambda line: line.account_type == "asset_receivable" and not line.reconciled
            )
            payment_lines = payment.move_id.line_ids.filtered(
                lambda line, account=invoice_lines.account_id: line.account_id == account
            )
            plan.append(payment_lines + invoice_lines)
        # one plan, step by step: each step sees the residuals the earlier ones left
        self.env["account.move.line"]._reconcile_plan(plan)
        self._tick("reconciled")
        # the invoices' Payments button, as the wizard links them; one statement for all
        invoices = self.env["account.move"].browse(
            [self.invoices[key].id for _d, key, _n, _a in events]
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO account_move__account_payment (invoice_id, payment_id) VALUES %s"
                " ON CONFLICT DO NOTHING",
                SQL(", ").join(
                    SQL("(%s, %s)", invoice.id, payment.id)
                    for invoice, payment in zip(invoices, payments, strict=True)
                ),
            )
        )
        invoices.invalidate_recordset(["matched_payment_ids"])
        payments.invalidate_recordset(["invoice_ids"])
        invoices.modified(["matched_payment_ids"])
        self.payment_count = len(payments)
