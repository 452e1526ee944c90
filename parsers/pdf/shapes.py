"""A page's drawing, symbol-font characters and form widgets through pdfium's object and annotation
API, in the shape pdfplumber gives them (dicts with x0, x1, top, bottom in top-down points).

Why not pdfplumber: it builds every character of the page through pdfminer first (88 % of the time
of a page with a tick, 8 pages/s); pdfium has already parsed the page for its text, and walking its
path objects costs a few milliseconds. What pdfium does not do — finding a ruled table in the lines —
is left to pdfplumber's table functions, which work on plain edge dicts and need no pdfminer page.
The path walk itself (subpaths split and classified as pdfminer does: a move and one line is a line,
an axis-aligned four-sided closed path a rect, anything else a curve) is ours: no library exposes
pdfium's paths as objects.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_PATHS = 20_000  # a page's paths read at most: a map or a chart drawn in tens of thousands is no form


@dataclass
class Drawing:
    """The vector objects of a page: rects, straight lines and curves (pdfplumber's three kinds)."""
    rects: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)
    paths: int = 0  # path objects met
    truncated: bool = False  # more than MAX_PATHS: the drawing is left unread (the caller says so)


def _compose(m: _Matrix, n: _Matrix) -> _Matrix:
    """m applied first, then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> _Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def drawing(page, height: float) -> Drawing:
    """Every path of the page (inside form XObjects too) as rects, lines and curves."""
    import pypdfium2.raw as raw

    out = Drawing()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    rgba_refs = [ctypes.byref(v) for v in rgba]

    def walk(count, get, parent: _Matrix, depth: int) -> None:
        for k in range(count):
            obj = get(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j),
                     _compose(_matrix(obj), parent), depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                out.paths += 1
                if out.paths > MAX_PATHS:
                    out.truncated = True
                    return
                path(obj, _compose(_matrix(obj), parent))
            if out.truncated:
                return

    # pdfium's calls bound once, their out-parameters made once: a page of table borders has hundreds
    # of paths of five segments, and each call's lookups were most of the walk.
    get_seg, get_point, get_type, get_close = (raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetPoint,
                                               raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetClose)
    bx, by, bfill, bstroke = ctypes.byref(x), ctypes.byref(y), ctypes.byref(fill_mode), ctypes.byref(stroke)
    moveto = raw.FPDF_SEGMENT_MOVETO

    def path(obj, m: _Matrix) -> None:
        raw.FPDFPath_GetDrawMode(obj, bfill, bstroke)
        filled = fill_mode.value != 0
        colour = None
        if filled and raw.FPDFPageObj_GetFillColor(obj, *rgba_refs):
            colour = tuple(v.value / 255 for v in rgba[:3])
        a, b, c, d, e, f = m
        subpaths: list[list[tuple[float, float, int]]] = []
        closed: list[bool] = []
        for s in range(raw.FPDFPath_CountSegments(obj)):
            seg = get_seg(obj, s)
            get_point(seg, bx, by)
            kind = get_type(seg)
            if kind == moveto or not subpaths:
                subpaths.append([])
                closed.append(False)
            subpaths[-1].append((a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f), kind))
            if get_close(seg):
                closed[-1] = True
        for pts, shut in zip(subpaths, closed):
            _classify(out, pts, shut, filled, bool(stroke.value), colour)

    walk(raw.FPDFPage_CountObjects(page.raw), lambda k: raw.FPDFPage_GetObject(page.raw, k), _IDENTITY, 0)
    return Drawing(paths=out.paths, truncated=True) if out.truncated else out


def _classify(out: Drawing, pts: list[tuple[float, float, int]], closed: bool, fill: bool, stroke: bool,
              colour) -> None:
    import pypdfium2.raw as raw

    if len(pts) < 2:
        return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    obj = {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys), "fill": fill, "stroke": stroke,
           "non_stroking_color": colour, "pts": [(p[0], p[1]) for p in pts]}
    obj["width"], obj["height"] = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    curved = any(p[2] == raw.FPDF_SEGMENT_BEZIERTO for p in pts)
    if not curved and len(pts) == 2:
        out.lines.append(obj)
        return
    corners = pts[:4]
    if not curved and len(pts) in (4, 5) and (closed or len(pts) == 5) and _axis_aligned(corners):
        out.rects.append(obj)
        return
    out.curves.append(obj)


def _axis_aligned(c: list[tuple[float, float, int]]) -> bool:
    """Four corners going round a rectangle, each side horizontal or vertical."""
    def same(u: float, v: float) -> bool:
        return abs(u - v) < 0.01
    p0, p1, p2, p3 = c
    return ((same(p0[0], p1[0]) and same(p1[1], p2[1]) and same(p2[0], p3[0]) and same(p3[1], p0[1]))
            or (same(p0[1], p1[1]) and same(p1[0], p2[0]) and same(p2[1], p3[1]) and same(p3[0], p0[0])))


MAX_CROSSINGS = 10_000  # horizontal × vertical rules of a page: a 100 × 100 grid takes pdfplumber 1.5 s, 300 × 300 two minutes


def table_cells(d: Drawing, width: float, height: float) -> list[tuple[tuple, list[list[tuple | None]]]] | None:
    """Ruled tables: (bbox, rows of cell boxes, None where a merged cell covers the grid) found by
    pdfplumber's own edge functions with its default settings ("lines" strategy, snap and join 3 pt,
    edges of 3 pt or more), fed with pdfium's edges instead of pdfminer's. None when the page's rules
    cross more than MAX_CROSSINGS times (graph paper, a dense chart): pdfplumber's cell search grows
    faster than the square of the crossings, and no report's table is that dense."""
    from pdfplumber import table as pt
    from pdfplumber import utils

    edges = []
    for kind, objs in (("rect", d.rects), ("line", d.lines), ("curve", d.curves)):
        for o in objs:
            if not (o["x1"] >= 0 and o["x0"] <= width and o["bottom"] >= 0 and o["top"] <= height):
                continue  # off the page: pdfplumber crops its objects to the page too
            for e in utils.obj_to_edges({**o, "object_type": kind, "doctop": o["top"], "y0": height - o["bottom"],
                                         "y1": height - o["top"]}):
                edges.append(e)
    edges = utils.filter_edges(edges, min_length=1)
    edges = [e for e in edges if e.get("orientation") in ("h", "v")]
    if not edges:
        return []
    edges = pt.merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    edges = utils.filter_edges(edges, min_length=3)
    horizontal = sum(1 for e in edges if e["orientation"] == "h")
    if horizontal * (len(edges) - horizontal) > MAX_CROSSINGS:
        return None
    cells = pt.intersections_to_cells(pt.edges_to_intersections(edges, 3, 3))
    out = []
    for group in pt.cells_to_tables(cells):
        t = pt.Table(None, group)
        out.append((t.bbox, [row.cells for row in t.rows]))
    return out


def symbol_glyphs(tp, text: str, height: float, latin: bool = True) -> list[dict]:
    """The characters a symbol font may draw — private-use codes and, when the page uses a symbol
    font (`latin`), Latin-1 — with their font's name and loose box; every other character of the
    page is text whatever its font. `text`: the page's characters (text.page_chars)."""
    import pypdfium2.raw as raw

    box = raw.FS_RECTF()
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    names: dict[int, str] = {}
    out = []
    for k, ch in enumerate(text):
        o = ord(ch)
        if not (0xF000 <= o <= 0xF0FF or (latin and 0x21 <= o <= 0xFF)):
            continue
        # the font's name once per font object (the text object's font pointer), not per character
        obj = raw.FPDFText_GetTextObject(tp.raw, k)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        fkey = (ctypes.cast(font, ctypes.c_void_p).value or 0) if font else -k - 1
        if fkey not in names:
            size = raw.FPDFText_GetFontInfo(tp.raw, k, buf, len(buf), ctypes.byref(flags))
            names[fkey] = buf.value.decode("latin-1", "replace") if size > 0 else ""
        raw.FPDFText_GetLooseCharBox(tp.raw, k, ctypes.byref(box))
        out.append({"text": ch, "fontname": names[fkey], "x0": box.left, "x1": box.right,
                    "top": height - box.top, "bottom": height - box.bottom})
    return out


def annotations(page, height: float) -> list[dict]:
    """Widget annotations of the page with the keys forms.widgets reads: /FT, /AS and /V, from the
    widget or, in a field with several widgets, from its parent."""
    import pypdfium2.raw as raw

    out = []
    rect = raw.FS_RECTF()
    for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                continue
            raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect))
            item = {"x0": min(rect.left, rect.right), "x1": max(rect.left, rect.right),
                    "top": height - max(rect.top, rect.bottom), "bottom": height - min(rect.top, rect.bottom)}
            item["FT"], item["AS"], item["V"] = (_value(annot, key) for key in ("FT", "AS", "V"))
            parent = raw.FPDFAnnot_GetLinkedAnnot(annot, b"Parent")
            if parent:
                try:
                    item["parent_FT"], item["parent_V"] = _value(parent, "FT"), _value(parent, "V")
                finally:
                    raw.FPDFPage_CloseAnnot(parent)
            out.append(item)
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _value(annot, key: str) -> str | None:
    """A name or string entry of an annotation's dictionary, None when it is absent."""
    import pypdfium2.raw as raw

    k = key.encode()
    if not raw.FPDFAnnot_HasKey(annot, k):
        return None
    n = raw.FPDFAnnot_GetStringValue(annot, k, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    raw.FPDFAnnot_GetStringValue(annot, k, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
    return buf.raw[: n - 2].decode("utf-16-le", "replace")
