"""Sales order confirmation with minimum order amounts active versus stock Odoo.

Both databases get the same clients (data/partner_generator.py), most of them with an
earlier confirmed order, and the same quotations, all above their minimum. Only the
confirmation is timed, in batches; rounds alternate stock/suite and roll back, and the
medians are compared.
"""

import random
import sys
import time
from pathlib import Path

from bench_common import compare_with_stock

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from partner_generator import partner_values

TARGET_RATIO = 1.05
NEW_CLIENT_SHARE = 0.1  # clients without an earlier order: their first order is a trial
PRICE = 1500.0  # every order holds 2 to 5 units: 3,000 or more, above every minimum


def prepare(env, order_count, with_thresholds, seed=2026):
    """Create clients, their history and ``order_count`` quotations; return the quotations."""
    rng = random.Random(seed)
    client_count = max(order_count // 4, 1)
    tag = env["res.partner.category"].create({"name": "Bench wholesale"})
    product = env["product.product"].create(
        {"name": "Bench sofa", "list_price": PRICE, "type": "consu", "taxes_id": False}
    )
    clients = env["res.partner"].create(
        [
            dict(vals, category_id=tag.ids if index % 2 else [])
            for index, vals in enumerate(partner_values(client_count))
        ]
    )
    repeat = clients[int(client_count * NEW_CLIENT_SHARE) :]
    history = env["sale.order"].create(
        [
            {
                "partner_id": client.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
            }
            for client in repeat
        ]
    )
    history.action_confirm()
    if with_thresholds:
        env.company.minimum_order_amount = 1000
        tag.minimum_order_amount = 2000
        clients[::10].write({"minimum_order_amount": 2500})
    quotations = env["sale.order"].create(
        [
            {
                "partner_id": rng.choice(clients).id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": rng.randint(2, 5)})
                ],
            }
            for _ in range(order_count)
        ]
    )
    env.flush_all()
    env.invalidate_all()
    return quotations


def timed_round(db, order_count, batch, with_thresholds):
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        quotations = prepare(env, order_count, with_thresholds)
        start = time.perf_counter()
        for offset in range(0, order_count, batch):
            quotations[offset : offset + batch].action_confirm()
            env.flush_all()
        elapsed = time.perf_counter() - start
        states = {state for state in quotations.mapped("state")}
        assert states == {"sale"}, f"some orders were not confirmed: {states}"
        cr.rollback()
    return elapsed


if __name__ == "__main__":
    sys.exit(
        compare_with_stock(
            timed_round,
            label="order confirm",
            unit="orders",
            suite_label="with minimum order amounts",
            target=TARGET_RATIO,
            count=2000,
            batch=100,
        )
    )
