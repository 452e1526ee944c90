"""From a ReportDocument to an Assessment, in one direction:

    build_structure (scopes)  ->  rules.collect (candidates)  ->  resolve (values and flags)

plus what a report says about itself outside its scopes (organisation, years, framework cited,
which label scale it writes) and what the parser could not read (OCR notes). Status is not decided
here: `pipeline.checks` decides it once, with every finding in hand.
"""

from __future__ import annotations

from parsers.model import ReportDocument

from .metadata import read_metadata
from .normalize import damaged_document
from .model import Assessment, Finding
from .resolve import resolve
from .rules import collect
from .structure import build_structure
from .thai_repair import document_is_damaged

_SCHOOL_ONLY = ("ยอดเยี่ยม", "ดีเลิศ", "กำลังพัฒนา", "ปานกลาง")
_ESA_ONLY = ("ดีเยี่ยม", "ดีมาก", "พอใช้")


def extract_assessment(doc: ReportDocument) -> Assessment:
    token = damaged_document.set(doc.format == "pdf" and document_is_damaged(p.text for p in doc.iter_paragraphs()))
    try:
        return _extract(doc)
    finally:
        damaged_document.reset(token)


def _extract(doc: ReportDocument) -> Assessment:
    structure = build_structure(doc)
    a = Assessment(file=doc.path, format=doc.format, pages=doc.pages)
    md = read_metadata(structure.texts)
    a.organisation, a.organisation_evidence = md.organisation, md.organisation_evidence
    a.fiscal_year_be, a.academic_year_be = md.fiscal_year_be, md.academic_year_be
    a.framework, a.framework_cited = md.framework, md.framework_cited
    a.scale = _scale(structure.texts, md.framework)
    resolve(structure, collect(structure), a)
    ocr = any(p.origin == "ocr" for p in doc.iter_paragraphs())
    if ocr and (a.organisation or a.fiscal_year_be or a.academic_year_be):
        a.findings.append(Finding("read.ocr_metadata", "warning",
                                  "the organisation and years come from pages read by OCR: check them "
                                  "against the scan", actual=f"{a.organisation} {a.fiscal_year_be or ''}"))
    for d in doc.diagnostics:
        check = {"missing_tool": "read.missing_tool", "page_unreadable": "read.page", "ocr_used": "read.ocr",
                 "page_drawing_skipped": "read.page"}.get(d.kind, "read.pages_unread")  # a scanned page OCR could not finish, run or afford
        a.findings.append(Finding(check, "info" if d.kind == "ocr_used" else "warning", d.message))
    return a


def _scale(texts: list[str], framework: str) -> str:
    """Which label set the report writes: the school scale (ยอดเยี่ยม … กำลังพัฒนา) or the ESA one."""
    text = " ".join(texts)
    school = sum(text.count(w) for w in _SCHOOL_ONLY)
    esa = sum(text.count(w) for w in _ESA_ONLY)
    if school > esa or framework.startswith(("school-2561", "early-childhood-2561", "vocational-2561")):
        return "school"
    return "esa"
