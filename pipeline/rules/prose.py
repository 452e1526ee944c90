"""Values stated in words, in paragraphs and cells: "ตัวบ่งชี้ที่ 3 … คะแนนที่ได้รับ 35 ระดับคุณภาพดีเยี่ยม",
"ผลการประเมินอยู่ในระดับ ดีเยี่ยม", "ระดับคุณภาพ 4 (ดีมาก)", "ได้ระดับ ๕", "อยู่ในระดับคุณภาพยอดเยี่ยม คิดเป็น
ร้อยละ 100.00", "ค่าเป้าหมายระดับดีเลิศ ผลการประเมินอยู่ในระดับยอดเยี่ยม" (a target, then a result), and the
totals a report states about itself.

Text that follows a heading is read whole. Text with no heading of its own (a paragraph under the
heading, a cell) counts only where a word says what the value is (ผลการประเมิน, อยู่ในระดับ,
เป้าหมาย, ปีที่ผ่านมา …): a bare "ระดับ 4" in running text is a description, not a statement.
"""

from __future__ import annotations

import re

from .. import patterns as P
from ..frameworks import name_similarity
from ..candidates import EVIDENCE, RESULT, RUBRIC, Candidate, TotalCandidate
from ..structure import TextUnit
from ..readers.values import full_marks, join_split_labels, read_statements, read_values

EVIDENCE_CHARS = 240
# A line that opens with a level and goes on to describe it is a rubric ("5 ยอดเยี่ยม ผลการประเมินมาตรฐาน
# ที่ 1 … อยู่ในระดับยอดเยี่ยม", "ระดับคุณภาพ 4 หมายถึง …"), not a result.
_RUBRIC_LINE = re.compile(r"^(?:ระดับ\s*(?:คุณภาพ)?\s*(?:ที่)?\s*)?[1-5]\s*[.)=:]?\s*(?:\(?(?:ยอดเยี่ยม|ดีเลิศ|ดีเยี่ยม|"
                          r"ดีมาก|ดี|ปานกลาง|พอใช้|กำลังพัฒนา|ปรับปรุง|ต้องปรับปรุง)\)?\s*[:=]?\s+\S|หมายถึง)")
_MEANS = re.compile(r"หมายถึง|เกณฑ์\s*การ|ได้\s*ระดับ\s*\d\s*(?:เมื่อ|ถ้า)")
# "ผลการประเมินอยู่ในระดับ ........": a result the report means to state, which we cannot read.
_RESULT_SLOT = re.compile(r"ผล\s*การ\s*ประเมิน[^\n]{0,30}?(?:อยู่\s*ใน\s*)?ระดับ\s*(?:คุณภาพ)?\s*[:：]?\s*")
_SCORE_NEAR = 60
# Sub-items inside an indicator: 1) … 6), (1), 1.1), 1.1.1 (how school software numbers them).
# Their levels are evidence for the indicator's judgement, not its result.
_SUB_ITEM = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})?\)|\d{1,2}\.\d{1,2}\.\d{1,2}(?!\d))")


def clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def prose_candidates(u: TextUnit) -> list[Candidate | TotalCandidate]:
    text = join_split_labels(u.text)
    method = ("ocr:" if u.para.origin == "ocr" else "") + "prose-statement"
    if u.heading is not None and u.heading.kind == "total":
        return [_total(u, text)]
    if u.boxes:
        return []  # a line of boxes is read for its ticks: "ระดับ 5 ☑" is no statement of 5
    if u.scope.kind in ("document", "part"):
        return _overall(u, text)
    whole_heading = u.heading is not None or u.continued
    rubric = bool(_RUBRIC_LINE.match(u.whole)) or (not whole_heading and bool(_MEANS.search(text)))
    evidence = clip(u.whole if not whole_heading else (u.heading.match.group(0) if u.heading else "") + text)
    out: list[Candidate] = []
    states = read_statements(text)
    if not whole_heading:
        # A cell that is nothing but "ระดับ 1 ปรับปรุง" is a level table's or rubric's row label, not a statement.
        states = [s for s in states if s.cued and not (s.bare and u.in_table)]
    score_m = P.score_match(text)
    score = float(score_m.group("score")) if score_m else None
    if score is not None and not whole_heading and not any(
            s.role == RESULT and abs(s.start - score_m.start()) < _SCORE_NEAR for s in states):
        score = None  # a number of points in running text (a test result): not this scope's score
    full = full_marks(text)
    sub_item = not whole_heading and bool(_SUB_ITEM.match(u.whole))
    for s in states:
        role = RUBRIC if rubric else EVIDENCE if sub_item or u.mention else s.role
        if role == RESULT and not whole_heading and _about_something_else(s.subject, u.scope.name):
            role = EVIDENCE
        c = Candidate(u.scope, role, method, evidence, u.location, s.level, s.label, percent=s.percent,
                      flags=list(s.flags))
        if sub_item or u.mention:
            c.method = "sub-item-statement" if sub_item else "mention"
        if score is not None and role == RESULT:
            c.score, c.full, score = score, full, None
        out.append(c)
    if score is not None and whole_heading:
        out.append(Candidate(u.scope, RUBRIC if rubric else RESULT, method, evidence, u.location, score=score,
                             full=full))
    if not out and u.scope.kind in ("standard", "indicator") and not rubric:
        m = _RESULT_SLOT.search(text)
        if m and not read_values(text[m.start():]).level:
            out.append(Candidate(u.scope, RESULT, "result-heading", clip(u.whole), u.location, signal=True))
        elif whole_heading and len(P.label_anywhere().findall(text[-40:])) >= 2:
            # "มาตรฐานที่ 1 คุณภาพของผู้เรียน ดีเลิศ ดี ยอดเยี่ยม": a table row flattened into text (a lost
            # table, a PDF without ruling); which label is the result cannot be told.
            out.append(Candidate(u.scope, RESULT, "flattened-row", clip(u.whole), u.location, signal=True))
    return out


# Words a sentence may put before its level and still speak of the scope itself.
_OWN = re.compile(r"ตนเอง|ของ|สถานศึกษา|โรงเรียน|วิทยาลัย|สำนักงาน(?:เขตพื้นที่การศึกษา)?|ใน|ปี\s*(?:การศึกษา|งบประมาณ)?"
                  r"(?:\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*\d{4}|นี้)?|คุณภาพ|ภาพรวม|โดยรวม|มี|ซึ่ง|จึง|ทำให้|ส่งผลให้|พบว่า|"
                  r"ดังนั้น|โดย|ทั้ง|นี้|ที่|ได้|[\d\s.:,()\-–]")


def _about_something_else(subject: str, scope_name: str) -> bool:
    """A sentence under a heading that puts another thing at a level ("ความพึงพอใจของผู้ปกครองอยู่ใน
    ระดับ ดี", "ผลการประเมินการอ่าน คิดวิเคราะห์ และเขียน อยู่ในระดับ ดีเยี่ยม") states that thing's level,
    not the scope's: evidence. A subject that is the scope's own name, or only says "the school", is
    the scope's result."""
    rest = _OWN.sub("", subject)
    if len(rest) < 4:
        return False
    return not (scope_name and (rest in scope_name.replace(" ", "") or name_similarity(subject, scope_name) >= 0.6))


def _overall(u: TextUnit, text: str) -> list[TotalCandidate]:
    """The overall result of the school or office (ผลการประเมินภาพรวม … อยู่ในระดับ ดีเลิศ). Other
    statements outside any standard (a title, an introduction) are no one's result."""
    if not P.OVERALL.match(P.LEAD.sub("", text)):
        return []
    states = [s for s in read_statements(text) if s.role == RESULT and s.level is not None]
    return [TotalCandidate(u.scope, RESULT, "prose-overall", clip(u.whole), u.location, level=s.level, label=s.label)
            for s in states[:1]]


def _total(u: TextUnit, text: str) -> TotalCandidate:
    m = u.heading.match
    v = read_values(text[len(m.group(0)):] if text.startswith(m.group(0)) else text)
    return TotalCandidate(u.scope, RESULT, "prose-total", clip(text[:200]), u.location, int(m.group("std")),
                          int(m.group("ind")), v.score, v.level, v.label)
