#!/usr/bin/env bash
# Regenerates each module's .pot from a fresh database and merges it into ru.po / uk.po
# (msgmerge keeps existing translations; new strings appear untranslated).
#   I18N_MODULES  modules to export (default: the suite's modules, PRODUCT_MODULES)
# The modules of I18N_DEMO_MODULES (common.sh) also ship the translations of their demo
# content (e.g. the service desk's FAQ articles): they are exported from a second database
# installed with demo data.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all
command -v msgmerge >/dev/null 2>&1 || as_root apt-get install -y -qq gettext >/dev/null

DB="crm_i18n_$$"
DB_DEMO="crm_i18n_demo_$$"
DATA_DIR="$(mktemp -d)"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true; dropdb --if-exists "$DB_DEMO" >/dev/null 2>&1 || true; rm -rf "$DATA_DIR"' EXIT
modules="${I18N_MODULES:-$PRODUCT_MODULES}"
odoo_bin -d "$DB" --data-dir="$DATA_DIR" -i "$modules" --without-demo=all --stop-after-init --log-level=warn
for module in ${modules//,/ }; do
    dir="$PROJECT_DIR/$module/i18n"
    mkdir -p "$dir"
    export_db="$DB"
    if [[ ",$I18N_DEMO_MODULES," == *",$module,"* ]]; then
        export_db="$DB_DEMO"
        psql -lqt | cut -d'|' -f1 | grep -qw "$DB_DEMO" \
            || odoo_bin -d "$DB_DEMO" --data-dir="$DATA_DIR" -i "$modules" --stop-after-init --log-level=warn
    fi
    odoo_bin -d "$export_db" --data-dir="$DATA_DIR" --i18n-export="$dir/$module.pot" --modules="$module" \
        --stop-after-init --log-level=warn
    for lang in ru uk; do
        if [ -f "$dir/$lang.po" ]; then
            msgmerge --quiet --update --backup=none --no-fuzzy-matching "$dir/$lang.po" "$dir/$module.pot"
        else
            msginit --no-translator --locale="$lang" --input="$dir/$module.pot" --output-file="$dir/$lang.po"
        fi
    done
    say "$module: $(msgfmt --statistics -o /dev/null "$dir/ru.po" 2>&1) (ru); $(msgfmt --statistics -o /dev/null "$dir/uk.po" 2>&1) (uk)"
done
