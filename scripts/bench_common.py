"""Shared driver of the benchmarks: the suite against stock Odoo, in one process.

A benchmark is a workload: ``setup`` configures a database once (committed: standards,
minimums), ``prepare`` builds the data of one round, ``run_batch`` does one timed batch of
work, ``check`` asserts the work was done. Both databases get the same
workload, and their batches are interleaved (stock, suite, suite, stock, ...), so that
whatever else slows the machine down at a given moment weighs on both sides alike.

Every round starts from the same state: both databases are compacted once (VACUUM FULL),
each round rolls back, and the databases are vacuumed and Python's garbage collected before
the next one; garbage is collected between batches, not while they are timed. Batches
are timed in wall-clock time and in CPU time (this process plus the
PostgreSQL backend serving it). A round's ratio is the suite's total over stock's; the
ratio checked against the target is the median of the rounds' wall-clock ratios.
"""

import argparse
import gc
import os
import statistics
import time
from contextlib import ExitStack

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.sql_db import connection_info_for


def _run_maintenance(db, statement):
    """Run ``statement`` (VACUUM cannot run in a transaction) on its own connection."""
    connection = psycopg2.connect(**connection_info_for(db)[1])
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def _cpu_seconds(pid):
    """CPU seconds used so far by the local process ``pid``, or None if unreadable."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Side:
    """One database of the comparison, its open round and its running totals."""

    def __init__(self, db, in_suite):
        self.db, self.in_suite = db, in_suite
        self.wall = self.cpu = 0.0
        self.backend_cpu_known = True

    def open_round(self, stack, workload, count):
        cr = stack.enter_context(Registry(self.db).cursor())
        stack.callback(cr.rollback)
        self.env = api.Environment(cr, SUPERUSER_ID, {})
        self.state = workload.prepare(self.env, count, self.in_suite)
        self.env.flush_all()
        cr.execute("SELECT pg_backend_pid()")
        self.backend_pid = cr.fetchone()[0]
        self.wall = self.cpu = 0.0

    def run_batch(self, workload, offset, batch):
        # As timeit does, collect garbage between timed batches rather than during them:
        # a collection's length depends on everything both databases' rounds allocated
        # so far, and it would land on whichever batch happened to trigger it.
        gc.collect()
        gc.disable()
        try:
            backend_start = _cpu_seconds(self.backend_pid)
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            workload.run_batch(self.env, self.state, offset, batch)
            self.env.flush_all()
            self.wall += time.perf_counter() - wall_start
            self.cpu += time.process_time() - cpu_start
            backend_end = _cpu_seconds(self.backend_pid)
        finally:
            gc.enable()
        if backend_start is None or backend_end is None:
            self.backend_cpu_known = False
        else:
            self.cpu += backend_end - backend_start


def _round(workload, sides, count, batch):
    """Run one interleaved round; return the (wall, cpu) totals of each side."""
    with ExitStack() as stack:
        for side in sides:
            side.open_round(stack, workload, count)
        for number, offset in enumerate(range(0, count, batch)):
            # alternate which side goes first, so neither always follows the other
            for side in sides if number % 2 == 0 else reversed(sides):
                side.run_batch(workload, offset, batch)
        for side in sides:
            workload.check(side.env, side.state, side.in_suite)
        return [(side.wall, side.cpu) for side in sides]


def compare_with_stock(
    workload, *, label, unit, suite_label, target, count, batch, reference_label="stock", after=None
):
    """Run ``workload`` on the stock and the suite database and print their ratios.

    ``reference_label`` names the reference database's side in the output (stock Odoo, or
    stock Odoo with the OCA module the suite is compared with); ``after(args)``, when
    given, runs once the comparison is printed (a further measure of the suite alone).

    :return: the process exit code, 0 when the median wall-clock ratio meets ``target``
    """
    parser = argparse.ArgumentParser()
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stock-db", required=True)
    parser.add_argument("--suite-db", required=True)
    parser.add_argument("--count", type=int, default=count)
    parser.add_argument("--batch", type=int, default=batch)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])

    sides = [Side(args.stock_db, False), Side(args.suite_db, True)]
    for side in sides:
        # configuration the work runs under (standards, minimums), kept between runs
        with Registry(side.db).cursor() as cr:
            workload.setup(api.Environment(cr, SUPERUSER_ID, {}), args.count, side.in_suite)
        _run_maintenance(side.db, "VACUUM FULL ANALYZE")
    _round(workload, sides, args.batch * 2, args.batch)  # warm-up: registries and caches
    # the registries' millions of objects live as long as the process: never scan them
    gc.collect()
    gc.freeze()
    totals = []
    for _number in range(args.rounds):
        for side in sides:
            _run_maintenance(side.db, "VACUUM ANALYZE")
        gc.collect()
        totals.append(_round(workload, sides, args.count, args.batch))

    walls = [(stock[0], suite[0]) for stock, suite in totals]
    cpus = [(stock[1], suite[1]) for stock, suite in totals]
    wall_ratios = [suite / stock for stock, suite in walls]
    cpu_ratios = [suite / stock for stock, suite in cpus]
    ratio = statistics.median(wall_ratios)
    cpu_scope = "Odoo + PostgreSQL" if all(side.backend_cpu_known for side in sides) else "Odoo"

    def medians(pairs):
        return (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs))

    stock_wall, suite_wall = medians(walls)
    stock_cpu, suite_cpu = medians(cpus)
    print(
        f"{label}: {args.count} {unit} in batches of {args.batch}, "
        f"{args.rounds} interleaved rounds\n"
        f"  wall-clock: {reference_label} {stock_wall:.2f}s, {suite_label} {suite_wall:.2f}s "
        f"(medians); "
        f"ratios by round {', '.join(f'{r:.3f}' for r in wall_ratios)}\n"
        f"  CPU time ({cpu_scope}): {reference_label} {stock_cpu:.2f}s, "
        f"{suite_label} {suite_cpu:.2f}s "
        f"(medians); ratios by round {', '.join(f'{r:.3f}' for r in cpu_ratios)}\n"
        f"  ratio {ratio:.3f} (median of the wall-clock ratios; target <= {target}): "
        f"{'met' if ratio <= target else 'MISSED'}"
    )
    if after:
        after(args)
    return 0 if ratio <= target else 1
