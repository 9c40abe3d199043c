# SkillCert: two commands on a fresh machine with only Swift on it.
#   make demo   builds the demo year into demo.sqlite if it is missing (`skillcert demo`, rosters in Exports/),
#               prints its accounts and serves it on http://127.0.0.1:8080 until Ctrl-C
#   make test   builds and runs every test: the Swift tests, then the browser tests
#   make test-fast     only the Swift tests (with a throwaway PostgreSQL for the province tests)
#   make test-browser  only the browser tests (scripts/browser_tests.py: headless chromium through Selenium)
#   make tour   the walk-through of scripts/demo.sh, command by command, in tour.sqlite
#   make print-check   the quarterly workbook printed by LibreOffice, sheet by sheet, and checked
SWIFT ?= swift
DEMO_DB ?= demo.sqlite
TOUR_DB ?= tour.sqlite
BIN = .build/debug/skillcert
# The city-scale demo year the benchmarks read (built once by them if missing, then reused).
CITY_DB ?= city.sqlite
DEMO_PORT ?= 8080
# Selenium from PyPI, in a virtual environment of Debian's python3 (not committed: under .build).
BROWSER_VENV = .build/browser-venv
# Passed on to the browser tests, e.g. BROWSER_ARGS="-k clerk" to run some of them.
BROWSER_ARGS ?=

.PHONY: deps build test test-fast test-browser demo tour clean bench bench-export bench-statistics bench-listings bench-reads bench-web bench-province print-check

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The Swift tests, then the browser tests: a failure in either fails `make test`.
test: test-fast test-browser

# The kill -9 tests run the built tool as a separate process, so build it first. The province
# tests need PostgreSQL: scripts/with-postgres.sh starts a throwaway cluster (installing Debian's
# postgresql when missing), gives its URL in SKILLCERT_TEST_PG and stops it afterwards.
test-fast: build
	bash scripts/with-postgres.sh $(SWIFT) test

# The browser tests drive the built tool's `skillcert serve` (they build nothing themselves).
test-browser: build
	@bash scripts/install-deps.sh --browser
	@$(MAKE) --no-print-directory $(BROWSER_VENV)/ready
	$(BROWSER_VENV)/bin/python scripts/browser_tests.py --bin $(BIN) $(BROWSER_ARGS)

$(BROWSER_VENV)/ready:
	rm -rf $(BROWSER_VENV)
	/usr/bin/python3 -m venv $(BROWSER_VENV)
	$(BROWSER_VENV)/bin/pip install --quiet --disable-pip-version-check 'selenium>=4.20,<5'
	touch $@

# The year is built once (its last lines are the accounts to sign in with); later runs serve the
# same database and print its accounts again (delete demo.sqlite to build a new year).
demo: build
	@if [ -f $(DEMO_DB) ]; then $(BIN) demo --accounts --db $(DEMO_DB); else $(BIN) demo --db $(DEMO_DB) --out Exports; fi
	$(BIN) serve --db $(DEMO_DB) --port $(DEMO_PORT)

tour: build
	@bash scripts/demo.sh $(BIN) $(TOUR_DB)

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(TOUR_DB) $(TOUR_DB)-wal $(TOUR_DB)-shm

# Import benchmark (issue 3): 1,000,000 rows against sqlite3 .import, side by side.
bench:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_import.py --rows 1000000 --repeat 3

# Export benchmark (issue 8): a 1,000,000-certificate roster against a C program writing the same
# rows straight through libxlsxwriter (bench/roster_floor.c), side by side; then the quarterly report
# on the city-scale demo year (built once into city.sqlite, about a quarter of an hour, and reused);
# then bench-statistics below (PREVIOUS=… to measure the previous build beside this one).
bench-export:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_roster.py --rows 1000000 --repeat 3 --city-db $(CITY_DB)
	python3 scripts/bench_statistics.py --city-db $(CITY_DB) --repeat 5 $(if $(PREVIOUS),--compare $(PREVIOUS))

# Statistics benchmark (issue 17), also the last part of bench-export: the city-scale quarterly
# workbook and the statistics dashboard, medians of five rounds; PREVIOUS=path/to/skillcert (e.g. a
# release build of the previous main) measures that build beside this one in the same run, with the
# ratio, and checks that both workbooks hold the same figures.
bench-statistics:
	$(SWIFT) build -c release
	python3 scripts/bench_statistics.py --city-db $(CITY_DB) --repeat 5 $(if $(PREVIOUS),--compare $(PREVIOUS))

# Listing benchmark (issue 14): the first page of every listing on the city-scale demo year
# (city.sqlite, built once as for bench-export), median time and peak memory per command.
bench-listings:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_listings.py --city-db $(CITY_DB) --repeat 5

# Reads during an import (issue 14): the person listing's first page, timed while another
# process imports a 100,000-row list into the same database and with nothing else running.
bench-reads:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_read_during_import.py --rows 100000

# Web benchmark (issue 15): wrk (32 connections, 30 s a page, three rounds) against the signed-in
# audit trail and institution list and a clerk's classes of `skillcert serve` on a copy of the city
# year (under .build/bench-web), with nothing else running and then while 100,000-row imports run
# beside it. BENCH_WEB_ARGS="--compare OTHER_BUILD" measures another build beside this one.
bench-web:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_web.py --city-db $(CITY_DB) --duration 30 --connections 32 --repeat 3 $(BENCH_WEB_ARGS)

# Province push (issue 19): a copy of the city-scale year (city.sqlite, never changed) pushed into
# an empty PostgreSQL province database of a throwaway cluster, then a day's changes, then the same
# year under three more city codes; time, rows/s and peak memory of each, and the duplicate check.
bench-province:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	SKILLCERT_PG_FSYNC=on bash scripts/with-postgres.sh python3 scripts/bench_province.py --city-db $(CITY_DB) --bin .build/release/skillcert

# The quarterly workbook as LibreOffice prints it (issue 13): the demo year's workbook, each sheet
# printed to PDF on its own and checked (pages, no ###, no label cut off, charts whole on a page of
# their own with their axis titles the right way round); pages as PNG in .build/print-check/sheets.
# Installs libreoffice-calc, poppler-utils and fonts-noto-cjk when missing: not part of make test.
# PRINT_CHECK_DB=city.sqlite checks the city-scale year that make bench-export builds instead.
print-check: build
	python3 scripts/print_check.py $(if $(PRINT_CHECK_DB),--db $(PRINT_CHECK_DB))
