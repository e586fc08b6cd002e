#!/usr/bin/env bash
# ruff (format check + lint) and pylint-odoo over the project's modules.
# Tools live in their own virtualenv; once installed, linting runs offline.
# Only the module list and helpers of common.sh are used: no Odoo, PostgreSQL or venv setup.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
LINT_VENV="${LINT_VENV:-$HOME/.cache/crm-client-base/venv-lint}"
cd "$PROJECT_DIR"
want="$(sha256sum scripts/lint-requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$LINT_VENV/.requirements.sha" 2>/dev/null)" != "$want" ]; then
    echo "==> preparing lint tools in $LINT_VENV" >&2
    [ -x "$LINT_VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/python" -m pip install -q -r scripts/lint-requirements.txt
    echo "$want" > "$LINT_VENV/.requirements.sha"
fi
# every module of the suite, test-only ones included (scripts/common.sh)
dirs="$(module_dirs "$TEST_MODULES")"
mapfile -t MODULE_DIRS <<<"$dirs"
"$LINT_VENV/bin/ruff" format --check .
"$LINT_VENV/bin/ruff" check .
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc "${MODULE_DIRS[@]}"
# translations: every string of each module's .pot translated in ru.po and uk.po
command -v msgcmp >/dev/null 2>&1 \
    || die "gettext (msgcmp) is needed to check the translations: apt-get install gettext"
for module in ${PRODUCT_MODULES//,/ }; do
    pot="$module/i18n/$module.pot"
    [ -f "$pot" ] || continue
    for lang in ru uk; do
        msgcmp "$module/i18n/$lang.po" "$pot" \
            || die "$module/i18n/$lang.po does not translate every string of $pot"
        if msgfmt --statistics -o /dev/null "$module/i18n/$lang.po" 2>&1 | grep -q fuzzy; then
            die "$module/i18n/$lang.po has fuzzy translations"
        fi
    done
done
echo "lint: clean"
