"""Assessments to the four tidy tables of DESIGN.md, as pandas DataFrames.

pandas is imported where a frame is built, not with the module: a worker only makes records, and a
batch's parent needs pandas only once its first rows are written (after its workers have started,
so its 0.2 s import is no longer time every worker waits for)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .columns import REPEATED, SCHEMA_VERSION, dtypes
from .model import Assessment, display_path

if TYPE_CHECKING:
    import pandas as pd

DOCUMENT_COLUMNS = dtypes("documents")
STANDARD_COLUMNS = dtypes("standards")
INDICATOR_COLUMNS = dtypes("indicators")
FINDING_COLUMNS = dtypes("findings")


def _empty() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame()


@dataclass
class Dataset:
    records: list[dict] = field(default_factory=list)  # one nested record per document (JSON Lines)
    documents: pd.DataFrame = field(default_factory=_empty)
    standards: pd.DataFrame = field(default_factory=_empty)
    indicators: pd.DataFrame = field(default_factory=_empty)
    findings: pd.DataFrame = field(default_factory=_empty)

    TABLES = ("documents", "standards", "indicators", "findings")

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in self.TABLES}


def document_record(a: Assessment) -> dict:
    st = a.stated
    return {
        "file": display_path(a.file), "sha256": a.sha256, "format": a.format, "status": a.status, "error": a.error,
        "organisation": a.organisation, "fiscal_year_be": a.fiscal_year_be, "academic_year_be": a.academic_year_be,
        "framework": a.framework, "framework_cited": a.framework_cited,
        "framework_confidence": a.framework_confidence, "framework_basis": a.framework_basis,
        "scale": a.scale, "pages": a.pages,
        "standards_found": len(a.standards), "indicators_found": len(a.indicators),
        "levels_found": sum(1 for i in a.indicators if i.level is not None),
        "indicators_needing_review": sum(1 for i in a.indicators if i.needs_review),
        "standards_stated": st.standards if st else None, "indicators_stated": st.indicators if st else None,
        "total_score_stated": st.score if st else None, "total_level_stated": st.level if st else None,
        "total_label_stated": st.label if st else "",
        "findings": len(a.findings), "finding_checks": "; ".join(dict.fromkeys(f.check for f in a.findings)),
        "schema_version": SCHEMA_VERSION,
    }


def standard_records(a: Assessment) -> list[dict]:
    return [{"file": display_path(a.file), "part": s.part, "standard": s.standard, "name": s.name, "score": s.score, "level": s.level,
             "level_label": s.level_label, "level_label_as_written": s.level_label_as_written, "method": s.method, "evidence": s.evidence, "location": s.location,
             "needs_review": s.needs_review, "review_reason": "; ".join(s.review_reasons)} for s in a.standards]


def indicator_records(a: Assessment) -> list[dict]:
    return [{"file": display_path(a.file), "part": i.part, "standard": i.standard, "indicator": i.indicator,
             "indicator_id": i.indicator_id, "name": i.name, "level": i.level,
             "level_label": i.level_label, "level_label_as_written": i.level_label_as_written, "score": i.score, "method": i.method, "evidence": i.evidence,
             "location": i.location, "needs_review": i.needs_review, "review_reason": "; ".join(i.review_reasons)}
            for i in a.indicators]


def finding_records(a: Assessment) -> list[dict]:
    from .checks import CHECK_TH

    rows = [{"file": display_path(a.file), "part": f.part, "standard": f.standard, "indicator": f.indicator,
             "indicator_id": f.indicator_id, "check": f.check, "check_th": CHECK_TH.get(f.check, ""), "severity": f.severity,
             "message": f.message, "message_th": f.message_th, "expected": f.expected, "actual": f.actual,
             "location": f.location}
            for f in a.findings]
    if a.status in ("error", "missing_tool"):
        rows.insert(0, {"file": display_path(a.file), "part": "", "standard": "", "indicator": "", "indicator_id": "",
                        "check": "read", "check_th": CHECK_TH["read"], "severity": "error",
                        "message": a.error, "message_th": "", "expected": "", "actual": "", "location": ""})
    return rows


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """Contract columns first, in order, typed; any further keys a record carries (a batch adds
    `also_at`) follow as text."""
    import pandas as pd

    extra = [k for k in dict.fromkeys(k for r in rows for k in r) if k not in columns]
    df = pd.DataFrame(rows, columns=list(columns) + extra)
    return df.astype({**columns, **{k: "string" for k in extra}})


_PARTS = ("standards", "indicators", "findings")


def nested_record(a: Assessment) -> dict:
    """One document with its standards, indicators and findings inside: the JSON Lines record, and
    what a batch run keeps in its manifest. Plain JSON types only."""
    rec = document_record(a)
    rec["standards"] = standard_records(a)
    rec["indicators"] = indicator_records(a)
    rec["findings"] = finding_records(a)
    for part in _PARTS:
        for r in rec[part]:
            r.pop("file", None)
    return rec


def build_dataset(assessments: list[Assessment]) -> Dataset:
    return build_dataset_from_records([nested_record(a) for a in assessments])


def table_rows(records: list[dict]) -> dict[str, list[dict]]:
    """The rows of the four tables from nested records, as plain dicts (the table writer needs no more)."""
    # the nested record's `findings` is the list; the documents row counts it
    docs = [{**{k: v for k, v in r.items() if k not in _PARTS}, "findings": len(r.get("findings") or []),
             "finding_checks": "; ".join(dict.fromkeys(f["check"] for f in r.get("findings") or []))}
            for r in records]
    parts = {part: [dict(row, file=r["file"], **({k: r.get(k) for k in REPEATED} if part != "findings" else {}))
                    for r in records for row in r.get(part, [])] for part in _PARTS}
    return {"documents": docs, **parts}


def build_dataset_from_records(records: list[dict]) -> Dataset:
    rows = table_rows(records)
    return Dataset(
        records=records,
        documents=_frame(rows["documents"], DOCUMENT_COLUMNS),
        standards=_frame(rows["standards"], STANDARD_COLUMNS),
        indicators=_frame(rows["indicators"], INDICATOR_COLUMNS),
        findings=_frame(rows["findings"], FINDING_COLUMNS),
    )
