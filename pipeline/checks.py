"""Consistency checks on one Assessment: against what the report states and against its framework.

Every check is a named rule that appends `Finding` rows; all of them run, none stops at the first.
A finding about one indicator or standard also flags that row (`needs_review` with the reason).
Findings of severity error or warning turn an `ok` document into `needs_review`; info findings are
notes (an unknown framework, a name worded differently) and leave it `ok`.

Ticks are checked during extraction, where the boxes are seen: ticks.multiple, ticks.none,
ticks.unknown_symbol, level.label_mismatch, sources.disagree, level.missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Callable

from .frameworks import Framework, Match, load_catalogue, match_framework, name_similarity
from .model import (STATUS_ERROR, STATUS_MISSING_TOOL, STATUS_NONE, STATUS_OK, STATUS_REVIEW, Assessment, Finding,
                    Indicator, Standard,
                    indicator_number)
from .patterns import level_of_label
from .resolve import finding_keys

# Thai titles shown beside the English message (validate, findings table).
CHECK_TH = {
    "counts.standards": "จำนวนมาตรฐานไม่ตรงกับที่รายงานระบุ",
    "counts.indicators": "จำนวนตัวบ่งชี้ไม่ตรงกับที่รายงานระบุ",
    "totals.standard_sum": "คะแนนมาตรฐานไม่ตรงกับผลรวมคะแนนตัวบ่งชี้",
    "totals.sum": "คะแนนรวมไม่ตรงกับผลรวมของคะแนนมาตรฐาน",
    "totals.disagree": "รายงานระบุคะแนนรวมไว้สองแห่งไม่ตรงกัน",
    "totals.no_rule": "ไม่มีเกณฑ์สำหรับตรวจคะแนนรวม",
    "scores.level_vs_score": "คะแนนไม่สอดคล้องกับระดับคุณภาพ",
    "scores.maximum": "คะแนนเกินคะแนนเต็ม",
    "scores.own_scale": "รายงานใช้มาตราคะแนนของตนเองอย่างสม่ำเสมอ",
    "levels.label": "ชื่อระดับคุณภาพไม่ตรงกับระดับ",
    "indicators.missing": "ไม่พบตัวบ่งชี้ตามมาตรฐาน",
    "indicators.unknown": "ตัวบ่งชี้ไม่มีในมาตรฐาน",
    "indicators.duplicated": "ตัวบ่งชี้หมายเลขเดียวกันปรากฏซ้ำด้วยชื่อต่างกัน",
    "indicators.name": "ชื่อตัวบ่งชี้ต่างจากมาตรฐาน",
    "years.plausible": "ปี พ.ศ. ไม่สมเหตุสมผล",
    "framework.unknown": "ไม่รู้จักมาตรฐานที่รายงานอ้างถึง",
    "ticks.multiple": "ทำเครื่องหมายมากกว่าหนึ่งช่อง",
    "ticks.none": "ไม่ได้ทำเครื่องหมายในช่องใดเลย",
    "ticks.unknown_symbol": "อ่านสัญลักษณ์ไม่ได้",
    "level.label_mismatch": "ชื่อระดับขัดกับหมายเลขระดับที่เลือก",
    "level.missing": "ไม่พบระดับคุณภาพของตัวบ่งชี้",
    "level.no_result": "มีส่วนผลการประเมินแต่อ่านระดับไม่ได้",
    "level.weak_choice": "ระดับอ่านจากตัวหนาหรือแรเงา ต้องยืนยัน",
    "sources.disagree": "รายงานระบุผลไว้หลายแห่งไม่ตรงกัน",
    "extract.orphan_level_table": "ตารางระดับคุณภาพไม่มีหัวข้อตัวบ่งชี้",
    "ocr.unconfirmed": "อ่านจากภาพสแกน (OCR) ต้องตรวจสอบกับต้นฉบับ",
    "read.ocr": "หน้าที่ไม่มีข้อความ อ่านด้วย OCR",
    "read.ocr_metadata": "ชื่อหน่วยงานและปีอ่านด้วย OCR ต้องตรวจสอบ",
    "read.missing_tool": "ไม่ได้ติดตั้งโปรแกรมที่จำเป็นสำหรับอ่านไฟล์นี้",
    "read.page": "อ่านบางหน้าของไฟล์ไม่ได้",
    "read.pages_unread": "หน้าสแกนบางหน้าอ่านด้วย OCR ไม่ได้หรือไม่ทันเวลา",
    "read": "อ่านไฟล์ไม่ได้",
}

_TOLERANCE = 0.011  # reports round to two decimals
_FIRST_PLAUSIBLE_BE = 2540  # the oldest reports in the archive are from the 2540s


@dataclass
class Context:
    a: Assessment
    fw: Framework | None

    def add(self, check: str, severity: str, message: str, expected: str = "", actual: str = "",
            location: str = "", item: Indicator | Standard | None = None, about: Indicator | Standard | None = None,
            th: str = "") -> None:
        """`item` is flagged by a warning; `about` (default: `item`) gives the finding its join keys;
        `th` is the same detail in Thai, for the officer who reads the verdict."""
        self.a.findings.append(Finding(check, severity, message, expected, actual, location,
                                       **finding_keys(about or item), message_th=th))
        if item is not None and severity in ("error", "warning"):
            item.review_reasons.append(message)


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _assessed(a: Assessment) -> bool:
    return a.assessed


def _rule_severity(fw: Framework, rule: str) -> str:
    """A scoring rule the catalogue marks `derived` (worked out from a few reports) gives notes, not
    warnings: only what the report contradicts in itself, or a published rule, is a warning."""
    return "info" if rule in (fw.scoring.get("derived") or []) else "warning"


# -- checks ---------------------------------------------------------------------------------------------
def check_framework(c: Context) -> None:
    if c.fw is None and _assessed(c.a) and c.a.framework_basis:
        c.add("framework.unknown", "info", f"framework not in the catalogue: {c.a.framework_basis}; "
              "extracted without framework checks", actual=c.a.framework_cited,
              th=f"ไม่พบมาตรฐานนี้ในรายการ ({c.a.framework_cited or 'ไม่ระบุ'}): อ่านผลได้ แต่ไม่ได้ตรวจกับมาตรฐาน")


def check_stated_counts(c: Context) -> None:
    st = c.a.stated
    if st is None:
        return
    for what, stated, found in (("standards", st.standards, len(c.a.standards)),
                                ("indicators", st.indicators, len(c.a.indicators))):
        if stated is not None and stated != found:
            c.add(f"counts.{what}", "warning", f"the report states {stated} {what} but {found} were found",
                  str(stated), str(found), st.location,
                  th=f"รายงานระบุ {stated} {'มาตรฐาน' if what == 'standards' else 'ตัวบ่งชี้'} แต่พบ {found}")


def check_sums(c: Context) -> None:
    a, fw = c.a, c.fw
    if fw is None:
        return
    rule = fw.scoring
    if "standard_score" not in rule or "total_score" not in rule:
        if a.stated and a.stated.score is not None:
            c.add("totals.no_rule", "info", f"{fw.id} defines no rule for its total; the stated total "
                  f"{_fmt(a.stated.score)} was not checked against the parts",
                  th=f"{fw.id} ไม่มีเกณฑ์คะแนนรวม: คะแนนรวม {_fmt(a.stated.score)} ไม่ได้ตรวจกับคะแนนย่อย")
        return
    divisor = 5.0 if rule["standard_score"].strip() == "sum / 5" else 1.0
    by_std = {s.standard: s for s in a.standards}
    std_scores: dict[str, float] = {}
    for fs in fw.standards:
        inds = [next((i for i in a.indicators if i.standard == fs.number and i.indicator == fi.number), None)
                for fi in fs.indicators]
        computed = None
        if fs.indicators and all(i is not None and i.score is not None for i in inds):
            computed = sum(i.score for i in inds) / divisor
        std = by_std.get(fs.number)
        if std is not None and std.score is not None:
            std_scores[fs.number] = std.score
            if computed is not None and abs(std.score - computed) > _TOLERANCE:
                parts = " + ".join(_fmt(i.score) for i in inds)
                how = f"({parts}) / 5" if divisor == 5 else parts
                c.add("totals.standard_sum", _rule_severity(fw, "standard_score"),
                      f"standard {fs.number}: the report states {_fmt(std.score)} but its indicator scores give "
                      f"{_fmt(computed)} = {how} (rule of {fw.id}: {rule['standard_score']})",
                      _fmt(computed), _fmt(std.score), std.location, std,
                      th=f"มาตรฐานที่ {fs.number}: รายงานระบุ {_fmt(std.score)} แต่คะแนนตัวบ่งชี้ได้ {_fmt(computed)} = {how}")
        elif computed is not None:
            std_scores[fs.number] = computed
    st = a.stated
    if st is not None and st.score is not None and len(std_scores) == len(fw.standards):
        total = sum(std_scores.values())
        if abs(total - st.score) > _TOLERANCE:
            parts = " + ".join(_fmt(std_scores[s.number]) for s in fw.standards)
            c.add("totals.sum", "warning", f"the report states a total of {_fmt(st.score)} but its standard scores "
                  f"add up to {_fmt(total)} = {parts}", _fmt(total), _fmt(st.score), st.location,
                  th=f"รายงานระบุคะแนนรวม {_fmt(st.score)} แต่คะแนนมาตรฐานรวมได้ {_fmt(total)} = {parts}")


def check_level_vs_score(c: Context) -> None:
    """Scores against levels. The report's own full marks first: a score above the full marks it
    states is a contradiction. Then the framework's rule (weight × level): a report that scores
    every indicator on another but consistent scale (weight × level / 5, say) gets one note saying
    so, not a warning per row; rows that fit no consistent scale are findings, warnings only where
    the rule is published."""
    a, fw = c.a, c.fw
    for i in a.indicators + a.standards:
        if i.full_marks is not None and i.score is not None and i.score > i.full_marks + _TOLERANCE:
            c.add("scores.maximum", "warning", f"{i.label}: score {_fmt(i.score)} is above the full marks "
                  f"{_fmt(i.full_marks)} the report states", _fmt(i.full_marks), _fmt(i.score), i.location, i,
                  th=f"{i.label_th}: คะแนน {_fmt(i.score)} เกินคะแนนเต็ม {_fmt(i.full_marks)} ที่รายงานระบุ")
    own = [i for i in a.indicators if i.full_marks and i.score is not None and i.level]
    if len(own) >= 3 and all(abs(i.score - i.full_marks * i.level / 5) <= _TOLERANCE for i in own):
        c.add("scores.own_scale", "info", f"the report scores its indicators on the full marks it states: score = "
              f"full marks x level / 5 for all {len(own)} of them; the framework's weights were not applied",
              th=f"รายงานให้คะแนนตามคะแนนเต็มที่ระบุเอง: คะแนน = คะแนนเต็ม x ระดับ / 5 ครบทั้ง {len(own)} ตัวบ่งชี้ "
                 "จึงไม่ตรวจกับน้ำหนักของมาตรฐาน")
        return  # the report's own scale, consistent: the framework's weights do not apply to it
    if fw is None or fw.scoring.get("indicator_score", "").strip() != "weight * level":
        return
    rows = []
    for i in a.indicators:
        fi = fw.indicator(i.standard, i.indicator)
        if fi is not None and fi.weight and i.score is not None and i.level:
            rows.append((i, fi.weight, i.score / (fi.weight * i.level)))
    off = [(i, w, r) for i, w, r in rows if abs(r - 1) * w * i.level > _TOLERANCE]
    if not off:
        return
    ratios = [r for _, _, r in rows]
    if len(rows) >= 3 and len(off) == len(rows) and max(ratios) - min(ratios) < 0.01:
        c.add("scores.own_scale", "info", f"the report scores every indicator on its own scale: score = weight "
              f"x level x {_fmt(ratios[0])} (the rule of {fw.id} is weight x level); checked on that scale, "
              f"its {len(rows)} scores agree", f"x {_fmt(1.0)}", f"x {_fmt(ratios[0])}",
              th=f"รายงานให้คะแนนทุกตัวบ่งชี้ตามมาตราของตนเอง: คะแนน = น้ำหนัก x ระดับ x {_fmt(ratios[0])} "
                 f"(เกณฑ์ {fw.id}: น้ำหนัก x ระดับ); ตรวจตามมาตรานั้นแล้วสอดคล้องกันทั้ง {len(rows)} ตัวบ่งชี้")
        return
    severity = _rule_severity(fw, "indicator_score")
    for i, w, _ in off:
        c.add("scores.level_vs_score", severity,
              f"{i.label}: score {_fmt(i.score)} does not match level {i.level} "
              f"(weight {_fmt(w)} x level {i.level} = {_fmt(w * i.level)})",
              _fmt(w * i.level), _fmt(i.score), i.location, i,
              th=f"{i.label_th}: คะแนน {_fmt(i.score)} ไม่ตรงกับระดับ {i.level} "
                 f"(น้ำหนัก {_fmt(w)} x ระดับ {i.level} = {_fmt(w * i.level)})")


def check_maximum(c: Context) -> None:
    fw, a = c.fw, c.a
    for item in a.indicators + a.standards:
        if item.score is not None and item.score < 0:
            c.add("scores.maximum", "warning", f"{item.label}: a negative score {_fmt(item.score)}",
                  ">= 0", _fmt(item.score), item.location, item, th=f"{item.label_th}: คะแนนติดลบ {_fmt(item.score)}")
    if fw is None:
        return
    rule = fw.scoring
    mult = 5.0 if rule.get("indicator_max", "").strip() == "weight * 5" else (1.0 if "indicator_max" in rule else None)
    for i in a.indicators:
        fi = fw.indicator(i.standard, i.indicator)
        if i.full_marks is not None:
            continue  # checked against the report's own full marks above
        if mult and fi and fi.weight is not None and i.score is not None and i.score > fi.weight * mult + _TOLERANCE:
            c.add("scores.maximum", _rule_severity(fw, "indicator_max"), f"{i.label}: score {_fmt(i.score)} is above "
                  f"its maximum {_fmt(fi.weight * mult)}", _fmt(fi.weight * mult), _fmt(i.score), i.location, i,
                  th=f"{i.label_th}: คะแนน {_fmt(i.score)} เกินคะแนนเต็ม {_fmt(fi.weight * mult)}")
    if "standard_max" in rule or "indicator_max" in rule:
        for s in a.standards:
            fs = fw.standard(s.standard)
            if fs and fs.weight is not None and s.score is not None and s.score > fs.weight + _TOLERANCE:
                c.add("scores.maximum", "warning", f"{s.label}: score {_fmt(s.score)} is above its maximum "
                      f"{_fmt(fs.weight)}", _fmt(fs.weight), _fmt(s.score), s.location, s,
                      th=f"{s.label_th}: คะแนน {_fmt(s.score)} เกินคะแนนเต็ม {_fmt(fs.weight)}")
    st = a.stated
    if st and st.score is not None and "total_max" in rule and st.score > float(rule["total_max"]) + _TOLERANCE:
        c.add("scores.maximum", "warning", f"the total {_fmt(st.score)} is above the maximum {rule['total_max']}",
              str(rule["total_max"]), _fmt(st.score), st.location,
              th=f"คะแนนรวม {_fmt(st.score)} เกินคะแนนเต็ม {rule['total_max']}")


def check_labels(c: Context) -> None:
    for item in c.a.indicators + c.a.standards:
        if item.level is None or not item.level_label_as_written:
            continue
        named = level_of_label(item.level_label_as_written)
        if named is not None and named != item.level:
            c.add("levels.label", "warning", f"{item.label}: level {item.level} is labelled '{item.level_label_as_written}' "
                  f"(level {named})", str(item.level), item.level_label_as_written, item.location, item,
                  th=f"{item.label_th}: ระดับ {item.level} แต่เขียนว่า '{item.level_label_as_written}' (ระดับ {named})")


def check_indicators_against_framework(c: Context) -> None:
    """Indicators against the framework's list. Warnings only from what the catalogue has from a
    published source (an indicator's existence: `listed`; its name: `confirmed`); what it derived
    from our own documents gives notes."""
    fw, a = c.fw, c.a
    if fw is None or not _assessed(a):
        return
    found = {(i.standard, i.indicator): i for i in a.indicators}
    items = [(s, fi) for s in fw.standards for fi in s.indicators]
    covered = {std for std, _ in found}
    present = sum(1 for s, fi in items if (s.number, fi.number) in found)
    # A page about one indicator is a fragment, not a report missing the rest.
    whole_report = a.stated is not None or (items and present >= len(items) / 2)
    for s, fi in items:
        if s.number in covered and s.complete and (s.number, fi.number) not in found:
            published = whole_report and fi.listed
            c.add("indicators.missing", "warning" if published else "info",
                  f"indicator {indicator_number(s.number, fi.number)} ({fi.name}) of {fw.id} is not in the report"
                  + ("" if fi.listed else " (the catalogue's list is derived, not published)"),
                  indicator_number(s.number, fi.number), "",
                  th=f"ไม่พบตัวบ่งชี้ที่ {indicator_number(s.number, fi.number)} ({fi.name}) ของ {fw.id} ในรายงาน"
                     + ("" if fi.listed else " (รายการในฐานข้อมูลอนุมานจากรายงาน ไม่ใช่เอกสารเผยแพร่)"))
    for key, i in found.items():
        fs = fw.standard(i.standard)
        fi = fw.indicator(*key)
        if fi is None:
            known = fs is not None and fs.complete and not fs.as_a_whole and all(x.listed for x in fs.indicators)
            c.add("indicators.unknown", "warning" if known else "info",
                  f"{i.label} is not in {fw.id}" + ("" if known else " as far as the catalogue knows it"),
                  "", indicator_number(i.standard, i.indicator), i.heading_location, i if known else None, about=i,
                  th=f"{i.label_th} ไม่มีใน {fw.id}" + ("" if known else " เท่าที่ฐานข้อมูลทราบ"))
        elif i.name:
            sim = name_similarity(i.name, fi.name)
            if sim < 0.5:
                severity = "warning" if fi.confirmed else "info"
                c.add("indicators.name", severity, f"{i.label} is named '{i.name}', but in {fw.id} it is "
                      f"'{fi.name}': a different indicator under this number?"
                      + ("" if fi.confirmed else " (the catalogue's name is not published)"), fi.name, i.name,
                      i.heading_location, i if fi.confirmed else None, about=i,
                      th=f"{i.label_th} ชื่อ '{i.name}' แต่ใน {fw.id} คือ '{fi.name}': เป็นตัวบ่งชี้อื่นหรือไม่")
            elif sim < 0.8 and fi.confirmed:
                c.add("indicators.name", "info", f"{i.label} is worded differently from {fw.id}",
                      fi.name, i.name, i.heading_location, about=i, th=f"{i.label_th} ใช้ถ้อยคำต่างจาก {fw.id}")


def check_duplicates(c: Context) -> None:
    for i in c.a.indicators:
        for name, loc in i.other_headings:
            c.add("indicators.duplicated", "warning", f"{i.label} has two headings with different names: "
                  f"'{i.name}' ({i.heading_location}) and '{name}' ({loc})", i.name, name, loc, i,
                  th=f"{i.label_th} มีหัวข้อสองแห่งชื่อต่างกัน: '{i.name}' และ '{name}'")


def check_years(c: Context) -> None:
    a = c.a
    now_be = datetime.date.today().year + 543
    for kind, year in (("fiscal", a.fiscal_year_be), ("academic", a.academic_year_be)):
        if year is None:
            continue
        if not _FIRST_PLAUSIBLE_BE <= year <= now_be + 1:
            c.add("years.plausible", "warning", f"the {kind} year {year} B.E. is outside {_FIRST_PLAUSIBLE_BE}–"
                  f"{now_be + 1}", f"{_FIRST_PLAUSIBLE_BE}–{now_be + 1}", str(year),
                  th=f"ปี พ.ศ. {year} อยู่นอกช่วง {_FIRST_PLAUSIBLE_BE}–{now_be + 1}")
        elif c.fw is not None and year < c.fw.year_be and c.a.framework_basis.startswith("cited"):
            c.add("years.plausible", "warning", f"the report's {kind} year {year} is before its framework "
                  f"{c.fw.id} existed", f">= {c.fw.year_be}", str(year),
                  th=f"ปี พ.ศ. {year} ของรายงานอยู่ก่อนที่มาตรฐาน {c.fw.id} จะประกาศใช้")


CHECKS: list[Callable[[Context], None]] = [
    check_framework, check_stated_counts, check_sums, check_level_vs_score, check_maximum, check_labels,
    check_indicators_against_framework, check_duplicates, check_years,
]


def attach_framework(a: Assessment) -> Framework | None:
    catalogue = load_catalogue()
    keys = {(i.standard, i.indicator) for i in a.indicators}
    keys |= {(s.standard, s.standard) for s in a.standards if s.candidates}
    year = a.fiscal_year_be or a.academic_year_be
    names = {(i.standard, i.indicator): i.name for i in a.indicators if i.name}
    names |= {(s.standard, s.standard): s.name for s in a.standards if s.name}
    m: Match = match_framework(a.framework, year, keys, a.scale, catalogue, names)
    a.framework = m.framework.id if m.framework else ""
    a.framework_confidence = m.confidence if m.framework else None
    a.framework_basis = m.basis
    return m.framework


def run_checks(a: Assessment) -> Assessment:
    """Every check, then the document's status, decided here once: `no_assessment` only where no
    scope holds a result or a sign of one (a flagged tick table, a result heading with no readable
    level); `needs_review` where a warning or a flagged value stands."""
    c = Context(a, attach_framework(a))
    for check in CHECKS:
        check(c)
    if a.status in (STATUS_ERROR, STATUS_MISSING_TOOL):
        return a
    if not a.assessed and any(f.check == "read.missing_tool" for f in a.findings):
        a.status = STATUS_MISSING_TOOL  # pages could not be read for want of a tool: not "no assessment"
        return a
    if not a.assessed and any(f.check == "read.pages_unread" for f in a.findings):
        a.status = STATUS_REVIEW  # scanned pages were left unread: what they say is not known, not absent
        return a
    if not a.assessed:
        a.status = STATUS_NONE  # its findings (an unticked form outside any scope, OCR notes) still stand
        return a
    review = any(f.severity in ("error", "warning") for f in a.findings) or any(
        x.needs_review for x in a.indicators + a.standards)
    a.status = STATUS_REVIEW if review else STATUS_OK
    return a
