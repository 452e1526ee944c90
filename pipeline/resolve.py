"""The one place that decides: from every scope's candidates to the standards and indicators of an
Assessment, with a review flag and a reason wherever the evidence is not clear-cut.

- Result candidates that agree give the value, with every source in `method`.
- Result candidates that disagree give no level, flagged, naming each source and its location
  (two result levels in one sentence likewise).
- Only target / previous / rubric / evidence candidates: no level and no flag (a plan, a rubric).
- A choice shown only by bold type or shading: the level, flagged.
- A candidate the rule could not read (two ticks, no tick, an unreadable symbol, a label that
  contradicts its number): no level from it, flagged with the rule's reason.
- A scope that looks assessed (a result heading, level table, the rest of the report assessed)
  but has no result: flagged "no result found". No value is ever invented.

Scopes are keyed as the output tables key them: (part, standard, indicator). The part is kept only
when the report has two parts or more, so a one-part report that names its part in a heading keys
its executive summary and its body alike.
"""

from __future__ import annotations

from .candidates import EVIDENCE, RESULT, RUBRIC, Candidate, TotalCandidate
from .model import Assessment, Finding, Indicator, Judged, Standard, StatedTotals
from .scales import canonical_label
from .scopes import Scope
from .structure import Structure


def resolve(structure: Structure, candidates: list[Candidate | TotalCandidate], a: Assessment) -> None:
    """Fill `a.standards`, `a.indicators`, `a.totals`, `a.assessed` and the extraction findings."""
    multi = len(structure.tree.parts()) > 1
    items: dict[tuple, Judged] = {}
    for scope in structure.tree.walk():
        if scope.kind in ("standard", "indicator"):
            _item(items, scope, multi)
    orphans: list[Candidate] = []
    for c in candidates:
        if isinstance(c, TotalCandidate):
            if c.role == RESULT:
                a.totals.append(StatedTotals(c.standards, c.indicators, c.score, c.level, c.label, c.evidence,
                                             c.location, c.scope.part if multi else ""))
            continue
        if c.scope.kind in ("standard", "indicator"):
            _item(items, c.scope, multi).candidates.append(c)
        elif c.role == RESULT and c.method.startswith(("table-tick", "ocr:table-tick", "level-matrix")):
            orphans.append(c)
    for c in orphans:
        what = "; ".join(r for _, r in c.flags) or f"level {c.level}"
        a.findings.append(Finding("extract.orphan_level_table", "warning",
                                  f"a level table with no indicator heading before it ({what})", location=c.location,
                                  message_th="ตารางระดับคุณภาพที่ไม่มีหัวข้อตัวบ่งชี้กำกับ"))
    part_order = {p.number: k for k, p in enumerate(structure.tree.parts())}  # parts in the report's order

    def sort_key(x: Judged) -> tuple:
        return (part_order.get(x.part, -1), _num_key(x.standard), _num_key(getattr(x, "indicator", "")))
    a.standards = sorted((x for x in items.values() if isinstance(x, Standard)), key=sort_key)
    a.indicators = sorted((x for x in items.values() if isinstance(x, Indicator)), key=sort_key)
    for item in items.values():
        _prose_rubric(item)
    stated_values = any(t.score is not None or t.level is not None for t in a.totals)
    results = [c for x in items.values() for c in x.candidates if c.role == RESULT]
    a.assessed = stated_values or bool(results) or any(_assessed_without_result(x) for x in items.values())
    values_found = stated_values or any(c.has_value for c in results)
    for item in a.standards + a.indicators:
        _decide(item, a)
    if values_found:
        for ind in a.indicators:
            if not any(c.role == RESULT for c in ind.candidates):
                flag(a, ind, "level.missing", "no level or score found for this indicator", ind.heading_location,
                     th="ไม่พบระดับคุณภาพหรือคะแนนของตัวบ่งชี้นี้")
    _totals_disagree(a)


def _item(items: dict, scope: Scope, multi: bool) -> Judged:
    part = scope.part if multi else ""
    std = scope.standard
    key = (part, std, scope.number if scope.kind == "indicator" else "")
    item = items.get(key)
    if item is None:
        if scope.kind == "standard":
            item = Standard(std, scope.name, scope.location, part=part)
        else:
            item = Indicator(std, scope.number, scope.name, scope.location, part=part)
        items[key] = item
    elif not item.name and scope.name:
        item.name = scope.name
    if isinstance(item, Indicator):
        for h in scope.other_headings:
            if h not in item.other_headings:
                item.other_headings.append(h)
    return item


def _num_key(num: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in num.split(".")) if num else (0,)


def flag(a: Assessment, item: Judged, check: str, message: str, location: str, th: str = "") -> None:
    """`th`: the detail in Thai; without it the Thai title of the check stands for it."""
    if message in item.review_reasons:
        return
    item.review_reasons.append(message)
    from .checks import CHECK_TH
    a.findings.append(Finding(check, "warning", f"{item.label}: {message}", location=location,
                              **finding_keys(item), message_th=f"{item.label_th}: {th or CHECK_TH.get(check, check)}"))


def finding_keys(item: Judged | None) -> dict:
    if item is None:
        return {}
    if isinstance(item, Indicator):
        return {"part": item.part, "standard": item.standard, "indicator": item.indicator,
                "indicator_id": item.indicator_id}
    return {"part": item.part, "standard": item.standard}


def _prose_rubric(item: Judged) -> None:
    """Three or more levels stated in words for one scope, in order (5, 4, 3 … or 1, 2, 3 …): a
    rubric written as lines (a criteria manual), not results. They become rubric candidates."""
    prose = [c for c in item.candidates if c.role in (RESULT, RUBRIC) and "prose-statement" in c.method or c.signal]
    levels = [c.level for c in prose if c.level is not None]
    if len(set(levels)) < 3 or not (levels == sorted(levels) or levels == sorted(levels, reverse=True)):
        return
    for c in prose:
        c.role = RUBRIC


def _assessed_without_result(item: Judged) -> Candidate | None:
    """A scope whose text states levels of its sub-items or pupils (evidence) and no result of its
    own: it was assessed, and its result is missing or unreadable."""
    if any(c.role == RESULT for c in item.candidates):
        return None
    return next((c for c in item.candidates if c.role == EVIDENCE and c.level is not None and c.method != "mention"),
                None)


def _decide(item: Judged, a: Assessment) -> None:
    results = [c for c in item.candidates if c.role == RESULT]
    for c in results:
        for check, reason in c.flags:
            flag(a, item, check, reason, c.location)
        if c.weak and c.level is not None:
            flag(a, item, "level.weak_choice", f"{c.weak}: confirm it", c.location,
                 th=f"ระดับ {c.level} อ่านจากการเน้นข้อความหรือแรเงา ไม่ใช่เครื่องหมายในช่อง โปรดยืนยัน")
    valued = [c for c in results if c.has_value]
    if results and not valued and all(c.signal for c in results):
        what = ("levels are written here in a row without saying which is the result (a table whose columns "
                "were lost)" if results[0].method == "flattened-row" else "the report has a result here")
        flag(a, item, "level.no_result", f"{what} (\"{results[0].evidence[:80]}\") but no level could be read "
             "from it", results[0].location, th="รายงานมีส่วนผลการประเมินตรงนี้ แต่อ่านระดับคุณภาพไม่ได้")
    elif (ev := _assessed_without_result(item)) is not None:
        flag(a, item, "level.no_result", f"levels are stated for its sub-items or pupils (\"{ev.evidence[:80]}\") "
             "but no result for the item itself was found", ev.location,
             th="พบระดับของข้อย่อยหรือของผู้เรียน แต่ไม่พบผลการประเมินของตัวบ่งชี้นี้เอง")
    with_level = [c for c in valued if c.level is not None]
    levels = {c.level for c in with_level}
    ocr = [c for c in valued if c.method.startswith("ocr")]
    if ocr and len(ocr) == len(valued) and len({c.location for c in ocr}) == 1:
        # read from a picture of the page, with nothing read elsewhere saying the same
        flag(a, item, "ocr.unconfirmed", "read by OCR from a scanned page, not confirmed by a second reading: "
             "check it against the page", ocr[0].location,
             th="อ่านจากหน้าสแกนด้วย OCR และไม่มีแหล่งอื่นยืนยัน โปรดเทียบกับต้นฉบับ")
    if len(levels) > 1:
        same_place = len({c.location for c in with_level}) == 1
        detail = "; ".join(f"{c.method} says {c.level} ({c.location})" for c in with_level)
        what = "two result levels in one statement" if same_place else "the report gives different levels"
        detail_th = "; ".join(f"{c.method} ให้ระดับ {c.level} ({c.location})" for c in with_level)
        flag(a, item, "sources.disagree", f"{what}: {detail}", with_level[0].location,
             th=f"{'ข้อความเดียวกันระบุสองระดับ' if same_place else 'รายงานระบุระดับไม่ตรงกัน'}: {detail_th}")
    elif levels:
        c = with_level[0]
        item.level = c.level
        item.level_label_as_written = next((x.label for x in with_level if x.label), "")
        item.level_label = canonical_label(c.level, a.scale)
    scores = {c.score for c in valued if c.score is not None}
    if len(scores) > 1:
        detail = "; ".join(f"{c.method} says {c.score:g} ({c.location})" for c in valued if c.score is not None)
        detail_th = "; ".join(f"{c.method} ให้คะแนน {c.score:g} ({c.location})" for c in valued if c.score is not None)
        flag(a, item, "sources.disagree", f"the report gives different scores: {detail}", valued[0].location,
             th=f"รายงานระบุคะแนนไม่ตรงกัน: {detail_th}")
    elif scores:
        item.score = scores.pop()
    fulls = {c.full for c in valued if c.full is not None}
    if len(fulls) == 1:
        item.full_marks = fulls.pop()
    basis = with_level[0] if with_level else (valued[0] if valued else (results[0] if results else None))
    if basis is not None:
        item.method = "+".join(dict.fromkeys(c.method for c in (valued or results)))
        item.evidence, item.location = basis.evidence, basis.location


def _totals_disagree(a: Assessment) -> None:
    if len(a.totals) < 2:
        return
    first = a.totals[0]
    for t in a.totals[1:]:
        if t.part != first.part:
            continue
        for attr in ("standards", "indicators", "score", "level"):
            x, y = getattr(first, attr), getattr(t, attr)
            if x is not None and y is not None and x != y:
                what_th = {"standards": "จำนวนมาตรฐาน", "indicators": "จำนวนตัวบ่งชี้", "score": "คะแนนรวม",
                           "level": "ระดับคุณภาพรวม"}[attr]
                a.findings.append(Finding(
                    "totals.disagree", "warning",
                    f"the report states its total {attr} twice, differently: {x:g} ({first.location}) "
                    f"and {y:g} ({t.location})", f"{x:g}", f"{y:g}", f"{first.location}; {t.location}",
                    message_th=f"รายงานระบุ{what_th}ไว้สองแห่งไม่ตรงกัน: {x:g} และ {y:g}"))
