#!/usr/bin/env bash
# Runs every test of the suite in a fresh throwaway database and prints a closing line
# "N passed, N failed, N skipped". Fails (never skips) when Odoo or PostgreSQL is missing.
# Then one module's tests run again through pytest-odoo in the same database; their counts
# are added to the closing line.
#   TEST_TAGS   Odoo --test-tags (default: every test of the suite's modules)
#   PYTEST_MODULE  the module whose tests pytest-odoo runs (default crm_retention_correspondence)
#   KEEP_DB=1   keep the database afterwards (for debugging)
#   FAST=1      development only: start from a cached database holding Odoo's own
#               modules (crm, sale, ...) with demo data instead of installing them again;
#               the suite's modules are still installed fresh. CI never sets it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup_all

# every module of the suite (OCA's modules the suite extends are tested after, below)
DEFAULT_TAGS="/${TEST_MODULES//,/,/}"
TEST_TAGS_GIVEN="${TEST_TAGS:-}"
TEST_TAGS="${TEST_TAGS:-$DEFAULT_TAGS}"
DB="crm_test_$(date +%s)_$$"
LOG_DIR="$(mktemp -d)"
LOG="$LOG_DIR/odoo-test.log"
DATA_DIR="$LOG_DIR/data"

cleanup() {
    if [ "${KEEP_DB:-0}" != 1 ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$LOG_DIR"
    else
        say "kept database $DB and log $LOG"
    fi
}
trap cleanup EXIT

if [ "${FAST:-0}" = 1 ]; then
    DATA_DIR="$HOME/.cache/crm-client-base/test-data"
    deps="$(manifest_deps "$TEST_MODULES")"  # Odoo's apps the suite builds on
    template="crm_tpl_$(printf '%s %s' "$deps" "$(stat -c %Y "$ODOO_PATH/odoo/release.py")" | sha256sum | cut -c1-10)"
    if [ "$(psql -d postgres -tAc "select 1 from pg_database where datname = '$template'")" != 1 ]; then
        say "FAST: building template database $template ($deps)"
        odoo_bin -d "$template.tmp" --data-dir="$DATA_DIR" -i "$deps" --stop-after-init --log-level=warn
        psql -d postgres -qc "ALTER DATABASE \"$template.tmp\" RENAME TO \"$template\""
        mv "$DATA_DIR/filestore/$template.tmp" "$DATA_DIR/filestore/$template"
    fi
    createdb -T "$template" "$DB"
    mkdir -p "$DATA_DIR/filestore"
    cp -r "$DATA_DIR/filestore/$template" "$DATA_DIR/filestore/$DB"
    trap 'cleanup; rm -rf "$DATA_DIR/filestore/$DB"' EXIT
fi

port="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
say "running tests ($TEST_TAGS) in fresh database $DB with demo data"
set +e
odoo_bin -d "$DB" --data-dir="$DATA_DIR" -i "$TEST_MODULES" \
    --test-enable --test-tags="$TEST_TAGS" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$port" --workers=0 --max-cron-threads=0 \
    --log-level=test --log-handler=werkzeug:WARNING 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
# OCA's modules the suite extends run their own tests again with the suite installed
# (their at-install tests ran when they were installed, before the suite's modules): an
# update of each in the same database, its tests on the registry that holds the suite.
if [ -z "${TEST_TAGS_GIVEN:-}" ] && [ "$rc" -eq 0 ]; then
    for oca_module in $OCA_TESTED_MODULES; do
        say "running $oca_module's own tests with the suite installed"
        odoo_bin -d "$DB" --data-dir="$DATA_DIR" -u "$oca_module" \
            --test-enable --test-tags="/$oca_module" --stop-after-init \
            --http-interface=127.0.0.1 --http-port="$port" --workers=0 --max-cron-threads=0 \
            --log-level=test --log-handler=werkzeug:WARNING 2>&1 | tee -a "$LOG"
        oca_rc=${PIPESTATUS[0]}
        [ "$oca_rc" -eq 0 ] || rc=$oca_rc
    done
fi
set -e

# one summary line per Odoo run: add them up
summary="$(grep -E '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$LOG" \
    | sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' \
    | awk 'NF { f += $1; e += $2; t += $3; n++ } END { if (n) printf "all runs: %d failed, %d error(s) of %d tests when loading database\n", f, e, t }')"
errors_logged="$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" || true)"
skipped="$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ INFO [^ ]+ [^ ]+: skipped ' "$LOG" || true)"

if [ -z "$summary" ]; then
    echo "0 passed, 1 failed, 0 skipped"
    die "Odoo did not report any test result (exit code $rc); see the log above."
fi
read -r failures errors total < <(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$summary")
# Odoo counts every failing subtest; the closing line counts tests: a test method fails once
# however many of its subtests fail, and an error outside any test (setUpClass) is one more.
failure_lines="$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ ERROR [^ ]+ [^ ]+: (ERROR|FAIL): ' "$LOG" || true)"
failed_methods=0 failed_elsewhere=0
if [ -n "$failure_lines" ]; then
    test_id='(ERROR|FAIL): (Subtest )?([A-Za-z0-9_]+\.[A-Za-z0-9_]+)( |$)'
    failed_methods="$(sed -nE "s/^[0-9-]+ [0-9:,]+ [0-9]+ ERROR [^ ]+ ([^ ]+): $test_id.*/\1 \4/p" <<<"$failure_lines" | sort -u | wc -l)"
    failed_elsewhere="$(grep -cvE ": $test_id" <<<"$failure_lines" || true)"
fi
failed=$((failed_methods + failed_elsewhere))
if [ "$failed" -eq 0 ] && [ $((failures + errors)) -ne 0 ]; then failed=$((failures + errors)); fi
passed=$((total - failed_methods - skipped))
[ "$passed" -ge 0 ] || passed=0
status=0
if [ "$total" -eq 0 ]; then
    say "no test ran"; status=1
fi
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$errors_logged" -ne 0 ]; then
    say "odoo exit code $rc, $errors_logged ERROR/CRITICAL log lines"; status=1
fi
if [ "$skipped" -ne 0 ]; then
    say "$skipped test(s) skipped: skipping is a failure here"; status=1
fi

# The same database through pytest-odoo: one module's tests run under pytest too, so that
# `pytest` keeps working for developers (README: "Run one module's tests with pytest").
PYTEST_MODULE="${PYTEST_MODULE:-crm_retention_correspondence}"
pytest_dir="$(module_dirs "$PYTEST_MODULE")/tests"
cat > "$LOG_DIR/odoo.conf" <<CONF
[options]
db_name = $DB
addons_path = $ADDONS_PATH
data_dir = $DATA_DIR
http_interface = 127.0.0.1
http_port = $port
workers = 0
max_cron_threads = 0
CONF
say "running $PYTEST_MODULE's tests with pytest-odoo in $DB"
set +e
(cd "$PROJECT_DIR" && "$VENV/bin/python" -m pytest -p no:cacheprovider -q -rfEs -W ignore::DeprecationWarning \
    --odoo-config="$LOG_DIR/odoo.conf" --odoo-database="$DB" \
    --junitxml="$LOG_DIR/pytest.xml" "$pytest_dir")
pytest_rc=$?
set -e
read -r py_passed py_failed py_skipped < <("$VENV/bin/python" - "$LOG_DIR/pytest.xml" <<'PY' || echo "0 1 0"
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
tests = failed = skipped = 0
for suite in suites:
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failed - skipped, failed, skipped)
PY
)
if [ "$pytest_rc" -ne 0 ] || [ "$py_failed" -ne 0 ] || [ "$py_skipped" -ne 0 ] || [ "$py_passed" -eq 0 ]; then
    # exit code 5 is "no tests collected"; 2 to 4, a usage or internal error
    say "pytest-odoo: exit code $pytest_rc, $py_passed passed, $py_failed failed, $py_skipped skipped"
    status=1
    # a run that failed without a failing test (nothing collected, a crash) counts as one
    if [ "$py_failed" -eq 0 ] && [ "$py_skipped" -eq 0 ]; then py_failed=1; fi
fi
passed=$((passed + py_passed))
failed=$((failed + py_failed))
skipped=$((skipped + py_skipped))

# Upgrade check: upgrading the modules in place must keep every row they own.
if [ "$status" -eq 0 ] && [ "${SKIP_UPGRADE_CHECK:-0}" != 1 ]; then
    fingerprint() { "$VENV/bin/python" "$PROJECT_DIR/scripts/data_fingerprint.py" "$DB" "$PRODUCT_MODULES"; }
    fingerprint > "$LOG_DIR/before.txt" || status=1
    odoo_bin -d "$DB" --data-dir="$DATA_DIR" -u "$PRODUCT_MODULES" --stop-after-init \
        --log-level=warn --workers=0 --max-cron-threads=0 --http-port="$port" > "$LOG_DIR/upgrade.log" 2>&1 \
        || { cat "$LOG_DIR/upgrade.log"; say "upgrading the modules failed"; status=1; }
    if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG_DIR/upgrade.log"; then
        cat "$LOG_DIR/upgrade.log"; say "upgrading the modules logged errors"; status=1
    fi
    fingerprint > "$LOG_DIR/after.txt" || status=1
    if [ "$status" -eq 0 ] && diff -u "$LOG_DIR/before.txt" "$LOG_DIR/after.txt"; then
        say "upgrade check: $(wc -l < "$LOG_DIR/after.txt") tables of the suite's data unchanged by -u"
    else
        say "upgrade check failed: the upgrade broke or changed the suite's data"; status=1
    fi
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
