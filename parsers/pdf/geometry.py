"""PDF geometry and ticks: what a page holds (pdfium's raw API), symbol-font glyphs and drawn check
boxes judged from the page's shapes (`shapes`, in pdfplumber's dict form)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Mark
from ..symbols import is_symbol_font
from .text import Item


# -- what a page holds ------------------------------------------------------------------------------------
@dataclass
class PageObjects:
    images: bool = False  # an image: the page may be a scan
    squares: bool = False  # a small square path: a drawn box to read
    symbol_font: bool = False  # text in a symbol font, whose glyphs may have no Unicode mapping
    annots: bool = False  # annotations: maybe form widgets
    rules: int = 0  # long thin paths (lines, or rects a point or two thick): a ruled table's borders
    sides: int = 0  # short thin paths: maybe the sides of a box drawn line by line

    @property
    def ruled(self) -> bool:
        """Three rules or more: a table's grid (a lone underline or a rule under a heading is not)."""
        return self.rules >= 3


def page_objects(page) -> PageObjects:
    """What kinds of object a page holds, through pdfium's raw calls: a wrapper object per text
    object cost more than reading the page's text. A symbol font's glyphs may have no Unicode
    mapping (a Wingdings box comes out as "þ"): the page needs the fonts of its characters."""
    import ctypes

    import pypdfium2.raw as raw

    found = PageObjects(annots=raw.FPDFPage_GetAnnotCount(page.raw) > 0)
    fonts_seen: set[int] = set()
    vals = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in vals]
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            found.images = True
        elif kind == raw.FPDF_PAGEOBJ_PATH and not (found.squares and found.ruled):
            raw.FPDFPageObj_GetBounds(obj, *refs)
            left, bottom, right, top = (v.value for v in vals)
            w, h = right - left, top - bottom
            found.squares = found.squares or _box_sized(w, h)
            found.rules += (w >= 15 and h <= 2) or (h >= 15 and w <= 2)
            found.sides += _side_sized(w, h) or _side_sized(h, w)
            found.squares = found.squares or found.sides >= 4
        elif kind == raw.FPDF_PAGEOBJ_TEXT and not found.symbol_font:
            font = raw.FPDFTextObj_GetFont(obj)
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if key and key not in fonts_seen:
                fonts_seen.add(key)
                name = _font_name(font)
                # OpenSymbol's own characters are Unicode; the Wingdings codes it carries are private-use
                # characters, which the page's text already shows.
                found.symbol_font = is_symbol_font(name) and "opensymbol" not in name.lower()
        elif kind == raw.FPDF_PAGEOBJ_FORM and not found.images:
            # content drawn through a form XObject: look inside once
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                sub = raw.FPDFFormObj_GetObject(obj, j)
                if raw.FPDFPageObj_GetType(sub) == raw.FPDF_PAGEOBJ_IMAGE:
                    found.images = True
                    break
    return found


def _font_name(font) -> str:
    import ctypes

    import pypdfium2.raw as raw

    n = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    raw.FPDFFont_GetBaseFontName(font, buf, n)
    return buf.value.decode("latin-1", "replace")


def symbol_chars(chars: list[dict]) -> dict[str, str]:
    """Characters of a page drawn only in a symbol font -> that font: a private-use code (U+F0FE),
    or a Latin-1 letter where the font has no Unicode mapping ("þ" in Wingdings is its checked box).
    A letter that the page also writes in an ordinary font is text."""
    symbolic: dict[str, str] = {}
    plain: set[str] = set()
    for c in chars:
        ch, font = c["text"], c.get("fontname", "")
        if len(ch) != 1:
            continue
        if 0xF000 <= ord(ch) <= 0xF0FF or (is_symbol_font(font) and 0x21 <= ord(ch) <= 0xFF):
            symbolic.setdefault(ch, font)
        else:
            plain.add(ch)
    return {ch: font for ch, font in symbolic.items() if ch not in plain}


def within(it: Item, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (it.x0 + it.x1) / 2, (it.top + it.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def nearest_edge(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda k: abs(edges[k] - x))


def is_box(r) -> bool:
    return _box_sized(r["width"], r["height"])


# The sizes the routing (page_objects) and the reading (drawn_boxes) must agree on: a page is read for
# boxes when it holds a shape the reading would take for one.
def _box_sized(w: float, h: float) -> bool:
    return 4 <= w <= 20 and 4 <= h <= 20 and abs(w - h) <= 2.5


def _side_sized(length: float, thickness: float) -> bool:
    """A horizontal side of a box drawn side by side (swap the arguments for a vertical one)."""
    return 4 <= length <= 20.5 and thickness <= 1.5


def drawn_boxes(shapes, runs: list[Item], forms: list[Item] = ()) -> list[Item]:
    """Check boxes drawn as vector squares (no character at all): checked when lines or curves are
    drawn inside them (a tick or an X) or when the square is solid (filled dark, or a filled square
    drawn inside it: how some generators draw a chosen box), empty otherwise. A box with a character
    inside is left to that character; a printed square under a form widget is the widget's (`forms`)."""
    built, sides = _squares_of_sides(shapes.lines + [r for r in shapes.rects if not is_box(r)])
    strokes = [o for o in shapes.lines + shapes.curves + [r for r in shapes.rects if not is_box(r)]
               if id(o) not in sides]
    squares = [r for r in shapes.rects if is_box(r) and not _swatch(r)] + built
    out, seen = [], set()
    for r in squares:
        key = (round(r["x0"]), round(r["top"]))
        if key in seen:
            continue  # one box drawn as a fill and a stroke
        seen.add(key)
        box = (r["x0"], r["top"], r["x1"], r["bottom"])
        if any(o is not r and _inside(r, (o["x0"], o["top"], o["x1"], o["bottom"])) for o in squares):
            continue  # a square drawn inside another is part of that box (its fill, read below)
        if any(within(c, box) and len(c.text.strip()) <= 2 for c in runs):
            continue
        if any(within(Item("", *_xs(box)), (f.x0 - 2, f.top - 2, f.x1 + 2, f.bottom + 2)) for f in forms):
            continue  # the printed square a form widget sits on: one box, the widget's state
        ink = sum(1 for s in strokes if s["x0"] >= box[0] - 0.5 and s["x1"] <= box[2] + 0.5
                  and s["top"] >= box[1] - 0.5 and s["bottom"] <= box[3] + 0.5)
        filled = _solid(r) or any(_solid(q) and q is not r and _inside(q, box) for q in squares)
        why = "filled" if filled else f"{ink} strokes inside"
        out.append(Item("", r["x0"], r["x1"], r["top"], r["bottom"],
                        mark=Mark("checked" if ink or filled else "unchecked", "pdf-vector", 0,
                                  detail=f"drawn box {r['width']:.0f}pt, {why}")))
    return out


def _squares_of_sides(edges: list[dict]) -> tuple[list[dict], set[int]]:
    """Boxes drawn as four separate sides (lines, or rects a point or so thick): two horizontal and
    two vertical sides of a box's size meeting at its corners. Returns the squares, as rect dicts, and
    the ids of the sides used (they are the box's outline, not ink inside it). Sides are looked up by
    position (buckets of 1 pt), so a page of thousands of short rules costs a pass, not their square."""
    import bisect
    from collections import defaultdict

    hs = sorted((e for e in edges if _side_sized(e["width"], e["height"])), key=lambda e: e["top"])
    vs = [e for e in edges if _side_sized(e["height"], e["width"])]
    if len(hs) < 2 or len(vs) < 2:
        return [], set()
    rows: dict[int, list[dict]] = defaultdict(list)  # horizontal sides by where they start, top to bottom
    for e in hs:
        rows[round(e["x0"])].append(e)
    tops = {x: [e["top"] for e in row] for x, row in rows.items()}
    cols: dict[tuple[int, int], list[dict]] = defaultdict(list)  # vertical sides by where they stand and start
    for v in vs:
        cols[(round((v["x0"] + v["x1"]) / 2), round(v["top"]))].append(v)
    out, used = [], set()

    def side_at(x: float, top: float, bottom: float) -> dict | None:
        for key in ((round(x) + dx, round(top) + dy) for dx in (-1, 0, 1) for dy in (-2, -1, 0, 1, 2)):
            for v in cols.get(key, ()):
                if id(v) not in used and abs((v["x0"] + v["x1"]) / 2 - x) <= 1 and abs(v["top"] - top) <= 1.5 \
                        and abs(v["bottom"] - bottom) <= 1.5:
                    return v
        return None

    for top in hs:
        if id(top) in used:
            continue
        found = None
        for key in (round(top["x0"]) - 1, round(top["x0"]), round(top["x0"]) + 1):
            row = rows.get(key, [])
            k = bisect.bisect_left(tops.get(key, []), top["top"] + 4)
            for bottom in row[k:]:
                side = bottom["top"] - top["top"]
                if side > top["width"] + 2.5:
                    break  # sorted by top: the rest are further down
                if id(bottom) in used or abs(bottom["x0"] - top["x0"]) > 1 or abs(bottom["x1"] - top["x1"]) > 1 \
                        or abs(side - top["width"]) > 2.5:
                    continue
                left = side_at(top["x0"], top["top"], bottom["bottom"])
                right = side_at(top["x1"], top["top"], bottom["bottom"])
                if left is not None and right is not None and left is not right:
                    found = [top, bottom, left, right]
                    break
            if found:
                break
        if found is None:
            continue
        used.update(map(id, found))
        x0, x1 = min(p["x0"] for p in found), max(p["x1"] for p in found)
        t, b = min(p["top"] for p in found), max(p["bottom"] for p in found)
        out.append({"x0": x0, "x1": x1, "top": t, "bottom": b, "width": x1 - x0, "height": b - t,
                    "fill": False, "stroke": True, "non_stroking_color": None})
    return out, used


def _xs(box) -> tuple:
    x0, top, x1, bottom = box
    return x0, x1, top, bottom


def _inside(r, box) -> bool:
    return (r["x0"] >= box[0] - 0.5 and r["x1"] <= box[2] + 0.5 and r["top"] >= box[1] - 0.5
            and r["bottom"] <= box[3] + 0.5 and (r["x1"] - r["x0"]) < (box[2] - box[0]) - 0.5)


def _swatch(r) -> bool:
    """A square of colour, not a box: filled with a saturated colour, or filled light with no outline.
    Word draws a chart's legend keys so, one per series under its data table (one dark enough to pass
    for a solid box); a box has an outline, and a chosen box drawn solid is black or grey."""
    if not r.get("fill"):
        return False
    color = r.get("non_stroking_color")
    values = list(color) if isinstance(color, (list, tuple)) else []
    coloured = len(values) == 3 and all(isinstance(v, (int, float)) for v in values) and max(values) - min(values) > 0.25
    return coloured or (not r.get("stroke", True) and not _solid(r))


def _solid(r) -> bool:
    """A square filled with a dark colour (not white, not a light tint)."""
    if not r.get("fill"):
        return False
    color = r.get("non_stroking_color")
    if color is None:
        return True  # the default fill colour is black
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return True  # a pattern or a named colour space: not white
    if len(values) == 4:  # CMYK: dark when much ink
        return sum(values) >= 1.0
    return sum(values) / len(values) <= 0.5  # gray or RGB: dark
