#!/usr/bin/env bash
# Benchmarks: each compares the suite against stock Odoo measured in the same run.
#   BENCH_PARTNERS  partners created per run (default 10000)
#   BENCH_ORDERS    orders confirmed per run (default 2000)
#   BENCH_TICKETS   tickets created per run (default 500)
#   BENCH_OPEN_TICKETS  open tickets recomputed after a change of SLA terms (default 10000)
#   BENCH_CLIENTS   clients of the analytics benchmark (default 100000)
#   BENCH_LINES     their invoice lines (default 1000000)
#   BENCH_BASKET_LINES  order lines of the basket benchmark (default 1000000)
#   BENCH_JIT=1     keep PostgreSQL's JIT compiler on in the analytics and basket benchmarks
#   BENCH_ROUNDS    interleaved rounds (default 5; the median ratio is checked)
#   BENCH           the benchmarks to run, comma-separated: partner,order,ticket,analytics,basket
#                   (default all)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all

# one pair of databases per checkout, so that two checkouts never share them
checkout_id="$(printf '%s' "$PROJECT_DIR" | sha256sum | cut -c1-6)"
STOCK_DB="crm_bench_stock_$checkout_id"
SUITE_DB="crm_bench_suite_$checkout_id"
OCA_DB="crm_bench_oca_$checkout_id"
BENCH="${BENCH:-partner,order,ticket,analytics,basket}"
wants() { [[ ",$BENCH," == *",$1,"* ]]; }
ensure_db() {  # ensure_db NAME MODULES
    if ! all_installed "$1" "$2"; then
        dropdb --if-exists "$1"
        say "creating benchmark database $1 ($2, no demo data)"
        odoo_bin_product -d "$1" -i "$2" --without-demo=all --stop-after-init --log-level=warn
    else
        say "updating benchmark database $1"
        odoo_bin_product -d "$1" -u "$2" --stop-after-init --log-level=warn
    fi
}
# The reference is stock Odoo with the very apps the suite depends on (crm, sale, rating...)
# and none of the suite's modules: the comparison isolates what the suite adds.
STOCK_MODULES="$(manifest_deps "$PRODUCT_MODULES")"
if wants partner || wants order || wants ticket; then ensure_db "$SUITE_DB" "$PRODUCT_MODULES"; fi
if wants partner || wants order; then ensure_db "$STOCK_DB" "$STOCK_MODULES"; fi
# The service desk's reference: stock Odoo with OCA's helpdesk_mgmt and its SLA module
if wants ticket; then ensure_db "$OCA_DB" "$(manifest_deps crm_service_desk),helpdesk_mgmt_sla"; fi

# every benchmark runs; the command fails if any of them misses its target
export PYTHONHASHSEED=0  # the same dict and set layouts in every run
status=0
if wants partner; then
PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/scripts/bench_partner_create.py" \
    --addons-path="$PRODUCT_ADDONS_PATH" --stock-db="$STOCK_DB" --suite-db="$SUITE_DB" \
    --count="${BENCH_PARTNERS:-10000}" --rounds="${BENCH_ROUNDS:-5}" || status=1
fi
if wants order; then
PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/scripts/bench_order_confirm.py" \
    --addons-path="$PRODUCT_ADDONS_PATH" --stock-db="$STOCK_DB" --suite-db="$SUITE_DB" \
    --count="${BENCH_ORDERS:-2000}" --rounds="${BENCH_ROUNDS:-5}" || status=1
fi
if wants ticket; then
PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/scripts/bench_ticket_create.py" \
    --addons-path="$PRODUCT_ADDONS_PATH" --stock-db="$OCA_DB" --suite-db="$SUITE_DB" \
    --count="${BENCH_TICKETS:-500}" --rounds="${BENCH_ROUNDS:-5}" \
    --open-tickets="${BENCH_OPEN_TICKETS:-10000}" || status=1
fi
if wants analytics; then
    # The client analytics against hand-written SQL: a generated sales history of
    # BENCH_CLIENTS clients (data/analytics_bench_generator.py), and a copy of that
    # database taken when it held a tenth of them, for one client's refresh at both sizes.
    # Both are kept and reused; other parameters make them anew.
    AN_DB="crm_bench_analytics_$checkout_id"
    AN_SMALL_DB="crm_bench_analytics_small_$checkout_id"
    an_clients="${BENCH_CLIENTS:-100000}"
    an_lines="${BENCH_LINES:-1000000}"
    generator() {
        PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/data/analytics_bench_generator.py" \
            --addons-path="$PRODUCT_ADDONS_PATH" "$@"
    }
    if ! generator --check --exact -d "$AN_SMALL_DB" --clients $((an_clients / 10)) \
            --lines $((an_lines / 10)) \
        || ! generator --check -d "$AN_DB" --clients "$an_clients" --lines "$an_lines"; then
        dropdb --if-exists "$AN_SMALL_DB"
        dropdb --if-exists "$AN_DB"
    fi
    ensure_db "$AN_DB" "$PRODUCT_MODULES"
    if psql -d "$AN_SMALL_DB" -tAc "select 1" >/dev/null 2>&1; then
        ensure_db "$AN_SMALL_DB" "$PRODUCT_MODULES"
    else
        say "generating $((an_clients / 10)) clients in $AN_DB, copied to $AN_SMALL_DB"
        generator -d "$AN_DB" --clients $((an_clients / 10)) --lines $((an_lines / 10))
        createdb -T "$AN_DB" "$AN_SMALL_DB"
    fi
    say "generating up to $an_clients clients in $AN_DB"
    generator -d "$AN_DB" --clients "$an_clients" --lines "$an_lines"
    PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/scripts/bench_analytics.py" \
        --addons-path="$PRODUCT_ADDONS_PATH" --db="$AN_DB" --small-db="$AN_SMALL_DB" \
        --rounds="${BENCH_ROUNDS:-5}" ${BENCH_JIT:+--jit} || status=1
fi
if wants basket; then
    # The product pairs against hand-written SQL, on generated sales orders
    # (data/basket_bench_generator.py) in a database of their own, kept and reused.
    BK_DB="crm_bench_basket_$checkout_id"
    bk_lines="${BENCH_BASKET_LINES:-1000000}"
    bk_generator() {
        PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/data/basket_bench_generator.py" \
            --addons-path="$PRODUCT_ADDONS_PATH" "$@"
    }
    bk_generator --check -d "$BK_DB" --lines "$bk_lines" || dropdb --if-exists "$BK_DB"
    ensure_db "$BK_DB" "$PRODUCT_MODULES"
    say "generating about $bk_lines order lines in $BK_DB"
    bk_generator -d "$BK_DB" --lines "$bk_lines"
    PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$PROJECT_DIR/scripts/bench_basket.py" \
        --addons-path="$PRODUCT_ADDONS_PATH" --db="$BK_DB" \
        --rounds="${BENCH_ROUNDS:-5}" ${BENCH_JIT:+--jit} || status=1
fi
exit "$status"
