"""PDF text runs and mark order: pdfium's characters to runs and lines, Thai marks put back after the
letters they are drawn on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..builder import ParagraphBuilder
from ..model import Location, Mark, Paragraph
from .thai import COMBINING, close_mark_gaps

THAI = re.compile(r"[\u0e00-\u0e7f]")

@dataclass
class Item:
    """A text run or a drawn / form mark on a page, with its box in top-down coordinates."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    mark: Mark | None = None
    base: float | None = None  # baseline of a text run: line pitch measured on it is not thrown by marks


def text_runs(tp, text: str, height: float) -> list[Item]:
    """pdfium's text cut into runs at line breaks and at the spaces pdfium generates for gaps (a gap
    between cells or tab stops), with top-down boxes, the gaps before Thai marks closed. pdfium honours /ActualText and
    usually keeps Thai marks after their letters; a mark it emits out of place (a below vowel a word
    late, or on a "line" of its own) goes back after the letter it is drawn on.

    Boxes are fetched only where they decide something (run ends, spaces, marks): one call per
    character was most of the time of a text page. (pdfium's text rectangles would be fewer calls,
    but querying them returns overlapping clusters twice.) `text`: the page's characters (page_chars)."""
    import ctypes

    import pypdfium2.raw as raw

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
    order = order_marks(text, box)
    out: list[Item] = []
    seg: list[int] = []

    def flush() -> None:
        nonlocal seg
        boxes = [b for b in (box(seg[0]), box(seg[-1])) if b is not None] if seg else []
        run = close_mark_gaps("".join(text[k] for k in seg)) if seg else ""
        if boxes and run.strip():
            origin[0](page, seg[0], origin[1], origin[2])
            out.append(Item(run, min(b[0] for b in boxes), max(b[2] for b in boxes),
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


def page_chars(tp) -> str:
    """The page's characters, one per pdfium character index (a character outside the BMP comes back
    as two code units from the range call, which would shift every index after it). Read once per
    page: routing, text runs and symbol glyphs all index into it."""
    n = tp.count_chars()
    text = tp.get_text_range(0, n)
    if len(text) != n:
        text = "".join(tp.get_text_range(k, 1)[:1] or " " for k in range(n))
    return text


def order_marks(text: str, box) -> list[int]:
    """Character indices in reading order (-1 for a line break), each combining mark right after
    the letter it is drawn on."""
    order: list[int] = []
    letter = -1  # where in `order` the last letter (not a mark, not a break) stands
    for k, ch in enumerate(text):
        if ch in "\r\n":
            if not order or order[-1] != -1:
                order.append(-1)
            continue
        # Sara am is a spacing vowel: drawn after its letter, never over it, so its place is the
        # one pdfium gives (a space before it is close_mark_gaps's business). Looking for a letter
        # under it scanned back 400 characters for every ำ.
        if ch in COMBINING and ch != "\u0e33" and (b := box(k)) is not None:
            cx = (b[0] + b[2]) / 2
            if order and order[-1] >= 0 and letter >= 0 and (bb := box(order[letter])) is not None \
                    and _over(bb, cx, b):
                order.append(k)  # the usual case: right after its letter
                continue
            home = next((j for j in range(len(order) - 1, max(-1, len(order) - 400), -1)
                         if order[j] >= 0 and text[order[j]] not in COMBINING and (hb := box(order[j])) is not None
                         and _over(hb, cx, b)), None)
            if home is not None:
                j = home + 1
                while j < len(order) and order[j] >= 0 and text[order[j]] in COMBINING:
                    j += 1
                order.insert(j, k)
                if j <= letter:
                    letter += 1
                continue
        if ch not in COMBINING:
            letter = len(order)
        order.append(k)
    return order


def _over(base: tuple, cx: float, mark: tuple) -> bool:
    """The mark's centre lies over the letter, on the same line."""
    size = max(1.0, base[3] - base[1])
    return base[0] - 1.5 <= cx <= base[2] + 1.5 and mark[1] <= base[3] + size and mark[3] >= base[1] - size


def group_lines(items: list[Item]) -> list[list[Item]]:
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


def build_paragraph(para: list[list[Item]], pua_fonts: dict[str, str], loc: Location) -> Paragraph:
    b = ParagraphBuilder()
    for k, ln in enumerate(para):
        for j, x in enumerate(ln):
            last = b.last
            if x.mark is not None:
                if last and last != " ":
                    b.add_text(" ")
                m = x.mark
                b.add_mark(m.state, m.method, font=m.font, code=m.code, detail=m.detail)
                b.add_text(" ")
                continue
            piece = x.text.strip()
            if not piece:
                continue
            thai_join = "\u0e00" <= last <= "\u0e7f" and "\u0e00" <= piece[0] <= "\u0e7f"
            wrapped_thai = thai_join and k > 0 and j == 0
            # Justified or letter-spaced Thai: pdfium cuts a word at a widened gap ("ม าตรฐ าน"); a gap
            # narrower than a third of the text height is inside a word, not between words.
            spaced_thai = thai_join and j > 0 and ln[j - 1].mark is None and \
                x.x0 - ln[j - 1].x1 < 0.33 * max(1.0, x.bottom - x.top)
            if last and last != " " and not (wrapped_thai or spaced_thai) and piece[0] not in COMBINING:
                b.add_text(" ")  # runs on a line, or lines, meet with a space; Thai wrapped mid-word does not
            add_with_fonts(b, piece, pua_fonts)
    text = b.text()
    lead = len(text) - len(text.lstrip())
    return Paragraph(text.strip(), [m.shifted(-lead) for m in b.marks], loc)


def add_with_fonts(b: ParagraphBuilder, text: str, pua_fonts: dict[str, str | tuple[str, str]]) -> None:
    """Symbol codes go in with the font pdfplumber saw them in; the rest as text. A code whose
    glyph we cannot name comes as (font, state judged by the ink inside it)."""
    if not any(ch in text for ch in pua_fonts):
        b.add_text(text)  # the common case, decided in C
        return
    start = 0
    for k, ch in enumerate(text):
        if ch in pua_fonts:
            b.add_text(text[start:k])
            font = pua_fonts[ch]
            if isinstance(font, tuple):
                font, state = font
                b.add_mark(state, "pdf-glyph-ink", font=font, code=f"{ord(ch) & 0xFF:02X}",
                           detail=f"a {font} glyph we cannot name, judged by the ink inside it")
            else:
                b.add_text(ch, font)
            start = k + 1
    b.add_text(text[start:])


def bbox_of(items: list[Item]):
    return (min(i.x0 for i in items), min(i.top for i in items), max(i.x1 for i in items),
            max(i.bottom for i in items))
