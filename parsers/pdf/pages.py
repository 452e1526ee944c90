"""Paragraphs and page joins: lines joined into paragraphs (Thai without spaces), running headers and
footers dropped, two-column pages split, paragraphs and tables followed across page breaks."""

from __future__ import annotations

import re

from ..model import Block, Paragraph, Row, Table
from .cues import starts_heading, starts_paragraph
from .text import THAI, Item

def join_lines(a: str, b: str) -> str:
    """Lines wrapped inside Thai text join without a space (Thai writes none between words)."""
    if not a:
        return b
    if THAI.match(a[-1]) and THAI.match(b[:1] or " "):
        return a + b
    return f"{a} {b}"


def paragraphs(lines: list[str]) -> list[str]:
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
        if cur and starts_paragraph(s):
            out.append(cur)
            cur = s
        else:
            cur = join_lines(cur, s)
    if cur:
        out.append(cur)
    return out


def runs_on(prev: Block, nxt: Block, width: float) -> bool:
    """A paragraph cut by a page break: plain text on both sides, the last line full (it reaches
    across the page) and the next starting at the margin like running text (not a heading, an item,
    a box, a page number or a running title)."""
    if not (isinstance(prev, Paragraph) and isinstance(nxt, Paragraph) and not prev.marks and not nxt.marks
            and prev.origin == nxt.origin and len(nxt.text) > 30 and not starts_paragraph(nxt.text)):
        return False
    a, b = prev.location.bbox, nxt.location.bbox
    # a one-line heading is followed by its body, not continued by it
    reach = 0.9 if starts_heading(prev.text) and len(prev.text) < 150 else 0.6
    return a is None or b is None or (a[0] <= 0.25 * width and a[2] >= reach * width and b[0] <= 0.25 * width)


# -- page layout: running headers and footers, two columns ----------------------------------------------
MARGIN_BAND = 0.09  # Word sets headers and footers in the top and bottom margins (about 1 in of 11.7)
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
            if h and bb and (bb[3] <= MARGIN_BAND * h or bb[1] >= (1 - MARGIN_BAND) * h) and len(b.text) < 200:
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


def continues(prev: Table, nxt: Table) -> bool:
    """A table that ends one page and one that starts the next, with the same columns (within 3 pt),
    are one table broken by the page (Word repeats no header unless told to)."""
    a, b = _columns(prev), _columns(nxt)
    return len(a) == len(b) and all(abs(x - y) <= 3 for x, y in zip(a, b))


def append_rows(prev: Table, nxt: Table) -> None:
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

