"""`sarkit validate FILE…`: a verdict on submitted reports, for a person and (with --json) for a
machine. Exit code 0: clean; 1: findings; 2: a file cannot be read."""

from __future__ import annotations

import json
import sys

from .dataset import nested_record
from .model import STATUS_ERROR, STATUS_NONE, STATUS_OK, Assessment
from .run import process_file

_STATUS_TH = {
    "ok": "ผ่าน ไม่พบข้อผิดพลาด (clean)",
    "needs_review": "ต้องตรวจสอบ (needs review)",
    "no_assessment": "ไม่พบผลการประเมินในเอกสาร (no assessment found)",
    "error": "อ่านไฟล์ไม่ได้ (cannot be read)",
}
_SEVERITY_TH = {"error": "ผิดพลาด", "warning": "ต้องตรวจสอบ", "info": "หมายเหตุ"}


def verdict_text(a: Assessment) -> str:
    out = [f"ไฟล์ / file: {a.file}", f"ผล / verdict: {_STATUS_TH.get(a.status, a.status)}"]
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
        out.append(f"มาตรฐานที่อ้างถึง / framework cited: {a.framework} ({a.framework_cited})")
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
    for i in a.indicators:
        lv = f"ระดับ {i.level} {i.level_label}" if i.level is not None else "ไม่มีระดับ (no level)"
        sc = f", คะแนน {i.score:g}" if i.score is not None else ""
        mark = "  ⚠ " + "; ".join(i.review_reasons) if i.needs_review else ""
        out.append(f"  มาตรฐานที่ {i.standard} ตัวบ่งชี้ที่ {i.indicator}: {lv}{sc}{mark}")
    if a.findings:
        out.append(f"ข้อค้นพบ / findings ({len(a.findings)}):")
        for f in a.findings:
            where = f" [{f.location}]" if f.location else ""
            exp = f" (คาดไว้ / expected {f.expected}, พบ / actual {f.actual})" if f.expected or f.actual else ""
            out.append(f"  - {_SEVERITY_TH.get(f.severity, f.severity)} / {f.severity}: {f.message}{exp}{where}")
    return "\n".join(out)


def exit_code(a: Assessment) -> int:
    if a.status == STATUS_ERROR:
        return 2
    if a.status in (STATUS_OK,) and not a.findings:
        return 0
    if a.status == STATUS_NONE and not a.findings:
        return 1  # a submitted report with no assessment in it is worth a look
    return 1 if a.findings or a.status != STATUS_OK else 0


def validate_files(files: list[str], as_json: bool = False) -> int:
    code = 0
    records = []
    for f in files:
        a = process_file(f)
        code = max(code, exit_code(a))
        if as_json:
            rec = nested_record(a)
            rec["exit_code"] = exit_code(a)
            records.append(rec)
        else:
            print(verdict_text(a))
            print()
    if as_json:
        json.dump(records if len(records) != 1 else records[0], sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
    return code
