"""Shared driver of the benchmarks: the suite against stock Odoo, in one process.

Rounds alternate between the stock and the suite database (each round rolls back), after
one warm-up round each; the medians are compared and the ratio checked against a target.
"""

import argparse
import statistics

import odoo


def compare_with_stock(timed_round, *, label, unit, suite_label, target, count, batch):
    """Run ``timed_round(db, count, batch, in_suite)`` and print the stock/suite ratio.

    :return: the process exit code, 0 when the ratio meets ``target``
    """
    parser = argparse.ArgumentParser()
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stock-db", required=True)
    parser.add_argument("--suite-db", required=True)
    parser.add_argument("--count", type=int, default=count)
    parser.add_argument("--batch", type=int, default=batch)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    odoo.tools.config.parse_config([f"--addons-path={args.addons_path}", "--log-level=warn"])

    timed_round(args.stock_db, args.batch, args.batch, False)  # warm-up both registries
    timed_round(args.suite_db, args.batch, args.batch, True)
    stock, suite = [], []
    for _ in range(args.rounds):
        stock.append(timed_round(args.stock_db, args.count, args.batch, False))
        suite.append(timed_round(args.suite_db, args.count, args.batch, True))
    stock_s, suite_s = statistics.median(stock), statistics.median(suite)
    ratio = suite_s / stock_s
    print(
        f"{label}: {args.count} {unit} in batches of {args.batch}, "
        f"median of {args.rounds} rounds: stock {stock_s:.2f}s, "
        f"{suite_label} {suite_s:.2f}s, ratio {ratio:.3f} (target <= {target})"
    )
    return 0 if ratio <= target else 1
