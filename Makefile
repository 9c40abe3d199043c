# SkillCert: two commands on a fresh machine with only Swift on it.
#   make demo   builds, initialises demo.sqlite from Catalog/ and writes workbooks into Exports/
#   make test   builds and runs every test
SWIFT ?= swift
DEMO_DB ?= demo.sqlite
BIN = .build/debug/skillcert

.PHONY: deps build test demo clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

demo: build
	@bash scripts/demo.sh $(BIN) $(DEMO_DB)

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
