"""Client analytics: the suite's full recompute versus hand-written SQL, then the refresh
of one client at two sizes of the client base.

The database holds a generated sales history (data/analytics_bench_generator.py: by
default 100,000 clients and 1,000,000 invoice lines, with payments, instalments, credit
notes and orders). In each round, in one transaction rolled back at its end, the suite
recomputes the company's current analysis (``crm.client.analysis._refresh_current``) and
the reference, ``bench_analytics_reference.sql``, written from the contract of the
figures alone, computes the same figures into a temporary table; which goes first
alternates. Then every client's figures are compared, and any difference fails the
benchmark: the reference is timed only because it is right. The checked ratio is the
median over the rounds of suite / reference wall-clock time; CPU time (Odoo and its
PostgreSQL backend) is printed beside it. PostgreSQL's JIT compiler is off on both sides
unless ``--jit`` is given.

Then, in the database and in its copy taken at a tenth of the clients, one client gets
one more posted invoice and the suite refreshes that client alone
(``_refresh_partners``): the cost must not grow with the client base.
"""

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

from bench_common import _cpu_seconds, _run_maintenance

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from analytics_bench_generator import PARAMETER, add_invoice

TARGET_RATIO = 1.5
INCREMENTAL_TARGET = 1.5  # one client's refresh at 10x the clients, over the smaller base
FIT_TARGET_SECONDS = 5.0  # fitting and scoring the lifetime models over all the clients
REFERENCE_SQL = Path(__file__).with_name("bench_analytics_reference.sql")
SEGMENT_SQL = """(SELECT s.id FROM crm_rfm_segment s
                   WHERE s.active AND r.purchase_count > 0
                     AND r.r_score BETWEEN s.r_min AND s.r_max
                     AND r.f_score BETWEEN s.f_min AND s.f_max
                ORDER BY s.sequence, s.id LIMIT 1)"""
# figures compared: money and ratios within 0.01, the others exactly
APPROXIMATE = (
    "order_amount",
    "average_order_value",
    "revenue",
    "refund_amount",
    "cost",
    "margin",
    "margin_percent",
    "ltv_historical",
    "median_gap_days",
    "gap_cv",
    "addon_amount",
    "discount_amount",
    "pay_amount",
    "pay_days_to_pay",
    "pay_days_late",
    "pay_late_percent",
    "overdue_amount",
)
COUNTS = (
    "purchase_count",
    "invoice_count",
    "refund_count",
    "order_count",
    "addon_count",
    "recency_days",
    "overdue_days",
    "paid_at_once_count",
    "paid_in_instalments_count",
    "r_score",
    "f_score",
    "m_score",
)
EXACT = (
    "user_id",
    "first_purchase_date",
    "last_purchase_date",
    "cost_basis",
    "regularity",
    "payment_habit",
    "rfm_code",
    "rfm_segment_id",
    "abc_class",
)
TOLERANCE = 0.01


def _reference_parameters(env):
    company = env.company
    return {
        "company": company.id,
        "company_key": str(company.id),
        "as_of": fields.Date.context_today(env["crm.client.analysis"]),
        "exchange_journal": company.currency_exchange_journal_id.id,
        "abc_basis": company.crm_abc_basis or "revenue",
        "abc_a": company.crm_abc_a_percent,
        "abc_b": company.crm_abc_b_percent,
    }


def run_reference(env):
    """The reference figures of every client, in the temporary table bench_reference."""
    sql = REFERENCE_SQL.read_text().replace("{segment}", SEGMENT_SQL)
    env.cr.execute("DROP TABLE IF EXISTS bench_reference")
    env.cr.execute(sql, _reference_parameters(env))


def run_suite(env):
    """The suite's full recompute of the company's current analysis: the figures the
    reference computes too (the models' fit and scoring are timed on their own below, the
    basket rules by BENCH=basket)."""
    env["crm.client.analysis"].with_context(
        crm_skip_predictions=True, crm_skip_basket=True
    )._refresh_current(env.company)
    env.flush_all()


def compare(env):
    """Compare the current analysis with bench_reference, client by client.

    :return: (clients compared, [(partner id, [(figure, suite, reference)])])
    """
    analysis = env["crm.client.analysis"].search(
        [("company_id", "=", env.company.id), ("is_current", "=", True)]
    )
    names = [*APPROXIMATE, *COUNTS, *EXACT]
    differs = [
        *(f"abs(COALESCE(v.{n}, 0) - COALESCE(r.{n}, 0)) > {TOLERANCE}" for n in APPROXIMATE),
        *(f"COALESCE(v.{n}, 0) <> r.{n}" for n in COUNTS),
        *(f"v.{n} IS DISTINCT FROM r.{n}" for n in EXACT),
    ]
    env.cr.execute(
        f"""
        SELECT COALESCE(v.partner_id, r.partner_id), v.partner_id IS NULL,
               r.partner_id IS NULL, {", ".join(differs)},
               {", ".join(f"v.{name}" for name in names)},
               {", ".join(f"r.{name}" for name in names)}
          FROM (SELECT * FROM crm_client_value WHERE analysis_id = %s) v
     FULL JOIN bench_reference r ON r.partner_id = v.partner_id
        """,
        (analysis.id,),
    )
    rows = env.cr.fetchall()
    count = len(names)
    mismatches = []
    for row_ in rows:
        partner_id, only_reference, only_suite = row_[:3]
        flags = row_[3 : 3 + count]
        suite = row_[3 + count : 3 + 2 * count]
        reference = row_[3 + 2 * count :]
        if only_reference or only_suite:
            side = "reference" if only_reference else "suite"
            mismatches.append((partner_id, [(f"only in the {side}", None, None)]))
            continue
        wrong = [
            (name, suite[index], reference[index])
            for index, name in enumerate(names)
            if flags[index]
        ]
        if wrong:
            mismatches.append((partner_id, wrong))
    return len(rows), mismatches


def _timed(env, work):
    """(wall, cpu) seconds of ``work(env)``; cpu counts the PostgreSQL backend too."""
    env.cr.execute("SELECT pg_backend_pid()")
    backend_pid = env.cr.fetchone()[0]
    gc.collect()
    gc.disable()
    try:
        backend_start = _cpu_seconds(backend_pid)
        wall, cpu = time.perf_counter(), time.process_time()
        work(env)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        backend_end = _cpu_seconds(backend_pid)
    finally:
        gc.enable()
    if backend_start is not None and backend_end is not None:
        cpu += backend_end - backend_start
    return wall, cpu


def prepare(db):
    """A committed, computed current analysis: what one client's refresh starts from."""
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        analysis = env["crm.client.analysis"].search(
            [("company_id", "=", env.company.id), ("is_current", "=", True)]
        )
        today = fields.Date.context_today(analysis)
        if (
            not analysis
            or analysis.state != "done"
            or analysis.as_of_date != today
            or not analysis.fit_ids
        ):
            # with the models fitted: one client's refresh below scores the client too
            env["crm.client.analysis"].with_context(crm_skip_basket=True)._refresh_current(
                env.company
            )
            env.flush_all()
    _run_maintenance(db, "VACUUM ANALYZE")


def _session(cr, jit):
    """PostgreSQL's JIT compiler, off unless asked: it compiles a large statement for
    seconds (longer on a busy machine), whoever wrote it; timed, that constant of the
    server would hide the difference of the work done."""
    if not jit:
        cr.execute("SET LOCAL jit = off")


def full_recompute(db, rounds, jit=False):
    """The interleaved rounds; print them; return (median ratio, mismatches)."""
    results = []  # (reference wall, cpu, suite wall, cpu)
    mismatches = None
    clients = 0
    for number in range(rounds):
        _run_maintenance(db, "VACUUM ANALYZE")
        with Registry(db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            _session(cr, jit)
            order = (run_reference, run_suite) if number % 2 == 0 else (run_suite, run_reference)
            times = {work: _timed(env, work) for work in order}
            clients, found = compare(env)
            if mismatches is None or len(found) > len(mismatches):
                mismatches = found
            cr.rollback()
        results.append((*times[run_reference], *times[run_suite]))
    wall_ratios = [suite / ref for ref, _rc, suite, _sc in results]
    cpu_ratios = [suite / ref for _rw, ref, _sw, suite in results]
    ratio = statistics.median(wall_ratios)
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute(
            "SELECT count(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id"
            " WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')"
            " AND l.display_type = 'product' AND m.company_id = %s",
            (env.company.id,),
        )
        lines = cr.fetchone()[0]
    print(
        f"analytics full recompute: {clients} clients, {lines} invoice lines, "
        f"{rounds} interleaved rounds, PostgreSQL JIT {'on' if jit else 'off'}\n"
        f"  wall-clock: reference SQL {statistics.median(r[0] for r in results):.2f}s, "
        f"suite {statistics.median(r[2] for r in results):.2f}s (medians); "
        f"ratios by round {', '.join(f'{r:.3f}' for r in wall_ratios)}\n"
        f"  CPU time (Odoo + PostgreSQL): reference SQL "
        f"{statistics.median(r[1] for r in results):.2f}s, "
        f"suite {statistics.median(r[3] for r in results):.2f}s (medians); "
        f"ratios by round {', '.join(f'{r:.3f}' for r in cpu_ratios)}\n"
        f"  figures: {clients} clients compared, {len(mismatches)} mismatches"
    )
    for partner_id, wrong in mismatches[:20]:
        details = "; ".join(
            f"{name}: suite {suite!r}, reference {ref!r}" for name, suite, ref in wrong
        )
        print(f"    client {partner_id}: {details}")
    print(
        f"  ratio {ratio:.3f} (target <= {TARGET_RATIO}): "
        f"{'met' if ratio <= TARGET_RATIO else 'missed'}"
    )
    return ratio, mismatches


def _one_client_refresh(db, client_ref, jit=False):
    """Wall-clock seconds of the refresh of the client ``client_ref`` after one more
    posted invoice, in a transaction rolled back; the client's figures are checked."""
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        _session(cr, jit)
        client = env["res.partner"].search([("ref", "=", client_ref)], limit=1)
        assert client, f"{db} has no client {client_ref}"
        analysis = env["crm.client.analysis"].search(
            [("company_id", "=", env.company.id), ("is_current", "=", True)]
        )
        domain = [("analysis_id", "=", analysis.id), ("partner_id", "=", client.id)]
        before = env["crm.client.value"].search(domain)
        invoices, revenue = before.invoice_count, before.revenue
        today = fields.Date.context_today(analysis)
        total = add_invoice(env, client.id, today)
        wall, _cpu = _timed(
            env,
            lambda env: env["crm.client.analysis"]._refresh_partners({env.company.id: [client.id]}),
        )
        after = env["crm.client.value"].search(domain)
        assert after.invoice_count == invoices + 1, (after.invoice_count, invoices)
        assert abs(after.revenue - revenue - total / 100) < 0.005, (after.revenue, revenue)
        assert after.last_purchase_date == today, after.last_purchase_date
        cr.rollback()
    return wall


def incremental(small_db, db, repeat, jit=False):
    """Print one client's refresh in both databases; return the ratio large / small."""
    sizes = {}
    for name in (small_db, db):
        with Registry(name).cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM crm_client_value v JOIN crm_client_analysis a"
                " ON a.id = v.analysis_id WHERE a.is_current"
            )
            sizes[name] = cr.fetchone()[0]
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (PARAMETER,))
            if name == small_db:  # a client of both: the middle one of the smaller base
                client_ref = f"ANB-{json.loads(cr.fetchone()[0])['clients'] // 2:07d}"
    timings = {small_db: [], db: []}
    for number in range(repeat):  # interleaved, one at a time, as the rounds above
        for name in (small_db, db) if number % 2 == 0 else (db, small_db):
            timings[name].append(_one_client_refresh(name, client_ref, jit))
    small, large = (statistics.median(timings[name]) for name in (small_db, db))
    ratio = large / small
    print(
        f"analytics one client's refresh after one new invoice ({repeat} times each, "
        f"medians): {sizes[small_db]} clients {small * 1000:.1f} ms, "
        f"{sizes[db]} clients {large * 1000:.1f} ms\n"
        f"  incremental ratio {ratio:.3f} (target <= {INCREMENTAL_TARGET}): "
        f"{'met' if ratio <= INCREMENTAL_TARGET else 'missed'}"
    )
    return ratio


def predictions(db, rounds, model=None):
    """Time the lifetime models over all the clients of the current analysis: the summaries
    query, the fit, the scoring (numpy) and the stored UPDATE; print and return the median
    seconds of fitting + scoring."""
    steps = {"summaries": [], "fit": [], "score": [], "store": []}
    for _number in range(rounds):
        with Registry(db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            _session(cr, False)
            analysis = env["crm.client.analysis"].search(
                [("company_id", "=", env.company.id), ("is_current", "=", True)]
            )
            company = analysis.company_id
            if model:  # in this transaction only (rolled back)
                company.crm_purchase_model = model
            forecaster = env["crm.client.forecaster"]
            result = {}
            started = time.perf_counter()
            result["summaries"] = forecaster._summaries(company, analysis.as_of_date)
            steps["summaries"].append(time.perf_counter() - started)
            started = time.perf_counter()
            result["fitted"] = forecaster._fit(company, result["summaries"])
            steps["fit"].append(time.perf_counter() - started)
            started = time.perf_counter()
            forecaster._score(company, result["fitted"], result["summaries"])
            steps["score"].append(time.perf_counter() - started)
            started = time.perf_counter()
            analysis._compute_predictions()
            env.flush_all()
            steps["store"].append(time.perf_counter() - started)
            fitted = result["fitted"]
            clients = len(result["summaries"]["x"])
            horizon = company.crm_clv_horizon_months
            cr.rollback()
    median = {name: statistics.median(times) for name, times in steps.items()}
    fit_score = median["fit"] + median["score"]
    purchase = fitted.purchase
    print(
        f"lifetime models: {clients} clients, {rounds} rounds (medians)\n"
        f"  {purchase.model} ({purchase.n_clients} clients, converged {purchase.converged}, "
        f"log-likelihood {purchase.log_likelihood:.1f}, weeks), Gamma-Gamma "
        f"{'fitted' if fitted.spend else 'not fitted'}\n"
        f"  summaries query {median['summaries']:.2f}s, fit {median['fit']:.2f}s, "
        f"scoring (P(alive), purchases month/quarter/year, spend, CLV over "
        f"{horizon} months) {median['score']:.2f}s; the whole "
        f"step again with the stored UPDATE {median['store']:.2f}s\n"
        f"  fitting and scoring {fit_score:.2f}s (target <= {FIT_TARGET_SECONDS}s): "
        f"{'met' if fit_score <= FIT_TARGET_SECONDS else 'missed'}"
    )
    return fit_score


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", required=True, help="the database of the full size")
    parser.add_argument("--small-db", required=True, help="its copy at a tenth of the clients")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=15, help="one client's refreshes")
    parser.add_argument("--jit", action="store_true", help="keep PostgreSQL's JIT compiler on")
    args = parser.parse_args()
    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])

    for db in (args.small_db, args.db):
        prepare(db)
    ratio, mismatches = full_recompute(args.db, args.rounds, args.jit)
    incremental_ratio = incremental(args.small_db, args.db, args.repeat, args.jit)
    fit_seconds = predictions(args.db, args.rounds)
    # the other purchase model too: Pareto/NBD's likelihood is the costlier one
    fit_seconds = max(fit_seconds, predictions(args.db, args.rounds, model="paretonbd"))
    failed = (
        mismatches
        or ratio > TARGET_RATIO
        or incremental_ratio > INCREMENTAL_TARGET
        or fit_seconds > FIT_TARGET_SECONDS
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
