"""Partner creation with two active data standards versus stock Odoo, in one process.

Both databases get the same partners (data/partner_generator.py), created in batches;
rounds alternate stock/suite and roll back, and the medians are compared.
"""

import sys
import time
from pathlib import Path

from bench_common import compare_with_stock

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from partner_generator import partner_values

TARGET_RATIO = 1.10


def make_standards(env, tag):
    field = env["ir.model.fields"]._get
    env["crm.data.standard"].create(
        [
            {
                "name": "Bench companies",
                "applies_to": "company",
                "category_ids": tag.ids,
                "line_ids": [
                    (0, 0, {"field_id": field("res.partner", "vat").id, "pattern": r"^\d{10}$"}),
                    (0, 0, {"field_id": field("res.partner", "phone").id,
                            "pattern": r"^\+?[\d\s()-]{7,20}$"}),
                    (0, 0, {"field_id": field("res.partner", "email").id}),
                ],
            },
            {
                "name": "Bench addresses",
                "applies_to": "all",
                "category_ids": tag.ids,
                "line_ids": [
                    (0, 0, {"field_id": field("res.partner", "city").id}),
                    (0, 0, {"field_id": field("res.partner", "street").id}),
                ],
            },
        ]
    )  # fmt: skip


def timed_round(db, count, batch, with_standards):
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        tag = env["res.partner.category"].create({"name": "Bench wholesale"})
        if with_standards:
            make_standards(env, tag)
        values = [dict(vals, category_id=tag.ids) for vals in partner_values(count)]
        env.flush_all()
        start = time.perf_counter()
        for offset in range(0, count, batch):
            env["res.partner"].create(values[offset : offset + batch])
            env.flush_all()
        elapsed = time.perf_counter() - start
        if with_standards:
            scores = env["res.partner"]._read_group(
                [("category_id", "=", tag.id)], ["data_completeness"], ["__count"]
            )
            assert scores == [(100, count)], f"standards did not score every partner: {scores}"
        cr.rollback()
    return elapsed


if __name__ == "__main__":
    sys.exit(
        compare_with_stock(
            timed_round,
            label="partner create",
            unit="partners",
            suite_label="with 2 standards",
            target=TARGET_RATIO,
            count=10000,
            batch=500,
        )
    )
