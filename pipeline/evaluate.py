"""Compare extraction with hand-written truth: `sarkit eval corpus/`.

Each document `X` has `X.truth.json` beside it:
    {"status": "ok", "organisation": "...", "fiscal_year_be": 2557, "framework": "esa-2557",
     "stated": {"standards": 3, "indicators": 17, "score": 95.0, "level": 5},
     "standards": {"1": {"score": 30, "level": 5}},
     "indicators": {"1/1": {"level": 5, "score": 40}, "1/2": {"level": null, "review": true}},
     "findings": ["totals.sum"]}
Keys are "standard/indicator" and "standard", prefixed "part/" in a report of parts. A key left out is
not evaluated; when "standards" is given, a standard extracted beyond it is counted as extra, and so is
an indicator beyond "indicators". `"ocr": true` marks a scan: indicators OCR misses are not counted
against it, but every value it reports must be flagged. `"level": null` means the document states no
clear level; with `"review": true` it must be flagged. `findings` names checks that must be raised; a
document whose truth status is `ok` must raise no warning at all.

Every value kind (indicator level, standard level, label, score, stated total, metadata, findings) is
counted: right, flagged (wrong or missing, with a flag that concerns that value), flagged for something
else, missing (no value, no flag), wrong and unflagged, extra. A flag counts only when its check
concerns the value: a wrong level on a row flagged for its name is wrong and unflagged. The figure that
matters most is `wrong_unflagged`; it must be zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import Assessment, Indicator, Judged
from .patterns import level_of_label
from .run import process_file

TRUTH_SUFFIX = ".truth.json"

# Which checks speak of which value: a flag for a level is no flag for a name.
_ABOUT_LEVEL = {"ticks.multiple", "ticks.none", "ticks.unknown_symbol", "level.label_mismatch", "level.missing",
                "level.no_result", "level.weak_choice", "sources.disagree", "ocr.unconfirmed", "levels.label",
                "scores.level_vs_score"}
_ABOUT_SCORE = {"sources.disagree", "ocr.unconfirmed", "level.missing", "level.no_result", "scores.level_vs_score",
                "scores.maximum", "totals.standard_sum"}
_ABOUT_TOTALS = {"totals.disagree", "totals.sum", "counts.standards", "counts.indicators", "scores.maximum"}
KINDS = ("indicator level", "standard level", "label", "score", "stated total", "metadata", "findings")


@dataclass
class Tally:
    right: int = 0
    flagged: int = 0  # wrong or missing, and a flag concerns this value
    flagged_other: int = 0  # missing, and flagged only for something else
    missing: int = 0  # no value and no flag (an honest gap, but a gap)
    wrong_unflagged: int = 0
    extra: int = 0  # a value where the truth has none to compare

    @property
    def total(self) -> int:
        return self.right + self.flagged + self.flagged_other + self.missing + self.wrong_unflagged


@dataclass
class Report:
    documents: int = 0
    status_right: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    indicators_truth: int = 0
    indicators_found: int = 0  # of the truth's indicators, how many were extracted
    indicators_extracted: int = 0
    flags_expected: int = 0
    flags_raised: int = 0
    problems: list[str] = field(default_factory=list)

    # The headline figures, from the tallies.
    @property
    def levels_total(self) -> int:
        return sum(self.tallies[k].total for k in ("indicator level", "standard level"))

    @property
    def levels_right(self) -> int:
        return sum(self.tallies[k].right for k in ("indicator level", "standard level"))

    @property
    def scores_total(self) -> int:
        return self.tallies["score"].total

    @property
    def scores_right(self) -> int:
        return self.tallies["score"].right

    @property
    def metadata_total(self) -> int:
        return self.tallies["metadata"].total

    @property
    def metadata_right(self) -> int:
        return self.tallies["metadata"].right

    @property
    def indicators_extra(self) -> int:
        return self.tallies["indicator level"].extra

    @property
    def wrong_unflagged(self) -> int:
        return sum(t.wrong_unflagged for t in self.tallies.values())

    @staticmethod
    def _pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "n/a"


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-6
    return a == b


def _key(x: Judged) -> str:
    part = f"{x.part}/" if x.part else ""
    return part + (f"{x.standard}/{x.indicator}" if isinstance(x, Indicator) else x.standard)


def _checks_on(a: Assessment, x: Judged) -> set[str]:
    """The checks whose findings name this indicator or standard."""
    if isinstance(x, Indicator):
        return {f.check for f in a.findings if f.indicator_id == x.indicator_id and f.severity != "info"}
    return {f.check for f in a.findings if f.standard == x.standard and f.part == x.part and not f.indicator
            and f.severity != "info"}


def _judge(t: Tally, got, want, about: bool, flagged_any: bool) -> str:
    """Count one value; returns what it was ("right", "flagged", …) for the problem list."""
    if _same(got, want):
        t.right += 1
        return "right"
    if about:
        t.flagged += 1
        return "flagged"
    if got is None:
        if flagged_any:
            t.flagged_other += 1
            return "flagged for something else"
        t.missing += 1
        return "missing"
    t.wrong_unflagged += 1
    return "wrong and unflagged"


def compare(a: Assessment, truth: dict, r: Report) -> None:
    name = Path(a.file).name
    r.documents += 1

    def problem(msg: str) -> None:
        r.problems.append(f"{name}: {msg}")

    if a.status == truth["status"]:
        r.status_right += 1
    else:
        problem(f"status {a.status!r}, truth {truth['status']!r} {a.error}")
    meta = r.tallies["metadata"]
    for key in ("organisation", "fiscal_year_be", "academic_year_be", "framework"):
        if key in truth:
            got = getattr(a, key) or None
            if _judge(meta, got, truth[key] or None, False, False) != "right":
                problem(f"{key} {got!r}, truth {truth[key]!r}")
    _compare_totals(a, truth, r, problem)
    _compare_findings(a, truth, r, problem)

    found = {_key(i): i for i in a.indicators}
    stds = {_key(s): s for s in a.standards}
    want_inds: dict = truth.get("indicators", {})
    r.indicators_truth += len(want_inds)
    r.indicators_extracted += len(found)
    ocr = truth.get("ocr", False)  # a scan: OCR may miss values; those it finds must be right or flagged
    extras = [(k, found[k], "indicator level") for k in sorted(set(found) - set(want_inds)) if "indicators" in truth]
    extras += [(k, stds[k], "standard level") for k in sorted(set(stds) - set(truth.get("standards", {})))
               if "standards" in truth]
    for key, x, kind in extras:
        if x.level is None and x.score is None:
            continue  # a heading with no value: nothing claimed
        t = r.tallies[kind]
        t.extra += 1
        problem(f"{kind} {key} = {x.level} extracted but not in the truth")
        if not (_checks_on(a, x) & _ABOUT_LEVEL):
            t.wrong_unflagged += 1
    items = [("indicator level", found.get(k), k, v) for k, v in want_inds.items()]
    items += [("standard level", stds.get(k), k, v) for k, v in truth.get("standards", {}).items()]
    for kind, got, key, want in items:
        label = f"{kind.split()[0]} {key}"
        if kind == "indicator level":
            if got is None and not ocr:
                problem(f"{label} not found")
            elif got is not None:
                r.indicators_found += 1
        if ocr and got is None:
            continue
        checks = _checks_on(a, got) if got is not None else set()
        flagged = bool(got and got.needs_review)
        if ocr and got is not None and (got.level is not None or got.score is not None) and not flagged:
            problem(f"{label} was read by OCR but not flagged for review")
        if ocr:  # count only what OCR found
            want = {k: v for k, v in want.items() if k not in ("level", "score") or getattr(got, k, None) is not None}
        if "level" in want:
            level = got.level if got else None
            res = _judge(r.tallies[kind], level, want["level"], bool(checks & _ABOUT_LEVEL), flagged)
            if res != "right":
                problem(f"{label} level {level}, truth {want['level']} ({res})")
            if level is not None and got.level_label_as_written and want["level"] is not None:
                _judge(r.tallies["label"], level_of_label(got.level_label_as_written), want["level"],
                       bool(checks & _ABOUT_LEVEL), flagged)
        if "score" in want:
            score = got.score if got else None
            res = _judge(r.tallies["score"], score, want["score"], bool(checks & _ABOUT_SCORE), flagged)
            if res != "right":
                problem(f"{label} score {score}, truth {want['score']} ({res})")
        if want.get("review"):
            r.flags_expected += 1
            if flagged:
                r.flags_raised += 1
            else:
                problem(f"{label} should be flagged for review")


def _compare_totals(a: Assessment, truth: dict, r: Report, problem) -> None:
    stated = truth.get("stated")
    if not stated:
        return
    st = a.stated
    about = bool({f.check for f in a.findings if f.severity != "info"} & _ABOUT_TOTALS)
    for key, want in stated.items():
        got = getattr(st, key) if st else None
        res = _judge(r.tallies["stated total"], got, want, about and got is not None, False)
        if res != "right":
            problem(f"stated {key} {got!r}, truth {want!r} ({res})")


def _compare_findings(a: Assessment, truth: dict, r: Report, problem) -> None:
    t = r.tallies["findings"]
    raised = {f.check for f in a.findings}
    for check in truth.get("findings", []):
        if check in raised:
            t.right += 1
        else:
            t.missing += 1
            problem(f"finding {check} expected but not raised")
    if truth["status"] == "ok":  # a clean report must raise no warning: each one is a false finding
        for f in a.findings:
            if f.severity in ("warning", "error"):
                t.extra += 1
                problem(f"finding {f.check} raised on a clean report: {f.message}")


def evaluate_corpus(corpus: str | Path, process=None) -> Report:
    """Every document with a truth file beside it, read by `process` (the whole flow by default)."""
    process = process or process_file
    r = Report()
    for truth_path in sorted(Path(corpus).rglob(f"*{TRUTH_SUFFIX}")):
        doc = truth_path.with_name(truth_path.name[: -len(TRUTH_SUFFIX)])
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        compare(process(doc), truth, r)
    return r


def format_report(r: Report, verbose: bool = False) -> str:
    p = Report._pct
    recall = p(r.indicators_found, r.indicators_truth)
    precision = p(r.indicators_extracted - r.indicators_extra, r.indicators_extracted)
    lines = [
        f"documents            {r.documents}",
        f"status right         {p(r.status_right, r.documents)}",
        f"level accuracy       {p(r.levels_right, r.levels_total)}",
        f"score accuracy       {p(r.scores_right, r.scores_total)}",
        f"indicator recall     {recall}",
        f"indicator precision  {precision}",
        f"review flags raised  {p(r.flags_raised, r.flags_expected)}",
        f"metadata right       {p(r.metadata_right, r.metadata_total)}",
        f"wrong but unflagged  {r.wrong_unflagged}",
        "",
        f"{'value':<16}{'right':>7}{'flagged':>9}{'flag≠':>7}{'missing':>9}{'wrong':>7}{'extra':>7}",
    ]
    for kind, t in r.tallies.items():
        lines.append(f"{kind:<16}{t.right:>7}{t.flagged:>9}{t.flagged_other:>7}{t.missing:>9}"
                     f"{t.wrong_unflagged:>7}{t.extra:>7}")
    lines.append("(flagged: wrong or missing with a flag about that value; flag≠: missing, flagged for something "
                 "else; wrong: wrong and unflagged)")
    if r.problems:
        lines.append(f"disagreements        {len(r.problems)}")
        if verbose:
            lines += [f"  {x}" for x in r.problems]
    return "\n".join(lines)


__all__ = ["Report", "Tally", "compare", "evaluate_corpus", "format_report", "TRUTH_SUFFIX"]
