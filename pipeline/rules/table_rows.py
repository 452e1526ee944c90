"""Summary tables: a row per standard or indicator with its score and level, in columns whose
headers say what they hold — the result (ผลการประเมิน, ระดับคุณภาพ), a target (ค่าเป้าหมาย), a past
year (ปีที่ผ่านมา, or the earlier of two year columns), full marks (คะแนนเต็ม), a percentage — and total
rows (รวม, ภาพรวม, ผลการประเมินภาพรวม) that state the report's own totals."""

from __future__ import annotations

from ..candidates import RESULT, Candidate, TotalCandidate
from ..structure import TableUnit
from .prose import clip


def summary_candidates(u: TableUnit) -> list[Candidate | TotalCandidate]:
    out: list[Candidate | TotalCandidate] = []
    for v, scope in zip(u.views, u.row_scopes):
        if v.kind != "summary":
            continue
        by_role: dict[str, dict] = {}
        for x in v.stated:
            d = by_role.setdefault(x.role, {})
            if x.what == "level":
                d.setdefault("level", int(x.value))
                d.setdefault("label", x.label)
            else:
                d.setdefault(x.what, x.value)
        shared = by_role.get(RESULT, {})
        for role, d in by_role.items():
            if "level" not in d and "score" not in d:
                continue
            if v.id_kind == "total":
                if role == RESULT:
                    out.append(TotalCandidate(scope, role, "summary-table", clip(v.text), v.location,
                                              score=d.get("score"), level=d.get("level"), label=d.get("label", "")))
                continue
            out.append(Candidate(scope, role, "summary-table", clip(v.text), v.location, d.get("level"),
                                 d.get("label", ""), d.get("score"), d.get("full", shared.get("full")),
                                 d.get("percent")))
    return out
