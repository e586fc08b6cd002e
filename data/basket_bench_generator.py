"""Deterministic bulk generator of confirmed sales orders for the basket benchmark.

Writes, with PostgreSQL ``COPY`` in one transaction (the row writers of
``analytics_bench_generator.py``), into an Odoo 18 database where the suite is installed:
company clients and their sales orders over three years, about ``--lines`` order lines in
all: mostly confirmed, some quotations and cancelled orders (not baskets), and now and then
two orders of a client on the same day (one basket). The catalogue (created once through
the ORM) has families of products: a main item bought with some of its four companions
more often than by chance, and a long tail bought at random, so that the basket analysis
finds real pairs and rejects random ones.

Every client is drawn from its own random generator seeded by (seed, client number). The
parameters are kept in the system parameter ``crm_bench.basket_generator``; a database
generated with other parameters is refused (drop it to generate anew).

    PYTHONPATH=~/.cache/odoo-src/18.0 python data/basket_bench_generator.py \\
        --addons-path=... -d DB --lines 1000000
"""

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analytics_bench_generator import Ids, Writer

PARAMETER = "crm_bench.basket_generator"
SEED = 2027
FIRST_DAY = datetime.date(2023, 11, 1)
DAYS = 1096  # three years, up to 2026-10-31
FAMILIES = 60  # a main item and four companions each
TAIL = 100  # products bought at random
LINES_PER_CLIENT = 10
BATCH_CLIENTS = 5000
TABLES = ("res_partner", "sale_order", "sale_order_line")


class BasketIds(Ids):
    SEQUENCED = TABLES


class Catalogue:
    """What the orders refer to: the company, the unit, the products, one salesperson."""

    def __init__(self, env):
        self.company_id = env.company.id
        self.currency_id = env.company.currency_id.id
        self.uom_id = env.ref("uom.product_uom_unit").id
        self.with_margin = "purchase_price" in env["sale.order.line"]._fields
        self.user_id = env.ref("base.user_admin").id
        products = env["product.product"].search(
            [("default_code", "=like", "BENCH-BK-%")], order="default_code"
        )
        if not products:
            rng = random.Random(f"{SEED}/catalogue")
            values = []
            for index in range(FAMILIES * 5 + TAIL):
                price = rng.choice((20, 60, 150, 400, 900, 1800))
                values.append(
                    {
                        "name": f"Bench basket item {index:03d}",
                        "default_code": f"BENCH-BK-{index:03d}",
                        "type": "consu",
                        "list_price": price,
                        "standard_price": round(price * 0.55, 2),
                        "taxes_id": False,
                    }
                )
            products = env["product.product"].create(values)
            env.flush_all()
        # (id, ...) as the writer expects: the product id first, then price and cost cents
        self.products = [
            (p.id, p.product_tmpl_id.id, round(p.list_price * 100), round(p.standard_price * 100))
            for p in products
        ]
        self.families = [self.products[5 * index : 5 * index + 5] for index in range(FAMILIES)]
        self.family_weights = [1.0 / (1 + index % 20) for index in range(FAMILIES)]
        self.tail = self.products[FAMILIES * 5 :]


def basket(rng, cat):
    """The products of one order: a family's main item and some of its companions, and
    now and then a product of the long tail."""
    family = rng.choices(cat.families, cat.family_weights)[0]
    chosen = []
    if rng.random() < 0.8:
        chosen.append(family[0])
    chosen += [product for product in family[1:] if rng.random() < 0.3]
    while not chosen or rng.random() < 0.5:
        chosen.append(rng.choice(cat.tail))
        if len(chosen) > 6:
            break
    unique = {product[0]: product for product in chosen}
    return [
        (product, rng.choice((1, 1, 1, 2, 4)), product[2], 0, product[3])
        for product in unique.values()
    ]


def write_client(writer, cat, number, seed, per_client):
    rng = random.Random(f"{seed}/client/{number}")
    partner_id = writer.partner(f"Basket Client {number:06d}", number, "Yaroslavl", cat.user_id)
    lines = 0
    while lines < per_client * rng.uniform(0.5, 1.5) or not lines:
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        draw = rng.random()
        state = "cancel" if draw < 0.03 else ("draft" if draw < 0.08 else "sale")
        items = basket(rng, cat)
        when = f"{day.isoformat()} {rng.randint(8, 18):02d}:00:00"
        writer.order(partner_id, cat.user_id, when, state, items, False)
        lines += len(items)
        if rng.random() < 0.1:  # a second order the same day: the same basket
            items = basket(rng, cat)
            writer.order(
                partner_id, cat.user_id, f"{day.isoformat()} 19:00:00", state, items, False
            )
            lines += len(items)
    return lines


def generate(env, lines, seed=SEED, log=print):
    ICP = env["ir.config_parameter"].sudo()  # the benchmark's own database: its marker
    stored = json.loads(ICP.get_param(PARAMETER) or "{}")
    if stored:
        if stored["seed"] != seed or stored["lines"] != lines:
            raise SystemExit(
                f"{env.cr.dbname} holds data generated with other parameters ({stored});"
                " drop it to generate anew"
            )
        log(f"{env.cr.dbname}: {stored['order_lines']} order lines already generated")
        return stored
    started = time.perf_counter()
    cat = Catalogue(env)
    env.flush_all()
    ids = BasketIds()
    ids.start(env.cr)
    # foreign keys checked row by row: the orders refer to partners, products and units
    writer = Writer(cat, ids)
    clients = lines // LINES_PER_CLIENT
    written = 0
    for number in range(clients):
        written += write_client(writer, cat, number, seed, LINES_PER_CLIENT)
        if (number + 1) % BATCH_CLIENTS == 0:
            writer.flush(env.cr)
    writer.flush(env.cr)
    ids.finish(env.cr)
    stored = {"seed": seed, "lines": lines, "clients": clients, "order_lines": written}
    ICP.set_param(PARAMETER, json.dumps(stored))
    env.cr.commit()
    for table in TABLES:
        env.cr.execute(f"ANALYZE {table}")
    env.cr.commit()
    log(
        f"{env.cr.dbname}: {clients} clients, {writer.counts['sale_order']} orders,"
        f" {written} order lines in {time.perf_counter() - started:.1f}s"
    )
    return stored


def check(database, lines, seed=SEED):
    """Whether ``database`` holds data of this generator with these parameters."""
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
    return bool(stored and stored["seed"] == seed and stored["lines"] == lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addons-path")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--check",
        action="store_true",
        help="generate nothing: exit 0 when the database holds data of these parameters",
    )
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check(args.database, args.lines, args.seed) else 1)
    if not args.addons_path:
        parser.error("--addons-path is required to generate")

    import odoo  # noqa: PLC0415 - the check above needs no Odoo
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generate(env, args.lines, args.seed)


if __name__ == "__main__":
    main()
