# IL-6 Heme Atlas — contributor Makefile (GNU make; needs only python3 to start).
# `make help` lists the targets. The virtual environment in .venv is created and
# filled from requirements/*.txt on first use and refreshed whenever those change.

PYTHON     ?= python3
VENV       := .venv
VPY        := $(VENV)/bin/python
BUILDDIR   := _build
SPHINXOPTS ?= -W -n --keep-going -j auto
PORT       ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP  := $(VENV)/.installed-test

# Every download is checked against the hashes in requirements/*.txt (see `make lock`).
PIP_INSTALL := -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary=:all:
LOCK_VENV   := $(BUILDDIR)/lock-venv
PIP_TOOLS   := pip-tools==7.6.2

# A venv whose interpreter no longer runs (e.g. the system Python was upgraded) is rebuilt.
VENV_BROKEN := $(shell test -d $(VENV) && ! $(VPY) -c "" >/dev/null 2>&1 && echo yes)
ifeq ($(VENV_BROKEN),yes)
$(BUILD_STAMP) $(TEST_STAMP): FORCE
endif

.DEFAULT_GOAL := help
.PHONY: help html epub latexpdf test check entity live bench lock clean distclean FORCE

help: ## Show this help
	@echo "IL-6 Heme Atlas — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Variables: SPHINXOPTS='$(SPHINXOPTS)' PORT=$(PORT) PYTEST_ARGS=... BENCH_ARGS=..."

define make_venv
	@if ! $(VPY) -c "" >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  echo ">> creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV) || { \
	    echo "!! could not create a virtual environment."; \
	    echo "   On Debian/Ubuntu run: sudo apt-get install python3-venv   then run the make command again"; \
	    rm -rf $(VENV); exit 1; }; \
	fi
endef

EXTENSION := extensions/sphinxcontrib-atlas

$(BUILD_STAMP): requirements/build.txt $(EXTENSION)/pyproject.toml
	$(make_venv)
	@echo ">> installing the pinned build requirements into $(VENV)"
	@$(VPY) $(PIP_INSTALL) -r requirements/build.txt || { \
	  echo "!! pip install failed (network or index problem?). Fix it and run: make $(MAKECMDGOALS)"; exit 1; }
	@echo ">> installing the extension (sphinxcontrib-atlas) from $(EXTENSION) in editable mode (no dependencies:"
	@echo "   they all came hashed from requirements/build.txt, flit_core, its build backend, too)"
	@$(VPY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e $(EXTENSION) || { \
	  echo "!! installing $(EXTENSION) failed. Fix it and run: make $(MAKECMDGOALS)"; exit 1; }
	@touch $@

$(TEST_STAMP): requirements/test.txt requirements/build.txt $(BUILD_STAMP)
	@echo ">> installing the pinned test requirements into $(VENV)"
	@$(VPY) $(PIP_INSTALL) -r requirements/test.txt || { \
	  echo "!! pip install failed (network or index problem?). Fix it and run: make $(MAKECMDGOALS)"; exit 1; }
	@touch $@

html: $(BUILD_STAMP) ## Build the site into _build/html (warnings are errors)
	$(VPY) -m sphinx -b html -c . docs $(BUILDDIR)/html $(SPHINXOPTS)
	@echo
	@echo "The site is in $(BUILDDIR)/html — open file://$(CURDIR)/$(BUILDDIR)/html/index.html"

epub: $(BUILD_STAMP) ## Build the e-book into _build/epub (warnings are errors)
	$(VPY) -m sphinx -b epub -c . -d $(BUILDDIR)/doctrees-epub docs $(BUILDDIR)/epub $(SPHINXOPTS)
	@echo "The e-book is $(BUILDDIR)/epub/il6-heme-atlas.epub"

latexpdf: $(BUILD_STAMP) ## Build the PDF into _build/latex (needs a TeX installation with latexmk)
	$(VPY) -m sphinx -M latexpdf docs $(BUILDDIR)/latex -c . $(SPHINXOPTS)

test: $(TEST_STAMP) ## Run the test suite (pytest; browser tests need Debian's chromium)
	$(VPY) -m pytest $(PYTEST_ARGS)

check: $(BUILD_STAMP) ## Lint the BibTeX store and the pages in seconds (no full build)
	@$(VPY) -m sphinxcontrib.atlas.check --root .

entity: $(BUILD_STAMP) ## Write a draft page declaring a new entity: make entity ID=CCL5 KIND=molecule [LABEL=...]
	@$(VPY) tools/new_entity.py --id "$(ID)" --kind "$(KIND)" --label "$(LABEL)" --short "$(SHORT)" \
	  --compartment "$(COMPARTMENT)"

live: $(TEST_STAMP) ## Rebuild on save and serve at http://127.0.0.1:PORT/ (default 8000)
	@echo "Serving the live preview at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(VPY) -m sphinx_autobuild --host 127.0.0.1 --port $(PORT) -c . docs $(BUILDDIR)/live \
	  -n --watch citations --watch $(EXTENSION)/src

bench: $(TEST_STAMP) ## Run the benchmark harness (see benchmarks/README.md)
	$(VPY) benchmarks/run.py $(BENCH_ARGS)

lock: ## Regenerate requirements/*.txt, with every file's hash, from the pins in requirements/*.in
	@rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	@$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	@for name in build test; do \
	  echo ">> requirements/$$name.txt"; \
	  CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links --strip-extras -o requirements/$$name.txt requirements/$$name.in \
	    || exit 1; \
	done
	@rm -rf $(LOCK_VENV)
	@echo "Done: review the diff of requirements/*.txt, then run make test."

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR) .pytest_cache

distclean: clean ## Remove build output and the virtual environment
	rm -rf $(VENV)
