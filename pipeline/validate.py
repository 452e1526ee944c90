"""`sarkit validate FILE…`: a verdict on submitted reports, for a person and (with --json) for a
machine. Exit code 0: clean; 1: findings; 2: a file cannot be read; 3: a system tool is missing."""

from __future__ import annotations

import json
import re
import sys

from .checks import CHECK_TH
from .dataset import nested_record
from .model import STATUS_ERROR, STATUS_MISSING_TOOL, STATUS_OK, Assessment, display_path
from .run import process_file

_STATUS_TH = {
    "ok": "ผ่าน ไม่พบข้อผิดพลาด (clean)",
    "needs_review": "ต้องตรวจสอบ (needs review)",
    "no_assessment": "ไม่พบผลการประเมินในเอกสาร (no assessment found)",
    "error": "อ่านไฟล์ไม่ได้ (cannot be read)",
    "missing_tool": "ต้องติดตั้งโปรแกรมเพิ่มก่อนอ่านไฟล์นี้ (a system tool is missing)",
}
_SEVERITY_TH = {"error": "ผิดพลาด", "warning": "ต้องตรวจสอบ", "info": "หมายเหตุ"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


_STATUS_EN = {"ok": "clean", "needs_review": "needs review", "no_assessment": "no assessment found",
              "error": "cannot be read", "missing_tool": "a system tool is missing"}
_GROUP_AT = 3  # this many findings of one check are one line with their pages and items
_PAGE = re.compile(r"\bpage (\d+)")
_QUOTE = 70


def _pages(locations: list[str]) -> str:
    pages = sorted({int(m.group(1)) for loc in locations for m in _PAGE.finditer(loc or "")})
    if not pages:
        return ""
    runs, start = [], pages[0]
    for a, b in zip(pages, pages[1:] + [None]):
        if b != a + 1:
            runs.append(f"{start}" if start == a else f"{start}–{a}")
            start = b
    return ", ".join(runs)


def _quote(text: str) -> str:
    text = " ".join((text or "").split())
    return f"“{text[:_QUOTE]}…”" if len(text) > _QUOTE else (f"“{text}”" if text else "")


def _evidence_of(a: Assessment, f) -> str:
    """The text a finding is about: its indicator's or standard's evidence, else what the report states."""
    if f.indicator:
        for i in a.indicators:
            if i.part == f.part and i.standard == f.standard and i.indicator == f.indicator:
                return i.evidence
    elif f.standard:
        for sd in a.standards:
            if sd.part == f.part and sd.standard == f.standard:
                return sd.evidence
    if f.check.startswith(("counts.", "totals.")) and a.stated:
        return a.stated.evidence
    return ""


def verdict_text(a: Assessment, lang: str = "th") -> str:
    """The verdict a district officer reads: verdict and counts first, then the values, then each finding
    with its Thai detail first (English after it), its page and a short quote of the text it concerns;
    a check that fires many times is one line with its pages and items. lang="en": English only."""
    th = lang != "en"

    def both(thai: str, english: str) -> str:
        return f"{thai} / {english}" if th else english

    sev = {s: sum(1 for f in a.findings if f.severity == s) for s in ("error", "warning", "info")}
    verdict = f"{_STATUS_TH.get(a.status, a.status)}" if th else _STATUS_EN.get(a.status, a.status)
    out = [f"{both('ผล', 'verdict')}: {verdict}"]
    if a.status not in (STATUS_ERROR, STATUS_MISSING_TOOL):
        counts = (f"ผิดพลาด {sev['error']} ต้องตรวจสอบ {sev['warning']} หมายเหตุ {sev['info']} / " if th else "") + \
            f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} notes"
        out.append(f"{both('ข้อค้นพบ', 'findings')}: {counts}")
    out.append(f"{both('ไฟล์', 'file')}: {display_path(a.file)}")
    if a.status in (STATUS_ERROR, STATUS_MISSING_TOOL):
        out.append(f"{both('สาเหตุ', 'reason')}: {a.error}")
        return "\n".join(out)
    if a.organisation:
        out.append(f"{both('หน่วยงาน', 'organisation')}: {a.organisation}")
    years = []
    if a.fiscal_year_be:
        years.append(f"ปีงบประมาณ {a.fiscal_year_be}" if th else f"fiscal year {a.fiscal_year_be} B.E.")
    if a.academic_year_be:
        years.append(f"ปีการศึกษา {a.academic_year_be}" if th else f"academic year {a.academic_year_be} B.E.")
    if years:
        out.append(f"{both('ปี', 'year')}: " + ", ".join(years))
    if a.framework:
        how = (f"อ้างถึงในรายงาน: {a.framework_cited}" if th else f"cited: {a.framework_cited}") \
            if a.framework_basis.startswith("cited") else (f"อนุมานจาก: {a.framework_basis}" if th else
                                                            f"inferred from: {a.framework_basis}")
        conf = f"ความเชื่อมั่น {a.framework_confidence:.2f}" if th else f"confidence {a.framework_confidence:.2f}"
        out.append(f"{both('กรอบมาตรฐาน', 'framework')}: {a.framework} ({conf}; {how})")
    elif a.framework_basis:
        out.append(f"{both('กรอบมาตรฐาน', 'framework')}: {'ไม่ทราบ' if th else 'unknown'} ({a.framework_basis})")
    levels = sum(1 for i in a.indicators if i.level is not None)
    out.append(f"{both('พบ', 'found')}: " + (f"{len(a.standards)} มาตรฐาน, {len(a.indicators)} ตัวบ่งชี้, "
                                              f"{levels} ระดับคุณภาพ" if th else
                                              f"{len(a.standards)} standards, {len(a.indicators)} indicators, "
                                              f"{levels} levels"))
    if a.stated:
        st = a.stated
        parts = [f"{st.standards} {'มาตรฐาน' if th else 'standards'}" if st.standards is not None else "",
                 f"{st.indicators} {'ตัวบ่งชี้' if th else 'indicators'}" if st.indicators is not None else "",
                 f"{'คะแนน' if th else 'score'} {st.score:g}" if st.score is not None else "",
                 f"{'ระดับ' if th else 'level'} {st.level}" if st.level is not None else ""]
        out.append(f"{both('รายงานระบุ', 'the report states')}: " + " ".join(p for p in parts if p) +
                   f"  [{st.location}]")
    no_level = "ไม่มีระดับ" if th else "no level"
    for sd in a.standards:
        if sd.level is None and sd.score is None and not sd.needs_review:
            continue
        lv = (f"{'ระดับ' if th else 'level'} {sd.level} {sd.level_label}" if sd.level is not None else no_level)
        sc = f", {'คะแนน' if th else 'score'} {sd.score:g}" if sd.score is not None else ""
        mark = "  ⚠" if sd.needs_review else ""
        out.append(f"  {_part(sd.part, th)}{sd.label_th if th else sd.label}: {lv}{sc}{mark}")
    for i in a.indicators:
        lv = f"{'ระดับ' if th else 'level'} {i.level} {i.level_label}" if i.level is not None else no_level
        sc = f", {'คะแนน' if th else 'score'} {i.score:g}" if i.score is not None else ""
        mark = "  ⚠" if i.needs_review else ""
        name = f"{i.label_th if th else i.label}"
        out.append(f"  {_part(i.part, th) if not i.part else ''}{name}: {lv}{sc}{mark}")
    if a.findings:
        out.append(f"{both('ข้อค้นพบ', 'findings')} ({len(a.findings)}):")
        by_check: dict[tuple[str, str], list] = {}
        for f in sorted(a.findings, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3)):
            by_check.setdefault((f.severity, f.check), []).append(f)
        for (severity, check), fs in by_check.items():
            tag = f"[{_SEVERITY_TH.get(severity, severity)} / {severity}]" if th else f"[{severity}]"
            title = CHECK_TH.get(check, check) if th else check
            if len(fs) >= _GROUP_AT:
                pages = _pages([f.location for f in fs])
                items = ", ".join(dict.fromkeys(f.indicator_id or f.standard for f in fs if f.indicator_id or f.standard))
                where = (f" — {'หน้า' if th else 'pages'} {pages}" if pages else "")
                line = (f"  - {tag} {title}: {len(fs)} รายการต้องตรวจ{where}" if th else
                        f"  - {tag} {check}: {len(fs)} values need a look{where}")
                if items:
                    line += f"\n      {'ตัวบ่งชี้' if th else 'items'}: {items}"
                if th:
                    line += f"\n      ({check}: {len(fs)} values need a look; e.g. {fs[0].message})"
                out.append(line)
                continue
            for f in fs:
                lines = [f"  - {tag} {title}"]
                if th:
                    lines.append(f"      {f.message_th or CHECK_TH.get(f.check, '')}")
                lines.append(f"      {'(' if th else ''}{f.message}{')' if th else ''}")
                if f.expected or f.actual:
                    lines.append(f"      {both('ควรเป็น', 'expected')}: {f.expected}   {both('พบ', 'found')}: {f.actual}")
                page = _pages([f.location])
                quote = _quote(_evidence_of(a, f))
                if page or f.location:
                    lines.append(f"      {both('ตำแหน่ง', 'where')}: " + (f"{'หน้า' if th else 'page'} {page} · "
                                                                        if page else "") + f.location)
                if quote:
                    lines.append(f"      {both('ข้อความ', 'text')}: {quote}")
                out.append("\n".join(lines))
    return "\n".join(out)


def exit_code(a: Assessment) -> int:
    """3: a system tool the file needs is not installed (not a bad file); 2: unreadable; 1: findings
    of severity error or warning, or no assessment in the report (a submitted report without one is
    worth a look); 0: clean. Info notes alone leave it clean."""
    if a.status == STATUS_MISSING_TOOL:
        return 3
    if a.status == STATUS_ERROR:
        return 2
    if a.status != STATUS_OK or any(f.severity in ("error", "warning") for f in a.findings):
        return 1
    return 0


def _verdict(a: Assessment, lang: str) -> dict:
    code = exit_code(a)
    return {"text": verdict_text(a, lang), "exit_code": code, "record": dict(nested_record(a), exit_code=code)}


def _validate_one(path: str, lang: str = "th") -> dict:
    """What a worker does: the whole flow on one submitted file, and its verdict."""
    return _verdict(process_file(path), lang)


def _failed(path: str, message: str, lang: str = "th") -> dict:
    """A file that hung, ran out of memory or killed its worker: a verdict of its own (exit 2)."""
    return _verdict(Assessment(file=path, status=STATUS_ERROR, error=message), lang)


def validate_files(files: list[str], as_json: bool = False, timeout: float = 120.0,
                   memory_mb: int | None = 2048, lang: str = "th") -> int:
    """Each file is read in a worker process with the same deadline and memory cap as `extract`: a FIFO,
    /dev/zero or a pathological file ends as an unreadable verdict, never a hung officer's terminal."""
    from functools import partial

    from .workers import WorkerPool

    pool = WorkerPool(1, partial(_validate_one, lang=lang), partial(_failed, lang=lang), timeout, memory_mb,
                      recycle_after=50)
    done = {d.key: d.full_record() for d in pool.run([(str(k), f) for k, f in enumerate(files)])}
    code = 0
    records = []
    for k in range(len(files)):
        v = done[str(k)]
        code = max(code, v["exit_code"])
        if as_json:
            records.append(v["record"])
        else:
            print(v["text"])
            print()
    if as_json:
        json.dump(records if len(records) != 1 else records[0], sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
    return code


def _part(part: str, th: bool = True) -> str:
    """"ระดับปฐมวัย › " before a standard of a report of parts."""
    return (f"ระดับ{part} › " if th else f"{part} › ") if part else ""
