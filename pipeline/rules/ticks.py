"""Ticked levels: a level table (a row per level, a box to tick), boxes in running text
("ระดับคุณภาพ ☐ 5 ☑ 4 …"), and a level matrix (a header row of levels, a row per indicator).

Level rows are gathered per scope over every table and line of boxes in it (a level table cut by
a page break is one table), then read as one choice: one tick gives the level; two ticks, no
tick, an unreadable symbol or a label contradicting the ticked row give a candidate with no level
and the reason. Rows that describe levels with no box anywhere are a rubric: nothing to read.
"""

from __future__ import annotations

from parsers.symbols import NOT_RECORDED

from ..candidates import RESULT, Candidate
from ..scopes import Scope
from ..structure import TableUnit, TextUnit
from ..readers.choices import level_choices
from .prose import clip
from ..readers.tables import RowView


def tick_candidates(units: list[TextUnit | TableUnit]) -> list[Candidate]:
    out = []
    seen_paras: set[int] = set()
    groups: dict[int, tuple[Scope, list]] = {}
    # A line of boxes cut into pieces at its headings ("ตัวบ่งชี้ที่ 2 ☐ 5 ☑ 4 …") carries its boxes
    # once, in the scope of its last piece.
    last_scope = {id(u.para): u.scope for u in units if isinstance(u, TextUnit) and u.boxes}
    for u in units:
        if isinstance(u, TableUnit):
            for v, scope in zip(u.views, u.row_scopes):
                if v.kind == "level":
                    groups.setdefault(id(scope), (scope, []))[1].append(v)
                elif v.kind == "matrix":
                    c = _matrix(v, scope)
                    if c is not None:
                        out.append(c)
        elif u.boxes and id(u.para) not in seen_paras:
            seen_paras.add(id(u.para))
            choices = level_choices(u.para.text, u.para.marks, u.location)
            for c in choices:
                c.origin = u.para.origin
            scope = last_scope[id(u.para)]
            groups.setdefault(id(scope), (scope, []))[1].extend(choices)
    for scope, rows in groups.values():
        c = _level_group(scope, rows)
        if c is not None:
            out.append(c)
    return out


def _level_group(scope: Scope, rows: list) -> Candidate | None:
    if len({v.level for v in rows}) < 2:
        return None
    if not any(v.marks for v in rows):
        return _emphasised(scope, rows)  # a rubric: the levels are described, none is ticked
    checked = [(v, m) for v in rows for m in v.marks if m.state == "checked"]
    unknown = [(v.level, m) for v in rows for m in v.marks if m.state == "unknown"]
    levels = sorted({v.level for v, _ in checked}, reverse=True)
    flags: list[tuple[str, str]] = []
    level, label, where, method, mark = None, "", rows[0], "table-tick", None
    if len(levels) == 1:
        where, mark = checked[0]
        level, label = where.level, where.label
        method = ("ocr:" if getattr(where, "origin", "") == "ocr" else "") + f"table-tick:{mark.method}"
        if where.conflict:
            flags.append(("level.label_mismatch", where.conflict))
            level = None
        if unknown:
            flags.append(("ticks.unknown_symbol", unknown_text(unknown) + " beside the tick"))
    elif len(levels) > 1:
        rows_txt = ", ".join(v.location.rsplit("› ", 1)[-1] for v, _ in checked)
        flags.append(("ticks.multiple", f"boxes ticked at levels {and_list(levels)} ({rows_txt})"))
        where = checked[0][0]
    elif unknown:
        flags.append(("ticks.unknown_symbol", "no clear tick; " + unknown_text(unknown)))
    else:
        flags.append(("ticks.none", "the level table has boxes but none is ticked"))
    weak = ""
    if level is not None and method.endswith("pdf-glyph-ink"):
        weak = "the ticked box is a glyph we cannot name, judged by the ink inside it"
    elif level is not None and mark.font == NOT_RECORDED:
        weak = "the boxes' font was not recorded (a page exported by LibreOffice): read as Wingdings"
    return Candidate(scope, RESULT, method, clip(where.text), where.location, level, label, flags=flags, weak=weak)


def _emphasised(scope: Scope, rows: list) -> Candidate | None:
    """A rubric whose one row stands out by bold type or shading: the writer may have meant it as
    the choice, or only as emphasis. A level, flagged for a person to confirm."""
    rows = [v for v in rows if isinstance(v, RowView)]
    if len(rows) < 3:
        return None
    for attr, how in (("shaded", "cell shading"), ("bold", "bold type")):
        counts = [sum(1 for c in v.cells if c.stripped and getattr(c.cell, attr)) for v in rows]
        top = max(counts)
        if top and counts.count(top) == 1:
            v = rows[counts.index(top)]
            return Candidate(scope, RESULT, f"level-table:{attr}-row", clip(v.text), v.location, v.level, v.label,
                             weak=f"the level table has no boxes; level {v.level} is shown only by {how}")
    return None


def _matrix(v: RowView, scope: Scope) -> Candidate | None:
    checked = sorted({lv for lv, ms in v.choices.items() if any(m.state == "checked" for m in ms)}, reverse=True)
    unknown = [(lv, m) for lv, ms in v.choices.items() for m in ms if m.state == "unknown"]
    flags: list[tuple[str, str]] = []
    level, method, weak = None, "level-matrix", ""
    if len(checked) == 1:
        level = checked[0]
        method = "level-matrix:" + next(m.method for m in v.choices[level] if m.state == "checked")
        if unknown:
            flags.append(("ticks.unknown_symbol", unknown_text(unknown) + " beside the tick"))
    elif len(checked) > 1:
        flags.append(("ticks.multiple", f"boxes ticked under levels {and_list(checked)}"))
    elif unknown:
        flags.append(("ticks.unknown_symbol", "no clear tick; " + unknown_text(unknown)))
    elif v.bold_level:
        level, method = v.bold_level, "level-matrix:bold-cell"
        weak = "the chosen level is shown only by bold type in the level matrix"
    elif v.shaded_level:
        level, method = v.shaded_level, "level-matrix:shaded-cell"
        weak = "the chosen level is shown only by cell shading in the level matrix"
    elif v.choices:
        flags.append(("ticks.none", "the row has boxes but none is ticked"))
    if level is None and not flags:
        return None
    return Candidate(scope, RESULT, method, clip(v.text), v.location, level, flags=flags, weak=weak)


def unknown_text(unknown) -> str:
    lv, m = unknown[0]
    if m.method in ("pdf-form", "content-control"):
        return f"a check box whose state is contradictory ({m.detail}) at level {lv}"
    what = f"{m.font} code {m.code}" if m.font else (m.detail or f"code {m.code}")
    return f"a symbol we cannot read ({what}) at level {lv}"


def and_list(levels) -> str:
    levels = [str(x) for x in levels]
    return ", ".join(levels[:-1]) + " and " + levels[-1] if len(levels) > 1 else levels[0]
