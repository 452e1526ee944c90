"""Values stated in words: "ตัวบ่งชี้ที่ 3 … คะแนนที่ได้รับ 35 ระดับคุณภาพดีเยี่ยม",
"มาตรฐานที่ 1 … 30 คะแนน ระดับดีเยี่ยม", "รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 95.00 ระดับคุณภาพดีเยี่ยม".

A paragraph may hold many of them (seed 000 runs a whole standard into one line), so a text is cut
into segments at every heading keyword and each segment is read on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import patterns as P
from ..scales import label_pattern


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
    m = P.score_match(text)
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
    # Each pattern only where its keyword's letters stand (patterns.STANDARD_WORD …): four regex scans
    # of every paragraph were a tenth of the flow.
    if P.STANDARD_WORD in text:
        for m in P.TOTAL.finditer(text):
            hits.append((m.start(), "total", m))
        for m in P.STANDARD.finditer(text):
            hits.append((m.start(), "standard", m))
    if P.INDICATOR_WORD in text:
        for m in P.INDICATOR.finditer(text):
            hits.append((m.start(), "indicator", m))
    if use_issues and any(w in text for w in P.ISSUE_WORDS):
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


_NAME_TAIL = re.compile(r"\s*(?:มี)?(?:ผล\s*การ\s*ประเมิน)?\s*(?:อยู่\s*ใน|ได้|เป็น|คือ)\s*$")
_NAME_SEP = re.compile(r"^[\s:：.\-–—)]+")


def heading_name(body: str, values: Values) -> str:
    """The name that follows a heading's number, up to the first value phrase."""
    name = body if values.start is None else body[: values.start]
    name = _NAME_SEP.sub("", name).strip(" :-–")
    name = _NAME_TAIL.sub("", name).strip()  # "… อยู่ใน" before "ระดับดี" belongs to the statement
    return name[:300]


# -- statements with roles -------------------------------------------------------------------------
# Extraction splits labels at syllables ("ยอด เยี่ยม"); read them whole. Only these splits are joined:
# each half alone is no label, or ("ดี มาก") the split form is never meant as two words in a result.
_SPLIT_LABELS = re.compile(r"(ยอด|ดี|ปาน|กำลัง|พอ|ปรับ)\s(เยี่ยม|เลิศ|มาก|กลาง|พัฒนา|ใช้|ปรุง)")
_SPLIT_OK = {("ยอด", "เยี่ยม"), ("ดี", "เยี่ยม"), ("ดี", "เลิศ"), ("ดี", "มาก"), ("ปาน", "กลาง"),
             ("กำลัง", "พัฒนา"), ("พอ", "ใช้"), ("ปรับ", "ปรุง")}
TARGET_CUE = re.compile(r"เป้า\s*หมาย|คาด\s*หวัง|ตั้ง\s*ไว้|กำหนด\s*ไว้")
PREVIOUS_CUE = re.compile(r"ปี\s*(?:การศึกษา|งบประมาณ)?\s*ที่\s*ผ่าน\s*มา|ปี\s*ก่อน|ปีที่แล้ว|ครั้ง\s*ก่อน|รอบ\s*ที่\s*ผ่าน\s*มา")
_RESULT_CUE = re.compile(r"ผล\s*การ\s*(?:ประเมิน|ดำเนิน\s*งาน|พิจารณา)|อยู่\s*ใน\s*ระดับ|ได้\s*ระดับ|ผล\s*ที่\s*ได้|สรุป\s*ผล|"
                         r"คะแนน\s*ที่\s*ได้")
_RESULT_LEAD = re.compile(r"(?:อยู่\s*ใน|ได้)\s*$")
_YEAR = re.compile(r"(?:ปี\s*(?:การศึกษา|งบประมาณ)?\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*)(2[45]\d\d)")
_PERCENT = re.compile(r"ร้อย\s*ละ\s*(\d{1,6}+(?:\.\d{1,4}+)?)|(?<![\d.])(\d{1,6}+(?:\.\d{1,4}+)?)\s*%")
_PEOPLE = r"(?:ผู้\s*เรียน|นัก\s*เรียน|นัก\s*ศึกษา|ครู|บุคลากร|ผู้\s*ปกครอง|ผู้\s*สำเร็จ\s*การ\s*ศึกษา|ผู้\s*ตอบ|เด็ก)"
# People, then (within a few words) a percentage: the share of them at a level.
_SHARE_OF_PEOPLE = re.compile(rf"{_PEOPLE}[^\s]{{0,20}}\s*(?:จำนวน\s*)?(?:ร้อย\s*ละ|\d+(?:\.\d+)?\s*%)|"
                              rf"(?:ร้อย\s*ละ\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*%)\s*ของ\s*{_PEOPLE}")
_FULL = re.compile(r"(?:จาก\s*)?คะแนน\s*เต็ม\s*[:=]?\s*(\d+(?:\.\d+)?)")
_ROLE_WINDOW = 60


@dataclass(slots=True)
class Stated:
    """One value phrase in a text, with its role: "ค่าเป้าหมายระดับดีเลิศ" is a target,
    "ผลการประเมินอยู่ในระดับยอดเยี่ยม คิดเป็นร้อยละ 100" a result."""

    role: str
    level: int | None
    label: str
    start: int
    end: int
    cued: bool  # a result/target/previous word stands before it (not just "ระดับ N")
    subject: str = ""  # what the sentence says is at this level ("ความพึงพอใจของผู้ปกครอง"), when it names one
    bare: bool = False  # no word cues it: the text is nothing but the phrase ("ระดับคุณภาพ 4 (ดีเลิศ)")
    percent: float | None = None
    flags: list[tuple[str, str]] = field(default_factory=list)


def join_split_labels(text: str) -> str:
    return _SPLIT_LABELS.sub(lambda m: m.group(1) + m.group(2) if (m.group(1), m.group(2)) in _SPLIT_OK
                             else m.group(0), text)


def read_statements(text: str) -> list[Stated]:
    """Every level phrase in `text`, each with the role its nearest preceding cue gives it. Of
    several result phrases that each name a year, the latest year is the result and the others
    are previous years."""
    out: list[Stated] = []
    prev_end = 0
    for lm in P.level_phrase().finditer(text):
        num, label = lm.group("num"), lm.group("label")
        if not num and not label:
            continue
        window_start = max(prev_end, lm.start() - _ROLE_WINDOW)
        before = text[window_start: lm.start()]
        head = lm.group(0)[:20]
        cues = [(m.end(), "target") for m in TARGET_CUE.finditer(before)]
        cues += [(m.end(), "previous") for m in PREVIOUS_CUE.finditer(before)]
        cues += [(m.end(), "result") for m in _RESULT_CUE.finditer(before)]
        # "อยู่ใน|ระดับดี", "ได้|ระดับ ๕": a statement, whose role the words before it give (result by default)
        lead = bool(_RESULT_LEAD.search(before))
        role, cued = "result", False
        if _RESULT_CUE.match(head):
            cued = True
            if cues and max(cues)[1] != "result" and lm.start() - window_start - max(cues)[0] < 25:
                role = max(cues)[1]
        elif cues:
            role, cued = max(cues)[1], True
        elif lead:
            cued = True
        from_label = P.level_of_label(label) if label else None
        from_num = int(num) if num else None
        # A line that is nothing but the phrase ("ระดับคุณภาพ 4 (ดีเลิศ)") states it.
        bare = not cued and len(text.strip()) - len(lm.group(0).strip()) <= 6
        st = Stated(role, None, label or "", lm.start(), lm.end(), cued or bare, _subject(before, head), bare)
        if from_label and from_num and from_label != from_num:
            st.flags.append(("level.label_mismatch",
                             f"the label '{label}' means level {from_label} but the number written is {from_num}"))
        else:
            st.level = from_num or from_label
        after = text[lm.end(): lm.end() + 40]
        if re.match(rf"\s*(?:หรือ\s*(?:ระดับ\s*)?(?:{label_pattern()}|[1-5])|ขึ้น\s*ไป)", after):
            st.role = "rubric"  # "อยู่ในระดับดีเลิศหรือยอดเยี่ยม", "ระดับ ดี ขึ้นไป": a criterion, not a result
        elif _SHARE_OF_PEOPLE.search(before):
            # "ผู้เรียนร้อยละ 92.50 มีผลการประเมิน…อยู่ในระดับ ดีเยี่ยม": a share of the pupils at that level. (The
            # item's own percentage, "มีผลการประเมินร้อยละ 92.50 อยู่ในระดับ ยอดเยี่ยม", is its result.)
            st.role = "evidence"
        pm = _PERCENT.search(after) or (next(reversed(list(_PERCENT.finditer(before))), None)
                                        if st.role == "result" else None)
        if pm:
            st.percent = float(pm.group(1) or pm.group(2))
        ym = list(_YEAR.finditer(before))
        if ym:
            st.flags.append(("_year", ym[-1].group(1)))
        out.append(st)
        prev_end = lm.end()
    years = [(int(f[1]), s) for s in out if s.role == "result" for f in s.flags if f[0] == "_year"]
    if len(years) > 1 and len({y for y, _ in years}) > 1:
        latest = max(y for y, _ in years)
        for y, s in years:
            if y < latest:
                s.role = "previous"
    for s in out:
        s.flags = [f for f in s.flags if f[0] != "_year"]
    return out


_ASSESSED = re.compile(r"ผล\s*การ\s*(?:ประเมิน|ดำเนิน\s*งาน)")


def _subject(before: str, head: str) -> str:
    """The thing a sentence puts at a level: the words between "ผลการประเมิน" and the level
    ("ผลการประเมินความพึงพอใจของผู้ปกครองอยู่ในระดับ ดี"), or the clause before "อยู่ใน" / "ได้"
    ("ความพึงพอใจของผู้ปกครองอยู่ในระดับ ดี"). Empty when the phrase itself opens with its cue."""
    if _RESULT_CUE.match(head):
        return ""
    assessed = list(_ASSESSED.finditer(before))
    if assessed:
        gap = before[assessed[-1].end():]
    elif _RESULT_LEAD.search(before):
        gap = before.rstrip().split(" ")[-1] if before.strip() else ""
    else:
        return ""
    return _RESULT_LEAD.sub("", gap).strip(" :")


def full_marks(text: str) -> float | None:
    m = _FULL.search(text)
    return float(m.group(1)) if m else None
