"""Deterministic bulk generator of a sales history for the client analytics benchmark.

Writes, with PostgreSQL ``COPY`` in one transaction, into an Odoo 18 database where the
suite is installed: company clients (some with an invoicing contact), posted customer
invoices over three years with their product lines and receivable instalments (one or
three), some credit notes applied to their invoices, payments (on time, late, in several
parts, some never) as bank entries reconciled with the instalments by partial
reconciliations, a few exchange-difference settlements, and confirmed sales orders behind
part of the invoices (their lines linked to the invoice lines, with a cost when
``sale_margin`` is installed), plus a few orders never invoiced, quotations and cancelled
orders. The small catalogue (products with a cost and optional products, salespeople)
is created once through the ORM.

Every client is drawn from its own random generator seeded by (seed, client number):
extending a database from 10,000 to 100,000 clients gives the first 10,000 exactly the
history a direct 100,000-client run gives them. The parameters are kept in the system
parameter ``crm_bench.analytics_generator``; a later run with more clients adds only the
missing ones, and refuses other parameters (another seed or lines per client).

    PYTHONPATH=~/.cache/odoo-src/18.0 python data/analytics_bench_generator.py \\
        --addons-path=... -d DB --clients 100000 --lines 1000000
"""

import argparse
import collections
import datetime
import io
import json
import math
import random
import sys
import time

PARAMETER = "crm_bench.analytics_generator"
SEED = 2026
FIRST_DAY = datetime.date(2023, 11, 1)  # three years of history, the same in every run
LAST_DAY = datetime.date(2026, 10, 31)
PAYMENT_HORIZON = 20  # payments later than LAST_DAY + this many days never happened
PRODUCT_COUNT = 200
SALESPERSON_COUNT = 12
BATCH_CLIENTS = 5000  # clients written per COPY batch
STAMP = "2026-11-01 00:00:00"  # create_date / write_date of every generated row

TABLES = (  # in the order of their foreign keys
    "res_partner",
    "sale_order",
    "sale_order_line",
    "account_move",
    "account_move_line",
    "account_partial_reconcile",
    "sale_order_line_invoice_rel",
)
PARTNER_COLUMNS = (
    "id name complete_name type is_company active commercial_partner_id "
    "parent_id company_id user_id customer_rank supplier_rank lang ref email city "
    "autopost_bills partner_share employee commercial_company_name "
    "create_uid write_uid create_date write_date"
)
ORDER_COLUMNS = (
    "id name company_id partner_id partner_invoice_id partner_shipping_id currency_id "
    "user_id state invoice_status date_order currency_rate amount_untaxed amount_tax "
    "amount_total locked require_signature require_payment prepayment_percent "
    "create_uid write_uid create_date write_date"
)
ORDER_LINE_COLUMNS = (
    "id order_id sequence company_id currency_id order_partner_id salesman_id product_id "
    "product_uom state name product_uom_qty price_unit discount price_subtotal price_tax "
    "price_total price_reduce_taxexcl price_reduce_taxinc technical_price_unit "
    "qty_delivered qty_invoiced qty_to_invoice untaxed_amount_invoiced "
    "untaxed_amount_to_invoice invoice_status qty_delivered_method customer_lead "
    "is_downpayment is_expense create_uid write_uid create_date write_date"
)
MARGIN_ORDER_COLUMNS = "margin margin_percent"
MARGIN_LINE_COLUMNS = "purchase_price margin margin_percent"
MOVE_COLUMNS = (
    "id name sequence_prefix sequence_number journal_id company_id partner_id "
    "commercial_partner_id partner_shipping_id currency_id invoice_user_id state move_type "
    "auto_post date invoice_date invoice_date_due invoice_currency_rate reversed_entry_id "
    "invoice_origin invoice_partner_display_name ref payment_state amount_untaxed "
    "amount_tax amount_total amount_residual amount_untaxed_signed "
    "amount_untaxed_in_currency_signed amount_tax_signed amount_total_signed "
    "amount_total_in_currency_signed amount_residual_signed is_storno "
    "always_tax_exigible checked posted_before made_sequence_gap is_move_sent "
    "is_manually_modified create_uid write_uid create_date write_date"
)
LINE_COLUMNS = (
    "id move_id journal_id company_id company_currency_id sequence account_id currency_id "
    "partner_id product_id product_uom_id move_name parent_state name display_type date "
    "invoice_date date_maturity debit credit balance amount_currency tax_base_amount "
    "amount_residual amount_residual_currency quantity price_unit price_subtotal "
    "price_total discount discount_amount_currency discount_balance reconciled "
    "is_imported tax_tag_invert is_downpayment create_uid write_uid create_date write_date"
)
PARTIAL_COLUMNS = (
    "id debit_move_id credit_move_id exchange_move_id debit_currency_id "
    "credit_currency_id company_id max_date amount debit_amount_currency "
    "credit_amount_currency create_uid write_uid create_date write_date"
)
REL_COLUMNS = "invoice_line_id order_line_id"

KINDS = ("Furniture", "Interiors", "Mebel", "Wood", "Sofa", "Kitchen", "Office", "Decor")
SUFFIXES = ("Ltd", "LLC", "House", "Trade", "Group", "Market")
CITIES = ("Yaroslavl", "Rybinsk", "Kostroma", "Vologda", "Ivanovo", "Tver", "Uglich")
# payment habits: (weight, kind)
HABITS = ((45, "punctual"), (30, "late"), (10, "very_late"), (15, "unreliable"))
Journal = collections.namedtuple("Journal", "id code")


def money(cents):
    """Cents as a PostgreSQL numeric literal."""
    return f"{cents / 100:.2f}"


def row(*values):
    """One line of COPY text; None is NULL (no value here holds a tab or a backslash)."""
    return "\t".join(["\\N" if value is None else str(value) for value in values])


class Catalogue:
    """What the history refers to: company, journals, accounts, products, salespeople."""

    def __init__(self, env, seed):
        company = env.company
        self.company_id = company.id
        self.currency_id = company.currency_id.id
        journals = env["account.journal"].search([("company_id", "=", company.id)])
        self.sale_journal = journals.filtered(lambda j: j.type == "sale")[:1]
        self.bank_journal = journals.filtered(lambda j: j.type == "bank")[:1]
        self.exchange_journal = company.currency_exchange_journal_id
        self.misc_journal = journals.filtered(
            lambda j: j.type == "general" and j != self.exchange_journal
        )[:1]
        assert (
            self.sale_journal and self.bank_journal and self.exchange_journal and self.misc_journal
        ), "the company needs a sales, a bank, an exchange difference and a miscellaneous journal"
        partner_field = env["res.partner"]._fields["property_account_receivable_id"]
        self.receivable_id = partner_field.get_company_dependent_fallback(env["res.partner"]).id
        self.income_id = self.sale_journal.default_account_id.id
        self.bank_account_id = self.bank_journal.default_account_id.id
        assert self.receivable_id and self.income_id and self.bank_account_id
        for attribute in ("sale_journal", "bank_journal", "exchange_journal", "misc_journal"):
            journal = getattr(self, attribute)
            setattr(self, attribute, Journal(journal.id, journal.code))
        self.uom_id = env.ref("uom.product_uom_unit").id
        self.users = self._salespeople(env)
        self.products = self._products(env, random.Random(f"{seed}/catalogue"))
        self.product_weights = [weight for _, _, _, _, weight in self.products]
        # template -> its optional templates' products (the add-ons the client may buy)
        by_template = {product[1]: product for product in self.products}
        self.addons = {}
        for src, dest in self._optional_pairs(env):
            if src in by_template and dest in by_template:
                self.addons.setdefault(src, []).append(by_template[dest])
        self.with_margin = "purchase_price" in env["sale.order.line"]._fields

    def _salespeople(self, env):
        users = env["res.users"].search([("login", "=like", "bench-sales-%")], order="login")
        if len(users) < SALESPERSON_COUNT:
            group = env.ref("sales_team.group_sale_salesman")
            users |= (
                env["res.users"]
                .with_context(no_reset_password=True, mail_create_nolog=True)
                .create(
                    [
                        {
                            "name": f"Bench salesperson {index:02d}",
                            "login": f"bench-sales-{index:02d}",
                            "groups_id": [(6, 0, [group.id])],
                        }
                        for index in range(len(users), SALESPERSON_COUNT)
                    ]
                )
            )
        return users.ids

    def _products(self, env, rng):
        """(product id, template id, list price cents, cost cents, weight) per product."""
        products = env["product.product"].search(
            [("default_code", "=like", "BENCH-AN-%")], order="default_code"
        )
        if not products:
            values = []
            for index in range(PRODUCT_COUNT):
                price = rng.choice((25, 60, 150, 400, 900, 1800, 3500)) * rng.uniform(0.8, 1.2)
                values.append(
                    {
                        "name": f"Bench {rng.choice(KINDS).lower()} item {index:03d}",
                        "default_code": f"BENCH-AN-{index:03d}",
                        "type": "consu",
                        "list_price": round(price, 2),
                        "standard_price": round(price * rng.uniform(0.45, 0.7), 2),
                        "taxes_id": False,
                    }
                )
            products = env["product.product"].create(values)
            # a quarter of the templates offer one to three accessories as optional products
            templates = products.product_tmpl_id
            for index, template in enumerate(templates):
                if index % 4 == 0:
                    others = rng.sample(range(PRODUCT_COUNT), 3)
                    optional = [templates[i].id for i in others[: rng.randint(1, 3)] if i != index]
                    template.optional_product_ids = [(6, 0, optional)]
            env.flush_all()
        result = []
        for index, product in enumerate(products):
            weight = 1.0 / (1 + index % 50)  # a few best sellers, a long tail
            result.append(
                (
                    product.id,
                    product.product_tmpl_id.id,
                    round(product.list_price * 100),
                    round(product.standard_price * 100),
                    weight,
                )
            )
        return result

    def _optional_pairs(self, env):
        env.cr.execute("SELECT src_id, dest_id FROM product_optional_rel ORDER BY src_id, dest_id")
        return env.cr.fetchall()


class Ids:
    """Ids of the generated rows, reserved from the tables' sequences."""

    SEQUENCED = TABLES[:-1]

    def __init__(self):
        self.next = {}

    def start(self, cr):
        """Lock the tables against other writers and continue after their last ids."""
        cr.execute("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE".format(", ".join(self.SEQUENCED)))
        for table in self.SEQUENCED:
            cr.execute(
                f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}),"
                f" (SELECT last_value FROM {table}_id_seq))"
            )
            self.next[table] = cr.fetchone()[0] + 1

    def take(self, table):
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def finish(self, cr):
        """Move the sequences past the ids used."""
        for table in self.SEQUENCED:
            cr.execute(
                f"SELECT setval('{table}_id_seq', GREATEST(%s, (SELECT last_value FROM"
                f" {table}_id_seq)))",
                (self.next[table] - 1,),
            )


def check_references(cr, first_ids, columns):
    """Raise if a row written since ``first_ids`` (table -> first id) refers to a row that
    does not exist: the foreign keys of the filled ``columns`` (table -> names), checked
    once for all rows."""
    cr.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
           AND c.conrelid::regclass::text = ANY(%s)
        """,
        (list(TABLES),),
    )
    broken = []
    for table, column, target, key in cr.fetchall():
        if column not in columns[table].split():
            continue
        since = (
            f"t.{column} >= {first_ids['account_move_line']}"
            if table == "sale_order_line_invoice_rel" and column == "invoice_line_id"
            else f"t.order_line_id >= {first_ids['sale_order_line']}"
            if table == "sale_order_line_invoice_rel"
            else f"t.id >= {first_ids[table]}"
        )
        cr.execute(
            f"SELECT count(*) FROM {table} t WHERE {since} AND t.{column} IS NOT NULL"
            f" AND NOT EXISTS (SELECT FROM {target} r WHERE r.{key} = t.{column})"
        )
        count = cr.fetchone()[0]
        if count:
            broken.append(f"{table}.{column} -> {target}: {count} rows")
    if broken:
        raise AssertionError("generated rows refer to missing rows: " + "; ".join(broken))


class Writer:
    """Rows of one batch, as COPY text per table, written by ``flush``."""

    def __init__(self, cat, ids):
        self.cat, self.ids = cat, ids
        self.rows = {table: [] for table in TABLES}
        self.counts = dict.fromkeys(TABLES, 0)
        self.columns = {
            "res_partner": PARTNER_COLUMNS,
            "sale_order": ORDER_COLUMNS + (" " + MARGIN_ORDER_COLUMNS if cat.with_margin else ""),
            "sale_order_line": ORDER_LINE_COLUMNS
            + (" " + MARGIN_LINE_COLUMNS if cat.with_margin else ""),
            "account_move": MOVE_COLUMNS,
            "account_move_line": LINE_COLUMNS,
            "account_partial_reconcile": PARTIAL_COLUMNS,
            "sale_order_line_invoice_rel": REL_COLUMNS,
        }

    def flush(self, cr):
        """COPY the rows gathered so far (``cr`` an Odoo cursor) and forget them."""
        for table in TABLES:
            rows = self.rows[table]
            if not rows:
                continue
            stream = io.StringIO("\n".join(rows) + "\n")
            columns = ", ".join(self.columns[table].split())
            cr._obj.copy_expert(f"COPY {table} ({columns}) FROM STDIN", stream)
            self.counts[table] += len(rows)
            rows.clear()

    def partner(self, name, number, city, user_id, parent=None):
        """A company client, or (``parent``: (id, name)) its invoicing contact."""
        pid = self.ids.take("res_partner")
        if parent is None:
            self.rows["res_partner"].append(
                row(pid, name, name, "contact", True, True, pid, None, None, user_id, 1, 0,
                    "en_US", f"ANB-{number:07d}", f"office{number}@bench.example.com", city,
                    "ask", True, False, name, 1, 1, STAMP, STAMP)
            )  # fmt: skip
        else:
            parent_id, parent_name = parent
            self.rows["res_partner"].append(
                row(pid, name, f"{parent_name}, {name}", "invoice", False, True, parent_id,
                    parent_id, None, user_id, 1, 0, "en_US", None,
                    f"billing{number}@bench.example.com", city, "ask", True, False,
                    parent_name, 1, 1, STAMP, STAMP)
            )  # fmt: skip
        return pid

    def order(self, partner_id, user_id, when, state, lines, invoiced):
        """A sales order; ``lines`` are (product, qty, price cents, discount, cost cents).
        Return the order's name and its line ids."""
        oid = self.ids.take("sale_order")
        name = f"BS{oid:08d}"
        cat = self.cat
        untaxed = sum(subtotal(qty, price, discount) for _p, qty, price, discount, _c in lines)
        status = "invoiced" if invoiced else ("to invoice" if state == "sale" else "no")
        margin_total = 0
        line_ids = []
        for sequence, (product, qty, price, discount, cost) in enumerate(lines, start=10):
            lid = self.ids.take("sale_order_line")
            line_ids.append(lid)
            amount = subtotal(qty, price, discount)
            done = qty if invoiced else 0
            values = [
                lid, oid, sequence, cat.company_id, cat.currency_id, partner_id, user_id,
                product[0], cat.uom_id, state, f"[BENCH] item {product[0]}", qty, money(price),
                discount, money(amount), 0, money(amount), money(round(amount / qty)),
                money(round(amount / qty)), price / 100, done, done,
                qty - done if state == "sale" else 0, money(amount) if invoiced else 0,
                money(amount) if state == "sale" and not invoiced else 0, status, "manual", 0,
                False, False, 1, 1, STAMP, STAMP,
            ]  # fmt: skip
            if cat.with_margin:
                margin = amount - qty * cost
                margin_total += margin
                values += [money(cost), money(margin), round(margin / amount, 4) if amount else 0]
            self.rows["sale_order_line"].append(row(*values))
        values = [
            oid, name, cat.company_id, partner_id, partner_id, partner_id, cat.currency_id,
            user_id, state, status, when, 1, money(untaxed), 0, money(untaxed), False, False,
            False, 1.0, 1, 1, STAMP, STAMP,
        ]  # fmt: skip
        if cat.with_margin:
            values += [money(margin_total), round(margin_total / untaxed, 4) if untaxed else 0]
        self.rows["sale_order"].append(row(*values))
        return name, line_ids

    def move(self, kind, journal, day, client, partner_id, total, *, user_id=None, residual=0,
             due=None, origin=None, reversed_id=None, partner_name=None):  # fmt: skip
        """A posted account.move (money in cents, positive); return (id, name)."""
        mid = self.ids.take("account_move")
        cat = self.cat
        prefix = f"{'R' if kind == 'out_refund' else ''}{journal.code}/{day.year}/"
        name = f"{prefix}{mid:08d}"  # the id keeps names unique in every journal
        iso = day.isoformat()
        if kind in ("out_invoice", "out_refund"):
            sign = -1 if kind == "out_refund" else 1
            state = "paid" if residual == 0 else ("partial" if residual < total else "not_paid")
            self.rows["account_move"].append(
                row(mid, name, prefix, mid, journal.id, cat.company_id, partner_id, client,
                    partner_id, cat.currency_id, user_id, "posted", kind, "no", iso, iso,
                    due.isoformat(), 1.0, reversed_id, origin, partner_name, None, state,
                    money(total), 0, money(total), money(residual), money(sign * total),
                    money(sign * total), 0, money(sign * total), money(sign * total),
                    money(sign * residual), False, False, True, True, False, False, False, 1,
                    1, STAMP, STAMP)
            )  # fmt: skip
        else:
            self.rows["account_move"].append(
                row(mid, name, prefix, mid, journal.id, cat.company_id, partner_id, client,
                    None, cat.currency_id, None, "posted", kind, "no", iso, None, None, None,
                    None, None, None, None, "not_paid", 0, 0, money(total), 0, 0, 0, 0,
                    money(total), money(total), 0, False, False, True, True, False, False,
                    False, 1, 1, STAMP, STAMP)
            )  # fmt: skip
        return mid, name

    def line(self, move, journal, sequence, account, client, day, balance, *, product=None,
             qty=1, price=0, discount=0, display_type="product", maturity=None, residual=0,
             invoice_day=None, label=""):  # fmt: skip
        """An account.move.line of ``move`` (id, name); ``balance`` in cents (debit > 0)."""
        lid = self.ids.take("account_move_line")
        cat = self.cat
        amount = money(abs(balance)) if product else 0
        self.rows["account_move_line"].append(
            row(lid, move[0], journal.id, cat.company_id, cat.currency_id, sequence, account,
                cat.currency_id, client, product[0] if product else None,
                cat.uom_id if product else None, move[1], "posted", label, display_type,
                day.isoformat(), invoice_day.isoformat() if invoice_day else None,
                maturity.isoformat() if maturity else None, money(max(balance, 0)),
                money(max(-balance, 0)), money(balance), money(balance), 0, money(residual),
                money(residual), qty, money(price), amount, amount, discount, 0, 0,
                account == cat.receivable_id and residual == 0, False, False, False, 1, 1,
                STAMP, STAMP)
        )  # fmt: skip
        return lid

    def partial(self, debit_id, credit_id, amount, day, exchange_move_id=None):
        pid = self.ids.take("account_partial_reconcile")
        cat = self.cat
        self.rows["account_partial_reconcile"].append(
            row(pid, debit_id, credit_id, exchange_move_id, cat.currency_id, cat.currency_id,
                cat.company_id, day.isoformat(), money(amount), money(amount), money(amount),
                1, 1, STAMP, STAMP)
        )  # fmt: skip
        return pid

    def link(self, invoice_line_id, order_line_id):
        self.rows["sale_order_line_invoice_rel"].append(row(invoice_line_id, order_line_id))


def subtotal(qty, price, discount):
    """Untaxed amount of a line in cents, as Odoo rounds it."""
    return round(qty * price * (100 - discount) / 100)


def split_dues(day, total, instalments):
    """[(due date, cents)]: ``instalments`` parts due 30 days apart, the last one taking
    the rounding."""
    share = total // instalments
    return [
        (
            day + datetime.timedelta(days=30 * (number + 1)),
            share if number < instalments - 1 else total - share * (instalments - 1),
        )
        for number in range(instalments)
    ]


def write_invoice(writer, client, partner_id, user_id, day, lines, dues, *, paid=None,
                  order_line_ids=None, partner_name=None, origin=None):  # fmt: skip
    """A posted customer invoice: product lines ``(product, qty, price cents, discount,
    cost cents)`` and one receivable line per due ``(date, cents)``, of which ``paid``
    maps instalment numbers to the cents settled. Return (move id, instalment line ids)."""
    cat = writer.cat
    paid = paid or {}
    journal = cat.sale_journal
    total = sum(amount for _due, amount in dues)
    move = writer.move(
        "out_invoice", journal, day, client, partner_id, total, user_id=user_id,
        residual=total - sum(paid.values()), due=dues[-1][0], origin=origin,
        partner_name=partner_name,
    )  # fmt: skip
    for index, (product, qty, price, discount, _cost) in enumerate(lines):
        lid = writer.line(
            move, journal, 10 + index, cat.income_id, client, day,
            -subtotal(qty, price, discount), product=product, qty=qty, price=price,
            discount=discount, invoice_day=day, label=f"[BENCH] item {product[0]}",
        )  # fmt: skip
        if order_line_ids:
            writer.link(lid, order_line_ids[index])
    instalment_ids = []
    for number, (due, amount) in enumerate(dues):
        line_id = writer.line(
            move, journal, 100 + number, cat.receivable_id, client, day, amount,
            display_type="payment_term", maturity=due, residual=amount - paid.get(number, 0),
            invoice_day=day, label=f"installment #{number + 1}" if len(dues) > 1 else "",
        )  # fmt: skip
        instalment_ids.append(line_id)
    return move[0], instalment_ids


def pick_line(rng, cat, bought):
    """(product, qty, price cents, discount %, cost cents) of a product of the catalogue;
    now and then an optional product of a template in ``bought``."""
    product = None
    if bought and rng.random() < 0.15:
        offered = [p for template in sorted(bought) for p in cat.addons.get(template, ())]
        if offered:
            product = rng.choice(offered)
    if product is None:
        product = rng.choices(cat.products, weights=cat.product_weights)[0]
    qty = rng.randint(1, 8)
    price = round(product[2] * rng.uniform(0.9, 1.1))
    discount = rng.choice((0, 0, 0, 0, 0, 0, 0, 5, 10, 15, 20))
    cost = round(product[3] * rng.uniform(0.85, 1.1))
    return (product, qty, price, discount, cost)


class Client:
    """The history of one client, drawn from its own generator."""

    def __init__(self, number, seed, lines_per_client, cat):
        self.number = number
        self.rng = rng = random.Random(f"{seed}/client/{number}")
        self.cat = cat
        self.name = f"{rng.choice(KINDS)} {rng.choice(SUFFIXES)} {number:07d}"
        self.city = rng.choice(CITIES)
        self.user_id = rng.choice(cat.users) if rng.random() < 0.9 else None
        self.with_contact = rng.random() < 0.2
        self.habit = rng.choices([h for _, h in HABITS], weights=[w for w, _ in HABITS])[0]
        # lines: lognormal of mean 1 times the average (a few big clients, many small ones);
        # 3 % of clients have not been invoiced yet (only an order)
        self.prospect = rng.random() < 0.03
        mean = lines_per_client / 0.97
        self.line_count = (
            0
            if self.prospect
            else max(1, min(round(mean * rng.lognormvariate(-0.5, 1.0)), round(mean * 30)))
        )
        span = (LAST_DAY - FIRST_DAY).days
        start = rng.randint(0, span - 1)
        stop = span if rng.random() < 0.75 else rng.randint(start, span)  # a quarter left
        self.first, self.last = FIRST_DAY.toordinal() + start, FIRST_DAY.toordinal() + stop

    def pick_line(self, bought):
        return pick_line(self.rng, self.cat, bought)

    def write(self, writer):
        """Write the client and its history; return the client's id."""
        rng = self.rng
        client = writer.partner(self.name, self.number, self.city, self.user_id)
        contact = None
        if self.with_contact:
            contact = writer.partner(
                f"Accounts {self.number:07d}", self.number, self.city, self.user_id,
                parent=(client, self.name),
            )  # fmt: skip
        # invoices of 1 to 4 lines, on days spread over the client's active period
        sizes, left = [], self.line_count
        while left > 0:
            sizes.append(min(left, rng.randint(1, 4)))
            left -= sizes[-1]
        days = sorted(rng.randint(self.first, self.last) for _ in sizes)
        for index in range(1, len(days)):
            if rng.random() < 0.1:  # a second invoice the same day: still one purchase day
                days[index] = days[index - 1]
        bought_before, bought_today, current = set(), set(), None  # templates
        payments = {}  # payment day ordinal -> [(instalment line id, cents, exchange cents)]
        for size, ordinal in zip(sizes, days, strict=True):
            day = datetime.date.fromordinal(ordinal)
            if ordinal != current:
                bought_before |= bought_today
                bought_today, current = set(), ordinal
            lines = [self.pick_line(bought_before) for _ in range(size)]
            bought_today.update(line[0][1] for line in lines)
            partner_id = contact if contact and rng.random() < 0.5 else client
            order_line_ids = origin = None
            if rng.random() < 0.6:  # invoiced from an order confirmed a few days earlier
                when = datetime.datetime.combine(
                    day - datetime.timedelta(days=rng.randint(0, 10)),
                    datetime.time(rng.randint(6, 16), rng.randint(0, 59)),
                )
                origin, order_line_ids = writer.order(
                    partner_id, self.user_id, when, "sale", lines, invoiced=True
                )
            total = sum(subtotal(qty, price, disc) for _p, qty, price, disc, _c in lines)
            dues = split_dues(day, total, 3 if rng.random() < 0.25 else 1)
            refund = None  # a credit note on 6 % of the invoices, on the first instalment
            if rng.random() < 0.06:
                product, qty, price, discount, cost = lines[0]
                back = (product, rng.randint(1, qty), price, discount, cost)
                applied = min(subtotal(*back[1:4]), dues[0][1])
                refund_day = day + datetime.timedelta(days=rng.randint(3, 40))
                refund = (refund_day, back, applied, order_line_ids and order_line_ids[0])
            settlements = self.settle(dues, refund[2] if refund else 0, ordinal)
            paid = {0: refund[2]} if refund else {}
            for number, _when, cents, exchange in settlements:
                paid[number] = paid.get(number, 0) + cents + exchange
            move_id, instalment_ids = write_invoice(
                writer, client, partner_id, self.user_id, day, lines, dues, paid=paid,
                order_line_ids=order_line_ids, partner_name=self.name, origin=origin,
            )  # fmt: skip
            for number, when, cents, exchange in settlements:
                payments.setdefault(when, []).append((instalment_ids[number], cents, exchange))
            if refund:
                self.write_refund(writer, client, partner_id, move_id, instalment_ids[0], *refund)
        for when in sorted(payments):
            self.write_payment(writer, client, datetime.date.fromordinal(when), payments[when])
        # orders never invoiced: a recent confirmed one (every prospect has one), a
        # quotation, a cancelled order
        for state, share in (("sale", 0.05), ("draft", 0.02), ("cancel", 0.02)):
            if rng.random() < share or (self.prospect and state == "sale"):
                day = LAST_DAY - datetime.timedelta(days=rng.randint(0, 30))
                when = datetime.datetime.combine(day, datetime.time(rng.randint(6, 16)))
                lines = [self.pick_line(()) for _ in range(rng.randint(1, 3))]
                writer.order(contact or client, self.user_id, when, state, lines, invoiced=False)
        return client

    def settle(self, dues, refunded, invoice_ordinal):
        """The payments of one invoice: [(instalment number, day ordinal, cents,
        exchange-difference cents)], none after the payment horizon."""
        rng, habit = self.rng, self.habit
        horizon = LAST_DAY.toordinal() + PAYMENT_HORIZON
        result = []
        at_once = len(dues) > 1 and rng.random() < 0.35  # every instalment paid one day
        once_day = None
        for number, (due, amount) in enumerate(dues):
            left = amount - (refunded if number == 0 else 0)
            if left <= 0:
                continue
            if habit == "punctual":
                delay = rng.randint(-25, 0) if rng.random() < 0.9 else rng.randint(1, 5)
            elif habit == "late":
                delay = rng.randint(-5, 30)
            elif habit == "very_late":
                delay = rng.randint(15, 120)
            else:
                delay = rng.randint(0, 90)
                if rng.random() < 0.3:
                    continue  # never paid
            day = max(invoice_ordinal, due.toordinal() + delay)
            if at_once:
                once_day = once_day or day
                day = once_day
            parts = [(day, left)]
            if not at_once and rng.random() < 0.12:  # paid in two parts
                first = round(left * rng.uniform(0.3, 0.7))
                parts = [(day, first), (day + rng.randint(5, 45), left - first)]
            if habit == "unreliable" and rng.random() < 0.3:  # the rest never comes
                parts = [(day, round(left * 0.5))]
            for part_day, cents in parts:
                if part_day > horizon or cents <= 0:
                    continue
                exchange = rng.randint(1, 150) if cents > 200 and rng.random() < 0.02 else 0
                result.append((number, part_day, cents - exchange, exchange))
        return result

    def write_refund(self, writer, client, partner_id, invoice_id, instalment_id, day,
                     refund_line, applied, order_line_id):  # fmt: skip
        """A posted credit note of one line, ``applied`` cents of it reconciled with the
        invoice's instalment."""
        cat = writer.cat
        journal = cat.sale_journal
        product, qty, price, discount, _cost = refund_line
        amount = subtotal(qty, price, discount)
        move = writer.move(
            "out_refund", journal, day, client, partner_id, amount, user_id=self.user_id,
            residual=amount - applied, due=day, reversed_id=invoice_id,
            partner_name=self.name,
        )  # fmt: skip
        line_id = writer.line(
            move, journal, 10, cat.income_id, client, day, amount, product=product, qty=qty,
            price=price, discount=discount, invoice_day=day, label=f"[BENCH] item {product[0]}",
        )  # fmt: skip
        if order_line_id:
            writer.link(line_id, order_line_id)
        credit_id = writer.line(
            move, journal, 100, cat.receivable_id, client, day, -amount,
            display_type="payment_term", maturity=day, residual=-(amount - applied),
            invoice_day=day,
        )  # fmt: skip
        writer.partial(instalment_id, credit_id, applied, day)

    def write_payment(self, writer, client, day, settled):
        """The day's bank entry: one receivable credit reconciled with every instalment it
        pays. An exchange difference is an entry of its own, in the exchange journal or
        (one in two) in a miscellaneous journal, known then only as the exchange_move_id
        of the payment's partial reconciliation."""
        cat = writer.cat
        journal = cat.bank_journal
        total = sum(cents for _line, cents, _exchange in settled)
        move = writer.move("entry", journal, day, client, client, total)
        writer.line(move, journal, 10, cat.bank_account_id, client, day, total,
                    label="Customer payment")  # fmt: skip
        credit_id = writer.line(move, journal, 20, cat.receivable_id, client, day, -total,
                                label="Customer payment")  # fmt: skip
        for instalment_id, cents, exchange in settled:
            exchange_move_id = None
            if exchange:
                in_misc = self.rng.random() < 0.5
                ex_journal = cat.misc_journal if in_misc else cat.exchange_journal
                ex_move = writer.move("entry", ex_journal, day, client, client, exchange)
                writer.line(ex_move, ex_journal, 10, cat.income_id, client, day, exchange,
                            label="Exchange difference")  # fmt: skip
                ex_credit = writer.line(ex_move, ex_journal, 20, cat.receivable_id, client, day,
                                        -exchange, label="Exchange difference")  # fmt: skip
                writer.partial(instalment_id, ex_credit, exchange, day)
                exchange_move_id = ex_move[0] if in_misc else None
            writer.partial(instalment_id, credit_id, cents, day, exchange_move_id)


def add_invoice(env, partner_id, day, seed=SEED):
    """One more posted invoice of the client ``partner_id`` on ``day``: three product
    lines, one instalment, unpaid, written as ``generate`` writes them. Return its
    untaxed total in cents. Marking the client for its refresh is the caller's part."""
    cat = Catalogue(env, seed)
    env.flush_all()
    ids = Ids()
    ids.start(env.cr)
    writer = Writer(cat, ids)
    rng = random.Random(f"{seed}/extra/{partner_id}/{day.isoformat()}")
    lines = [pick_line(rng, cat, ()) for _ in range(3)]
    total = sum(subtotal(qty, price, discount) for _p, qty, price, discount, _c in lines)
    env.cr.execute("SELECT name, user_id FROM res_partner WHERE id = %s", (partner_id,))
    name, user_id = env.cr.fetchone()
    write_invoice(
        writer, partner_id, partner_id, user_id, day, lines, split_dues(day, total, 1),
        partner_name=name,
    )  # fmt: skip
    writer.flush(env.cr)
    ids.finish(env.cr)
    return total


def generate(env, clients, lines, seed=SEED, log=print):
    """Bring the company's generated clients up to ``clients`` (``lines`` product lines in
    all, about ``lines / clients`` each). Commits. Return the stored parameters."""
    ICP = env["ir.config_parameter"].sudo()  # the benchmark's own database: its marker
    stored = json.loads(ICP.get_param(PARAMETER) or "{}")
    per_client = lines / clients
    if stored:
        if stored["seed"] != seed or not math.isclose(stored["lines_per_client"], per_client):
            raise SystemExit(
                f"{env.cr.dbname} holds data generated with other parameters ({stored});"
                " drop it to generate anew"
            )
        if stored["clients"] >= clients:
            log(f"{env.cr.dbname}: {stored['clients']} clients already generated")
            return stored
    done = stored.get("clients", 0)
    started = time.perf_counter()
    cat = Catalogue(env, seed)
    env.flush_all()
    ids = Ids()
    ids.start(env.cr)
    first_ids = dict(ids.next)
    # Foreign keys are checked once for all the new rows at the end (check_references)
    # rather than by a trigger per row and key: loading takes a third of the time.
    env.cr.execute("SET LOCAL session_replication_role = replica")
    writer = Writer(cat, ids)
    for number in range(done, clients):
        Client(number, seed, per_client, cat).write(writer)
        if (number + 1) % BATCH_CLIENTS == 0:
            writer.flush(env.cr)
    writer.flush(env.cr)
    check_references(env.cr, first_ids, writer.columns)
    ids.finish(env.cr)
    env.cr.execute(
        "SELECT count(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id"
        " WHERE l.display_type = 'product' AND m.move_type IN ('out_invoice', 'out_refund')"
        " AND l.name LIKE '[BENCH]%%'"
    )
    product_lines = env.cr.fetchone()[0]
    stored = {
        "seed": seed,
        "lines_per_client": per_client,
        "clients": clients,
        "product_lines": product_lines,
        "first_day": FIRST_DAY.isoformat(),
        "last_day": LAST_DAY.isoformat(),
    }
    ICP.set_param(PARAMETER, json.dumps(stored))
    env.cr.commit()
    for table in TABLES:  # fresh statistics for the planner
        env.cr.execute(f"ANALYZE {table}")
    env.cr.commit()
    counts = ", ".join(f"{count} {table}" for table, count in writer.counts.items())
    log(
        f"{env.cr.dbname}: clients {done} -> {clients} in {time.perf_counter() - started:.1f}s"
        f" ({counts}); {product_lines} invoice product lines in all"
    )
    return stored


def check(database, clients, lines, seed=SEED, exact=False):
    """Whether ``database`` holds data of this generator with these parameters (the same
    seed and lines per client) and no more than ``clients`` clients (exactly that many
    with ``exact``): a later run can use it, extending it when it holds fewer."""
    import psycopg2  # noqa: PLC0415 - only the check needs no Odoo

    try:
        connection = psycopg2.connect(dbname=database)
    except psycopg2.OperationalError:
        return False
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (PARAMETER,))
            found = cr.fetchone()
    except psycopg2.Error:
        return False
    finally:
        connection.close()
    stored = json.loads(found[0]) if found else {}
    return bool(
        stored
        and stored["seed"] == seed
        and math.isclose(stored["lines_per_client"], lines / clients)
        and (stored["clients"] == clients if exact else stored["clients"] <= clients)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addons-path")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--clients", type=int, default=100000)
    parser.add_argument("--lines", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--check",
        action="store_true",
        help="generate nothing: exit 0 when the database holds data of these parameters"
        " and no more clients, 1 otherwise",
    )
    parser.add_argument("--exact", action="store_true", help="with --check: exactly --clients")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check(args.database, args.clients, args.lines, args.seed, args.exact) else 1)
    if not args.addons_path:
        parser.error("--addons-path is required to generate")

    import odoo  # noqa: PLC0415 - the check above needs no Odoo
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generate(env, args.clients, args.lines, args.seed)


if __name__ == "__main__":
    main()
