# Shared setup for the make targets: Odoo source, PostgreSQL, virtualenv.
# Sourced by scripts/*.sh; every step is idempotent and quick when already done.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PATH="${ODOO_PATH:-$HOME/.cache/odoo-src/18.0}"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
VENV="${VENV:-$HOME/.cache/crm-client-base/venv-18.0}"
PG_VERSION="${PG_VERSION:-15}"
# The suite's modules, listed here only: every script derives what it needs from these.
# crm_retention_correspondence is a bridge installed automatically with the two others.
PRODUCT_MODULES="crm_retention,crm_correspondence,crm_service_desk,crm_retention_correspondence,crm_service_desk_correspondence"
# Test-only modules, under tests/: only the test runs load them, never `make run`.
TEST_ONLY_MODULES="crm_client_base_tests"
# Modules whose demo content (FAQ articles, categories) is translated too (scripts/i18n.sh)
I18N_DEMO_MODULES="crm_service_desk"
# OCA modules the suite extends, whose own tests `make test` runs with the suite installed
OCA_TESTED_MODULES="helpdesk_mgmt helpdesk_mgmt_rating"
TEST_MODULES="$PRODUCT_MODULES,$TEST_ONLY_MODULES"
# The product's addons; the test runs add tests/.
PRODUCT_ADDONS_PATH="$ODOO_PATH/odoo/addons,$ODOO_PATH/addons,$PROJECT_DIR"
ADDONS_PATH="$PRODUCT_ADDONS_PATH,$PROJECT_DIR/tests"
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "'$*' needs root and sudo is not available; run it once as root."
    fi
}

# Debian packages Odoo needs to build its requirements and run its browser tests.
DEBIAN_PACKAGES=(postgresql postgresql-client libpq-dev libldap2-dev libsasl2-dev
                 python3-dev build-essential chromium wkhtmltopdf)

ensure_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_odoo_source() {
    if [ -f "$ODOO_PATH/odoo-bin" ]; then
        grep -q "18, 0" "$ODOO_PATH/odoo/release.py" \
            || die "the Odoo source at $ODOO_PATH is not Odoo 18.0; point ODOO_PATH at an Odoo 18.0 tree."
        return 0
    fi
    if [ -e "$ODOO_PATH" ] && [ -n "$(ls -A "$ODOO_PATH" 2>/dev/null)" ]; then
        die "no Odoo 18.0 source at $ODOO_PATH (no odoo-bin there): put an Odoo 18.0 tree there or set ODOO_PATH to one."
    fi
    if [ "${ODOO_NO_DOWNLOAD:-0}" != 1 ] && command -v git >/dev/null 2>&1; then
        say "no Odoo source at $ODOO_PATH; trying to clone Odoo 18.0 from $ODOO_GIT_URL"
        mkdir -p "$(dirname "$ODOO_PATH")"
        if timeout 600 git clone --quiet --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$ODOO_PATH" 2>/dev/null; then
            return 0
        fi
        rm -rf "$ODOO_PATH"
    fi
    die "no Odoo 18.0 source at $ODOO_PATH and it could not be downloaded: put an Odoo 18.0 tree (the one with odoo-bin) there, or set ODOO_PATH to one."
}

ensure_postgres() {
    command -v psql >/dev/null 2>&1 || die "PostgreSQL client (psql) is not installed."
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_ctlcluster >/dev/null 2>&1; then
            say "starting PostgreSQL $PG_VERSION"
            as_root pg_ctlcluster "$PG_VERSION" main start || true
        fi
        for _ in $(seq 1 30); do pg_isready -q 2>/dev/null && break; sleep 1; done
        pg_isready -q 2>/dev/null || die "PostgreSQL is not running and could not be started (pg_ctlcluster $PG_VERSION main start)."
    fi
    local me; me="$(id -un)"
    [ "$me" = postgres ] && die "Odoo refuses to run as the 'postgres' user; run as another user."
    if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
        say "creating PostgreSQL role '$me'"
        as_root su postgres -c "psql -tAc \"CREATE ROLE \\\"$me\\\" LOGIN CREATEDB SUPERUSER\"" >/dev/null \
            || die "could not create the PostgreSQL role '$me'."
    fi
}

ensure_venv() {
    local stamp="$VENV/.requirements.sha"
    local want
    want="$(cat "$ODOO_PATH/requirements.txt" "$PROJECT_DIR/requirements.txt" "$PROJECT_DIR/oca-requirements.txt" "$PROJECT_DIR/scripts/build-constraints.txt" | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        ensure_odoo_importable
        return 0
    fi
    say "preparing the virtualenv $VENV (Odoo requirements + requirements.txt)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade "pip>=25.3" wheel
    # Old sdists (cbor2, ...) do not build with setuptools>=81: constrain build envs.
    "$VENV/bin/python" -m pip install -q --build-constraint "$PROJECT_DIR/scripts/build-constraints.txt" \
        -r "$ODOO_PATH/requirements.txt" -r "$PROJECT_DIR/requirements.txt"
    ensure_odoo_importable
    # OCA's addons require the `odoo` distribution registered just above
    "$VENV/bin/python" -m pip install -q -r "$PROJECT_DIR/oca-requirements.txt"
    echo "$want" > "$stamp"
}

# pytest-odoo needs `import odoo`: register the Odoo source as the `odoo` distribution
# (editable, no dependencies: they come from the requirements above).
ensure_odoo_importable() {
    (cd / && "$VENV/bin/python" -c "import odoo" >/dev/null 2>&1) && return 0
    say "registering the Odoo source $ODOO_PATH in the virtualenv (import odoo)"
    local log; log="$(mktemp)"
    # setuptools warns at length about Odoo's setup.py: show its output only on failure.
    "$VENV/bin/python" -m pip install -q --no-deps -e "$ODOO_PATH" \
        --config-settings editable_mode=compat > "$log" 2>&1 \
        || { cat "$log"; rm -f "$log"; die "could not register the Odoo source in $VENV"; }
    rm -f "$log"
}

setup_all() {
    ensure_odoo_source
    ensure_debian_packages
    ensure_postgres
    ensure_venv
}

# odoo-bin with the test-only modules' addons too (the test runs)
odoo_bin() {
    "$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$ADDONS_PATH" "$@"
}

# odoo-bin with the product's addons only, without tests/: what `make run` serves.
odoo_bin_product() {
    "$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$PRODUCT_ADDONS_PATH" "$@"
}

# module_dirs MODULE[,MODULE...]: their directories relative to the project, one a line
# (a test-only module lives under tests/)
module_dirs() {
    local module
    for module in ${1//,/ }; do
        if [ -f "$PROJECT_DIR/$module/__manifest__.py" ]; then echo "$module"
        elif [ -f "$PROJECT_DIR/tests/$module/__manifest__.py" ]; then echo "tests/$module"
        else die "module $module (scripts/common.sh) has no __manifest__.py in $PROJECT_DIR or tests/"
        fi
    done
}

# all_installed DB MODULE[,MODULE...]: whether DB exists and has every one of them installed
all_installed() {
    local count names="'${2//,/\',\'}'"  # 'crm_retention','crm_correspondence',...
    count="$(psql -d "$1" -tAc "select count(*) from ir_module_module where state = 'installed' and name in ($names)" 2>/dev/null || true)"
    [ "$count" = "$(tr ',' '\n' <<<"$2" | wc -l)" ]
}

# manifest_deps MODULE[,MODULE...]: what they depend on outside themselves (Odoo's apps)
manifest_deps() {
    local dirs
    dirs="$(module_dirs "$1")"
    # shellcheck disable=SC2086  # one directory a line, no spaces in module names
    (cd "$PROJECT_DIR" && "$VENV/bin/python" scripts/manifest_deps.py $dirs)
}
