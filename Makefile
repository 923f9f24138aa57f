# appbook — `make demo` and `make test` work on a fresh Debian machine: they install what is
# missing (as root, or with sudo), build, and run.

SHELL := /bin/bash
CARGO ?= cargo
BIN := target/debug/appbook
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages the project needs, each with a command that proves it is there.
#   poppler-utils: pdfinfo, pdffonts, pdftotext read the PDFs in tests
#   libreoffice-writer-nogui: tests open the DOCX in LibreOffice (headless)
#   fontconfig: fc-list finds the Kai font
PKG_CHECKS := poppler-utils:pdfinfo libreoffice-writer-nogui:soffice fontconfig:fc-list

.PHONY: all deps fonts build demo test lint bench schema clean

all: build

deps: fonts
	@missing=""; \
	for pc in $(PKG_CHECKS); do \
	  pkg=$${pc%%:*}; cmd=$${pc##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The PDF needs a Kai font: 標楷體 if present, else TW-Kai from Debian's fonts-cns11643-kai.
fonts:
	@if ! (command -v fc-list >/dev/null 2>&1 && fc-list : family | grep -qiE 'DFKai|BiauKai|標楷體|TW-Kai|UKai|TW-MOE-Std-Kai'); then \
	  echo "no Kai font found: installing fonts-cns11643-kai (TW-Kai)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends fonts-cns11643-kai fontconfig; \
	fi

build:
	$(CARGO) build

demo: deps build
	@mkdir -p $(OUT)
	$(BIN) check samples
	@echo "checked every sample; outputs in $(OUT)/"

test: deps
	$(CARGO) test --no-fail-fast

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

schema: build
	$(BIN) schema moe-learning-award > schemas/moe-learning-award.schema.json
	$(BIN) schema sme-org-learning > schemas/sme-org-learning.schema.json

clean:
	rm -rf $(OUT)
