# SkillCert: two commands on a fresh machine with only Swift on it.
#   make demo   builds, initialises demo.sqlite from Catalog/ and writes workbooks into Exports/
#   make test   builds and runs every test
SWIFT ?= swift
DEMO_DB ?= demo.sqlite
BIN = .build/debug/skillcert

.PHONY: deps build test demo clean bench bench-export

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The kill -9 test runs the built tool as a separate process, so build it first.
test: deps
	$(SWIFT) build
	$(SWIFT) test

demo: build
	@bash scripts/demo.sh $(BIN) $(DEMO_DB)

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# Import benchmark (issue 3): 1,000,000 rows against sqlite3 .import, side by side.
bench:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_import.py --rows 1000000 --repeat 3

# Export benchmark (issue 8): a 1,000,000-certificate roster against a C program writing the same
# rows straight through libxlsxwriter (bench/roster_floor.c), side by side.
bench-export:
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release
	python3 scripts/bench_roster.py --rows 1000000 --repeat 3
