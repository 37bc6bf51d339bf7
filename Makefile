# `make run` opens the bundled sample review; `make test` runs every test.
# Both prepare the machine first (system packages and .venv).

PY := .venv/bin/python
SCRATCH := $(or $(TMPDIR),/tmp)/pir-desktop-sample.pir

.PHONY: setup run test bench lint icons package package-check

setup:
	@bash scripts/setup.sh

run: setup
	$(PY) -m pir_desktop sample --force $(SCRATCH)
	$(PY) main.py $(SCRATCH)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Slow trials, then the PDF export timed against a bare ReportLab build
# (results in docs/benchmarks.md).
bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/report_bench.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/timeline_bench.py

lint: setup
	$(PY) -m ruff check pir_desktop tests main.py

# Render the PNG app icons (48, 128, 256 px) from the SVG with Qt.
icons: setup
	QT_QPA_PLATFORM=offscreen $(PY) scripts/render_icons.py

# One-folder bundle in dist/pir-desktop/, built with PyInstaller from
# packaging/pir-desktop.spec.
package: setup
	$(PY) -m pip install -q 'pyinstaller>=6.0'
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build packaging/pir-desktop.spec

# Run the bundled executable headless: write the sample library, export its PDF.
PACKAGE_CHECK_DIR := $(or $(TMPDIR),/tmp)/pir-desktop-package-check
package-check:
	rm -rf $(PACKAGE_CHECK_DIR) && mkdir -p $(PACKAGE_CHECK_DIR)
	QT_QPA_PLATFORM=offscreen dist/pir-desktop/pir-desktop sample $(PACKAGE_CHECK_DIR)/sample.pir
	QT_QPA_PLATFORM=offscreen dist/pir-desktop/pir-desktop export-pdf \
		$(PACKAGE_CHECK_DIR)/sample.pir -o $(PACKAGE_CHECK_DIR)/sample.pdf
	test -s $(PACKAGE_CHECK_DIR)/sample.pdf
	head -c 5 $(PACKAGE_CHECK_DIR)/sample.pdf | grep -q '%PDF-'
	@echo "package-check: $(PACKAGE_CHECK_DIR)/sample.pdf written by the bundle"
