"""Every corpus document against its hand-written truth."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import TRUTH_SUFFIX, Report, compare, evaluate_corpus
from pipeline.run import discover, process_file

from conftest import CORPUS

TRUTHS = sorted(CORPUS.glob(f"*{TRUTH_SUFFIX}"))


def test_corpus_is_big_enough():
    docs = [p for p in discover([CORPUS])]
    assert len(TRUTHS) >= 20
    assert {p.suffix for p in docs} >= {".docx", ".html", ".htm", ".doc"}
    # every document has a truth, every truth a document
    assert {p.name for p in docs} == {t.name[: -len(TRUTH_SUFFIX)] for t in TRUTHS}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name[: -len(TRUTH_SUFFIX)])
def test_document_matches_truth(truth_path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    report = Report()
    compare(process_file(truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)])), truth, report)
    assert report.problems == []
    assert report.wrong_unflagged == 0


def test_corpus_figures():
    r = evaluate_corpus(CORPUS)
    assert r.wrong_unflagged == 0
    assert r.levels_right == r.levels_total > 100
    assert r.scores_right == r.scores_total > 30
    assert r.flags_raised == r.flags_expected >= 5


def test_every_value_has_evidence_and_method():
    for truth_path in TRUTHS:
        a = process_file(truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)]))
        for item in a.indicators + a.standards:
            if item.level is not None or item.score is not None:
                assert item.method and item.evidence and item.location, (a.file, item)
