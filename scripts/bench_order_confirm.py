"""Sales order confirmation with minimum order amounts active versus stock Odoo.

Both databases get the same clients (data/partner_generator.py), most of them with an
earlier confirmed order, committed once, and in every round the same quotations, all
above their minimum. Only the confirmation is timed, in batches interleaved with the other
database's (see bench_common).
"""

import random
import sys
from pathlib import Path

from bench_common import compare_with_stock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from partner_generator import partner_values

TARGET_RATIO = 1.05
NEW_CLIENT_SHARE = 0.1  # clients without an earlier order: their first order is a trial
PRICE = 1500.0  # every order holds 2 to 5 units: 3,000 or more, above every minimum


def setup(env, order_count, with_thresholds):
    """The product, the clients and their order history, committed once: every round
    confirms new quotations against a client base of realistic size. In the suite, minimum
    order amounts on the company, the tag and every tenth client."""
    client_count = max(order_count // 4, 1)
    tag = env["res.partner.category"].search([("name", "=", "Bench wholesale")], limit=1)
    tag = tag or env["res.partner.category"].create({"name": "Bench wholesale"})
    product = env["product.product"].search([("default_code", "=", "BENCH-SOFA")], limit=1)
    product = product or env["product.product"].create(
        {
            "name": "Bench sofa",
            "default_code": "BENCH-SOFA",
            "list_price": PRICE,
            "type": "consu",
            "taxes_id": False,
        }
    )
    clients = env["res.partner"].search([("ref", "=like", "BENCH-%")], order="ref")
    if len(clients) < client_count:
        clients |= env["res.partner"].create(
            [
                dict(vals, ref=f"BENCH-{index:06d}", category_id=tag.ids if index % 2 else [])
                for index, vals in enumerate(partner_values(client_count))
                if index >= len(clients)
            ]
        )
        # the first clients stay without an earlier order: their first order is a trial
        repeat = clients[int(client_count * NEW_CLIENT_SHARE) :].filtered(
            lambda client: not client.sale_order_ids
        )
        env["sale.order"].create(
            [
                {
                    "partner_id": client.id,
                    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
                }
                for client in repeat
            ]
        ).action_confirm()
    if with_thresholds:
        env.company.minimum_order_amount = 1000
        tag.minimum_order_amount = 2000
        clients[:client_count:10].write({"minimum_order_amount": 2500})


def prepare(env, order_count, with_thresholds, seed=2026):
    """Create ``order_count`` quotations of the clients; return them."""
    rng = random.Random(seed)
    client_ids = env["res.partner"].search([("ref", "=like", "BENCH-%")], order="ref").ids
    product = env["product.product"].search([("default_code", "=", "BENCH-SOFA")], limit=1)
    quotations = env["sale.order"].create(
        [
            {
                "partner_id": rng.choice(client_ids),
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


class OrderConfirmation:
    """Confirm the prepared quotations; the suite checks their minimum order amounts."""

    setup = staticmethod(setup)
    prepare = staticmethod(prepare)

    @staticmethod
    def run_batch(env, quotations, offset, batch):
        quotations[offset : offset + batch].action_confirm()

    @staticmethod
    def check(env, quotations, with_thresholds):
        states = set(quotations.mapped("state"))
        assert states == {"sale"}, f"some orders were not confirmed: {states}"


if __name__ == "__main__":
    sys.exit(
        compare_with_stock(
            OrderConfirmation,
            label="order confirm",
            unit="orders",
            suite_label="with minimum order amounts",
            target=TARGET_RATIO,
            count=2000,
            batch=100,
        )
    )
