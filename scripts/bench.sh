#!/usr/bin/env bash
# Benchmarks: each compares the suite against stock Odoo measured in the same run.
#   BENCH_PARTNERS  partners created per run (default 10000)
#   BENCH_ORDERS    orders confirmed per run (default 2000)
#   BENCH_TICKETS   tickets created per run (default 500)
#   BENCH_OPEN_TICKETS  open tickets recomputed after a change of SLA terms (default 10000)
#   BENCH_ROUNDS    interleaved rounds (default 5; the median ratio is checked)
#   BENCH           the benchmarks to run, comma-separated: partner,order,ticket (default all)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all

# one pair of databases per checkout, so that two checkouts never share them
checkout_id="$(printf '%s' "$PROJECT_DIR" | sha256sum | cut -c1-6)"
STOCK_DB="crm_bench_stock_$checkout_id"
SUITE_DB="crm_bench_suite_$checkout_id"
OCA_DB="crm_bench_oca_$checkout_id"
BENCH="${BENCH:-partner,order,ticket}"
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
ensure_db "$SUITE_DB" "$PRODUCT_MODULES"
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
exit "$status"
