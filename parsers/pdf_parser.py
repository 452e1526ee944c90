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
import unicodedata
from dataclasses import dataclass

from .builder import ParagraphBuilder
from .model import (GLYPH_CHECKED, GLYPH_UNCHECKED, Block, Cell, Location, Mark, Paragraph, ReportDocument, Row,
                    Table, UnreadableDocument)
from .symbols import UNICODE_MARKS

MAX_PAGES = int(os.environ.get("SARKIT_MAX_PAGES", "1000"))
OCR_TIMEOUT = 120.0
OCR_DPI = 300

# Legacy Thai fonts place positional variants of marks in the private-use area (the C90 layout,
# shared/research/peers.md §3.2). One table, pinned and tested: variant -> the letter it draws.
C90 = {0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
       0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
       0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
       0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
       0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
       0xF719: "\u0e39", 0xF71A: "\u0e3a"}
_MARKS = "\u0e31\u0e33\u0e34-\u0e3a\u0e47-\u0e4e"
_SPACE_BEFORE_MARK = re.compile(f"[ \u00a0]+(?=[{_MARKS}])")
_DASHES = str.maketrans({"Ð": "–", "\u2010": "-", "\u2011": "-"})
_TICKY = set(UNICODE_MARKS)


def thai_repair(text: str) -> str:
    """What PDF text extraction does to Thai, undone: C90 private-use variants, spaces before
    combining marks ("มโี ครงการ" → "มีโครงการ" needs the marks in order too, which NFC and the
    normaliser see to), nikhahit + sara aa and the doubled "ำา" that ignoring /ActualText produces,
    and the "Ð" some fonts map their dash to."""
    if not text:
        return text
    text = text.translate(C90).translate(_DASHES)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    return unicodedata.normalize("NFC", text)


_TICK_OR_SYMBOL = re.compile("[" + "".join(sorted(_TICKY)) + "\uf000-\uf0ff]")
_UNREADABLE = re.compile("[^\u0e00-\u0e7f\x00-\x7f" + "".join(sorted(_TICKY)) + "–—“”‘’•…\\s]")
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
        blocks: list[Block] = []
        for i in range(n):
            page_blocks = reader.page(i)
            if page_blocks and blocks and isinstance(page_blocks[0], Table) and isinstance(blocks[-1], Table) \
                    and _continues(blocks[-1], page_blocks[0]):
                _append_rows(blocks[-1], page_blocks.pop(0))
            elif page_blocks and blocks and _runs_on(blocks[-1], page_blocks[0], reader.widths[i]):
                first = page_blocks.pop(0)
                blocks[-1] = Paragraph(_join(blocks[-1].text, first.text), blocks[-1].marks, blocks[-1].location,
                                       origin=blocks[-1].origin)
            blocks.extend(page_blocks)
        return ReportDocument(path=path, format="pdf", blocks=blocks, pages=n, warnings=reader.warnings)
    finally:
        pdf.close()


@dataclass
class _Item:
    """A text run or a drawn / form mark on a page, with its box in top-down coordinates."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    mark: Mark | None = None
    base: float | None = None  # baseline of a text run: line pitch measured on it is not thrown by marks


class _Reader:
    def __init__(self, pdf, data: bytes):
        self.pdf, self.data = pdf, data
        self._plumber = None
        self.table_count = 0
        self.para_count = 0
        self.table_continues = False
        self.widths: dict[int, float] = {}
        self.warnings: list[str] = []

    @property
    def plumber(self):
        if self._plumber is None:
            import pdfplumber
            self._plumber = pdfplumber.open(io.BytesIO(self.data))
        return self._plumber

    # -- page routing ------------------------------------------------------------------------------------
    def page(self, i: int) -> list[Block]:
        page = self.pdf[i]
        try:
            tp = page.get_textpage()
            self.widths[i] = page.get_width()
            text = tp.get_text_range()
            readable = _readable_share(text)
            has_images, boxes, widgets = _objects(page)
            if len(text.strip()) < 20 or readable < 0.6:
                if has_images or readable < 0.6:
                    why = "no text layer" if len(text.strip()) < 20 else "its text layer is unreadable"
                    return self._ocr(page, i, why)
                return []
            runs = _runs(tp, page.get_height())
            ticky = _TICK_OR_SYMBOL.search(text) is not None
            if boxes or widgets or ticky or _score_table(text) or self.table_continues:
                blocks = self._geometry(i, runs)
            else:
                blocks = self._flow(runs, {}, i)
            # A page that ends in a table may be continued by the next, whose header is not repeated.
            self.table_continues = bool(blocks) and isinstance(blocks[-1], Table)
            return blocks
        finally:
            page.close()

    # -- layout --------------------------------------------------------------------------------------------
    def _flow(self, items: list[_Item], pua_fonts: dict[str, str], i: int, loc: Location | None = None) -> list[Block]:
        """Text runs and marks of a region to paragraphs: runs grouped into lines, lines joined where
        the text wraps (the line fills most of the region's width, the next follows at normal spacing
        and starts like ordinary text). A line with a box stays a paragraph of its own."""
        lines = _lines(items)
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
        paras: list[list[list[_Item]]] = []
        for k, ln in enumerate(lines):
            text = "".join(x.text for x in ln if x.mark is None).strip()
            prev = paras[-1][-1] if paras else None
            if prev is not None:
                # Thai breaks lines at word ends, leaving a ragged right edge: a line that fills most
                # of the width and is followed at the usual line pitch, starting at the left edge, is
                # a wrapped one (centred lines are not).
                step = tops[k] - tops[k - 1]
                wrapped = (max(x.x1 for x in prev) >= left + 0.6 * span and 0 < step <= 1.15 * pitch
                           and min(x.x0 for x in ln) <= left + 0.05 * span)
                if wrapped and not _PARA_START.match(text) and not any(x.mark for x in ln + prev):
                    paras[-1].append(ln)
                    continue
            paras.append([ln])
        out: list[Block] = []
        for para in paras:
            flat = [x for ln in para for x in ln]
            if loc is None:
                self.para_count += 1
                where = Location(f"paragraph {self.para_count}", page=i + 1,
                                 paragraph=self.para_count, bbox=_bbox(flat))
            else:
                where = loc
            out.append(_build(para, pua_fonts, where))
        return out

    # -- geometry pages: pdfplumber for cells, drawn boxes, widgets and symbol fonts ---------------------
    def _geometry(self, i: int, runs: list[_Item]) -> list[Block]:
        page = self.plumber.pages[i]
        pua_fonts = {c["text"]: c.get("fontname", "") for c in page.chars
                     if len(c["text"]) == 1 and 0xF000 <= ord(c["text"]) <= 0xF0FF}
        items = runs + _drawn_boxes(page, runs) + _widgets(page)
        placed: list[tuple[float, Block]] = []
        used: set[int] = set()
        for t in page.find_tables():
            x0, top, x1, bottom = t.bbox
            inside = [k for k, it in enumerate(items)
                      if k not in used and _within(it, (x0 - 1, top - 1, x1 + 1, bottom + 1))]
            used.update(inside)
            placed.append((top, self._table(t, [items[k] for k in inside], pua_fonts, i)))
        rest = [it for k, it in enumerate(items) if k not in used]
        for block in self._flow(rest, pua_fonts, i):
            placed.append((block.location.bbox[1], block))
        placed.sort(key=lambda x: x[0])
        return [b for _, b in placed]

    def _table(self, t, items: list[_Item], pua_fonts: dict[str, str], i: int) -> Table:
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
                col = _edge(edges, bbox[0])
                span = max(1, _edge(edges, bbox[2]) - col)
                mine = [k for k, it in enumerate(items) if k not in taken and _within(it, bbox)]
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
        exe = shutil.which("tesseract")
        if exe is None:
            self.warnings.append(f"page {i + 1}: {why}; OCR needs tesseract-ocr and tesseract-ocr-tha, not installed")
            return []
        image = page.render(scale=OCR_DPI / 72).to_pil().convert("L")
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        with tempfile.TemporaryDirectory(prefix="sarkit-ocr-") as tmp:
            try:
                subprocess.run([exe, "stdin", os.path.join(tmp, "out"), "-l", "tha+eng", "--psm", "4", "txt", "tsv"],
                               input=buf.getvalue(), capture_output=True, timeout=OCR_TIMEOUT,
                               env=dict(os.environ, OMP_THREAD_LIMIT="1"))  # its threads only spin on 2 cores
            except subprocess.TimeoutExpired:
                self.warnings.append(f"page {i + 1}: {why}; OCR did not finish within {OCR_TIMEOUT:g} s")
                return []
            text = _read(os.path.join(tmp, "out.txt"))
            tsv = _read(os.path.join(tmp, "out.tsv"))
        self.warnings.append(f"page {i + 1}: {why}; read by OCR (Tesseract tha+eng)")
        out = []
        for para in _paragraphs(_ocr_lines(text, tsv, image)):
            self.para_count += 1
            b = ParagraphBuilder()
            b.add_text(para)
            out.append(Paragraph(b.text(), b.marks, Location(f"paragraph {self.para_count} (OCR)",
                                                             page=i + 1, paragraph=self.para_count), origin="ocr"))
        return out


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def _ocr_lines(text: str, tsv: str, image) -> list[str]:
    """Tesseract's plain text, line by line (its TSV words split Thai into single characters, so the
    text is taken from the plain output), with boxes put back: a square token at the start of a
    TSV line is a candidate box, whatever Tesseract read it as ("M5", "O", "ทว"), and the ink inside
    it says whether it is ticked. TSV lines and text lines come from one layout pass, in one order."""
    import numpy as np

    pixels = np.asarray(image)
    firsts: list[dict | None] = []
    seen: set[tuple] = set()
    heights: dict[tuple, list[int]] = {}
    for line in tsv.splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        key = (f[2], f[3], f[4])
        heights.setdefault(key, []).append(int(f[9]))
        if key not in seen:
            seen.add(key)
            firsts.append({"key": key, "left": int(f[6]), "top": int(f[7]), "width": int(f[8]),
                           "height": int(f[9]), "text": f[11]})
    lines = [ln for ln in text.splitlines() if ln.strip()]
    out = []
    for n, line in enumerate(lines):
        first = firsts[n] if n < len(firsts) and len(firsts) == len(lines) else None
        state = None
        if first is not None:
            hs = sorted(heights[first["key"]])
            state = _ink_box(pixels, first, hs[len(hs) // 2])
        if state:
            token = first["text"]
            rest = line.lstrip()[len(token):] if line.lstrip().startswith(token) else line
            digits = re.sub(r"^\D*", "", token)
            glyph = GLYPH_CHECKED if state == "checked" else GLYPH_UNCHECKED
            line = f"{glyph} {digits} {rest.strip()}".replace("  ", " ")
        out.append(thai_repair(line))
    return out


def _ink_box(pixels, w: dict, line_height: int) -> str | None:
    """The state of a square token that is a box: dark pixels well inside its outline. None when
    the token is not box-shaped."""
    x, y, width, height = w["left"], w["top"], w["width"], w["height"]
    side = min(width, height)
    if not (0.5 * line_height <= side <= 1.6 * line_height) or not 0.7 <= width / max(1, height) <= 1.45:
        # "M5" is read as one wide token: the box is its left square
        if 0.5 * line_height <= height <= 1.6 * line_height and width > 1.45 * height:
            width = height
        else:
            return None
    box = pixels[y: y + height, x: x + width]
    if box.size == 0:
        return None
    dark = box < 128
    edge = (dark[:3, :].max(axis=0).mean() + dark[-3:, :].max(axis=0).mean() + dark[:, :3].max(axis=1).mean()) / 3
    if edge < 0.6:
        return None  # no outline: a letter, not a box
    m = max(2, int(side * 0.25))
    inner = dark[m:-m, m:-m]
    return "checked" if inner.size and inner.mean() > 0.08 else "unchecked"


def _runs_on(prev: Block, nxt: Block, width: float) -> bool:
    """A paragraph cut by a page break: plain text on both sides, the last line full (it reaches
    across the page) and the next starting at the margin like running text (not a heading, an item,
    a box, a page number or a running title)."""
    if not (isinstance(prev, Paragraph) and isinstance(nxt, Paragraph) and not prev.marks and not nxt.marks
            and prev.origin == nxt.origin and len(nxt.text) > 30 and not _PARA_START.match(nxt.text)):
        return False
    a, b = prev.location.bbox, nxt.location.bbox
    return a is None or b is None or (a[0] <= 0.25 * width and a[2] >= 0.6 * width and b[0] <= 0.25 * width)


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


# -- page objects and text runs ---------------------------------------------------------------------------
def _objects(page) -> tuple[bool, bool, bool]:
    """(has an image, has a small square path: a drawn box, has annotations: form widgets). Through
    pdfium's raw calls: a wrapper object per text object cost more than reading the page's text."""
    import ctypes

    import pypdfium2.raw as raw

    has_images = boxes = False
    vals = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in vals]
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            has_images = True
        elif kind == raw.FPDF_PAGEOBJ_PATH and not boxes:
            raw.FPDFPageObj_GetBounds(obj, *refs)
            left, bottom, right, top = (v.value for v in vals)
            boxes = 4 <= right - left <= 20 and 4 <= top - bottom <= 20 and abs((right - left) - (top - bottom)) <= 2.5
        elif kind == raw.FPDF_PAGEOBJ_FORM and not (has_images and boxes):
            # content drawn through a form XObject: look inside once
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                sub = raw.FPDFFormObj_GetObject(obj, j)
                if raw.FPDFPageObj_GetType(sub) == raw.FPDF_PAGEOBJ_IMAGE:
                    has_images = True
                    break
    return has_images, boxes, raw.FPDFPage_GetAnnotCount(page.raw) > 0


def _runs(tp, height: float) -> list[_Item]:
    """pdfium's text cut into runs at line breaks and at the spaces pdfium generates for gaps (a gap
    between cells or tab stops), with top-down boxes, Thai repaired. pdfium honours /ActualText and
    usually keeps Thai marks after their letters; a mark it emits out of place (a below vowel a word
    late, or on a "line" of its own) goes back after the letter it is drawn on.

    Boxes are fetched only where they decide something (run ends, spaces, marks): one call per
    character was most of the time of a text page. (pdfium's text rectangles would be fewer calls,
    but querying them returns overlapping clusters twice.)"""
    import ctypes

    import pypdfium2.raw as raw

    n = tp.count_chars()
    text = tp.get_text_range(0, n)
    if len(text) != n:
        text = "".join(tp.get_text_range(k, 1) or " " for k in range(n))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, right, bottom, top)]
    get_box, page = raw.FPDFText_GetCharBox, tp.raw
    cache: dict[int, tuple | None] = {}

    def box(k: int) -> tuple | None:
        if k not in cache:
            get_box(page, k, *refs)
            b = (left.value, bottom.value, right.value, top.value)
            cache[k] = None if b[2] - b[0] <= 0 and b[3] - b[1] <= 0 else b
        return cache[k]

    ox, oy = ctypes.c_double(), ctypes.c_double()
    origin = (raw.FPDFText_GetCharOrigin, ctypes.byref(ox), ctypes.byref(oy))
    order = _order_marks(text, box)
    out: list[_Item] = []
    seg: list[int] = []

    def flush() -> None:
        nonlocal seg
        boxes = [b for b in (box(seg[0]), box(seg[-1])) if b is not None] if seg else []
        run = thai_repair("".join(text[k] for k in seg)) if seg else ""
        if boxes and run.strip():
            origin[0](page, seg[0], origin[1], origin[2])
            out.append(_Item(run, min(b[0] for b in boxes), max(b[2] for b in boxes),
                             height - max(b[3] for b in boxes), height - min(b[1] for b in boxes),
                             base=height - oy.value))
        seg = []

    for k in order:
        if k < 0 or (text[k] == " " and box(k) is None):
            flush()  # a line break, or a gap pdfium marked with a space of its own
        else:
            seg.append(k)
    flush()
    return out


def _order_marks(text: str, box) -> list[int]:
    """Character indices in reading order (-1 for a line break), each combining mark right after
    the letter it is drawn on."""
    order: list[int] = []
    for k, ch in enumerate(text):
        if ch in "\r\n":
            if not order or order[-1] != -1:
                order.append(-1)
            continue
        if ch in _COMBINING and (b := box(k)) is not None:
            cx = (b[0] + b[2]) / 2
            if order and order[-1] >= 0:
                base = next((j for j in range(len(order) - 1, -1, -1)
                             if order[j] >= 0 and text[order[j]] not in _COMBINING), None)
                if base is not None and (bb := box(order[base])) is not None and _over(bb, cx, b):
                    order.append(k)  # the usual case: right after its letter
                    continue
            home = next((j for j in range(len(order) - 1, max(-1, len(order) - 400), -1)
                         if order[j] >= 0 and text[order[j]] not in _COMBINING and (hb := box(order[j])) is not None
                         and _over(hb, cx, b)), None)
            if home is not None:
                j = home + 1
                while j < len(order) and order[j] >= 0 and text[order[j]] in _COMBINING:
                    j += 1
                order.insert(j, k)
                continue
        order.append(k)
    return order


def _over(base: tuple, cx: float, mark: tuple) -> bool:
    """The mark's centre lies over the letter, on the same line."""
    size = max(1.0, base[3] - base[1])
    return base[0] - 1.5 <= cx <= base[2] + 1.5 and mark[1] <= base[3] + size and mark[3] >= base[1] - size


def _lines(items: list[_Item]) -> list[list[_Item]]:
    """Items grouped into lines by vertical overlap, each line left to right (a run keeps its own
    order inside, so Thai marks stay with their letters)."""
    lines: list[list] = []  # [top, bottom, items]
    for it in sorted(items, key=lambda x: (x.top, x.x0)):
        cy = (it.top + it.bottom) / 2
        for ln in reversed(lines[-8:]):  # sorted by top: the line is one of the last few
            if ln[0] - 1 <= cy <= ln[1] + 1:
                ln[2].append(it)
                ln[0], ln[1] = min(ln[0], it.top), max(ln[1], it.bottom)
                break
        else:
            lines.append([it.top, it.bottom, [it]])
    out = []
    for _, _, members in sorted(lines, key=lambda ln: ln[0]):
        members.sort(key=lambda x: x.x0)
        out.append(members)
    return out


def _build(para: list[list[_Item]], pua_fonts: dict[str, str], loc: Location) -> Paragraph:
    b = ParagraphBuilder()
    for k, ln in enumerate(para):
        for j, x in enumerate(ln):
            so_far = b.text()
            if x.mark is not None:
                if so_far and not so_far.endswith(" "):
                    b.add_text(" ")
                m = x.mark
                b.add_mark(m.state, m.method, font=m.font, code=m.code, detail=m.detail)
                b.add_text(" ")
                continue
            piece = x.text.strip()
            if not piece:
                continue
            wrapped_thai = k > 0 and j == 0 and _THAI.match(so_far[-1:] or " ") and _THAI.match(piece[0])
            if so_far and not so_far.endswith(" ") and not wrapped_thai and piece[0] not in _COMBINING:
                b.add_text(" ")  # runs on a line, or lines, meet with a space; Thai wrapped mid-word does not
            _add_with_fonts(b, piece, pua_fonts)
    text = b.text()
    lead = len(text) - len(text.lstrip())
    return Paragraph(text.strip(), [m.shifted(-lead) for m in b.marks], loc)


def _add_with_fonts(b: ParagraphBuilder, text: str, pua_fonts: dict[str, str]) -> None:
    """Symbol codes (U+F0xx) go in with the font pdfplumber saw them in; the rest as text."""
    start = 0
    for k, ch in enumerate(text):
        if ch in pua_fonts:
            b.add_text(text[start:k])
            b.add_text(ch, pua_fonts[ch])
            start = k + 1
    b.add_text(text[start:])


# -- helpers ----------------------------------------------------------------------------------------------
_PARA_START = re.compile(r"^\s*(?:มาตรฐาน\s*ที่|ตัว\s*บ่ง\s*ชี้\s*ที่|ตัว\s*ชี้\s*วัด\s*ที่|ประเด็น|รวม\s*\d|[0-9๐-๙]{1,2}[.)]|"
                         r"[-•●○■□☐☑☒✓✔]|สรุป)")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_COMBINING = set("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _join(a: str, b: str) -> str:
    """Lines wrapped inside Thai text join without a space (Thai writes none between words)."""
    if not a:
        return b
    if _THAI.match(a[-1]) and _THAI.match(b[:1] or " "):
        return a + b
    return f"{a} {b}"


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines without geometry (OCR output) back into paragraphs: a paragraph ends at an empty line
    and before a line that starts like a heading, an item or a box."""
    out, cur = [], ""
    for line in lines:
        s = line.strip()
        if not s:
            if cur:
                out.append(cur)
            cur = ""
            continue
        if cur and _PARA_START.match(s):
            out.append(cur)
            cur = s
        else:
            cur = _join(cur, s)
    if cur:
        out.append(cur)
    return out


_OBTAINED = re.compile(r"คะแนน\s*ที่\s*ได้|ได้\s*คะแนน")


def _score_table(text: str) -> bool:
    """A table of obtained scores needs its columns; a rubric that only mentions คะแนน does not."""
    return bool(_OBTAINED.search(text)) and ("ระดับ" in text or "ผลการประเมิน" in text)


def _within(it: _Item, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (it.x0 + it.x1) / 2, (it.top + it.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _edge(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda k: abs(edges[k] - x))


def _bbox(items: list[_Item]):
    return (min(i.x0 for i in items), min(i.top for i in items), max(i.x1 for i in items),
            max(i.bottom for i in items))


def _is_box(r) -> bool:
    return 4 <= r["width"] <= 20 and 4 <= r["height"] <= 20 and abs(r["width"] - r["height"]) <= 2.5


def _drawn_boxes(page, runs: list[_Item]) -> list[_Item]:
    """Check boxes drawn as vector squares (no character at all): checked when lines or curves are
    drawn inside them (a tick or an X), empty otherwise. A box with a character inside is left to
    that character."""
    strokes = page.lines + page.curves + [r for r in page.rects if not _is_box(r)]
    out, seen = [], set()
    for r in page.rects:
        if not _is_box(r):
            continue
        key = (round(r["x0"]), round(r["top"]))
        if key in seen:
            continue  # one box drawn as a fill and a stroke
        seen.add(key)
        box = (r["x0"], r["top"], r["x1"], r["bottom"])
        if any(_within(c, box) and len(c.text.strip()) <= 2 for c in runs):
            continue
        ink = sum(1 for s in strokes if s["x0"] >= box[0] - 0.5 and s["x1"] <= box[2] + 0.5
                  and s["top"] >= box[1] - 0.5 and s["bottom"] <= box[3] + 0.5)
        out.append(_Item("", r["x0"], r["x1"], r["top"], r["bottom"],
                         mark=Mark("checked" if ink else "unchecked", "pdf-vector", 0,
                                   detail=f"drawn box {r['width']:.0f}pt with {ink} strokes inside")))
    return out


def _widgets(page) -> list[_Item]:
    """AcroForm check boxes and radio buttons. /AS is the appearance every viewer draws and a print
    shows; /V is the field's value. When both are there and disagree, neither wins: one of them is
    stale (a flattening or PDF/A tool updated only one), so the box is `unknown` and gets flagged."""
    out = []
    for a in page.annots:
        d = a.get("data") or {}
        if _name(d.get("Subtype")) != "Widget":
            continue
        parent = _resolve(d.get("Parent"))
        ft = _name(d.get("FT")) or _name(parent.get("FT") if parent else None)
        if ft != "Btn":
            continue
        as_ = _name(d.get("AS"))
        v = _name(d.get("V")) or _name(parent.get("V") if parent else None)
        on_as = None if as_ is None else as_ != "Off"
        on_v = None if v is None else v != "Off"
        if on_as is not None and on_v is not None and on_as != on_v:
            state, detail = "unknown", f"form field: /AS {as_} but /V {v}"
        else:
            state = "checked" if (on_as if on_as is not None else bool(on_v)) else "unchecked"
            detail = f"form field: /AS {as_}, /V {v}"
        out.append(_Item("", a["x0"], a["x1"], a["top"], a["bottom"], mark=Mark(state, "pdf-form", 0, detail=detail)))
    return out


def _name(value) -> str | None:
    if value is None:
        return None
    value = _resolve(value)
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return str(name).lstrip("/")


def _resolve(ref):
    try:
        return ref.resolve() if hasattr(ref, "resolve") else ref
    except Exception:  # a broken reference in a damaged form: no value
        return None
