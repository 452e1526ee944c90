"""PDF to ReportDocument: pdfium for text, pdfplumber where geometry matters, Tesseract for scans.

- Text: pypdfium2 on every page. It honours LibreOffice's /ActualText spans (pdfminer does not, and
  doubles vowels) and runs near 1,000 pages/s; `thai_repair` fixes what it still gets wrong.
- Geometry: a page with a tick glyph, a symbol-font code, a drawn box, a form widget, or a score
  table is read again with pdfplumber, which gives characters with font names and positions, ruled
  tables, rectangles and curves. Characters are taken in content-stream order (pdfplumber's own
  text sorts them by x and scrambles Thai marks).
- Scans: a page with no usable text layer is rendered by pdfium and read by Tesseract (tha+eng);
  such paragraphs carry origin "ocr" and every value from them is flagged unless two agree.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time

from .builder import ParagraphBuilder
from .model import Block, Cell, Diagnostic, Location, Paragraph, ReportDocument, Row, Table, UnreadableDocument
from .pdf_geometry import drawn_boxes, nearest_edge, page_objects, symbol_chars, widgets, within
from . import budget
from .pdf_ocr import ink_box, ocr_cached, ocr_lines, ocr_store, read_text_file
from .pdf_text import (C90, HEADING_START, PARA_START, Item, bbox_of, build_paragraph, group_lines, join_lines, paragraphs,
                       text_runs, thai_repair)
from .symbols import UNICODE_MARKS, lookup_symbol, symbol_fallback

__all__ = ["parse_pdf", "thai_repair", "C90", "widgets"]

MAX_PAGES = int(os.environ.get("SARKIT_MAX_PAGES", "1000"))
OCR_PAGE_SECONDS = float(os.environ.get("SARKIT_OCR_PAGE_SECONDS", "60"))  # Tesseract takes ~4 s a page
OCR_BUDGET = float(os.environ.get("SARKIT_OCR_BUDGET", "900"))  # OCR seconds per document, at most
OCR_DPI = 300
_TICKY = set(UNICODE_MARKS)
_BOX_GLYPHS = set(UNICODE_MARKS) | {chr(c) for c in range(0xF020, 0xF100)}


_TICK_OR_SYMBOL = re.compile("[" + "".join(sorted(_TICKY)) + "\uf000-\uf0ff]")
# What a broken font mapping produces, in any script: private-use codes (outside the symbol-font
# range, which is ticks), controls, U+FFFD, and the Latin-1 letters a legacy Thai font's bytes come
# out as ("ÁÒµÃ°Ò¹" is มาตรฐาน in TIS-620). Persian, English, Chinese … text is readable and keeps
# its text layer; judged per character, not by whether it is Thai.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xa1-\xff\ue000-\uefff\uf100-\uf8ff\ufffd]")
_VISIBLE = re.compile(r"\S")


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
        reader = _Reader(pdf, data)
        pages = [reader.safe_page(i) for i in range(n)]
        drop_running_lines(pages, reader.heights)
        blocks: list[Block] = []
        for i, page_blocks in enumerate(pages):
            if page_blocks and blocks and isinstance(page_blocks[0], Table) and isinstance(blocks[-1], Table) \
                    and _continues(blocks[-1], page_blocks[0]):
                _append_rows(blocks[-1], page_blocks.pop(0))
            elif page_blocks and blocks and i in reader.widths and \
                    _runs_on(blocks[-1], page_blocks[0], reader.widths[i]):
                first = page_blocks.pop(0)
                blocks[-1] = Paragraph(join_lines(blocks[-1].text, first.text), blocks[-1].marks, blocks[-1].location,
                                       origin=blocks[-1].origin)
            blocks.extend(page_blocks)
        return ReportDocument(path=path, format="pdf", blocks=blocks, pages=n, diagnostics=reader.diagnostics)
    finally:
        pdf.close()


class _Reader:
    def __init__(self, pdf, data: bytes):
        self.pdf, self.data = pdf, data
        self._plumber = None
        self.table_count = 0
        self.para_count = 0
        self.ocr_seconds = 0.0  # spent on this document's scanned pages (OCR_BUDGET)
        self.table_continues = False
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}
        self.diagnostics: list[Diagnostic] = []

    @property
    def plumber(self):
        if self._plumber is None:
            import pdfplumber
            self._plumber = pdfplumber.open(io.BytesIO(self.data))
        return self._plumber

    def safe_page(self, i: int) -> list[Block]:
        """A page that pdfium cannot load, or whose geometry pdfplumber cannot parse, is a diagnostic
        for that page (its text is read without geometry where it can be); the other pages are read."""
        import pypdfium2 as pdfium

        try:
            return self.page(i)
        except pdfium.PdfiumError as exc:
            self.diagnostics.append(Diagnostic("page_unreadable", f"page {i + 1} could not be read ({exc})", i + 1))
        except Exception as exc:  # pdfminer's many errors on damaged content streams, inside pdfplumber
            if not type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
                raise  # ours: a bug, reported as one
            self.diagnostics.append(Diagnostic("page_unreadable", f"page {i + 1}: its layout could not be read "
                                               f"({type(exc).__name__}); read as plain text", i + 1))
            try:
                page = self.pdf[i]
                self.widths[i], self.heights[i] = page.get_width(), page.get_height()
                return self._flow(text_runs(page.get_textpage(), page.get_height()), {}, i)
            except pdfium.PdfiumError:
                pass
        return []

    # -- page routing ------------------------------------------------------------------------------------
    def page(self, i: int) -> list[Block]:
        page = self.pdf[i]
        try:
            tp = page.get_textpage()
            self.widths[i] = page.get_width()
            self.heights[i] = page.get_height()
            text = tp.get_text_range()
            readable = _readable_share(text)
            has_images, boxes, widgets = page_objects(page)
            if len(text.strip()) < 20 or readable < 0.6:
                if has_images or readable < 0.6:
                    why = "no text layer" if len(text.strip()) < 20 else "its text layer is unreadable"
                    return self._ocr(page, i, why)
                return []
            runs = text_runs(tp, page.get_height())
            ticky = _TICK_OR_SYMBOL.search(text) is not None
            if boxes or widgets or ticky or _score_table(text) or self.table_continues:
                blocks = self._geometry(i, runs)
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
                heading = len(paras[-1]) == 1 and HEADING_START.match("".join(x.text for x in prev if x.mark is None))
                reach = 0.75 if heading else 0.6
                wrapped = (max(x.x1 for x in prev) >= left + reach * span and 0 < step <= 1.15 * pitch
                           and min(x.x0 for x in ln) <= left + 0.05 * span)
                if wrapped and self._band(prev, i) != self._band(ln, i):
                    wrapped = False  # a running header or footer never runs on into the body
                if wrapped and not PARA_START.match(text) and not any(x.mark for x in ln + prev):
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
        if max(x.bottom for x in line) <= _MARGIN_BAND * h:
            return -1
        return 1 if min(x.top for x in line) >= (1 - _MARGIN_BAND) * h else 0

    # -- geometry pages: pdfplumber for cells, drawn boxes, widgets and symbol fonts ---------------------
    def _geometry(self, i: int, runs: list[Item]) -> list[Block]:
        page = self.plumber.pages[i]
        pua_fonts: dict = symbol_chars(page.chars)
        pua_fonts.update(self._ink_glyphs(i, page.chars, pua_fonts))
        forms = widgets(page)
        # A printed square or box glyph under a form widget is the widget's picture: one box, its state.
        runs = [r for r in runs if not (r.text.strip() in _BOX_GLYPHS and any(
            within(r, (f.x0 - 2, f.top - 2, f.x1 + 2, f.bottom + 2)) for f in forms))]
        items = runs + drawn_boxes(page, runs, forms) + forms
        placed: list[tuple[float, Block]] = []
        used: set[int] = set()
        for t in page.find_tables():
            x0, top, x1, bottom = t.bbox
            inside = [k for k, it in enumerate(items)
                      if k not in used and within(it, (x0 - 1, top - 1, x1 + 1, bottom + 1))]
            used.update(inside)
            placed.append((top, self._table(t, [items[k] for k in inside], pua_fonts, i)))
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

    def _table(self, t, items: list[Item], pua_fonts: dict[str, str], i: int) -> Table:
        self.table_count += 1
        index = self.table_count
        edges = sorted({round(c[0], 1) for row in t.rows for c in row.cells if c} |
                       {round(c[2], 1) for row in t.rows for c in row.cells if c})
        rows = []
        taken: set[int] = set()
        for r, row in enumerate(t.rows):
            cells = []
            for bbox in row.cells:
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
        return Table(rows, Location(f"table {index}", page=i + 1, table=index, bbox=tuple(t.bbox)),
                     index)

    # -- scans: Tesseract ----------------------------------------------------------------------------------
    def _ocr(self, page, i: int, why: str) -> list[Block]:
        """One scanned page through Tesseract, within the document's OCR budget: the worker's deadline is
        extended for the page first (parsers.budget), a page Tesseract cannot finish in OCR_PAGE_SECONDS
        or cannot run on is a finding about that page, and once the budget is spent the remaining scanned
        pages are left unread and said so — the text pages' results stand either way."""
        exe = shutil.which("tesseract")
        if exe is None:
            self.diagnostics.append(Diagnostic("missing_tool", f"page {i + 1}: {why}; OCR needs tesseract-ocr and "
                                               "tesseract-ocr-tha, not installed", i + 1, "tesseract-ocr-tha"))
            return []
        if self.ocr_seconds >= OCR_BUDGET:
            self.diagnostics.append(Diagnostic("ocr_skipped", f"page {i + 1}: {why}; not read: the document's OCR "
                                               f"budget ({OCR_BUDGET:g} s, SARKIT_OCR_BUDGET) was spent on earlier "
                                               "pages", i + 1))
            return []
        image = page.render(scale=OCR_DPI / 72).to_pil().convert("L")
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        png = buf.getvalue()
        started = time.monotonic()
        result = ocr_cached(png)
        if result is None:
            budget.request(OCR_PAGE_SECONDS + 10)  # this page's time, asked of the worker's deadline
            result = self._tesseract(exe, png, i, why)
            if result is None:
                self.ocr_seconds += time.monotonic() - started
                return []
            ocr_store(png, *result)
        self.ocr_seconds += time.monotonic() - started
        text, tsv = result
        self.diagnostics.append(Diagnostic("ocr_used", f"page {i + 1}: {why}; read by OCR (Tesseract tha+eng)", i + 1))
        out = []
        for para in paragraphs(ocr_lines(text, tsv, image)):
            self.para_count += 1
            b = ParagraphBuilder()
            b.add_text(para)
            out.append(Paragraph(b.text(), b.marks, Location(f"paragraph {self.para_count} (OCR)",
                                                             page=i + 1, paragraph=self.para_count), origin="ocr"))
        return out

    def _tesseract(self, exe: str, png: bytes, i: int, why: str) -> tuple[str, str] | None:
        with tempfile.TemporaryDirectory(prefix="sarkit-ocr-") as tmp:
            try:
                proc = subprocess.run([exe, "stdin", os.path.join(tmp, "out"), "-l", "tha+eng", "--psm", "4", "txt",
                                       "tsv"], input=png, capture_output=True, timeout=OCR_PAGE_SECONDS,
                                      env=dict(os.environ, OMP_THREAD_LIMIT="1"))  # its threads only spin on 2 cores
            except subprocess.TimeoutExpired:
                self.diagnostics.append(Diagnostic("ocr_timeout", f"page {i + 1}: {why}; OCR did not finish within "
                                                   f"{OCR_PAGE_SECONDS:g} s (SARKIT_OCR_PAGE_SECONDS)", i + 1))
                return None
            err = proc.stderr.decode("utf-8", "replace")
            if proc.returncode != 0:
                if "tha" in err and ("Failed loading language" in err or "Error opening data file" in err):
                    self.diagnostics.append(Diagnostic("missing_tool", f"page {i + 1}: {why}; Tesseract has no Thai "
                                                       "data (install tesseract-ocr-tha)", i + 1, "tesseract-ocr-tha"))
                else:
                    tail = " ".join(err.split())[-200:]
                    self.diagnostics.append(Diagnostic("ocr_failed", f"page {i + 1}: {why}; Tesseract failed (exit "
                                                       f"{proc.returncode}{': ' + tail if tail else ''})", i + 1))
                return None
            return read_text_file(os.path.join(tmp, "out.txt")), read_text_file(os.path.join(tmp, "out.tsv"))


def _runs_on(prev: Block, nxt: Block, width: float) -> bool:
    """A paragraph cut by a page break: plain text on both sides, the last line full (it reaches
    across the page) and the next starting at the margin like running text (not a heading, an item,
    a box, a page number or a running title)."""
    if not (isinstance(prev, Paragraph) and isinstance(nxt, Paragraph) and not prev.marks and not nxt.marks
            and prev.origin == nxt.origin and len(nxt.text) > 30 and not PARA_START.match(nxt.text)):
        return False
    a, b = prev.location.bbox, nxt.location.bbox
    # a one-line heading is followed by its body, not continued by it
    reach = 0.9 if HEADING_START.match(prev.text) and len(prev.text) < 150 else 0.6
    return a is None or b is None or (a[0] <= 0.25 * width and a[2] >= reach * width and b[0] <= 0.25 * width)


# -- page layout: running headers and footers, two columns ----------------------------------------------
_MARGIN_BAND = 0.09  # Word sets headers and footers in the top and bottom margins (about 1 in of 11.7)
_RUNNING_MIN_PAGES = 3


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def drop_running_lines(pages: list[list[Block]], heights: dict[int, float]) -> None:
    """Running headers and footers out: a paragraph in the top or bottom margin band whose text
    (page numbers aside) stands there on three pages or more. Decided by position and repetition
    only: a heading or a result in the body is never in the band on three pages."""
    seen: dict[str, set[int]] = {}
    banded: list[tuple[int, int, str]] = []
    for i, blocks in enumerate(pages):
        h = heights.get(i)
        for k, b in enumerate(blocks):
            bb = b.location.bbox if isinstance(b, Paragraph) else None
            if h and bb and (bb[3] <= _MARGIN_BAND * h or bb[1] >= (1 - _MARGIN_BAND) * h) and len(b.text) < 200:
                key = _furniture_key(b.text)
                seen.setdefault(key, set()).add(i)
                banded.append((i, k, key))
    drop: dict[int, set[int]] = {}
    for i, k, key in banded:
        if len(seen[key]) >= _RUNNING_MIN_PAGES:
            drop.setdefault(i, set()).add(k)
    for i, ks in drop.items():
        pages[i] = [b for k, b in enumerate(pages[i]) if k not in ks]


def column_regions(items: list[Item], width: float) -> list[list[Item]]:
    """A page set in two columns, read column by column: a vertical gutter in the middle of the
    page that no text run crosses, with lines of prose on both sides of it, side by side. Runs that
    cross the gutter (a title over both columns) must stand above the columns and are read first.
    Otherwise the page is one region."""
    import numpy as np

    text = [x for x in items if x.mark is None and x.text.strip()]
    if len(text) < 12 or width <= 0:
        return [items]
    x0 = np.array([t.x0 for t in text])
    x1 = np.array([t.x1 for t in text])
    if np.mean(x1 - x0 > 0.55 * width) > 0.3:
        return [items]  # lines across the page: one column (the common case, decided at once)
    # Vectorised over candidate gutters every 2 pt in the middle of the page (numpy: one pass, not a
    # Python loop per position and run).
    xs = np.arange(int(0.3 * width), int(0.7 * width), 2)
    n_left = (x1[:, None] <= xs).sum(0)
    n_right = (x0[:, None] >= xs).sum(0)
    crossing = len(text) - n_left - n_right
    ok = (n_left >= 0.25 * len(text)) & (n_right >= 0.25 * len(text))
    if not ok.any():
        return [items]
    k = int(np.argmin(np.where(ok, crossing, len(text) + 1)))
    if crossing[k] > 0.1 * len(text):
        return [items]
    x = int(xs[k])
    left, right = [t for t in text if t.x1 <= x], [t for t in text if t.x0 >= x]
    wide = 0.2 * width
    for side in (left, right):
        if len(side) < 5 or sum(1 for t in side if t.x1 - t.x0 >= wide) < 0.4 * len(side):
            return [items]  # short pieces on both sides: a form or a table, not columns of prose
    top, bottom = max(min(t.top for t in left), min(t.top for t in right)), \
        min(max(t.bottom for t in left), max(t.bottom for t in right))
    if bottom - top < 0.5 * min(max(t.bottom for t in s) - min(t.top for t in s) for s in (left, right)):
        return [items]  # the two sides do not stand side by side
    head = [t for t in items if not (t.x1 <= x or t.x0 >= x)]
    if any(t.top >= top for t in head):
        return [items]
    return [head, [t for t in items if t.x1 <= x], [t for t in items if t.x0 >= x]]


# -- tables that run over a page break ----------------------------------------------------------------------
def _columns(t: Table) -> list[float]:
    widest = max(t.rows, key=lambda r: len(r.cells))
    return [round(c.location.bbox[0]) for c in widest.cells if c.location.bbox]


def _continues(prev: Table, nxt: Table) -> bool:
    """A table that ends one page and one that starts the next, with the same columns (within 3 pt),
    are one table broken by the page (Word repeats no header unless told to)."""
    a, b = _columns(prev), _columns(nxt)
    return len(a) == len(b) and all(abs(x - y) <= 3 for x, y in zip(a, b))


def _append_rows(prev: Table, nxt: Table) -> None:
    """Rows of the continuation appended to the table. A row cut by the page break (its box on one
    page, its level number on the next) is put back together: the last row holds marks but no text,
    the first row text but no marks."""
    rows = list(nxt.rows)
    if prev.rows and rows:
        last, first = prev.rows[-1], rows[0]
        last_text = any(c.text.strip(" \n" + "☐☑☒⍰") for c in last.cells[:1])
        if any(c.marks for c in last.cells) and not last_text and not any(c.marks for c in first.cells):
            for c in first.cells:
                target = last.cell_at(c.col)
                if target is not None:
                    target.blocks.extend(c.blocks)
                else:
                    last.cells.append(c)
            rows = rows[1:]
    base = len(prev.rows)
    for k, r in enumerate(rows):
        prev.rows.append(Row(r.cells, base + k))


# [าำ]: Word's text layers write sara aa as sara am ("ค่ำเป้ำหมำย"); the page is routed before any repair.
_OBTAINED = re.compile(r"คะแนน\s*ที่\s*ได้|ได้\s*คะแนน|ค่[าำ]\s*เป้[าำ]\s*หม[าำ]ย|ค่[าำ]\s*คะแนน")


def _score_table(text: str) -> bool:
    """A table of obtained scores, or of targets and results, needs its columns (flattened into
    lines, "ดีเลิศ ดี ยอดเยี่ยม" no longer says which is the result); a rubric that only mentions
    คะแนน does not."""
    return bool(_OBTAINED.search(text)) and ("ระดับ" in text or "ผลกำรประเมิน" in text or "ผลการประเมิน" in text)
