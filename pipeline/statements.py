"""Values stated in words: "ตัวบ่งชี้ที่ 3 … คะแนนที่ได้รับ 35 ระดับคุณภาพดีเยี่ยม",
"มาตรฐานที่ 1 … 30 คะแนน ระดับดีเยี่ยม", "รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 95.00 ระดับคุณภาพดีเยี่ยม".

A paragraph may hold many of them (seed 000 runs a whole standard into one line), so a text is cut
into segments at every heading keyword and each segment is read on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P


@dataclass(slots=True)
class Values:
    score: float | None = None
    level: int | None = None
    label: str = ""
    flags: list[tuple[str, str]] = field(default_factory=list)  # (check, reason)
    start: int | None = None  # where the first value phrase begins in the text read

    @property
    def empty(self) -> bool:
        return self.score is None and self.level is None and not self.flags


@dataclass(slots=True)
class Segment:
    kind: str  # standard, indicator, issue, total
    num: str
    start: int  # offset of the keyword in the text
    body: str  # text after the keyword and number, up to the next keyword
    match: re.Match


def read_values(text: str) -> Values:
    """Score and level stated in `text` (the part after a heading's number)."""
    v = Values()
    m = P.SCORE_EXPLICIT.search(text) or P.SCORE_BEFORE.search(text)
    if m:
        v.score = float(m.group("score"))
        v.start = m.start()
    for lm in P.level_phrase().finditer(text):
        num, label = lm.group("num"), lm.group("label")
        if not num and not label:
            continue
        v.start = lm.start() if v.start is None else min(v.start, lm.start())
        v.label = label or ""
        from_label = P.level_of_label(label) if label else None
        from_num = int(num) if num else None
        if from_label and from_num and from_label != from_num:
            v.flags.append(("level.label_mismatch",
                            f"the label '{label}' means level {from_label} but the number written is {from_num}"))
            v.level = None
        else:
            v.level = from_num or from_label
        break
    return v


def segments(text: str, use_issues: bool) -> list[Segment]:
    """Cut `text` at every standard / indicator / total keyword."""
    hits: list[tuple[int, str, re.Match]] = []
    for m in P.TOTAL.finditer(text):
        hits.append((m.start(), "total", m))
    for m in P.STANDARD.finditer(text):
        hits.append((m.start(), "standard", m))
    for m in P.INDICATOR.finditer(text):
        hits.append((m.start(), "indicator", m))
    if use_issues:
        for m in P.ISSUE.finditer(text):
            hits.append((m.start(), "issue", m))
    hits.sort(key=lambda h: h[0])
    # A total such as "3 มาตรฐาน 17 ตัวบ่งชี้" must not also yield the keywords inside it.
    kept: list[tuple[int, str, re.Match]] = []
    for h in hits:
        if kept and h[0] < kept[-1][2].end():
            continue
        kept.append(h)
    out = []
    for i, (pos, kind, m) in enumerate(kept):
        end = kept[i + 1][0] if i + 1 < len(kept) else len(text)
        num = "" if kind == "total" else P.clean_num(m.group("num"))
        out.append(Segment(kind, num, pos, text[m.end():end], m))
    return out


_NAME_SEP = re.compile(r"^[\s:：.\-–—)]+")


def heading_name(body: str, values: Values) -> str:
    """The name that follows a heading's number, up to the first value phrase."""
    name = body if values.start is None else body[: values.start]
    name = _NAME_SEP.sub("", name).strip(" :-–")
    return name[:300]
