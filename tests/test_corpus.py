"""Every corpus document against its hand-written truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import TRUTH_SUFFIX, Report, compare, evaluate_corpus
from pipeline.run import find_documents

from conftest import CORPUS, HAVE_SOFFICE, HAVE_TESSERACT, processed

TRUTHS = sorted(CORPUS.glob(f"*{TRUTH_SUFFIX}"))


def _tool_missing(name: str) -> str | None:
    if name.startswith("legacy_") and not HAVE_SOFFICE:
        return "LibreOffice is not installed"
    if name.startswith("pdf_scan") and not HAVE_TESSERACT:
        return "Tesseract is not installed"
    return None


def test_corpus_is_big_enough():
    docs = [Path(p) for p in find_documents([CORPUS])]
    assert len(TRUTHS) >= 20
    assert {p.suffix for p in docs} >= {".docx", ".html", ".htm", ".doc", ".rtf", ".pdf"}
    assert sum(p.suffix == ".pdf" for p in docs) >= 12 and sum(p.name.startswith("legacy_") for p in docs) >= 4
    # every document has a truth, every truth a document
    assert {p.name for p in docs} == {t.name[: -len(TRUTH_SUFFIX)] for t in TRUTHS}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name[: -len(TRUTH_SUFFIX)])
def test_document_matches_truth(truth_path):
    if missing := _tool_missing(truth_path.name):
        pytest.skip(missing)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    report = Report()
    compare(processed(truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)])), truth, report)
    assert report.problems == []
    assert report.wrong_unflagged == 0


@pytest.mark.skipif(not (HAVE_SOFFICE and HAVE_TESSERACT), reason="LibreOffice and Tesseract are needed")
def test_corpus_figures():
    r = evaluate_corpus(CORPUS, processed)
    assert r.wrong_unflagged == 0
    assert r.levels_right == r.levels_total > 100
    assert r.scores_right == r.scores_total > 30
    assert r.flags_raised == r.flags_expected >= 5


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name[: -len(TRUTH_SUFFIX)])
def test_every_value_has_evidence_and_method(truth_path):
    if missing := _tool_missing(truth_path.name):
        pytest.skip(missing)
    a = processed(truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)]))
    for item in a.indicators + a.standards:
        if item.level is not None or item.score is not None:
            assert item.method and item.evidence and item.location, (a.file, item)


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name[: -len(TRUTH_SUFFIX)])
def test_every_finding_has_thai_details(truth_path):
    """The officer reads the verdict in Thai: every finding but the parser's own notes says its detail in Thai."""
    if missing := _tool_missing(truth_path.name):
        pytest.skip(missing)
    a = processed(truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)]))
    for f in a.findings:
        if not f.check.startswith("read"):
            assert f.message_th and any("\u0e00" <= ch <= "\u0e7f" for ch in f.message_th), f
