# Two entry points: `make run` (extract the bundled corpus) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval bench clean system-deps example

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Exit 1 from extract means "some files could not be read": the corpus holds broken files on purpose.
run: $(STAMP)
	@bash scripts/system-deps.sh
	$(BIN)/sarkit extract corpus/ --out outputs/ || [ $$? -eq 1 ]
	$(BIN)/sarkit report outputs/
	@echo "Results: outputs/ (documents, standards, indicators, findings as .csv/.parquet, sarkit.xlsx," \
	  "documents.jsonl); open outputs/report.html in a browser. Columns: outputs/README.md."

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/sarkit eval corpus/

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]' || echo "PyMuPDF not installed: its column is left out"
	$(BIN)/python bench/bench_all.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_scale.py --sizes 1000,10000 --reports 200

# LibreOffice reads .doc/.rtf/.odt, Tesseract (with Thai) reads scans; without them those files get
# an error row saying which package to install, and their tests are skipped.
system-deps:
	bash scripts/system-deps.sh --browser

example: $(STAMP)
	$(BIN)/python examples/levels_by_office_year.py outputs/

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/*.xlsx outputs/*.jsonl outputs/report.html
