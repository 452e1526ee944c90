"""The evaluator must be able to fail: planted errors of every kind move their counter."""

from __future__ import annotations

from pipeline.evaluate import Report, compare, format_report
from pipeline.model import Assessment, Finding, Indicator, Standard, StatedTotals

TRUTH = {"status": "ok", "organisation": "โรงเรียนบ้านนาดี", "academic_year_be": 2566,
         "stated": {"level": 4}, "standards": {"1": {"level": 4}},
         "indicators": {"1/1.1": {"level": 4, "score": 4.5}, "1/1.2": {"level": 5}},
         "findings": []}


def assessment(**change) -> Assessment:
    """A clean assessment matching TRUTH, with `change` applied."""
    a = Assessment(file="x.docx", status="ok", organisation="โรงเรียนบ้านนาดี", academic_year_be=2566, assessed=True)
    a.standards = [Standard("1", level=4, level_label_as_written="ดีเลิศ")]
    a.indicators = [Indicator("1", "1.1", level=4, level_label_as_written="ดีเลิศ", score=4.5),
                    Indicator("1", "1.2", level=5, level_label_as_written="ยอดเยี่ยม")]
    a.totals = [StatedTotals(None, None, None, 4, "ดีเลิศ", "", "")]
    for k, v in change.items():
        setattr(a, k, v) if not callable(v) else v(a)
    return a


def run(a: Assessment, truth: dict = TRUTH) -> Report:
    r = Report()
    compare(a, truth, r)
    return r


def flag(a: Assessment, ind: Indicator, check: str) -> None:
    ind.review_reasons.append(check)
    a.findings.append(Finding(check, "warning", check, indicator_id=ind.indicator_id, standard=ind.standard,
                              indicator=ind.indicator))


def test_clean_assessment_is_all_right():
    r = run(assessment())
    assert r.wrong_unflagged == 0 and r.problems == []
    assert r.tallies["indicator level"].right == 2 and r.tallies["score"].right == 1
    assert r.tallies["label"].right == 3 and r.tallies["metadata"].right == 2 and r.tallies["stated total"].right == 1


def test_wrong_level_unflagged_and_flagged_for_something_else():
    a = assessment()
    a.indicators[0].level = 3
    assert run(a).tallies["indicator level"].wrong_unflagged == 1
    flag(a, a.indicators[0], "indicators.name")  # a flag about its name is no flag about its level
    assert run(a).tallies["indicator level"].wrong_unflagged == 1
    flag(a, a.indicators[0], "ticks.multiple")
    t = run(a).tallies["indicator level"]
    assert (t.wrong_unflagged, t.flagged) == (0, 1)


def test_missing_level_with_and_without_a_flag():
    a = assessment()
    a.indicators[1].level = None
    assert run(a).tallies["indicator level"].missing == 1
    flag(a, a.indicators[1], "indicators.name")
    assert run(a).tallies["indicator level"].flagged_other == 1
    flag(a, a.indicators[1], "level.no_result")
    assert run(a).tallies["indicator level"].flagged == 1


def test_extra_indicator_and_standard():
    a = assessment()
    a.indicators.append(Indicator("1", "1.3", level=4))
    a.standards.append(Standard("2", level=5))
    r = run(a)
    assert r.tallies["indicator level"].extra == 1 and r.tallies["standard level"].extra == 1
    assert r.wrong_unflagged == 2


def test_wrong_label_score_totals_metadata_findings():
    a = assessment(organisation="โรงเรียนอื่น", academic_year_be=None)
    a.indicators[0].level_label_as_written = "ยอดเยี่ยม"  # level 4 labelled as 5
    a.indicators[0].score = 3.5
    a.totals = [StatedTotals(None, None, None, 3, "", "", "")]
    a.findings.append(Finding("totals.sum", "warning", "a false finding on a clean report"))
    r = run(a, dict(TRUTH, findings=["counts.indicators"]))
    assert r.tallies["label"].wrong_unflagged == 1
    assert r.tallies["score"].wrong_unflagged == 1
    assert r.tallies["stated total"].flagged == 1  # totals.sum concerns the totals
    assert r.tallies["metadata"].wrong_unflagged == 1 and r.tallies["metadata"].missing == 1
    assert r.tallies["findings"].missing == 1 and r.tallies["findings"].extra == 1
    assert "wrong" in format_report(r)
