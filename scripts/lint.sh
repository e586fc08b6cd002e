#!/usr/bin/env bash
# ruff (format check + lint) and pylint-odoo over the project's modules.
# Tools live in their own virtualenv; once installed, linting runs offline.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINT_VENV="${LINT_VENV:-$HOME/.cache/crm-client-base/venv-lint}"
cd "$PROJECT_DIR"
want="$(sha256sum scripts/lint-requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$LINT_VENV/.requirements.sha" 2>/dev/null)" != "$want" ]; then
    echo "==> preparing lint tools in $LINT_VENV" >&2
    [ -x "$LINT_VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/python" -m pip install -q -r scripts/lint-requirements.txt
    echo "$want" > "$LINT_VENV/.requirements.sha"
fi
# the suite's modules, from the one list in common.sh (the test-only module is under tests/)
TEST_MODULES="$(source scripts/common.sh && echo "$TEST_MODULES")"
MODULE_DIRS=()
for module in ${TEST_MODULES//,/ }; do
    if [ -d "$module" ]; then MODULE_DIRS+=("$module"); else MODULE_DIRS+=("tests/$module"); fi
done
"$LINT_VENV/bin/ruff" format --check .
"$LINT_VENV/bin/ruff" check .
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc "${MODULE_DIRS[@]}"
echo "lint: clean"
