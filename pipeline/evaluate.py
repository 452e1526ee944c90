"""Compare extraction with hand-written truth: `sarkit eval corpus/`.

Each document `X` has `X.truth.json` beside it:
    {"status": "ok", "organisation": "...", "fiscal_year_be": 2557, "framework": "esa-2557",
     "stated": {"standards": 3, "indicators": 17, "score": 95.0, "level": 5},
     "standards": {"1": {"score": 30, "level": 5}},
     "indicators": {"1/1": {"level": 5, "score": 40}, "1/2": {"level": null, "review": true}},
     "findings": ["totals.sum"]}
A key left out is not evaluated. `"ocr": true` marks a scan: indicators OCR misses are not counted
against it, but every value it reports must be flagged. `"level": null` means the document states no clear level; with
`"review": true` it must be flagged. `findings` names checks that must be among the document's findings.

The figure that matters most is `wrong_unflagged`: a value that differs from the truth and carries
no review flag. It must be zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import Assessment
from .run import process_file

TRUTH_SUFFIX = ".truth.json"


@dataclass
class Report:
    documents: int = 0
    status_right: int = 0
    levels_total: int = 0
    levels_right: int = 0
    scores_total: int = 0
    scores_right: int = 0
    indicators_truth: int = 0
    indicators_found: int = 0  # of the truth's indicators, how many were extracted
    indicators_extracted: int = 0
    indicators_extra: int = 0  # extracted but not in the truth
    flags_expected: int = 0
    flags_raised: int = 0
    wrong_unflagged: int = 0
    metadata_total: int = 0
    metadata_right: int = 0
    problems: list[str] = field(default_factory=list)

    @staticmethod
    def _pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "n/a"


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-6
    return a == b


def compare(a: Assessment, truth: dict, r: Report) -> None:
    name = Path(a.file).name
    r.documents += 1

    def problem(msg: str) -> None:
        r.problems.append(f"{name}: {msg}")

    if a.status == truth["status"]:
        r.status_right += 1
    else:
        problem(f"status {a.status!r}, truth {truth['status']!r} {a.error}")
    for key in ("organisation", "fiscal_year_be", "academic_year_be", "framework"):
        if key in truth:
            r.metadata_total += 1
            got = getattr(a, key) or ("" if isinstance(truth[key], str) else None)
            if _same(got, truth[key]):
                r.metadata_right += 1
            else:
                problem(f"{key} {got!r}, truth {truth[key]!r}")
    stated = truth.get("stated")
    if stated:
        st = a.stated
        for key, want in stated.items():
            got = getattr(st, key) if st else None
            if not _same(got, want):
                problem(f"stated {key} {got!r}, truth {want!r}")
                r.wrong_unflagged += got is not None
    # Keys as the truth writes them: "1/2" (standard/indicator) and "1"; in a report of parts
    # "ปฐมวัย/1/2" and "ปฐมวัย/1".
    found = {(f"{i.part}/" if i.part else "") + f"{i.standard}/{i.indicator}": i for i in a.indicators}
    stds = {(f"{s.part}/" if s.part else "") + s.standard: s for s in a.standards}
    want_inds: dict = truth.get("indicators", {})
    r.indicators_truth += len(want_inds)
    r.indicators_extracted += len(found)
    r.indicators_extra += len(set(found) - set(want_inds))
    for key in sorted(set(found) - set(want_inds)):
        problem(f"indicator {key} extracted but not in the truth")
        if found[key].level is not None and not found[key].needs_review:
            r.wrong_unflagged += 1
    _check_findings(a, truth, problem)
    items = [(f"indicator {k}", found.get(k), v) for k, v in want_inds.items()]
    items += [(f"standard {k}", stds.get(k), v) for k, v in truth.get("standards", {}).items()]
    ocr = truth.get("ocr", False)  # a scan: OCR may miss values; those it finds must be right or flagged
    for label, got, want in items:
        if label.startswith("indicator"):
            if got is None:
                if not ocr:
                    problem(f"{label} not found")
            else:
                r.indicators_found += 1
        flagged = bool(got and got.needs_review)
        if ocr and got is not None and (got.level is not None or got.score is not None) and not flagged:
            problem(f"{label} was read by OCR but not flagged for review")
        if ocr and got is None:
            continue
        if ocr:  # count only what OCR found
            want = {k: v for k, v in want.items() if k not in ("level", "score") or getattr(got, k, None) is not None}
        if "level" in want:
            level = got.level if got else None
            if want["level"] is not None:
                r.levels_total += 1
                if level == want["level"]:
                    r.levels_right += 1
                else:
                    problem(f"{label} level {level}, truth {want['level']}{' (flagged)' if flagged else ''}")
            elif level is not None:
                problem(f"{label} level {level} where the document states none")
            if level is not None and level != want["level"] and not flagged:
                r.wrong_unflagged += 1
        if "score" in want:
            r.scores_total += 1
            score = got.score if got else None
            if _same(score, want["score"]):
                r.scores_right += 1
            else:
                problem(f"{label} score {score}, truth {want['score']}")
                if score is not None and not flagged:
                    r.wrong_unflagged += 1
        if want.get("review"):
            r.flags_expected += 1
            if flagged:
                r.flags_raised += 1
            else:
                problem(f"{label} should be flagged for review")


def _check_findings(a: Assessment, truth: dict, problem) -> None:
    raised = {f.check for f in a.findings}
    for check in truth.get("findings", []):
        if check not in raised:
            problem(f"finding {check} expected but not raised")


def evaluate_corpus(corpus: str | Path, process=process_file) -> Report:
    """Every document with a truth file beside it, read by `process` (the whole flow by default)."""
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
    ]
    if r.problems:
        lines.append(f"disagreements        {len(r.problems)}")
        if verbose:
            lines += [f"  {x}" for x in r.problems]
    return "\n".join(lines)
