"""PDF to ReportDocument: pdfium for text and geometry, Tesseract for scans.

- Text: pypdfium2 on every page. It honours LibreOffice's /ActualText spans (pdfminer does not, and
  doubles vowels) and runs near 1,000 pages/s; the gaps it leaves before Thai marks are closed
  (`thai.close_mark_gaps`), glyph damage is repaired when text is normalised.
- Geometry: a page with a tick glyph, a symbol-font code, a drawn box, a form widget, or a score
  table has its path objects, symbol-font characters and widget annotations read through pdfium's
  object API (`shapes`); ruled tables are found in those paths by pdfplumber's edge functions.
  pdfplumber's page (pdfminer's layout of every character) is never built: it was 88 % of the
  time of a page with a tick.
- Scans: a page with no usable text layer is rendered by pdfium and read by Tesseract (tha+eng);
  such paragraphs carry origin "ocr" and every value from them is flagged unless two agree.
"""

from __future__ import annotations

import os
import re

from ..model import Block, Cell, Diagnostic, Paragraph, ReportDocument, Row, Table, UnreadableDocument, Location
from ..symbols import UNICODE_MARKS, lookup_symbol, symbol_fallback
from .forms import widgets
from .geometry import PageObjects, drawn_boxes, nearest_edge, page_objects, symbol_chars, within
from .shapes import MAX_CROSSINGS, MAX_PATHS, annotations, drawing, symbol_glyphs, table_cells
from .ocr import ink_box, ocr_jobs, ocr_page, prefetch
from .cues import starts_heading, starts_paragraph
from .pages import (MARGIN_BAND, append_rows, column_regions, continues, drop_running_lines, join_lines,
                    runs_on)
from .text import Item, bbox_of, build_paragraph, group_lines, page_chars, text_runs

MAX_PAGES = int(os.environ.get("SARKIT_MAX_PAGES", "1000"))
_TICKY = set(UNICODE_MARKS)
_BOX_GLYPHS = set(UNICODE_MARKS) | {chr(c) for c in range(0xF020, 0xF100)}


_TICK_OR_SYMBOL = re.compile("[" + "".join(sorted(_TICKY)) + "\uf000-\uf0ff]")
# What a broken font mapping produces, in any script: private-use codes (outside the symbol-font
# range, which is ticks), controls, U+FFFD, and the Latin-1 letters a legacy Thai font's bytes come
# out as ("ÁÒµÃ°Ò¹" is มาตรฐาน in TIS-620). Persian, English, Chinese … text is readable and keeps
# its text layer; judged per character, not by whether it is Thai.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xa1-\xff\ue000-\uefff\uf100-\uf8ff\ufffd]")
_VISIBLE = re.compile(r"\S")


def _scan_reason(text: str, has_images: bool) -> str:
    """Why a page goes to OCR ("" when it does not): no text layer on a page with images, or a text
    layer that is garbage."""
    readable = _readable_share(text)
    if len(text.strip()) < 20 and has_images:
        return "no text layer"
    if readable < 0.6:
        return "no text layer" if len(text.strip()) < 20 else "its text layer is unreadable"
    return ""


def _readable_share(text: str) -> float:
    """Share of the visible characters that are Thai, ASCII or tick marks: a text layer of anything
    else is a broken font mapping, read by OCR instead."""
    visible = len(_VISIBLE.findall(text))
    return 1.0 - len(_UNREADABLE.findall(text)) / visible if visible else 0.0


def parse_pdf(path: str, data: bytes) -> ReportDocument:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise UnreadableDocument("the PDF is encrypted (password-protected); it cannot be read without the "
                                     "password") from exc
        raise UnreadableDocument(f"damaged or truncated PDF: pdfium cannot open it ({msg})") from exc
    try:
        n = len(pdf)
        if n == 0:
            raise UnreadableDocument("the PDF has no pages")
        if n > MAX_PAGES:
            raise UnreadableDocument(f"refused: {n} pages, more than the {MAX_PAGES} a report can have "
                                     "(set SARKIT_MAX_PAGES to read it anyway)")
        reader = _Reader(pdf)
        try:
            pages = [reader.safe_page(i) for i in range(n)]
        finally:
            if reader.ocr_pool is not None:
                reader.ocr_pool.shutdown(wait=True, cancel_futures=True)
        drop_running_lines(pages, reader.heights)
        blocks: list[Block] = []
        for i, page_blocks in enumerate(pages):
            if page_blocks and blocks and isinstance(page_blocks[0], Table) and isinstance(blocks[-1], Table) \
                    and continues(blocks[-1], page_blocks[0]):
                append_rows(blocks[-1], page_blocks.pop(0))
            elif page_blocks and blocks and i in reader.widths and \
                    runs_on(blocks[-1], page_blocks[0], reader.widths[i]):
                first = page_blocks.pop(0)
                blocks[-1] = Paragraph(join_lines(blocks[-1].text, first.text), blocks[-1].marks, blocks[-1].location,
                                       origin=blocks[-1].origin)
            blocks.extend(page_blocks)
        return ReportDocument(path=path, format="pdf", blocks=blocks, pages=n, diagnostics=reader.diagnostics)
    finally:
        pdf.close()


class _Reader:
    def __init__(self, pdf):
        self.pdf = pdf
        self.table_count = 0
        self.para_count = 0
        self.ocr_seconds = 0.0  # spent on this document's scanned pages (ocr.OCR_BUDGET)
        self.ocr_ahead: dict[int, tuple] = {}  # page -> (image, result or the run in hand): ocr.prefetch
        self.ocr_pool = None
        self.scans_found = False  # the pages after the first scan looked at once for more (find_scans)
        self.table_continues = False
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}
        self.diagnostics: list[Diagnostic] = []

    def find_scans(self, first: int) -> None:
        """At the first scanned page, the pages from it on that will go to OCR too (the same test `page`
        applies), handed to ocr.prefetch to be read a few at a time. Looked for only once a scan is met:
        a PDF of text pages alone is not read twice."""
        self.scans_found = True
        if ocr_jobs() < 2:
            return
        scans = []
        for i in range(first, len(self.pdf)):
            try:
                page = self.pdf[i]
                why = _scan_reason(page_chars(page.get_textpage()), page_objects(page).images)
            except Exception:  # noqa: BLE001 - a page that cannot be looked at is met again by safe_page
                continue
            if why:
                scans.append((i, page, why))
        prefetch(self, scans)

    def safe_page(self, i: int) -> list[Block]:
        """A page that pdfium cannot load is a diagnostic for that page; the other pages are read."""
        import pypdfium2 as pdfium

        try:
            return self.page(i)
        except pdfium.PdfiumError as exc:
            self.diagnostics.append(Diagnostic("page_unreadable", f"page {i + 1} could not be read ({exc})", i + 1))
        return []

    # -- page routing ------------------------------------------------------------------------------------
    def page(self, i: int) -> list[Block]:
        page = self.pdf[i]
        try:
            tp = page.get_textpage()
            self.widths[i] = page.get_width()
            self.heights[i] = page.get_height()
            text = page_chars(tp)
            held = page_objects(page)
            why = _scan_reason(text, held.images)
            if why:
                if not self.scans_found:
                    self.find_scans(i)
                return ocr_page(self, page, i, why)
            if len(text.strip()) < 20:
                return []
            runs = text_runs(tp, text, page.get_height())
            ticky = _TICK_OR_SYMBOL.search(text) is not None
            # A ruled table is read as one, whatever it holds: its columns say which value is the
            # result (flattened into lines, "ดีเลิศ ดี ยอดเยี่ยม" no longer does).
            if held.squares or held.symbol_font or held.annots or held.ruled or ticky or self.table_continues:
                blocks = self._geometry(i, page, tp, text, runs, held)
            else:
                blocks = [b for region in column_regions(runs, self.widths[i]) for b in self._flow(region, {}, i)]
            # A page that ends in a table may be continued by the next, whose header is not repeated.
            self.table_continues = bool(blocks) and isinstance(blocks[-1], Table)
            return blocks
        finally:
            page.close()

    # -- layout --------------------------------------------------------------------------------------------
    def _flow(self, items: list[Item], pua_fonts: dict[str, str], i: int, loc: Location | None = None) -> list[Block]:
        """Text runs and marks of a region to paragraphs: runs grouped into lines, lines joined where
        the text wraps (the line fills most of the region's width, the next follows at normal spacing
        and starts like ordinary text). A line with a box stays a paragraph of its own."""
        lines = group_lines(items)
        if not lines:
            return []
        right = max(x.x1 for ln in lines for x in ln)
        left = min(x.x0 for ln in lines for x in ln)
        span = max(1.0, right - left)
        tops = [min((x.base for x in ln if x.base is not None), default=min(x.top for x in ln)) for ln in lines]
        pitches = sorted(b - a for a, b in zip(tops, tops[1:]) if b > a)
        # The tightest pitch, baseline to baseline, is that of wrapped lines (paragraphs often add
        # space between them); under 60 % of the median it is a superscript or a stray mark.
        median = pitches[len(pitches) // 2] if pitches else 0.0
        pitch = max(pitches[0], 0.6 * median) if pitches else 0.0
        paras: list[list[list[Item]]] = []
        for k, ln in enumerate(lines):
            text = "".join(x.text for x in ln if x.mark is None).strip()
            prev = paras[-1][-1] if paras else None
            if prev is not None:
                # Thai breaks lines at word ends, leaving a ragged right edge: a line that fills most
                # of the width and is followed at the usual line pitch, starting at the left edge, is
                # a wrapped one (centred lines are not).
                step = tops[k] - tops[k - 1]
                # A heading line ("ประเด็นพิจารณาที่ 1.2 …") wraps only when it fills the line: a
                # shorter one is followed by its body text, not continued by it.
                heading = len(paras[-1]) == 1 and starts_heading("".join(x.text for x in prev if x.mark is None))
                reach = 0.75 if heading else 0.6
                wrapped = (max(x.x1 for x in prev) >= left + reach * span and 0 < step <= 1.15 * pitch
                           and min(x.x0 for x in ln) <= left + 0.05 * span)
                if wrapped and self._band(prev, i) != self._band(ln, i):
                    wrapped = False  # a running header or footer never runs on into the body
                if wrapped and not starts_paragraph(text) and not any(x.mark for x in ln + prev):
                    paras[-1].append(ln)
                    continue
            paras.append([ln])
        out: list[Block] = []
        for para in paras:
            flat = [x for ln in para for x in ln]
            if loc is None:
                self.para_count += 1
                where = Location(f"paragraph {self.para_count}", page=i + 1,
                                 paragraph=self.para_count, bbox=bbox_of(flat))
            else:
                where = loc
            out.append(build_paragraph(para, pua_fonts, where))
        return out

    def _band(self, line: list[Item], i: int) -> int:
        """-1 in the top margin band, 1 in the bottom one, 0 in the body."""
        h = self.heights.get(i) or 0.0
        if not h:
            return 0
        if max(x.bottom for x in line) <= MARGIN_BAND * h:
            return -1
        return 1 if min(x.top for x in line) >= (1 - MARGIN_BAND) * h else 0

    # -- geometry pages: ruled cells, drawn boxes, widgets and symbol fonts ---------------------------------
    def _geometry(self, i: int, page, tp, text: str, runs: list[Item], held: PageObjects) -> list[Block]:
        h = self.heights[i]
        chars = symbol_glyphs(tp, text, h, latin=held.symbol_font)
        pua_fonts: dict = symbol_chars(chars)
        pua_fonts.update(self._ink_glyphs(i, chars, pua_fonts))
        forms = widgets(annotations(page, h)) if held.annots else []
        # A printed square or box glyph under a form widget is the widget's picture: one box, its state.
        runs = [r for r in runs if not (r.text.strip() in _BOX_GLYPHS and any(
            within(r, (f.x0 - 2, f.top - 2, f.x1 + 2, f.bottom + 2)) for f in forms))]
        shapes = drawing(page, h)
        if shapes.truncated:
            self.diagnostics.append(Diagnostic(
                "page_drawing_skipped", f"page {i + 1}: more than {MAX_PATHS:,} vector objects (a map or a "
                "chart): its drawn boxes and ruled tables were not read, its text was", i + 1))
        items = runs + drawn_boxes(shapes, runs, forms) + forms
        placed: list[tuple[float, Block]] = []
        used: set[int] = set()
        tables = table_cells(shapes, self.widths[i], h)
        if tables is None:
            tables = []
            self.diagnostics.append(Diagnostic(
                "page_drawing_skipped", f"page {i + 1}: its rules cross more than {MAX_CROSSINGS:,} times (graph "
                "paper, a dense chart): no ruled table was read on it, its text and boxes were", i + 1))
        for bbox, grid in tables:
            x0, top, x1, bottom = bbox
            inside = [k for k, it in enumerate(items)
                      if k not in used and within(it, (x0 - 1, top - 1, x1 + 1, bottom + 1))]
            used.update(inside)
            placed.append((top, self._table(bbox, grid, [items[k] for k in inside], pua_fonts, i)))
        rest = [it for k, it in enumerate(items) if k not in used]
        for block in self._flow(rest, pua_fonts, i):
            placed.append((block.location.bbox[1], block))
        placed.sort(key=lambda x: x[0])
        return [b for _, b in placed]

    def _ink_glyphs(self, i: int, chars: list[dict], fonts: dict[str, str]) -> dict[str, tuple[str, str]]:
        """Symbol-font glyphs beside the known boxes that our table cannot name: rendered, and
        judged box-shaped with ink inside (checked) or without (unchecked). Not box-shaped: left
        as an unknown mark."""
        todo = {ch: font for ch, font in fonts.items() if lookup_symbol(font, ord(ch)) is None
                and symbol_fallback(font, ord(ch))[0] == "unknown"}
        if not todo:
            return {}
        import numpy as np

        scale = 4
        image = np.asarray(self.pdf[i].render(scale=scale, grayscale=True).to_pil().convert("L"))
        out = {}
        for ch, font in todo.items():
            c = next(c for c in chars if c["text"] == ch)
            w = {"left": int(c["x0"] * scale), "top": int(c["top"] * scale),
                 "width": max(1, int((c["x1"] - c["x0"]) * scale)), "height": max(1, int((c["bottom"] - c["top"]) * scale))}
            state = ink_box(image, w, w["height"])
            if state is not None:
                out[ch] = (font, state)
        return out

    def _table(self, table_bbox, grid: list[list], items: list[Item], pua_fonts: dict[str, str], i: int) -> Table:
        self.table_count += 1
        index = self.table_count
        edges = sorted({round(c[0], 1) for row in grid for c in row if c} |
                       {round(c[2], 1) for row in grid for c in row if c})
        rows = []
        taken: set[int] = set()
        for r, row in enumerate(grid):
            cells = []
            for bbox in row:
                if bbox is None:
                    continue  # covered by a merged cell: counted once, where it starts
                col = nearest_edge(edges, bbox[0])
                span = max(1, nearest_edge(edges, bbox[2]) - col)
                mine = [k for k, it in enumerate(items) if k not in taken and within(it, bbox)]
                taken.update(mine)
                loc = Location(f"table {index} › row {r} › cell {col}", page=i + 1, table=index,
                               row=r, cell=col, bbox=tuple(bbox))
                paras = self._flow([items[k] for k in mine], pua_fonts, i, loc)
                cells.append(Cell(paras or [Paragraph("", [], loc)], loc, col, span))
            rows.append(Row(cells, r))
        return Table(rows, Location(f"table {index}", page=i + 1, table=index, bbox=tuple(table_bbox)),
                     index)

