"""The rules: from a ReportDocument to an Assessment.

One pass over the blocks in reading order keeps the current standard and indicator; headings move
it, level tables and statements attach observations to it. Then every indicator's observations are
resolved into one value, or into a review flag when they are unclear or disagree. No value is ever
invented: a double tick, no tick, an unreadable symbol or a contradicting label leaves the level
empty (or keeps a clear one) and says why.
"""

from __future__ import annotations

import re

from parsers.model import Paragraph, ReportDocument, Table

from . import patterns as P
from .metadata import read_metadata
from .model import (STATUS_NONE, STATUS_OK, STATUS_REVIEW, Assessment, Finding, Indicator, Observation, Standard,
                    StatedTotals)
from .normalize import normalize_text
from .scales import canonical_label
from .choices import level_choices
from .frameworks import name_similarity
from .statements import Values, heading_name, read_values, segments
from .tables import RowView, analyse, has_level_header

_EVIDENCE_CHARS = 240
# How far after "ตัวบ่งชี้ที่ N" inside a sentence its value may stand: the longest indicator names
# (seed 000) are about 110 characters; further away the value belongs to something else.
_MID_TEXT_REACH = 160
_RUBRIC_LINE = re.compile(r"^(?:ระดับ\s*)?[1-5]\s*[.)]?\s*(?:ยอดเยี่ยม|ดีเลิศ|ดีเยี่ยม|ดีมาก|ดี|ปานกลาง|พอใช้|กำลังพัฒนา|"
                          r"ปรับปรุง|ต้องปรับปรุง)\s")
_TRAILING_NUMBER = re.compile(r"\s(\d+(?:\.\d+)?)$")
_SCHOOL_ONLY = ("ยอดเยี่ยม", "ดีเลิศ", "กำลังพัฒนา", "ปานกลาง")
_ESA_ONLY = ("ดีเยี่ยม", "ดีมาก", "พอใช้")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


def extract_assessment(doc: ReportDocument) -> Assessment:
    return _Extractor(doc).run()


class _Extractor:
    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.norm: dict[int, str] = {id(p): normalize_text(p.text) for p in doc.iter_paragraphs()}
        texts = list(self.norm.values())
        self.use_issues = not any(P.INDICATOR.search(t) for t in texts)
        self.standards: dict[str, Standard] = {}
        self.indicators: dict[tuple[str, str], Indicator] = {}
        self.totals: list[StatedTotals] = []
        self.findings: list[Finding] = []
        self.cur_std: str | None = None
        self.cur_ind: tuple[str, str] | None = None
        self.level_groups: dict[tuple, list[RowView]] = {}
        self.level_headed: set[tuple] = set()  # contexts whose level table had its header row
        self.ocr = False  # the paragraph being read came from OCR
        self.pending_kw = ""
        self.await_name: Indicator | Standard | None = None
        # A heading whose line ends in a bare number ("… การศึกษา 35") may continue on the next
        # line with "คะแนน ระดับดีเยี่ยม": (target, number, location) waits for it.
        self.carry: tuple[Indicator | Standard, str, str] | None = None

    # -- walk -----------------------------------------------------------------------------------
    def run(self) -> Assessment:
        self.blocks(self.doc.blocks)
        for key, rows in self.level_groups.items():
            self.level_group(key, rows)
        a = Assessment(file=self.doc.path, format=self.doc.format, pages=self.doc.pages)
        md = read_metadata(list(self.norm.values()))
        a.organisation, a.organisation_evidence = md.organisation, md.organisation_evidence
        a.fiscal_year_be, a.academic_year_be = md.fiscal_year_be, md.academic_year_be
        a.framework, a.framework_cited = md.framework, md.framework_cited
        a.scale = self.scale(md.framework)
        a.standards = sorted(self.standards.values(), key=lambda s: _num_key(s.standard))
        a.indicators = sorted(self.indicators.values(), key=lambda i: (_num_key(i.standard), _num_key(i.indicator)))
        a.totals = self.totals
        assessed = self.resolve_all(a)
        if any(p.origin == "ocr" for p in self.doc.iter_paragraphs()) and (a.organisation or a.fiscal_year_be
                                                                            or a.academic_year_be):
            self.findings.append(Finding("read.ocr_metadata", "warning",
                                         "the organisation and years come from pages read by OCR: check them "
                                         "against the scan", actual=f"{a.organisation} {a.fiscal_year_be or ''}"))
        for w in self.doc.warnings:
            severity = "warning" if ("not installed" in w or "did not finish" in w) else "info"
            self.findings.append(Finding("read.ocr", severity, w))
        a.findings = self.findings
        if not assessed:
            a.status = STATUS_NONE
        elif any(x.needs_review for x in a.indicators + a.standards) or any(
                f.severity in ("error", "warning") for f in a.findings):
            a.status = STATUS_REVIEW
        else:
            a.status = STATUS_OK
        return a

    def blocks(self, blocks) -> None:
        for b in blocks:
            if isinstance(b, Paragraph):
                self.paragraph(b)
            else:
                self.table(b)

    def paragraph(self, p: Paragraph) -> None:
        t = self.norm.get(id(p)) or normalize_text(p.text)
        if not t:
            return
        if self.pending_kw:
            t, self.pending_kw = f"{self.pending_kw} {t}", ""
        if P.KEYWORD_ONLY.match(t):
            self.pending_kw = t  # "ตัวบ่งชี้ที่" alone: its number and name are in the next paragraph
            return
        if self.await_name is not None:
            target, self.await_name = self.await_name, None
            if not segments(t, self.use_issues) and len(t) < 250 and read_values(t).empty and not p.marks:
                target.name = t  # a heading's name on the line below it
                return
        choices = level_choices(p.text, p.marks, str(p.location))
        self.ocr = p.origin == "ocr"
        # A line of boxes is read for its ticks, not as a sentence: "ระดับ 5 ☑" is no statement of 5.
        # A line that opens with a level ("5 ยอดเยี่ยม ผลการประเมินมาตรฐานที่ 1 … อยู่ในระดับยอดเยี่ยม") is a
        # rubric's description of that level, not a result.
        self.unit(t, str(p.location), statements=not choices and not _RUBRIC_LINE.match(t))
        self.ocr = False
        if choices:
            for c in choices:
                c.origin = p.origin
            self.level_groups.setdefault(self.context_key(str(p.location)), []).extend(choices)

    def context_key(self, where: str) -> tuple:
        if self.cur_ind:
            return ("indicator", self.cur_ind)
        return ("standard", self.cur_std) if self.cur_std else ("none", where)

    def unit(self, t: str, loc: str, statements: bool = True) -> None:
        lead = len(P.LEAD.match(t).group(0))
        segs = segments(t, self.use_issues)
        carry, self.carry = self.carry, None
        prefix = t[: segs[0].start] if segs else t
        if carry and prefix.startswith("คะแนน"):
            target, num, where = carry
            values = read_values(f"{num} {prefix}")
            if not values.empty:
                target.name = target.name[: -len(num)].strip() if target.name.endswith(num) else target.name
                target.observations.append(Observation(values.level, values.score, values.label, "prose-statement",
                                                       _clip(f"{num} {prefix}"), f"{where}; {loc}",
                                                       [f"{c}: {m}" for c, m in values.flags]))
        for i, s in enumerate(segs):
            values = read_values(s.body) if statements else Values()
            if s.kind == "total":
                self.total(s, values, t, loc)
                continue
            at_start = i == 0 and s.start <= lead
            if not at_start and (values.empty or values.start > _MID_TEXT_REACH):
                continue  # a mention ("ตามตัวบ่งชี้ที่ 2 … ซึ่งอยู่ในระดับดี"), not a statement
            name = heading_name(s.body, values)
            target = self.enter(s.kind, s.num, name, loc)
            if not values.empty:
                target.observations.append(Observation(
                    values.level, values.score, values.label, "ocr:prose-statement" if self.ocr else "prose-statement",
                    _clip(t[s.start: s.start + len(s.match.group(0)) + len(s.body)]), loc,
                    [f"{c}: {m}" for c, m in values.flags]))
            elif at_start and not name:
                self.await_name = target
            if values.empty and i == len(segs) - 1 and (m := _TRAILING_NUMBER.search(s.body)):
                self.carry = (target, m.group(1), loc)

    def total(self, s, values, t: str, loc: str) -> None:
        m = s.match
        self.totals.append(StatedTotals(int(m.group("std")), int(m.group("ind")), values.score, values.level,
                                        values.label, _clip(t[s.start: s.start + 200]), loc))

    def enter(self, kind: str, num: str, name: str, loc: str) -> Indicator | Standard:
        if kind == "standard":
            std = self.standards.get(num)
            if std is None:
                std = self.standards[num] = Standard(num, name, loc)
            elif not std.name and name:
                std.name = name
            self.cur_std, self.cur_ind = num, None
            return std
        std_num = num.split(".")[0] if "." in num else (self.cur_std or "")
        if std_num and std_num not in self.standards:
            self.standards[std_num] = Standard(std_num)
        if "." in num:
            self.cur_std = std_num
        key = (std_num, num)
        ind = self.indicators.get(key)
        if ind is None:
            ind = self.indicators[key] = Indicator(std_num, num, name, loc)
        elif not ind.name and name:
            ind.name = name
        elif name and "(ต่อ)" not in name and name_similarity(name, ind.name) < 0.6:
            ind.other_headings.append((name, loc))  # the same number under another name: checks decide
        self.cur_ind = key
        return ind

    def table(self, table: Table) -> None:
        key = self.context_key(str(table.location))
        views = analyse(table, continues_level_table=key in self.level_headed)
        if has_level_header(views):
            self.level_headed.add(key)
        for v in views:
            if v.kind == "level":
                self.level_groups.setdefault(self.context_key(str(table.location)), []).append(v)
            elif v.kind == "matrix":
                self.matrix_row(v)
            elif v.kind == "summary":
                self.summary_row(v)
            else:
                for c in v.row.cells:
                    for b in c.blocks:
                        if isinstance(b, Paragraph):
                            self.paragraph(b)
            for c in v.row.cells:
                for nested in c.tables:
                    self.table(nested)

    def _row_target(self, v: RowView) -> Indicator | Standard:
        first = next((c for c in v.cells if c.stripped), None)
        name = ""
        if first is not None:
            segs = segments(first.stripped, self.use_issues)
            name = heading_name(segs[0].body, read_values(segs[0].body)) if segs else \
                first.stripped.split(" ", 1)[-1] if " " in first.stripped else ""
        if not name and len(v.cells) > 1:
            name = v.cells[1].stripped[:300]
        return self.enter(v.id_kind if v.id_kind != "issue" or self.use_issues else "indicator", v.id_num, name,
                          v.location)

    def matrix_row(self, v: RowView) -> None:
        target = self._row_target(v)
        checked = sorted({lv for lv, ms in v.choices.items() if any(m.state == "checked" for m in ms)}, reverse=True)
        unknown = [(lv, m) for lv, ms in v.choices.items() for m in ms if m.state == "unknown"]
        flags: list[str] = []
        level, method = None, ""
        if len(checked) == 1:
            level = checked[0]
            method = "level-matrix:" + next(m.method for m in v.choices[level] if m.state == "checked")
            if unknown:
                flags.append("ticks.unknown_symbol: " + _unknown_text(unknown) + " beside the tick")
        elif len(checked) > 1:
            flags.append(f"ticks.multiple: boxes ticked under levels {_and(checked)}")
        elif unknown:
            flags.append("ticks.unknown_symbol: no clear tick; " + _unknown_text(unknown))
        elif v.bold_level:
            level, method = v.bold_level, "level-matrix:bold-cell"
        elif v.choices:
            flags.append("ticks.none: the row has boxes but none is ticked")
        if level is None and not flags:
            return
        target.observations.append(Observation(level, None, "", method or "level-matrix", _clip(v.text),
                                               v.location, flags))

    def summary_row(self, v: RowView) -> None:
        if v.id_kind == "total":
            self.totals.append(StatedTotals(None, None, v.score, v.stated_level, v.stated_label, _clip(v.text),
                                            v.location))
            return
        target = self._row_target(v)
        target.observations.append(Observation(v.stated_level, v.score, v.stated_label, "summary-table",
                                               _clip(v.text), v.location))

    def level_group(self, key: tuple, rows: list[RowView]) -> None:
        if len({v.level for v in rows}) < 2:
            return
        if not any(v.marks for v in rows):
            return  # a rubric: the levels are described, none is to be ticked here
        checked = [(v, m) for v in rows for m in v.marks if m.state == "checked"]
        unknown = [(v.level, m) for v in rows for m in v.marks if m.state == "unknown"]
        levels = sorted({v.level for v, _ in checked}, reverse=True)
        flags: list[str] = []
        level = None
        label = ""
        where = rows[0]
        method = "table-tick"
        if len(levels) == 1:
            where, mark = checked[0]
            level, label = where.level, where.label
            method = ("ocr:" if getattr(where, "origin", "") == "ocr" else "") + f"table-tick:{mark.method}"
            if where.conflict:
                flags.append(f"level.label_mismatch: {where.conflict}")
                level = None
            if unknown:
                flags.append("ticks.unknown_symbol: " + _unknown_text(unknown) + " beside the tick")
        elif len(levels) > 1:
            rows_txt = ", ".join(v.location.rsplit("› ", 1)[-1] for v, _ in checked)
            flags.append(f"ticks.multiple: boxes ticked at levels {_and(levels)} ({rows_txt})")
            where = checked[0][0]
        elif unknown:
            flags.append("ticks.unknown_symbol: no clear tick; " + _unknown_text(unknown))
        else:
            flags.append("ticks.none: the level table has boxes but none is ticked")
        obs = Observation(level, None, label, method, _clip(where.text), where.location, flags)
        target = None
        if key[0] == "indicator":
            target = self.indicators[key[1]]
        elif key[0] == "standard":
            target = self.standards[key[1]]
        if target is None:
            msg = f"a level table with no indicator heading before it ({'; '.join(flags) or f'level {level}'})"
            self.findings.append(Finding("extract.orphan_level_table", "warning", msg, location=where.location))
            return
        target.observations.append(obs)

    # -- resolve --------------------------------------------------------------------------------
    def scale(self, framework: str) -> str:
        text = " ".join(self.norm.values())
        school = sum(text.count(w) for w in _SCHOOL_ONLY)
        esa = sum(text.count(w) for w in _ESA_ONLY)
        if school > esa or framework.startswith(("school-2561", "early-childhood-2561")):
            return "school"
        return "esa"

    def resolve_all(self, a: Assessment) -> bool:
        assessed = bool([t for t in self.totals if t.score is not None or t.level is not None])
        for item in a.standards + a.indicators:
            self.resolve(item, a.scale)
            assessed = assessed or bool(item.observations)
        if assessed:
            for ind in a.indicators:
                if not ind.observations:
                    self.flag(ind, "level.missing", "no level or score found for this indicator",
                              ind.heading_location)
        if len(self.totals) > 1:
            first = self.totals[0]
            for t in self.totals[1:]:
                for attr in ("standards", "indicators", "score", "level"):
                    x, y = getattr(first, attr), getattr(t, attr)
                    if x is not None and y is not None and x != y:
                        self.findings.append(Finding(
                            "totals.disagree", "warning",
                            f"the report states its total {attr} twice, differently: {x:g} ({first.location}) "
                            f"and {y:g} ({t.location})", f"{x:g}", f"{y:g}", f"{first.location}; {t.location}"))
        return assessed

    def flag(self, item: Indicator | Standard, check: str, message: str, location: str) -> None:
        item.review_reasons.append(message)
        self.findings.append(Finding(check, "warning", f"{item.label}: {message}", location=location))

    def resolve(self, item: Indicator | Standard, scale: str) -> None:
        obs = item.observations
        for o in obs:
            for f in o.review:
                check, _, message = f.partition(": ")
                self.flag(item, check, message, o.location)
        with_level = [o for o in obs if o.level is not None]
        levels = {o.level for o in with_level}
        scores = {o.score for o in obs if o.score is not None}
        ocr = [o for o in obs if o.method.startswith("ocr")]
        if ocr and len(ocr) == len(obs) and len({(o.level, o.score) for o in obs}) == 1 and len(obs) < 2:
            # Read from a picture of the page by OCR, with nothing else saying the same: a person should look.
            self.flag(item, "ocr.unconfirmed", "read by OCR from a scanned page, not confirmed by a second "
                      "reading: check it against the page", ocr[0].location)
        if len(levels) > 1:
            detail = "; ".join(f"{o.method} says {o.level} ({o.location})" for o in with_level)
            self.flag(item, "sources.disagree", f"the report gives different levels: {detail}", with_level[0].location)
        elif levels:
            o = with_level[0]
            item.level = o.level
            item.level_label = o.label or canonical_label(o.level, scale)
        if len(scores) > 1:
            detail = "; ".join(f"{o.method} says {o.score:g} ({o.location})" for o in obs if o.score is not None)
            self.flag(item, "sources.disagree", f"the report gives different scores: {detail}", obs[0].location)
        elif scores:
            item.score = scores.pop()
        basis = with_level[0] if with_level else (obs[0] if obs else None)
        if basis is not None:
            item.method = "+".join(dict.fromkeys(o.method for o in obs))
            item.evidence, item.location = basis.evidence, basis.location


def _unknown_text(unknown) -> str:
    lv, m = unknown[0]
    if m.method in ("pdf-form", "content-control"):
        return f"a check box whose state is contradictory ({m.detail}) at level {lv}"
    what = f"{m.font} code {m.code}" if m.font else (m.detail or f"code {m.code}")
    return f"a symbol we cannot read ({what}) at level {lv}"


def _and(levels) -> str:
    levels = [str(x) for x in levels]
    return ", ".join(levels[:-1]) + " and " + levels[-1] if len(levels) > 1 else levels[0]


def _num_key(num: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 10**6 for x in num.split(".")) if num else (10**6,)
