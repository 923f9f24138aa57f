# appbook — `make demo` and `make test` work on a fresh Debian machine: they install what is
# missing (as root, or with sudo), build, and run.

SHELL := /bin/bash
CARGO ?= cargo
BIN := $(or $(CARGO_TARGET_DIR),target)/debug/appbook
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The check-only build (no typst or docx-rs): its own target folder, so it never displaces
# the full build's artifacts.
CHECK_ONLY_DIR := target/check-only

# Debian packages the project needs, each with a command that proves it is there.
#   poppler-utils: pdfinfo, pdffonts, pdftotext read the PDFs in tests
#   libreoffice-writer-nogui: tests open the DOCX in LibreOffice (headless)
#   fontconfig: fc-list finds the Kai font
#   qpdf: tests make encrypted PDFs with it
#   time: GNU time measures the peak memory of a check on a hostile file
#   bsdutils: script runs appbook on a pseudo-terminal to test colours
#   chromium, chromium-driver: the browser tests of `appbook edit` (tests/edit_browser.rs)
PKG_CHECKS := poppler-utils:pdfinfo libreoffice-writer-nogui:soffice fontconfig:fc-list qpdf:qpdf time:/usr/bin/time bsdutils:script chromium:chromium chromium-driver:chromedriver

.PHONY: all deps fonts build demo test test-check-only test-docker lint bench bench-deps schema references clean fuzz

all: build

# One apt-get update, and only when something is missing. The PDF needs a Kai font: 標楷體 if
# present, else TW-Kai from Debian's fonts-cns11643-kai.
deps:
	@missing=""; \
	for pc in $(PKG_CHECKS); do \
	  pkg=$${pc%%:*}; cmd=$${pc##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if ! (command -v fc-list >/dev/null 2>&1 && fc-list : family | sed 's/\\//g' | grep -qiE 'DFKai|BiauKai|標楷體|TW-Kai|UKai|TW-MOE-Std-Kai'); then \
	  missing="$$missing fonts-cns11643-kai"; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# The format-check tests write Word files of other makers' kind with python-docx.
	@python3 -c 'import docx' 2>/dev/null || python3 -m pip install --quiet python-docx
	@# tests/integration.rs runs the pre-commit hook as a repository of applications would.
	@command -v pre-commit >/dev/null 2>&1 || python3 -m pip install --quiet pre-commit

fonts: deps

build:
	$(CARGO) build

demo: deps build
	$(BIN) check samples
	@set -e; for app in samples/*/*/application.yaml; do \
	  programme=$$(basename $$(dirname $$(dirname $$app))); \
	  $(BIN) render $$app -o $(OUT)/$$programme; \
	done
	@echo "rendered every sample into $(OUT)/"

# `make demo` then `make test` compile each crate once: both use the dev profile (optimised
# dependencies) and the same features.
test: deps
	$(CARGO) test --no-fail-fast

# The check-only build a CI job of an application repository installs: it must hold no typst or
# docx-rs, and check every sample and fixture with exactly the results of the full build.
test-check-only: build
	CARGO_TARGET_DIR=$(CHECK_ONLY_DIR) $(CARGO) build --no-default-features
	sh tests/check-only.sh $(BIN) $(CHECK_ONLY_DIR)/debug/appbook

# The Dockerfile's image, built and run on the samples; needs a running Docker daemon, so it is
# not part of `make test`.
test-docker:
	docker build -t appbook:test .
	docker run --rm -v "$(CURDIR)/samples:/work:ro" appbook:test check .

# hyperfine times whole processes; Typst's Python binding (a prebuilt wheel) is the reference
# that compiles the book's template and data with Typst alone.
bench-deps: deps
	@command -v hyperfine >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends hyperfine; }
	@python3 -c 'import typst' 2>/dev/null || python3 -m pip install --quiet 'typst==0.15.*'

BENCH_RESULTS := $(or $(CARGO_TARGET_DIR),target)/bench/results.tsv

# Speed (issue 16's goals) of the release build, as `cargo install --path .` builds appbook for
# its users (in the target folder's own `release` folder, so `make demo` and `make test` keep
# their dev build), each figure with its reference from the same run: one book against Typst
# alone on the same content, a folder of 50 against the same 50 one by one, checking 10,000
# applications, start-up, peak memory; then the README's speed table is written from the
# figures (bench/table.py), and the editor's preview latency is printed.
bench: bench-deps
	rm -f $(BENCH_RESULTS)
	BENCH_RESULTS=$(BENCH_RESULTS) sh bench/render.sh
	BENCH_RESULTS=$(BENCH_RESULTS) sh bench/batch.sh
	BENCH_RESULTS=$(BENCH_RESULTS) sh bench/check.sh
	python3 bench/table.py $(BENCH_RESULTS) README.md
	sh bench/edit.sh

# After a deliberate change of layout, and after looking at the new pages: make them the
# reviewed reference images tests/visual.rs compares every page of every sample with.
references: deps
	APPBOOK_UPDATE_REFERENCES=1 $(CARGO) test --test visual

# Every fuzz target of fuzz/ for FUZZ_SECONDS each, one after another, then a table of the run
# (the README keeps the last one). Needs the nightly toolchain; installs cargo-fuzz when missing.
# Findings land in fuzz/artifacts/<target>/; each one fixed is kept in fuzz/regressions/<target>/,
# which `make test` replays on stable (tests/fuzz_regressions.rs).
FUZZ_SECONDS ?= 600
fuzz: build
	@rustup run nightly rustc --version >/dev/null 2>&1 || { echo "make fuzz needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	nice -n 10 bash fuzz/run.sh $(FUZZ_SECONDS) $(BIN)

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --all-targets --no-default-features -- -D warnings

schema: build
	$(BIN) schema moe-learning-award > schemas/moe-learning-award.schema.json
	$(BIN) schema sme-org-learning > schemas/sme-org-learning.schema.json

clean:
	rm -rf $(OUT)
