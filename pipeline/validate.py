"""`sarkit validate FILE…`: a verdict on submitted reports, for a person and (with --json) for a
machine. Exit code 0: clean; 1: findings; 2: a file cannot be read; 3: a system tool is missing."""

from __future__ import annotations

import json
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


def verdict_text(a: Assessment) -> str:
    out = [f"ไฟล์ / file: {display_path(a.file)}", f"ผล / verdict: {_STATUS_TH.get(a.status, a.status)}"]
    if a.status == STATUS_ERROR:
        out.append(f"สาเหตุ / reason: {a.error}")
        return "\n".join(out)
    if a.organisation:
        out.append(f"หน่วยงาน / organisation: {a.organisation}")
    years = []
    if a.fiscal_year_be:
        years.append(f"ปีงบประมาณ {a.fiscal_year_be}")
    if a.academic_year_be:
        years.append(f"ปีการศึกษา {a.academic_year_be}")
    if years:
        out.append("ปี / year: " + ", ".join(years))
    if a.framework:
        how = f"อ้างถึงในรายงาน / cited: {a.framework_cited}" if a.framework_basis.startswith("cited") else \
            f"อนุมานจาก / inferred from: {a.framework_basis}"
        out.append(f"กรอบมาตรฐาน / framework: {a.framework} (ความเชื่อมั่น / confidence {a.framework_confidence:.2f}; {how})")
    elif a.framework_basis:
        out.append(f"กรอบมาตรฐาน / framework: ไม่ทราบ / unknown ({a.framework_basis})")
    levels = sum(1 for i in a.indicators if i.level is not None)
    out.append(f"พบ / found: {len(a.standards)} มาตรฐาน (standards), {len(a.indicators)} ตัวบ่งชี้ (indicators), "
               f"{levels} ระดับคุณภาพ (levels)")
    if a.stated:
        st = a.stated
        parts = [f"{st.standards} มาตรฐาน" if st.standards is not None else "",
                 f"{st.indicators} ตัวบ่งชี้" if st.indicators is not None else "",
                 f"คะแนน {st.score:g}" if st.score is not None else "",
                 f"ระดับ {st.level}" if st.level is not None else ""]
        out.append("รายงานระบุ / the report states: " + " ".join(p for p in parts if p) + f"  [{st.location}]")
    for sd in a.standards:
        if sd.level is None and sd.score is None and not sd.needs_review:
            continue
        lv = f"ระดับ {sd.level} {sd.level_label}" if sd.level is not None else "ไม่มีระดับ (no level)"
        sc = f", คะแนน {sd.score:g}" if sd.score is not None else ""
        mark = "  ⚠ " + "; ".join(sd.review_reasons) if sd.needs_review else ""
        out.append(f"  {_part(sd.part)}มาตรฐานที่ {sd.standard} (standard): {lv}{sc}{mark}")
    for i in a.indicators:
        lv = f"ระดับ {i.level} {i.level_label}" if i.level is not None else "ไม่มีระดับ (no level)"
        sc = f", คะแนน {i.score:g}" if i.score is not None else ""
        mark = "  ⚠ " + "; ".join(i.review_reasons) if i.needs_review else ""
        out.append(f"  {_part(i.part)}มาตรฐานที่ {i.standard} ตัวบ่งชี้ที่ {i.indicator}: {lv}{sc}{mark}")
    if a.findings:
        out.append(f"ข้อค้นพบ / findings ({len(a.findings)}):")
        for f in sorted(a.findings, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3)):
            where = f"\n      ตำแหน่ง / where: {f.location}" if f.location else ""
            exp = f"\n      ควรเป็น / expected: {f.expected}   พบ / found: {f.actual}" if f.expected or f.actual else ""
            title = CHECK_TH.get(f.check, "")
            thai = f"\n      {f.message_th}" if f.message_th else ""
            out.append(f"  - [{_SEVERITY_TH.get(f.severity, f.severity)} / {f.severity}] {title}{thai}"
                       f"\n      {f.message} ({f.check}){exp}{where}")
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


def _verdict(a: Assessment) -> dict:
    return {"text": verdict_text(a), "exit_code": exit_code(a), "record": dict(nested_record(a), exit_code=exit_code(a))}


def _validate_one(path: str) -> dict:
    """What a worker does: the whole flow on one submitted file, and its verdict."""
    return _verdict(process_file(path))


def _failed(path: str, message: str) -> dict:
    """A file that hung, ran out of memory or killed its worker: a verdict of its own (exit 2)."""
    return _verdict(Assessment(file=path, status=STATUS_ERROR, error=message))


def validate_files(files: list[str], as_json: bool = False, timeout: float = 120.0,
                   memory_mb: int | None = 2048) -> int:
    """Each file is read in a worker process with the same deadline and memory cap as `extract`: a FIFO,
    /dev/zero or a pathological file ends as an unreadable verdict, never a hung officer's terminal."""
    from .workers import WorkerPool

    pool = WorkerPool(1, _validate_one, _failed, timeout, memory_mb, recycle_after=50)
    done = {d.key: d.record for d in pool.run([(str(k), f) for k, f in enumerate(files)])}
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


def _part(part: str) -> str:
    """"ระดับปฐมวัย › " before a standard of a report of parts."""
    return f"ระดับ{part} › " if part else ""
