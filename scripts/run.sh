#!/usr/bin/env bash
# Sets everything up and serves the suite on http://localhost:8069 with a demo database.
#   DB         database name (default crm_client_base)
#   HTTP_PORT  port (default 8069)
#   UPDATE=1   upgrade the suite's modules in the existing database first (keeps its data)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup_all

DB="${DB:-crm_client_base}"
HTTP_PORT="${HTTP_PORT:-8069}"
DATA_DIR="${DATA_DIR:-$HOME/.local/share/crm-client-base}"

if ! all_installed "$DB" "$PRODUCT_MODULES"; then
    say "creating database $DB with the suite's modules ($PRODUCT_MODULES) and their demo data"
    odoo_bin_product -d "$DB" --data-dir="$DATA_DIR" -i "$PRODUCT_MODULES" --stop-after-init \
        --without-demo= --log-level=warn
elif [ "${UPDATE:-0}" = 1 ]; then
    say "upgrading the suite's modules in $DB"
    odoo_bin_product -d "$DB" --data-dir="$DATA_DIR" -u "$PRODUCT_MODULES" --stop-after-init \
        --log-level=warn
fi

cat <<MSG

  Odoo 18 with the client-base suite is starting.
  URL:      http://localhost:$HTTP_PORT/web/login
  Database: $DB
  Login:    admin
  Password: admin

MSG
odoo_bin_product -d "$DB" --data-dir="$DATA_DIR" --http-port="$HTTP_PORT" --db-filter="^$DB\$" \
    --log-level=info
