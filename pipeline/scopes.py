"""The report's structure: a tree of scopes, document › part › standard › indicator.

A scope is a place a result can belong to. Rules emit candidate values into the scope where they
stand; the resolver decides each scope's value. The tree is built while the blocks are walked in
reading order (`pipeline.structure`); this module only holds it and keeps its invariants:
- the same standard number in two parts (ปฐมวัย and ขั้นพื้นฐาน) is two scopes, never one;
- an indicator numbered "1.2" belongs to standard 1 whatever heading stood before it;
- a heading met again with the same number is the same scope (a "(ต่อ)" continuation, a summary
  table row); under another name it is recorded for the duplicate check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frameworks import name_similarity

# Part headings of school reports. Checked on the start of a short line only: the same words
# stand in titles and running text ("…ระดับการศึกษาขั้นพื้นฐาน ปีการศึกษา 2566").
# A part heading is the part's name alone, or followed by its year or its first standard heading:
# "ระดับการศึกษาขั้นพื้นฐาน มีนักเรียน 300 คน" is a sentence about the part, not its heading.
_PARTS = (
    ("ปฐมวัย", re.compile(r"^(?:ส่วนที่\s*\d+\s*)?(?:ผลการประเมิน\s*)?(?:ระดับ\s*)?(?:การศึกษา\s*)?(?:ระดับ\s*)?ปฐมวัย")),
    ("ขั้นพื้นฐาน", re.compile(r"^(?:ส่วนที่\s*\d+\s*)?(?:ผลการประเมิน\s*)?(?:ระดับ\s*)?(?:การศึกษา\s*)?(?:ระดับ\s*)?"
                              r"ขั้น\s*พื้น\s*ฐาน")),
)
_PART_REST = re.compile(r"^\s*(?:[:：\-–]\s*)?(?:\(ต่อ\))?\s*(?:ปี\s*การศึกษา\s*(?:พ\s*\.\s*ศ\s*\.?\s*)?\d{4})?\s*"
                        r"(?:$|(?=มาตรฐาน\s*ที่))")


def part_heading(text: str) -> tuple[str, int] | None:
    """(part name, length of the heading words) when `text` is a part heading."""
    for name, rx in _PARTS:
        m = rx.match(text)
        if m:
            rest = _PART_REST.match(text[m.end():])
            if rest:
                return name, m.end() + rest.end()
    return None


@dataclass(eq=False, slots=True)
class Scope:
    kind: str  # document, part, standard, indicator
    number: str  # "" for the document; the part's name; "1"; "2" or "1.2" as numbered in the report
    parent: "Scope | None" = None
    name: str = ""
    location: str = ""  # where its heading stands
    other_headings: list[tuple[str, str]] = field(default_factory=list)
    children: list["Scope"] = field(default_factory=list)

    def ancestor(self, *kinds: str) -> "Scope | None":
        """This scope or the nearest one above it of one of `kinds`."""
        s: Scope | None = self
        while s is not None and s.kind not in kinds:
            s = s.parent
        return s

    @property
    def part(self) -> str:
        s = self.ancestor("part")
        return s.number if s is not None else ""

    @property
    def standard(self) -> str:
        s = self.ancestor("standard")
        return s.number if s is not None else ""


class ScopeTree:
    """The scopes met so far and the cursor: which scope the next block belongs to."""

    def __init__(self) -> None:
        self.root = Scope("document", "")
        self.cursor: Scope = self.root
        self._index: dict[tuple, Scope] = {}

    def _child(self, parent: Scope, kind: str, number: str, name: str, location: str) -> Scope:
        key = (id(parent), kind, number)
        s = self._index.get(key)
        if s is None:
            s = self._index[key] = Scope(kind, number, parent, name, location)
            parent.children.append(s)
        elif not s.name and name:
            s.name = name
        elif name and "(ต่อ)" not in name and s.name and name_similarity(name, s.name) < 0.6:
            s.other_headings.append((name, location))
        return s

    def part_of_cursor(self) -> Scope:
        """Where the next standard goes, and the report's own totals: the current part, or the document."""
        return self.cursor.ancestor("part", "document") or self.root

    def enter_part(self, name: str, location: str) -> Scope:
        self.cursor = self._child(self.root, "part", name, "", location)
        return self.cursor

    def standard(self, number: str, name: str = "", location: str = "", move: bool = True) -> Scope:
        s = self._child(self.part_of_cursor(), "standard", number, name, location)
        if move:
            self.cursor = s
        return s

    def indicator(self, number: str, name: str = "", location: str = "", move: bool = True) -> Scope:
        """An indicator under the standard its number names ("1.2"), else under the current one."""
        if "." in number:
            parent = self.standard(number.split(".")[0], move=False)
        else:
            parent = self.cursor
            while parent.kind == "indicator":
                parent = parent.parent
        s = self._child(parent, "indicator", number, name, location)
        if move:
            self.cursor = s
        return s

    def enter(self, kind: str, number: str, name: str, location: str, move: bool = True) -> Scope:
        if kind == "standard":
            return self.standard(number, name, location, move)
        return self.indicator(number, name, location, move)

    def walk(self) -> list[Scope]:
        out: list[Scope] = []

        def visit(s: Scope) -> None:
            out.append(s)
            for c in s.children:
                visit(c)
        visit(self.root)
        return out

    def parts(self) -> list[Scope]:
        return [s for s in self.root.children if s.kind == "part" and s.children]
