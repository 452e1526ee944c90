"""What rules emit: candidate values standing in one scope, with their role and their evidence.

A rule never decides. It says "here, in this scope, the text states level 4 as the result (method,
evidence, location)", or "here is a level table with boxes and none is ticked", and the resolver
(`pipeline.resolve`) weighs every candidate of a scope together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .scopes import Scope

# What a stated value is. Only `result` values become the scope's level or score; the others are
# kept as evidence of what the text is (a plan's targets, last year's results, a rubric).
RESULT, TARGET, PREVIOUS, RUBRIC, EVIDENCE = "result", "target", "previous", "rubric", "evidence"


@dataclass(slots=True)
class Candidate:
    scope: Scope
    role: str
    method: str
    evidence: str
    location: str
    level: int | None = None
    label: str = ""  # the label as written, normalised
    score: float | None = None
    full: float | None = None  # คะแนนเต็ม stated beside the score
    percent: float | None = None  # ร้อยละ stated beside the level
    flags: list[tuple[str, str]] = field(default_factory=list)  # (check, reason): the evidence is unclear
    weak: str = ""  # why the choice is shown only weakly (bold or shading only): a level, flagged
    signal: bool = False  # a sign the scope was assessed (a result heading) with no value of its own

    @property
    def has_value(self) -> bool:
        return self.level is not None or self.score is not None


@dataclass(slots=True)
class TotalCandidate:
    """What the report says about itself as a whole: "รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 95.00 …",
    a total row of a summary table, ผลการประเมินภาพรวม."""

    scope: Scope  # the document, or a part
    role: str
    method: str
    evidence: str
    location: str
    standards: int | None = None
    indicators: int | None = None
    score: float | None = None
    level: int | None = None
    label: str = ""
