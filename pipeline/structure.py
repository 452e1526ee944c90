"""Walk a ReportDocument in reading order and give every block a scope.

Headings move the cursor of the scope tree: a part heading (ระดับปฐมวัย / ระดับการศึกษาขั้นพื้นฐาน), a
standard (มาตรฐานที่), an indicator (ตัวบ่งชี้ที่, ตัวชี้วัดที่, or where a report has none of those,
ประเด็นพิจารณาที่ / ประเด็นการประเมินที่ / ประเด็นที่ / ข้อการประเมินที่). What is not a heading, and so moves
nothing: a table of contents (a TOC style, dot leaders, the lines after "สารบัญ" that end in a page
number), a heading word mentioned in running text (no value follows it), sub-items numbered 1) or (1), and
a bare standard heading repeated word for word inside that standard (a page header again).

A paragraph that runs several headings together (seed 000: a standard's result, then ตัวบ่งชี้ที่ 1
and its result, on one line) is cut at each heading, and each piece goes to its own scope.

The output is a list of units (pieces of text, tables with a scope per row) for the rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from parsers.model import Paragraph, ReportDocument, Table

from . import patterns as P
from .normalize import normalize_text
from .readers.choices import level_choices
from .readers.tables import RowView, analyse, has_level_header
from .readers.values import Segment, heading_name, read_values, segments
from .scales import label_pattern
from .scopes import Scope, ScopeTree, part_heading

# How far after "ตัวบ่งชี้ที่ N" inside a sentence its value may stand: the longest indicator names
# (seed 000) are about 110 characters; further away the value belongs to something else.
MID_TEXT_REACH = 160
_TOC_TITLE = re.compile(r"^สารบัญ(?:\s*\(ต่อ\))?$")
# A run of leaders is tried from its first character only, and consumed without backtracking: linear
# on a line of 50,000 dots.
_TOC_LEADER = re.compile(r"(?:(?<!\.)\.{4,}+|(?<!…)…{2,}+|(?<!_)_{4,}+)\s*+\d{1,4}+\s*$")
_PAGE_NUMBER_END = re.compile(r"\s\d{1,3}$")
_TRAILING_NUMBER = re.compile(r"\s(\d+(?:\.\d+)?)$")
# A heading inside a paragraph starts a scope of its own where the paragraph runs statements
# together (the text before it ends in a level or a score: seed 000), or where the words before it
# say its result follows ("ผลการประเมินประเด็นพิจารณาที่ 1.1 …", "สรุปผลมาตรฐานที่ 1 …").
_RUN_TOGETHER = re.compile(rf"(?:{label_pattern()}|\d)\s*[).,;]?\s*$")
_RESULT_OF = re.compile(r"(?:ผล\s*การ\s*ประเมิน|สรุป\s*ผล(?:\s*การ\s*ประเมิน)?)\s*(?:ตนเอง\s*)?(?:ของ\s*|ใน\s*|ตาม\s*)?$")


@dataclass(slots=True)
class TextUnit:
    """A piece of a paragraph that belongs to one scope."""

    scope: Scope
    text: str  # normalised text of the piece (after its heading's number when a heading opens it)
    whole: str  # normalised text of the paragraph, for evidence
    para: Paragraph
    location: str
    heading: Segment | None = None
    boxes: bool = False  # the paragraph is a line of level boxes: read for its ticks, not as a sentence
    in_table: bool = False
    continued: bool = False  # the rest of a heading line that ends in its number ("… 35" / "คะแนน ระดับ…")
    mention: bool = False  # a heading word in running text: what it says is about another item


@dataclass(slots=True)
class TableUnit:
    scope: Scope  # where the table starts
    table: Table
    views: list[RowView]
    row_scopes: list[Scope] = field(default_factory=list)


@dataclass(slots=True)
class Structure:
    tree: ScopeTree
    units: list[TextUnit | TableUnit]
    texts: list[str]  # every paragraph's normalised text, for metadata
    use_issues: bool
    skipped: dict[str, int] = field(default_factory=dict)  # furniture left out: toc


def build_structure(doc: ReportDocument) -> Structure:
    return _Walker(doc).run()


class _Walker:
    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.norm: dict[int, str] = {id(p): normalize_text(p.text) for p in doc.iter_paragraphs()}
        texts = list(self.norm.values())
        self.use_issues = not any(P.INDICATOR.search(t) for t in texts)
        self.tree = ScopeTree()
        self.units: list[TextUnit | TableUnit] = []
        self.skipped: dict[str, int] = defaultdict(int)
        self.toc = False
        self.in_table = 0
        self.pending_kw = ""
        self.await_name: Scope | None = None
        self.entered_by: dict[int, str] = {}  # scope -> the bare heading text that entered it
        # A heading whose line ends in a bare number ("… การศึกษา 35") may continue on the next
        # line with "คะแนน ระดับดีเยี่ยม": (scope, number, location) waits for it.
        self.carry: tuple[Scope, str, str] | None = None
        self.level_headed: set[int] = set()  # scopes whose level table had its header row

    def run(self) -> Structure:
        self.blocks(self.doc.blocks)
        return Structure(self.tree, self.units, list(self.norm.values()), self.use_issues, dict(self.skipped))

    def blocks(self, blocks) -> None:
        for b in blocks:
            if isinstance(b, Paragraph):
                self.paragraph(b)
            else:
                self.table(b)

    # -- furniture --------------------------------------------------------------------------------
    def is_furniture(self, p: Paragraph, t: str) -> str:
        if p.style and re.match(r"(?i)toc\s*\d|สารบัญ", p.style):
            return "toc"
        if len(t) < 200 and ("...." in t or "……" in t or "____" in t) and _TOC_LEADER.search(t):
            return "toc"
        if _TOC_TITLE.match(t):
            self.toc = True
            return "toc"
        if self.toc:
            if _PAGE_NUMBER_END.search(t) and len(t) < 200:
                return "toc"
            self.toc = False
        return ""

    # -- paragraphs -------------------------------------------------------------------------------
    def paragraph(self, p: Paragraph) -> None:
        t = self.norm.get(id(p)) or normalize_text(p.text)
        if not t:
            return
        skip = self.is_furniture(p, t)
        if skip:
            self.skipped[skip] += 1
            return
        if self.pending_kw:
            t, self.pending_kw = f"{self.pending_kw} {t}", ""
        if P.KEYWORD_ONLY.match(t):
            self.pending_kw = t  # "ตัวบ่งชี้ที่" alone: its number and name are in the next paragraph
            return
        loc = str(p.location)
        if self.await_name is not None:
            target, self.await_name = self.await_name, None
            if not segments(t, self.use_issues) and len(t) < 250 and read_values(t).empty and not p.marks \
                    and not part_heading(t):
                target.name = t  # a heading's name on the line below it
                return
        part = part_heading(t)
        if part:
            self.tree.enter_part(part[0], loc)
            t = t[part[1]:].strip()
            if not t:
                return
        boxes = bool(p.marks) and bool(level_choices(p.text, p.marks, loc))
        self.pieces(t, p, loc, boxes)

    def pieces(self, t: str, p: Paragraph, loc: str, boxes: bool) -> None:
        lead = len(P.LEAD.match(t).group(0))
        segs = segments(t, self.use_issues)
        carry, self.carry = self.carry, None
        prefix = t[: segs[0].start] if segs else t
        if carry and prefix.startswith("คะแนน"):
            scope, num, where = carry
            if scope.name.endswith(num):
                scope.name = scope.name[: -len(num)].strip()
            self.add_text(scope, f"{num} {prefix}", t, p, f"{where}; {loc}", None, boxes)
            self.units[-1].continued = True
            prefix = ""
        if prefix.strip():
            overall = P.OVERALL.match(P.LEAD.sub("", prefix))
            self.add_text(self.tree.part_of_cursor() if overall else self.tree.cursor, prefix, t, p, loc, None, boxes)
        piece_start = 0  # where the text before the current keyword begins
        for i, s in enumerate(segs):
            before, piece_start = t[piece_start:s.start], s.start
            if s.kind == "total":
                whole = t[s.start:s.start + len(s.match.group(0)) + len(s.body)]
                self.add_text(self.tree.part_of_cursor(), whole, t, p, loc, s, boxes)
                continue
            values = read_values(s.body) if not boxes else None
            at_start = i == 0 and s.start <= lead
            stated = values is not None and not values.empty and values.start <= MID_TEXT_REACH
            kind = s.kind if s.kind != "issue" else "indicator"
            if not at_start and not (stated and (_RUN_TOGETHER.search(before) or _RESULT_OF.search(before))):
                # A heading word inside a sentence: a mention. "ผลสอดคล้องกับตัวบ่งชี้ที่ 3 … อยู่ในระดับดี" says
                # nothing of the current scope; "จากการดำเนินงานตามตัวบ่งชี้ที่ 1 … อยู่ในระดับ ดีมาก", said
                # inside indicator 1, is that indicator's own result.
                cur = self.tree.cursor
                own = stated and cur.kind == kind and cur.number == s.num
                self.add_text(cur, s.match.group(0) + s.body, t, p, loc, None, boxes)
                self.units[-1].mention = not own
                continue
            name = heading_name(s.body, values or read_values(""))
            bare = s.kind == "standard" and (values is None or values.empty)
            cur_std = self.tree.cursor if self.tree.cursor.kind == "standard" else self.tree.cursor.parent
            if bare and cur_std is not None and cur_std.kind == "standard" and cur_std.number == s.num \
                    and self.entered_by.get(id(cur_std)) == t:
                continue  # the same bare heading again inside its standard: a page header, not a new start
            scope = self.tree.enter(kind, s.num, name, loc)
            if bare:
                self.entered_by[id(scope)] = t
            self.add_text(scope, s.body, t, p, loc, s, boxes)
            if at_start and not name and (values is None or values.empty):
                self.await_name = scope
            if (values is None or values.empty) and i == len(segs) - 1 and (m := _TRAILING_NUMBER.search(s.body)):
                self.carry = (scope, m.group(1), loc)

    def add_text(self, scope: Scope, text: str, whole: str, p: Paragraph, loc: str, heading: Segment | None,
                 boxes: bool) -> None:
        self.units.append(TextUnit(scope, text, whole, p, loc, heading, boxes, self.in_table > 0))

    # -- tables ---------------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        if self.toc and _is_toc_table(table):
            self.skipped["toc"] += 1
            return
        self.toc = False
        start = self.tree.cursor
        views = analyse(table, continues_level_table=id(start) in self.level_headed)
        if has_level_header(views):
            self.level_headed.add(id(start))
        unit = TableUnit(start, table, views)
        self.units.append(unit)
        self.in_table += 1
        for v in views:
            if v.kind in ("matrix", "summary") and v.id_kind in ("standard", "indicator", "issue"):
                unit.row_scopes.append(self.row_scope(v))
            elif v.kind in ("matrix", "summary") and v.id_kind == "total":
                unit.row_scopes.append(self.tree.part_of_cursor())
            elif v.kind == "other":
                row_part = _row_part(v)
                if row_part:
                    self.tree.enter_part(row_part, v.location)
                    unit.row_scopes.append(self.tree.cursor)
                    continue
                for c in v.row.cells:
                    for b in c.blocks:
                        if isinstance(b, Paragraph):
                            self.paragraph(b)
                unit.row_scopes.append(self.tree.cursor)
            else:
                unit.row_scopes.append(self.tree.cursor)
            for c in v.row.cells:
                for nested in c.tables:
                    self.table(nested)
        self.in_table -= 1

    def row_scope(self, v: RowView) -> Scope:
        first = next((c for c in v.cells if c.stripped), None)
        name = ""
        if first is not None:
            segs = segments(first.stripped, self.use_issues)
            name = heading_name(segs[0].body, read_values(segs[0].body)) if segs else \
                first.stripped.split(" ", 1)[-1] if " " in first.stripped else ""
        if not name and len(v.cells) > 1:
            name = v.cells[1].stripped[:300]
        kind = "standard" if v.id_kind == "standard" else "indicator"
        return self.tree.enter(kind, v.id_num, name, v.location)


def _row_part(v: RowView) -> str:
    """A table row that names only a part ("ระดับการศึกษาปฐมวัย") in an executive summary table."""
    texts = [c.stripped for c in v.cells if c.stripped]
    if len(texts) == 1 and len(texts[0]) < 80:
        hit = part_heading(texts[0])
        if hit:
            return hit[0]
    return ""


def _is_toc_table(table: Table) -> bool:
    """A table after "สารบัญ" whose rows end in a page number."""
    rows = [r for r in table.rows if r.cells]
    ends = [normalize_text(r.cells[-1].text) for r in rows]
    numbered = sum(1 for e in ends if re.fullmatch(r"\d{1,3}(?:\s*-\s*\d{1,3})?", e))
    return bool(rows) and numbered >= max(2, len(rows) // 2)
