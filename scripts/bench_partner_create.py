"""Partner creation with two active data standards versus stock Odoo, in one process.

Both databases get the same partners (data/partner_generator.py), created in batches
interleaved with the other database's (see bench_common).
"""

import sys
from pathlib import Path

from bench_common import compare_with_stock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from partner_generator import partner_values

TARGET_RATIO = 1.10


def setup(env, _count, with_standards):
    """The partners' tag and, in the suite, two blocking standards on it."""
    tag = env["res.partner.category"].search([("name", "=", "Bench partners")], limit=1)
    tag = tag or env["res.partner.category"].create({"name": "Bench partners"})
    if not with_standards or env["crm.data.standard"].search_count(
        [("name", "in", ("Bench companies", "Bench addresses"))]
    ):
        return
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


class PartnerCreation:
    """Create the generated partners, all tagged; the suite has two standards on the tag."""

    setup = staticmethod(setup)

    @staticmethod
    def prepare(env, count, with_standards):
        tag = env["res.partner.category"].search([("name", "=", "Bench partners")], limit=1)
        values = [dict(vals, category_id=tag.ids) for vals in partner_values(count)]
        return {"tag": tag, "values": values, "count": count}

    @staticmethod
    def run_batch(env, state, offset, batch):
        env["res.partner"].create(state["values"][offset : offset + batch])

    @staticmethod
    def check(env, state, with_standards):
        domain = [("category_id", "=", state["tag"].id)]
        if with_standards:
            scores = env["res.partner"]._read_group(domain, ["data_completeness"], ["__count"])
            assert scores == [(100, state["count"])], f"not every partner scored 100: {scores}"
        else:
            created = env["res.partner"].search_count(domain)
            assert created == state["count"], f"{created} partners created"


if __name__ == "__main__":
    sys.exit(
        compare_with_stock(
            PartnerCreation,
            label="partner create",
            unit="partners",
            suite_label="with 2 standards",
            target=TARGET_RATIO,
            count=10000,
            batch=500,
        )
    )
