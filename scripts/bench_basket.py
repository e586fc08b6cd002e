"""Basket analysis: the suite's product pairs versus hand-written SQL.

The database holds generated sales orders (data/basket_bench_generator.py: by default about
1,000,000 order lines). In each round, in one transaction rolled back at its end, the suite
computes the company's product pairs (``crm.product.pair._refresh_pairs``: the candidate
pairs in SQL, the significance test in numpy/scipy, one bulk insert) and the reference,
``bench_basket_reference.sql``, written from the definitions alone, computes the same pairs
into a temporary table; which goes first alternates. The company's significance level is
set to 1 for the rounds, so that both keep every pair found at least the minimum count of
times (the suite still tests each). Then every pair's count, support, confidence and lift
are compared, and any difference fails the benchmark. The checked ratio is the median over
the rounds of suite / reference wall-clock time; CPU time (Odoo and its PostgreSQL backend)
is printed beside it. PostgreSQL's JIT compiler is off on both sides unless ``--jit``.
Last, the whole basket refresh (``_refresh_company``: the baskets into a temporary table,
pairs, "bought next" rules and suggestions) is timed once, step by step.
"""

import argparse
import statistics
import sys
from pathlib import Path

from bench_analytics import _session, _timed
from bench_common import _run_maintenance

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry

TARGET_RATIO = 1.5
REFERENCE_SQL = Path(__file__).with_name("bench_basket_reference.sql")
TOLERANCE = 1e-9


def _parameters(env):
    company = env.company
    return {
        "company": company.id,
        "as_of": fields.Date.context_today(env["crm.client.analysis"]),
        "min_count": company.crm_basket_min_count,
    }


def run_reference(env):
    env.cr.execute("DROP TABLE IF EXISTS bench_basket_reference")
    env.cr.execute(REFERENCE_SQL.read_text(), _parameters(env))


def run_suite(env):
    env["crm.product.pair"]._refresh_pairs(env.company, _parameters(env)["as_of"])
    env.flush_all()


def compare(env):
    """(pairs compared, mismatches [(product, companion, what)])."""
    env.cr.execute(
        f"""
        SELECT COALESCE(s.product_id, r.product_id), COALESCE(s.companion_product_id,
               r.companion_id), s.product_id IS NULL, r.product_id IS NULL,
               s.pair_count, r.pair_count, s.support, r.support, s.confidence, r.confidence,
               s.lift, r.lift
          FROM (SELECT * FROM crm_product_pair WHERE company_id = %s) s
     FULL JOIN bench_basket_reference r
            ON r.product_id = s.product_id AND r.companion_id = s.companion_product_id
         WHERE s.product_id IS NULL OR r.product_id IS NULL
            OR s.pair_count <> r.pair_count
            OR abs(s.support - r.support) > {TOLERANCE}
            OR abs(s.confidence - r.confidence) > {TOLERANCE}
            OR abs(s.lift - r.lift) > {TOLERANCE}
        """,
        (env.company.id,),
    )
    mismatches = env.cr.fetchall()
    env.cr.execute("SELECT count(*) FROM bench_basket_reference")
    return env.cr.fetchone()[0], mismatches


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jit", action="store_true", help="keep PostgreSQL's JIT compiler on")
    args = parser.parse_args()
    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])

    results = []
    mismatches = []
    pairs = 0
    for number in range(args.rounds):
        _run_maintenance(args.db, "VACUUM ANALYZE")
        with Registry(args.db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            _session(cr, args.jit)
            env.company.crm_basket_significance = 1.0
            env.flush_all()
            order = (run_reference, run_suite) if number % 2 == 0 else (run_suite, run_reference)
            times = {work: _timed(env, work) for work in order}
            pairs, found = compare(env)
            mismatches = max(mismatches, found, key=len)
            cr.rollback()
        results.append((*times[run_reference], *times[run_suite]))
    wall_ratios = [suite / ref for ref, _rc, suite, _sc in results]
    cpu_ratios = [suite / ref for _rw, ref, _sw, suite in results]
    ratio = statistics.median(wall_ratios)

    with Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        _session(cr, args.jit)
        as_of = _parameters(env)["as_of"]
        cr.execute(
            "SELECT count(*) FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id"
            " WHERE o.company_id = %s",
            (env.company.id,),
        )
        lines = cr.fetchone()[0]
        # the whole refresh as _refresh_company runs it, each step timed
        pair_model = env["crm.product.pair"]
        steps = {}
        items = None

        def step(name, work):
            steps[name] = _timed(env, work)[0]

        def baskets(env):
            nonlocal items
            items = pair_model._basket_items(env.company, as_of)

        step("baskets", baskets)
        step("pairs", lambda env: pair_model._refresh_pairs(env.company, as_of, items))
        step("bought next", lambda env: pair_model._refresh_sequences(env.company, as_of, items))
        step("suggestions", lambda env: pair_model._refresh_suggestions(env.company, as_of, items))
        full = sum(steps.values())
        counts = {}
        for table in ("crm_product_pair", "crm_product_sequence", "crm_product_suggestion"):
            cr.execute(f"SELECT count(*) FROM {table} WHERE company_id = %s", (env.company.id,))
            counts[table] = cr.fetchone()[0]
        cr.rollback()

    print(
        f"basket pairs: {lines} order lines, {pairs} directional pairs, "
        f"{args.rounds} interleaved rounds, PostgreSQL JIT {'on' if args.jit else 'off'}\n"
        f"  wall-clock: reference SQL {statistics.median(r[0] for r in results):.2f}s, "
        f"suite {statistics.median(r[2] for r in results):.2f}s (medians); "
        f"ratios by round {', '.join(f'{r:.3f}' for r in wall_ratios)}\n"
        f"  CPU time (Odoo + PostgreSQL): reference SQL "
        f"{statistics.median(r[1] for r in results):.2f}s, "
        f"suite {statistics.median(r[3] for r in results):.2f}s (medians); "
        f"ratios by round {', '.join(f'{r:.3f}' for r in cpu_ratios)}\n"
        f"  pairs: {pairs} compared, {len(mismatches)} mismatches"
    )
    for row in mismatches[:20]:
        print(f"    {row}")
    print(
        f"  ratio {ratio:.3f} (target <= {TARGET_RATIO}): "
        f"{'met' if ratio <= TARGET_RATIO else 'missed'}\n"
        f"basket full refresh (pairs at the company's significance level, bought next, "
        f"suggestions): {full:.2f}s ({', '.join(f'{k} {v:.2f}s' for k, v in steps.items())}); "
        f"{counts['crm_product_pair']} pairs, "
        f"{counts['crm_product_sequence']} bought-next rules, "
        f"{counts['crm_product_suggestion']} suggestions"
    )
    return 1 if mismatches or ratio > TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
