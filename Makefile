# Client-base suite for Odoo 18.0. See README.md.
SHELL := /bin/bash

.PHONY: setup run test lint bench pot

setup:  ## install what is missing: Debian packages, PostgreSQL, Odoo source check, virtualenv
	@bash -c 'source scripts/common.sh && setup_all'

run:    ## set up, create the demo database if needed and serve Odoo on http://localhost:8069
	@bash scripts/run.sh

test:   ## set up, run every test in a fresh throwaway database, print "N passed, N failed, N skipped"
	@bash scripts/test.sh

lint:   ## ruff (format + check) and pylint-odoo
	@bash scripts/lint.sh

bench:  ## performance benchmarks, reported as ratios against a reference measured in the same run
	@bash scripts/bench.sh

pot:    ## regenerate each module's .pot and merge it into ru.po / uk.po (I18N_MODULES=... for some)
	@bash scripts/i18n.sh
