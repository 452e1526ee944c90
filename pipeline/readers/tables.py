"""Reading tables: which rows are level rows, which columns are levels, which cells are scores.

Three layouts are recognised (shared/research/frameworks.md §10 and the seeds):
- level table: a row per level (5..1 or 1..5) with a box to tick, in the level's own cell or in a
  cell that holds nothing but the box (a tick column); the ticked row is the level;
- level matrix: a header row of levels (5 4 3 2 1, or their labels) and a row per indicator with a
  tick, or the only bold cell, under the chosen level;
- summary table: header cells "คะแนนที่ได้" / "ระดับคุณภาพ", a row per standard or indicator.

A column whose header speaks of evidence (เอกสาร / หลักฐาน) never decides a level: its boxes are
evidence checklists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.model import Cell, Mark, Row, Table

from .. import patterns as P
from ..normalize import normalize_text
from .values import PREVIOUS_CUE, TARGET_CUE

_EVIDENCE_HEADER = re.compile(r"หลักฐาน|เอกสาร|ร่องรอย|evidence", re.I)
_LEVEL_HEADER = re.compile(r"ระดับ|level", re.I)
_SCORE_HEADER = re.compile(r"คะแนน")
# A satisfaction survey's mean ("ผลคะแนนความพึงพอใจ (ค่าเฉลี่ย)", 4.73 of 5) sits in every report's
# appendix and looks like an indicator's score: it is not one.
_SCORE_EXCLUDED = re.compile(r"เต็ม|น้ำ\s*หนัก|เป้า\s*หมาย|ร้อย\s*ละ|สัด\s*ส่วน|พึ่?ง\s*พอ\s*ใจ")
_RESULT_HEADER = re.compile(r"ระดับ\s*คุณ\s*ภา\s*พ|ผล\s*การ\s*ประเมิน|ผล\s*การ\s*พิจารณา|^ระดับ$|^คุณภาพ$|ระดับ\s*ที่\s*ได้")
_NUMBERED = re.compile(r"^(?P<num>\d+\.\d+)(?:\s|$)")  # N.M; N.M.K numbers a sub-item
TYPED_TICKS = {"/", "x", "X", "×", "✕", "*", "\\"}
_TICK_HEADER = re.compile(r"เลือก|ทำเครื่องหมาย|[✓✔√]")
_PUNCT_ONLY = re.compile(r"^[\s.:)(\-–]*$")


@dataclass(slots=True)
class CellView:
    cell: Cell
    raw: str
    norm: str
    stripped: str  # normalised text without the mark glyphs
    marks: list[Mark]


@dataclass(slots=True)
class SummaryValue:
    role: str  # result, target, previous
    what: str  # level, score, full, percent
    value: float
    label: str = ""


@dataclass(slots=True)
class RowView:
    row: Row
    cells: list[CellView]
    kind: str = "other"  # level, matrix, summary, header, other
    id_kind: str = ""  # standard, indicator, issue, total: what the row's first cell names
    id_num: str = ""
    level: int | None = None  # level rows: the level this row stands for
    label: str = ""
    conflict: str = ""  # a label elsewhere in the row that contradicts the level
    marks: list[Mark] = field(default_factory=list)  # level rows: the boxes deciding it
    choices: dict[int, list[Mark]] = field(default_factory=dict)  # matrix rows: level -> marks
    bold_level: int | None = None
    shaded_level: int | None = None
    stated: list["SummaryValue"] = field(default_factory=list)  # summary rows: values by column role

    @property
    def text(self) -> str:
        return " | ".join(c.raw.replace("\n", " ").strip() for c in self.cells if c.raw.strip())

    @property
    def location(self) -> str:
        loc = self.row.cells[0].location if self.row.cells else None
        if loc is None:
            return ""
        path = loc.path.rsplit(" › cell", 1)[0]
        return f"page {loc.page} › {path}" if loc.page else path


def strip_marks(raw: str, marks: list[Mark]) -> str:
    if not marks:
        return raw
    drop = {m.offset for m in marks}
    return "".join(ch for i, ch in enumerate(raw) if i not in drop)


def view_cell(cell: Cell) -> CellView:
    raw = cell.text
    marks = cell.marks
    return CellView(cell, raw, normalize_text(raw), normalize_text(strip_marks(raw, marks)), marks)


def level_in_cell(stripped: str) -> tuple[int, str] | None:
    """(level, label) when the cell names one level and nothing else but, after "ระดับ N", a
    description."""
    if not stripped:
        return None
    m = P.level_cell().match(stripped)
    if not m:
        return None
    num = m.group("num") or m.group("num2")
    label = m.group("label") or m.group("label2") or ""
    rest = stripped[m.end():]
    if not _PUNCT_ONLY.match(rest) and not stripped.startswith("ระดับ") and not (label and rest[:1] in " (:-–"):
        return None  # "1. แผนปฏิบัติการ" is a numbered line, not a level
    from_num = int(num) if num else None
    from_label = P.level_of_label(label) if label else None
    if from_num and from_label and from_num != from_label:
        return (from_num, label)  # the conflict is reported by the caller
    level = from_num or from_label
    return (level, label) if level else None


def row_id(cells: list[CellView]) -> tuple[str, str]:
    """What the row's first non-empty cell names: ("indicator", "1.2"), ("standard", "1"), ("total", "")."""
    for cv in cells[:2]:
        text = P.LEAD.sub("", cv.stripped) if cv.stripped else ""
        if not text:
            continue
        for kind, rx in (("standard", P.STANDARD), ("indicator", P.INDICATOR), ("issue", P.ISSUE)):
            m = rx.match(text)
            if m:
                return kind, P.clean_num(m.group("num"))
        if P.TOTAL_ROW.match(text):
            return "total", ""
        m = _NUMBERED.match(cv.stripped)
        if m:
            return "indicator", m.group("num")
        return "", ""
    return "", ""


def has_level_header(views: list[RowView]) -> bool:
    return any(_LEVEL_HEADER.search(c.stripped) for v in views for c in v.cells if len(c.stripped) < 60)


def analyse(table: Table, continues_level_table: bool = False) -> list[RowView]:
    """`continues_level_table`: an earlier table under the same heading had the level header, so
    this one may be its continuation after a page break, where the header is not repeated."""
    views = [RowView(r, [view_cell(c) for c in r.cells]) for r in table.rows]
    for v in views:
        v.id_kind, v.id_num = row_id(v.cells)
    has_level_word = continues_level_table or has_level_header(views)
    evidence_cols = _evidence_columns(views)
    _find_level_rows(views, evidence_cols, has_level_word)
    _find_matrix(views, has_level_word)
    _find_summary(views)
    return views


def _evidence_columns(views: list[RowView]) -> set[int]:
    cols: set[int] = set()
    for v in views:
        for c in v.cells:
            if _EVIDENCE_HEADER.search(c.stripped) and len(c.stripped) < 60 and not c.marks:
                cols.update(range(c.cell.col, c.cell.col + c.cell.span))
    return cols


def _find_level_rows(views: list[RowView], evidence_cols: set[int], has_level_word: bool) -> None:
    by_col: dict[int, list[tuple[RowView, int, int, str]]] = {}
    for v in views:
        if v.id_kind:
            continue
        for i, c in enumerate(v.cells):
            if c.cell.col in evidence_cols or len(c.marks) > 1:
                continue  # several boxes in one cell: a checklist or a line of levels, not one level
            hit = level_in_cell(c.stripped)
            if hit:
                by_col.setdefault(c.cell.col, []).append((v, i, hit[0], hit[1]))
                break
    for col, hits in by_col.items():
        levels = {h[2] for h in hits}
        named = any(h[3] or h[0].cells[h[1]].stripped.startswith("ระดับ") for h in hits)
        if len(levels) < 2 or len(levels) < len(hits) * 0.6:
            continue  # one value, or the same numbers repeated: not a row per level
        if not (named or has_level_word):
            continue  # bare numbers 1, 2, 3 with no word "ระดับ" anywhere: a numbered list
        by_source: dict[int, list[tuple[RowView, Mark]]] = {}  # column -> marks found there
        for v, i, level, label in hits:
            v.kind, v.level, v.label = "level", level, label
            level_cell = v.cells[i]
            for m in level_cell.marks:
                by_source.setdefault(level_cell.cell.col, []).append((v, m))
            for j, c in enumerate(v.cells):
                if j == i or c.cell.col in evidence_cols:
                    continue
                if c.marks and _PUNCT_ONLY.match(c.stripped):
                    for m in c.marks:  # a cell holding only the box: a tick column
                        by_source.setdefault(c.cell.col, []).append((v, m))
                elif len(c.marks) == 1 and c.marks[0].offset == len(c.raw) - len(c.raw.lstrip()):
                    by_source.setdefault(c.cell.col, []).append((v, c.marks[0]))  # "☑ มีการดำเนินการ…"
                elif c.stripped in TYPED_TICKS:
                    # "/" or "X" typed by hand in a level row: a tick only because of where it stands.
                    by_source.setdefault(c.cell.col, []).append(
                        (v, Mark("checked", "typed-character", 0, c.stripped, detail=f"'{c.stripped}' typed in the row")))
                elif not v.conflict and c.stripped and len(c.stripped) <= 20:
                    lm = P.label_anywhere().fullmatch(c.stripped)
                    other = P.level_of_label(lm.group(0)) if lm else None
                    if other and other != level:
                        v.conflict = f"the row of level {level} also says '{c.stripped}' (level {other})"
            if label and P.level_of_label(label) not in (None, level):
                v.conflict = f"the level cell says {level} but its label '{label}' means level {P.level_of_label(label)}"
        for v, m in _tick_source(views, col, by_source):
            v.marks.append(m)


def _tick_source(views: list[RowView], level_col: int, by_source: dict[int, list]) -> list:
    """The marks that decide the level. A table has one place for its tick: inside the level
    cells, or one tick column. When boxes stand in several columns, the level cells win, then a
    column headed as a result (ผลการประเมิน); if none stands out, all count and a double tick will
    be flagged rather than a column guessed."""
    if len(by_source) <= 1:
        return [x for marks in by_source.values() for x in marks]
    if level_col in by_source:
        return by_source[level_col]
    headed = [c for c in by_source if _RESULT_HEADER.search(_header_text(views, c)) or
              _TICK_HEADER.search(_header_text(views, c))]
    if len(headed) == 1:
        return by_source[headed[0]]
    return [x for marks in by_source.values() for x in marks]


def _header_text(views: list[RowView], col: int) -> str:
    out = []
    for v in views:
        if v.kind == "level":
            break
        c = v.row.cell_at(col)
        if c is not None:
            out.append(normalize_text(c.text))
    return " ".join(out)


def _find_matrix(views: list[RowView], has_level_word: bool) -> None:
    header: dict[int, int] | None = None
    for v in views:
        if v.kind == "level":
            continue
        if not v.id_kind:
            cols: dict[int, int] = {}
            labelled = False
            for c in v.cells:
                if c.marks:
                    continue
                hit = level_in_cell(c.stripped)
                if hit and _PUNCT_ONLY.match(c.stripped[P.level_cell().match(c.stripped).end():]):
                    cols[c.cell.col] = hit[0]
                    labelled = labelled or bool(hit[1])
            if len(set(cols.values())) >= 3 and (labelled or has_level_word):
                header = cols
                v.kind = "header"
                continue
        if header and v.id_kind in ("indicator", "issue", "standard"):
            choices: dict[int, list[Mark]] = {}
            texts: dict[int, CellView] = {}
            for c in v.cells:
                level = header.get(c.cell.col)
                if level is None:
                    continue
                texts[level] = c
                if c.marks:
                    choices[level] = c.marks
            if choices or texts:
                v.kind = "matrix"
                v.choices = choices
                filled = [lv for lv, c in texts.items() if c.stripped]
                bold = [lv for lv, c in texts.items() if c.stripped and c.cell.bold]
                shaded = [lv for lv, c in texts.items() if c.cell.shaded]
                if not choices and len(filled) >= 3 and len(bold) == 1:
                    v.bold_level = bold[0]
                elif not choices and len(texts) >= 3 and len(shaded) == 1:
                    v.shaded_level = shaded[0]


_FULL_HEADER = re.compile(r"คะแนน\s*เต็ม")
_PERCENT_HEADER = re.compile(r"ร้อย\s*ละ|%")
_YEAR_HEADER = re.compile(r"(2[45]\d\d)")


def _column_roles(views: list[RowView]) -> dict[int, tuple[str, str]]:
    """col -> (what, role) for a summary table: what is score, level, full or percent; role is
    result, target or previous. Header rows are the rows above the first row that names an item;
    merged headers ("ผลการประเมิน" over "ปี 2565 | ปี 2566") are read together. Of several result
    columns that name years, the latest year is the result and the earlier ones previous years."""
    headers: dict[int, list[str]] = {}
    for v in views:
        if v.id_kind or v.kind in ("level", "matrix"):
            break
        for c in v.cells:
            if c.stripped and len(c.stripped) <= 60:
                for col in range(c.cell.col, c.cell.col + c.cell.span):
                    headers.setdefault(col, []).append(c.stripped)
    out: dict[int, tuple[str, str]] = {}
    years: dict[int, int] = {}
    for col, texts in headers.items():
        t = " ".join(texts)
        role = "target" if TARGET_CUE.search(t) else "previous" if PREVIOUS_CUE.search(t) else "result"
        if _FULL_HEADER.search(t):
            what = "full"
        elif _SCORE_HEADER.search(t) and not _SCORE_EXCLUDED.search(t.replace("เป้าหมาย", "")):
            what = "score"
        elif _PERCENT_HEADER.search(t) and not _RESULT_HEADER.search(t):
            what = "percent"
        elif _RESULT_HEADER.search(t) or role == "target" or _YEAR_HEADER.search(t):
            what = "level"
        else:
            continue
        out[col] = (what, role)
        y = _YEAR_HEADER.search(t)
        if y and role == "result":
            years[col] = int(y.group(1))
    if len(set(years.values())) > 1:
        latest = max(years.values())
        for col, y in years.items():
            if y < latest:
                out[col] = (out[col][0], "previous")
    return out


def _find_summary(views: list[RowView]) -> None:
    cols = _column_roles(views)
    if not any(what in ("score", "level") for what, _ in cols.values()):
        return
    for v in views:
        if v.kind in ("level", "matrix") or not v.id_kind:
            continue
        for c in v.cells:
            what_role = cols.get(c.cell.col)
            if what_role is None or not c.stripped:
                continue
            what, role = what_role
            if what == "level":
                hit = level_in_cell(c.stripped)
                if hit:
                    v.stated.append(SummaryValue(role, "level", hit[0], hit[1]))
            else:
                m = P.NUMBER.match(c.stripped.replace(",", "").rstrip("%").strip())
                if m:
                    v.stated.append(SummaryValue(role, what, float(m.group("n"))))
        if any(x.what in ("level", "score") for x in v.stated):
            v.kind = "summary"
