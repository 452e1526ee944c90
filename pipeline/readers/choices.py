"""Level choices written in running text rather than in a table:

    ระดับคุณภาพ  ☐ 5  ☑ 4  ☐ 3  ☐ 2  ☐ 1        (box, then its level)
    5 ☐   4 ☑   3 ☐   2 ☐   1 ☐                (level, then its box)
    ☑ ระดับ 4 ดีมาก                             (one paragraph per level)

A box counts only when the text beside it is a whole level token ("4", "ระดับ 4", "ดีมาก",
"4 ดีมาก"): "☑ 1. แผนปฏิบัติการ" is an evidence checklist, not level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.model import Mark

from .. import patterns as P
from ..normalize import normalize_text
from ..scales import label_pattern
from .tables import level_in_cell


@dataclass(slots=True)
class LevelChoice:
    level: int
    label: str
    marks: list[Mark]
    text: str
    location: str
    conflict: str = ""
    kind: str = field(default="level")
    origin: str = ""  # "ocr" when read from a scanned page


@lru_cache(maxsize=1)
def _trailing_level() -> re.Pattern:
    return re.compile(rf"(?:ระดับ\s*(?:คุณภาพ)?\s*)?(?:(?P<num>[1-5])|(?P<label>{label_pattern()}))\s*[:=]?\s*$")


def _choice(level_label: tuple[int, str], mark: Mark, text: str, location: str) -> LevelChoice:
    level, label = level_label
    from_label = P.level_of_label(label) if label else None
    conflict = (f"the box at level {level} is labelled '{label}' (level {from_label})"
                if from_label and from_label != level else "")
    return LevelChoice(level, label, [mark], " ".join(text.split())[:240], location, conflict)


def level_choices(raw: str, marks: list[Mark], location: str) -> list[LevelChoice]:
    if not marks:
        return []
    ms = sorted(marks, key=lambda m: m.offset)
    ends = [m.offset for m in ms[1:]] + [len(raw)]
    starts = [0] + [m.offset + 1 for m in ms[:-1]]
    after = [level_in_cell(normalize_text(raw[m.offset + 1: end])) for m, end in zip(ms, ends)]
    before = [_before(normalize_text(raw[start: m.offset])) for m, start in zip(ms, starts)]
    # Which side a box's level stands on is told by the ends of the line: "ระดับ ☐ 5 ☑ 4" ends in
    # a level, "5 ☐ 4 ☑" starts with one. A line with levels at both ends cannot be told.
    if after[-1] is None and len(ms) >= 3 and all(after[:-1]):
        # the line goes on after its last box ("☐ 3  (ตามเกณฑ์…)"): a run of three or more boxes each
        # followed by its level is still a row of levels when the last one starts with a level too
        after[-1] = _leading_level(normalize_text(raw[ms[-1].offset + 1:]))
    box_first = after[-1] is not None
    level_first = before[0] is not None
    if box_first and level_first:
        return [LevelChoice(hit[0], hit[1], [m], " ".join(raw.split())[:240], location,
                            "levels stand on both sides of the boxes: cannot tell which level a box belongs to")
                for m, hit in zip(ms, after) if hit]
    if box_first:
        return [_choice(hit, m, raw, location) for m, hit in zip(ms, after) if hit]
    if level_first and all(before) and not raw[ms[-1].offset + 1:].strip():
        return [_choice(hit, m, raw, location) for m, hit in zip(ms, before)]
    return []


_LEADING_LEVEL = re.compile(r"^\s*(?:ระดับ\s*(?:คุณภาพ)?\s*)?([1-5])(?![\d.])")


def _leading_level(text: str) -> tuple[int, str] | None:
    hit = _LEADING_LEVEL.match(text)
    return (int(hit.group(1)), "") if hit else None


def _before(text: str) -> tuple[int, str] | None:
    hit = _trailing_level().search(text)
    if not hit:
        return None
    num, label = hit.group("num"), hit.group("label") or ""
    return (int(num) if num else P.level_of_label(label), label)
