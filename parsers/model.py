"""The format-neutral document model every parser produces.

A parser turns bytes into a `ReportDocument`: blocks in reading order (paragraphs and tables,
tables holding rows of cells, cells holding blocks of their own). Every block keeps its raw text,
the tick marks found in it, and where it came from. Nothing here knows about standards,
indicators or quality levels; that is the job of `pipeline.assess`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal, Union

MarkState = Literal["checked", "unchecked", "unknown"]

# Glyphs written into a block's raw text where a mark stands, so the text reads as the page did.
GLYPH_CHECKED = "\u2611"  # ☑
GLYPH_UNCHECKED = "\u2610"  # ☐
GLYPH_UNKNOWN = "\u2370"  # ⍰ : a symbol we could not read


@dataclass(frozen=True, slots=True)
class Mark:
    """One tick box (or tick glyph) and how its state was decided.

    `offset` is the index in the owning block's raw text where the mark's glyph stands; every
    mark occupies exactly one character there.
    """

    state: MarkState
    method: str  # wingdings-sym, font-letter, content-control, form-field, unicode-glyph, html-input, html-img
    offset: int
    glyph: str = ""
    font: str | None = None
    code: str | None = None  # the symbol's code as hex, e.g. "F0FE"
    detail: str = ""

    def shifted(self, by: int) -> "Mark":
        return Mark(self.state, self.method, self.offset + by, self.glyph, self.font, self.code, self.detail)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a block stands in its file. `path` is a readable trail such as
    "table 3 › row 2 › cell 0"; the numeric fields let code sort and compare."""

    path: str
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __str__(self) -> str:
        return f"page {self.page} › {self.path}" if self.page else self.path


@dataclass(slots=True)
class Paragraph:
    text: str
    marks: list[Mark]
    location: Location
    bold: bool = False  # every visible character is bold
    style: str | None = None
    origin: str = ""  # "ocr" when the text was read from a picture of the page


@dataclass(slots=True)
class Cell:
    blocks: list["Block"]
    location: Location
    col: int  # grid column where the cell starts
    span: int = 1  # grid columns covered
    row_span: int = 1  # rows covered (vertical merge); the cell is kept once, in its first row
    shaded: bool = False  # a fill or highlight sets the cell apart (w:shd, highlight, background)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def marks(self) -> list[Mark]:
        """The cell's own marks (not those of nested tables), offsets into `text`."""
        out: list[Mark] = []
        base = 0
        for p in self.paragraphs:
            out.extend(m.shifted(base) for m in p.marks)
            base += len(p.text) + 1
        return out

    @property
    def bold(self) -> bool:
        paras = [p for p in self.paragraphs if p.text.strip()]
        return bool(paras) and all(p.bold for p in paras)

    @property
    def tables(self) -> list["Table"]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    index: int

    def cell_at(self, col: int) -> Cell | None:
        for c in self.cells:
            if c.col <= col < c.col + c.span:
                return c
        return None


@dataclass(slots=True)
class Table:
    rows: list[Row]
    location: Location
    index: int  # document-wide table number, counting nested tables


Block = Union[Paragraph, Table]

DiagnosticKind = Literal["ocr_used", "ocr_failed", "ocr_timeout", "ocr_skipped", "missing_tool", "page_unreadable"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem a parser met, typed so the pipeline decides what it means without reading prose:
    a page read by OCR (a note), OCR that failed or ran out of time, a system tool not installed."""

    kind: DiagnosticKind
    message: str
    page: int | None = None
    package: str = ""  # the Debian package that brings the missing tool


@dataclass(slots=True)
class ReportDocument:
    path: str
    format: str  # docx, html, text, ...
    blocks: list[Block]
    encoding: str | None = None
    pages: int | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph in reading order, including those inside table cells."""
        yield from _iter_paragraphs(self.blocks)

    def iter_tables(self) -> Iterator[Table]:
        yield from _iter_tables(self.blocks)

    @property
    def marks(self) -> list[Mark]:
        return [m for p in self.iter_paragraphs() for m in p.marks]


def _iter_paragraphs(blocks: list[Block]) -> Iterator[Paragraph]:
    for b in blocks:
        if isinstance(b, Paragraph):
            yield b
        else:
            for row in b.rows:
                for cell in row.cells:
                    yield from _iter_paragraphs(cell.blocks)


def _iter_tables(blocks: list[Block]) -> Iterator[Table]:
    for b in blocks:
        if isinstance(b, Table):
            yield b
            for row in b.rows:
                for cell in row.cells:
                    yield from _iter_tables(cell.blocks)


class UnreadableDocument(Exception):
    """The file cannot be read as a report. The message is shown to a person as is."""


class MissingTool(UnreadableDocument):
    """The file needs a system tool that is not installed (LibreOffice for .doc, Tesseract for a
    scan): not a bad file, and said apart from one (status `missing_tool`)."""

    def __init__(self, message: str, package: str):
        super().__init__(message)
        self.package = package
