# `make run` opens the bundled sample review; `make test` runs every test.
# Both prepare the machine first (system packages and .venv).

PY := .venv/bin/python
SCRATCH := $(or $(TMPDIR),/tmp)/pir-desktop-sample.pir

.PHONY: setup run test bench lint

setup:
	@bash scripts/setup.sh

run: setup
	$(PY) -m pir_desktop sample --force $(SCRATCH)
	$(PY) main.py $(SCRATCH)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow

lint: setup
	$(PY) -m ruff check pir_desktop tests main.py
