"""Who wrote the report, for which year, against which framework.

Organisation: the office named most often (ties: the first), full form or abbreviation
(สพป. = ประถมศึกษา, สพม. = มัธยมศึกษา, สพท. = the pre-2553 undivided offices); failing that, the first
school named; a school named in the title wins over its parent office. "ปีงบประมาณ" is the fiscal year, "ปีการศึกษา" the academic year, both in B.E.
Years: the one in the title (first paragraphs), else the one named most often (a narrative
mentions last year's plan too), ties going to the later year.
Framework: the first citation "มาตรฐาน… พ.ศ. NNNN".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_OFFICE_FULL = re.compile(r"สำนักงานเขตพื้นที่การศึกษา\s*(?P<kind>ประถมศึกษา|มัธยมศึกษา)?\s*"
                          r"(?P<prov>[ก-ฮเ-ไ][ก-๎]{0,30}?)?\s*เขต\s*(?P<n>\d{1,3})(?!\d)")  # bounded: linear
_OFFICE_ABBR = re.compile(r"(?P<abbr>สพป|สพม|สพท)\s*\.?\s*(?P<prov>[ก-ฮเ-ไ][ก-๎]{0,30}?)\s*เขต\s*(?P<n>\d{1,3})(?!\d)")
_SCHOOL = re.compile(r"โรงเรียน\s*(?!และ|ใน|ที่|ของ|ต่าง|ทุก|เอกชน|สังกัด)(?P<name>[ก-๎][ก-๎]{1,60}?)"
                     r"(?=\s|$|อำเภอ|ตำบล|จังหวัด|สังกัด)")
# In the title the school is the subject: "รายงานการประเมินตนเองของสถานศึกษา (SAR) โรงเรียน…", not
# "สังกัด … โรงเรียน" or a school mentioned in passing.
_TITLE_SCHOOL = re.compile(r"^\s*(?:รายงาน[^\n]{0,60}?(?:\(SAR\)|สถานศึกษา|ตนเอง)\s*)?" + _SCHOOL.pattern)
_COLLEGE = re.compile(r"^\s*วิทยาลัย[ก-๎]{2,60}(?:\s+[ก-๎]{2,30})?\s*$")
_KIND_OF_ABBR = {"สพป": "ประถมศึกษา", "สพม": "มัธยมศึกษา", "สพท": ""}
_FISCAL = re.compile(r"ปี\s*งบ\s*ประมาณ\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*(?P<y>2[45]\d\d)")
_ACADEMIC = re.compile(r"ปี\s*การ\s*ศึกษา\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*(?P<y>2[45]\d\d)")
_FRAMEWORK = re.compile(
    r"มาตรฐาน\s*(?P<what>สำนักงานเขตพื้นที่การศึกษา|เขตพื้นที่การศึกษา|การศึกษา\s*ขั้นพื้นฐาน|การศึกษา\s*ระดับ\s*"
    r"(?:การศึกษา)?\s*ขั้นพื้นฐาน|การศึกษา\s*ระดับ\s*(?:การศึกษา)?\s*ปฐมวัย|การศึกษา\s*ปฐมวัย|การ\s*อาชีว\s*ศึกษา)"
    r"[^\d]{0,40}?(?:พ\s*\.\s*ศ\s*\.?|ปี)\s*(?P<y>2[45]\d\d)")


@dataclass(slots=True)
class Metadata:
    organisation: str = ""
    organisation_evidence: str = ""
    fiscal_year_be: int | None = None
    academic_year_be: int | None = None
    framework: str = ""
    framework_cited: str = ""


def _office_name(kind: str, prov: str, n: str) -> str:
    prov = prov or ""
    return f"สำนักงานเขตพื้นที่การศึกษา{kind}{prov} เขต {int(n)}"


def read_metadata(texts: list[str]) -> Metadata:
    """`texts`: the document's normalised paragraphs and cells in reading order."""
    md = Metadata()
    counts: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    for t in texts:
        for m in _OFFICE_FULL.finditer(t):
            name = _office_name(m.group("kind") or "", m.group("prov") or "", m.group("n"))
            counts[name] += 1
            first_seen.setdefault(name, m.group(0))
        for m in _OFFICE_ABBR.finditer(t):
            name = _office_name(_KIND_OF_ABBR[m.group("abbr")], m.group("prov"), m.group("n"))
            counts[name] += 1
            first_seen.setdefault(name, m.group(0))
    title_school = next((m for t in texts[:_TITLE_PARAGRAPHS] if (m := _TITLE_SCHOOL.search(t))), None)
    college = next((m for t in texts[:_TITLE_PARAGRAPHS] if (m := _COLLEGE.match(t))), None)
    if college:
        # A vocational college's SAR names the college on a title line of its own.
        md.organisation = " ".join(college.group(0).split())
        md.organisation_evidence = college.group(0)
    elif title_school:
        # A school's SAR names its parent office too ("สังกัด สพป. …"); the report is the school's.
        md.organisation = "โรงเรียน" + title_school.group("name").strip()
        md.organisation_evidence = title_school.group(0)
    elif counts:
        order = list(first_seen)
        best = max(counts, key=lambda k: (counts[k], -order.index(k)))
        md.organisation, md.organisation_evidence = best, first_seen[best]
    else:
        for t in texts[:40]:
            m = _SCHOOL.search(t)
            if m:
                md.organisation = "โรงเรียน" + m.group("name").strip()
                md.organisation_evidence = m.group(0)
                break
    md.fiscal_year_be = _report_year(_FISCAL, texts)
    md.academic_year_be = _report_year(_ACADEMIC, texts)
    for t in texts:
        if not md.framework and (m := _FRAMEWORK.search(t)):
            what = m.group("what")
            family = "esa" if "เขตพื้นที่" in what else ("early-childhood" if "ปฐมวัย" in what else
                                                         "vocational" if "อาชีว" in what else "school")
            md.framework = f"{family}-{m.group('y')}"
            md.framework_cited = m.group(0)
    return md


_TITLE_PARAGRAPHS = 5


def _report_year(rx: re.Pattern, texts: list[str]) -> int | None:
    for t in texts[:_TITLE_PARAGRAPHS]:
        if m := rx.search(t):
            return int(m.group("y"))
    years = Counter(int(m.group("y")) for t in texts for m in rx.finditer(t))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))
