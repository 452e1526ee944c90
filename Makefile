# Two entry points: `make run` (extract the bundled corpus) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval bench clean system-deps

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sarkit extract corpus/ --out outputs/

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/sarkit eval corpus/

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_batch.py

# LibreOffice reads .doc/.rtf/.odt, Tesseract (with Thai) reads scans; without them those files get
# an error row saying which package to install, and their tests are skipped.
system-deps:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	  libreoffice-writer-nogui tesseract-ocr tesseract-ocr-tha fonts-thai-tlwg

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/*.xlsx outputs/*.jsonl
