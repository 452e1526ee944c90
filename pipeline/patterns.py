"""The Thai phrases the rules look for, on normalised text (single spaces, Arabic digits).

Headings: มาตรฐานที่ N; ตัวบ่งชี้ที่ N / N.M; ตัวชี้วัดที่ N; ประเด็น(การ)พิจารณาที่ N, with any spacing
inside the keyword. Values: "คะแนนที่ได้รับ 35", "30 คะแนน", "ระดับคุณภาพดีเยี่ยม", "ระดับ 4 (ดีมาก)".
Totals: "รวม 3 มาตรฐาน 17 ตัวบ่งชี้".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .scales import label_levels, label_pattern

S = r"\s*"
NUM = r"\d+(?:\s*\.\s*\d+)*"
# Letters every match of a keyword pattern holds, unbroken: the patterns are built from them, and a
# text without them is not scanned at all (`in` runs in C; most paragraphs name no standard).
STANDARD_WORD = "มาตรฐาน"
INDICATOR_WORD = "ตัว"
ISSUE_WORDS = ("ประเด็น", "ข้อ")
SCORE_WORD = "คะแนน"
# Tone marks are optional inside the keywords: OCR of scanned pages drops them ("ตัวบ่งชีที 1").
STANDARD_KW = rf"{STANDARD_WORD}{S}ที่?"
INDICATOR_KW = rf"(?:{INDICATOR_WORD}{S}บ่?ง{S}ชี้?|{INDICATOR_WORD}{S}ชี้?{S}วัด)"
# ประเด็นพิจารณาที่ / ประเด็นการพิจารณาที่ (schools), ประเด็นการประเมินที่ (vocational SARs), ประเด็นที่,
# ข้อการประเมินที่: indicators only in a report with no ตัวบ่งชี้ / ตัวชี้วัด (ESA reports use ประเด็นที่ for sub-items).
_ISSUE, _ITEM = ISSUE_WORDS
ISSUE_KW = rf"(?:{_ISSUE}{S}(?:การ{S})?(?:พิจารณา|ประเมิน)|{_ISSUE}(?={S}ที่)|{_ITEM}{S}การ{S}ประเมิน)"

STANDARD = re.compile(rf"{STANDARD_KW}{S}(?P<num>\d+)(?![\d])")
INDICATOR = re.compile(rf"(?P<kw>{INDICATOR_KW}){S}ที่?{S}(?P<num>{NUM})")
ISSUE = re.compile(rf"(?P<kw>{ISSUE_KW}){S}ที่?{S}(?P<num>{NUM})")
KEYWORD_ONLY = re.compile(rf"^(?:{STANDARD_KW}|{INDICATOR_KW}{S}ที่?|{ISSUE_KW}{S}ที่?)\s*[:.]?$")

# "รวม 3 มาตรฐาน 17 ตัวบ่งชี้": counts the report states about itself.
# Bounded, possessive counts: every pattern here is linear in its text (a line of 50,000 digits or
# keywords must not take quadratic time; hostile input, issue 13).
TOTAL = re.compile(rf"(?P<sum>รวม|ทั้งหมด|ทั้งสิ้น)?{S}(?<!\d)(?P<std>\d{{1,3}}+){S}{STANDARD_WORD}{S}(?P<ind>\d{{1,4}}+){S}"
                   rf"(?:{INDICATOR_KW}|{ISSUE_KW})")
# A row or line that is a grand total in a summary table.
TOTAL_ROW = re.compile(r"^(?:ผล\s*การ\s*ประเมิน\s*(?=ภาพ\s*รวม|โดย\s*รวม))?(?:รวม|ภาพ\s*รวม|โดย\s*รวม|สรุป|เฉลี่ย|"
                       r"ค่าเฉลี่ย|ผลรวม|คะแนนรวม)")
# The school's (or office's) overall result in prose: "ผลการประเมินภาพรวมของสถานศึกษาอยู่ในระดับ ดีเลิศ".
OVERALL = re.compile(r"^(?:สรุป\s*)?ผล\s*การ\s*ประเมิน\s*(?:ตนเอง\s*)?(?:ใน\s*)?(?:ภาพ\s*รวม|โดย\s*รวม)")

# Numbering at the start of a line that is not part of the heading ("4.", "๑)", "-").
LEAD = re.compile(r"^[\s\-–•*·>]*(?:\(?\d{1,2}[.)]\s*)?(?:[ก-ฮ][.)]\s*)?")

SCORE_EXPLICIT = re.compile(rf"(?:{SCORE_WORD}{S}ที่?{S}ได้?{S}(?:รับ)?|ได้{S}{SCORE_WORD}|{SCORE_WORD}{S}(?:เฉลี่ย|รวม)?)"
                            rf"{S}[:=]?{S}(?P<score>\d+(?:\.\d+)?)(?![\d.])")
SCORE_BEFORE = re.compile(rf"(?<![\d.])(?P<score>\d{{1,6}}+(?:\.\d{{1,4}}+)?)\s*{SCORE_WORD}(?!\s*(?:ที|เต็ม))")
NUMBER = re.compile(r"^\(?(?P<n>\d+(?:\.\d+)?)\)?$")


def score_match(text: str) -> re.Match | None:
    """The score a text states ("คะแนนที่ได้ 4.50", "4.50 คะแนน"), the explicit form first."""
    if SCORE_WORD not in text:
        return None
    return SCORE_EXPLICIT.search(text) or SCORE_BEFORE.search(text)


@lru_cache(maxsize=1)
def level_phrase() -> re.Pattern:
    """ "ระดับคุณภาพดีเยี่ยม", "ระดับ 4 (ดีมาก)", "อยู่ในระดับ ดี", "ระดับคุณภาพ: 5"."""
    lab = label_pattern()
    return re.compile(rf"(?:ระดับ{S}(?:คุณภาพ)?|ผลการประเมิน(?:{S}อยู่ใน)?(?:{S}ระดับ(?:{S}คุณภาพ)?)?)"
                      rf"{S}(?:ที่|อยู่ใน|เป็น)?{S}[:=]?{S}"
                      rf"(?:\(?(?P<num>[1-5])\)?(?![\d.,%])\s*[(\-–:]?\s*)?(?:(?P<label>{lab})\s*\)?)?")


@lru_cache(maxsize=1)
def level_cell() -> re.Pattern:
    """A cell (or the head of a cell) that names one level: "5", "๕", "ระดับ 4", "4 ดีมาก",
    "ดีเยี่ยม (5)", "ระดับคุณภาพ 3 ดี"."""
    lab = label_pattern()
    return re.compile(
        rf"^(?:ระดับ{S}(?:คุณภาพ)?{S}(?:ที่)?{S})?(?:"
        rf"\(?(?P<num>[1-5])\)?(?![\d.,%])(?:\s*[.):\-–=]?\s*\(?(?P<label>{lab})\)?)?"
        rf"|(?P<label2>{lab})(?:\s*\(?(?P<num2>[1-5])\)?(?![\d.,%]))?)")


@lru_cache(maxsize=1)
def label_anywhere() -> re.Pattern:
    return re.compile(label_pattern())


def level_of_label(label: str) -> int | None:
    hit = label_levels().get(label)
    return hit[0] if hit else None


def clean_num(num: str) -> str:
    return re.sub(r"\s+", "", num).strip(".")
