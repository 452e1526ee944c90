"""HTML pages (office web sites, Word "Save as Web Page") to ReportDocument.

lxml.html parses; we walk the tree ourselves to keep reading order, tables with their grid columns,
check-box inputs, tick images and Word's Wingdings spans (a Latin letter in a `font-family:Wingdings`
span is a symbol, not a letter).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from lxml import etree

from .builder import ParagraphBuilder
from .encoding import decode_thai
from .model import Block, Cell, Location, Paragraph, ReportDocument, Row, Table, UnreadableDocument
from .symbols import NOT_RECORDED, UNICODE_MARKS, unnamed_wingdings

_SKIP = {"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg", "math",
         "select", "textarea", "button"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
          "pre", "section", "article", "header", "footer", "main", "aside", "nav", "form", "fieldset", "center",
          "address", "figure", "figcaption", "hr", "body", "html", "caption", "legend", "details", "summary"}
_FONT_FAMILY = re.compile(r"(?:^|;)\s*font-family\s*:\s*([^;]+)", re.I)
_SYMBOL_FAMILY = re.compile(r"mso-symbol-font-family\s*:\s*([^;]+)", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_UNCHECKED_IMG = re.compile(r"un-?check|unselect|untick|empty|blank|box[_-]?off|[_-]off\b|\boff\b|ไม่เลือก|ไม่ใช่")
_CHECKED_IMG = re.compile(r"checked|tick|check[_-]?(?:on|mark|ed)|selected|[_-]on\b|\bon\b|correct|ถูก|เลือก|true|yes")


def parse_html(path: str, data: bytes) -> ReportDocument:
    text, encoding = decode_thai(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    # lxml.etree's HTML parser, not lxml.html's: the same libxml2 tree without a Python element class
    # looked up for every node (a fifth of the walk's time on LibreOffice's run-heavy pages)
    parser = etree.HTMLParser(remove_comments=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"the HTML cannot be parsed ({exc})") from exc
    if root is None:
        raise UnreadableDocument("the HTML cannot be parsed (Document is empty)")
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        # libxml2 stops at 256 levels and silently drops what lies deeper: say so instead.
        raise UnreadableDocument("refused: the page is nested more than 256 levels deep; what lies deeper "
                                 "cannot be read")
    walker = _Walker(NOT_RECORDED if unnamed_wingdings("".join(root.itertext())) else None)
    body = root.find("body")
    blocks = walker.walk_container(body if body is not None else root, "")
    return ReportDocument(path=path, format="html", blocks=blocks, encoding=encoding)


def _font_of(el, inherited: str | None) -> str | None:
    style, face = el.get("style"), el.get("face")
    if not style and not face:
        return inherited  # most elements: nothing set here
    # Word writes `mso-symbol-font-family` for symbol characters: it wins over font-family.
    name = _style_font(style) if style else None
    if name:
        return name
    if face:
        return face.split(",")[0].strip().strip("'\"")
    return inherited


# Cached by the style's text: a page repeats a few styles over thousands of elements (LibreOffice
# writes one per run), and two regexes per element were a sixth of the walk.
@lru_cache(maxsize=4096)
def _style_font(style: str) -> str | None:
    for fam in _SYMBOL_FAMILY.findall(style) + _FONT_FAMILY.findall(style):
        name = fam.split(",")[0].strip().strip("'\"")
        if name:
            return name
    return None


_NOT_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(normal|[1-4]00)", re.I)


@lru_cache(maxsize=4096)
def _style_bold(style: str) -> bool | None:
    if _BOLD_STYLE.search(style):
        return True
    if _NOT_BOLD_STYLE.search(style):
        return False
    return None


def _image_state(el) -> tuple[str | None, str]:
    alt = (el.get("alt") or el.get("title") or "").strip()
    for ch in alt:
        if ch in UNICODE_MARKS:
            return UNICODE_MARKS[ch], f"alt {alt!r}"
    src = el.get("src") or ""
    words = f"{alt} {posixpath.basename(src.split('?')[0])}".lower()
    if _UNCHECKED_IMG.search(words):
        return "unchecked", f"image {words.strip()!r}"
    if _CHECKED_IMG.search(words):
        return "checked", f"image {words.strip()!r}"
    if "check" in words or "box" in words or "tick" in words:
        return "unknown", f"image {words.strip()!r} looks like a box but its state is not named"
    return None, ""


# Icon fonts and widgets that web pages draw boxes with (Font Awesome 4-6, Bootstrap glyphicons and
# icons, Material Design icons): the class names say the state.
_ICON_CHECKED = {"fa-check-square", "fa-check-square-o", "fa-square-check", "fa-check-circle", "fa-circle-check",
                 "fa-check", "glyphicon-check", "glyphicon-ok", "bi-check-square", "bi-check-square-fill",
                 "bi-check2-square", "bi-check-circle", "mdi-checkbox-marked", "mdi-checkbox-marked-outline",
                 "icon-check"}
_ICON_UNCHECKED = {"fa-square-o", "fa-square", "fa-circle-o", "glyphicon-unchecked", "bi-square", "bi-circle",
                   "mdi-checkbox-blank-outline", "icon-check-empty"}
_STATE_CLASS = {"checked": "checked", "is-checked": "checked", "unchecked": "unchecked"}
_BOX_CLASS = re.compile(r"check-?box|tick-?box|\bcheck\b|\btick\b", re.I)


_TASK = re.compile(r"^\s*\[([ xX])\]\s?")


def _icon_state(el) -> tuple[str | None, str, str]:
    """(state, method, why) for an element that draws a box by its class or ARIA state."""
    cls, aria = el.get("class"), (el.get("aria-checked") or "").lower()
    if not cls and not aria:
        return None, "", ""  # most elements: nothing to look at
    classes = set((cls or "").lower().split())
    if aria in ("true", "false", "mixed"):
        state = {"true": "checked", "false": "unchecked", "mixed": "unknown"}[aria]
        return state, "html-aria", f'aria-checked="{aria}"'
    if classes & _ICON_CHECKED:
        return "checked", "html-icon", f"icon class {sorted(classes & _ICON_CHECKED)[0]}"
    if classes & _ICON_UNCHECKED:
        return "unchecked", "html-icon", f"icon class {sorted(classes & _ICON_UNCHECKED)[0]}"
    named = [c for c in classes if c in _STATE_CLASS]
    if named:
        return _STATE_CLASS[named[0]], "html-class", f'class="{el.get("class")}"'
    if _BOX_CLASS.search(el.get("class") or "") and not (el.text or "").strip() and len(el) == 0:
        # an empty element styled as a box: its tick, if any, is drawn by CSS we do not render
        return "unknown", "html-css", f'an empty <{el.tag} class="{el.get("class")}"> drawn by CSS: its state ' \
                                      "cannot be read from the page"
    return None, "", ""


_WHITE = re.compile(r"^(?:#fff(?:fff)?|white|transparent|none|inherit|initial|rgba?\(\s*255\s*,\s*255\s*,\s*255.*)$", re.I)
_BG = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.I)


def _shaded(td) -> bool:
    """A cell set apart by a background colour (bgcolor, style) or a <mark> around all its text."""
    if not td.attrib and td.find(".//mark") is None:
        return False
    colour = td.get("bgcolor") or ""
    m = _BG.search(td.get("style") or "")
    if m:
        colour = m.group(1).strip()
    if colour and not _WHITE.match(colour.strip()):
        return True
    text = "".join(td.itertext()).strip()
    marked = "".join("".join(m.itertext()) for m in td.iter("mark")).strip()
    return bool(text) and marked == text


class _Walker:
    def __init__(self, pua_font: str | None = None) -> None:
        self.pua_font = pua_font
        self.paragraph_count = 0
        self.table_count = 0

    def walk_container(self, el, path: str) -> list[Block]:
        blocks: list[Block] = []
        cur = ParagraphBuilder(self.pua_font)

        def flush() -> None:
            nonlocal cur
            text = cur.text()
            if text.strip() or cur.marks:
                self.paragraph_count += 1
                loc = Location(path or f"paragraph {self.paragraph_count}", paragraph=self.paragraph_count)
                blocks.append(Paragraph(text, cur.marks, loc, cur.bold()))
            cur = ParagraphBuilder(self.pua_font)

        def visit(node, font: str | None, bold: bool) -> None:
            tag = node.tag
            if not isinstance(tag, str):
                return  # a processing instruction or an entity: no text of the page
            tag = tag.lower()  # libxml2's HTML parser lowercases names already; an XHTML page may not
            if tag in _SKIP:
                return
            if tag == "table":
                flush()
                blocks.append(self.table(node, path))
                return
            style = node.get("style")
            if style or node.get("face"):
                font = _font_of(node, font)
            if style:
                said = _style_bold(style)
                bold = bold if said is None else said
            if tag in ("b", "strong"):
                bold = True
            if tag == "br":
                cur.add_text("\n")
                return
            if tag == "input":
                kind = (node.get("type") or "").lower()
                if kind in ("checkbox", "radio"):
                    checked = node.get("checked") is not None
                    cur.add_mark("checked" if checked else "unchecked", "html-input",
                                 detail=f'<input type="{kind}"{" checked" if checked else ""}>')
                return
            if tag == "img":
                state, why = _image_state(node)
                if state:
                    cur.add_mark(state, "html-img", detail=why)
                return
            if node.get("class") or node.get("aria-checked"):  # most elements have neither: no call
                state, method, why = _icon_state(node)
                if state:
                    cur.add_mark(state, method, detail=why)
            block = tag in _BLOCK
            if block:
                flush()
            text = node.text or ""
            if tag == "li" and (task := _TASK.match(text)):
                # a Markdown task list rendered without inputs: "[x] done", "[ ] to do"
                cur.add_mark("unchecked" if task.group(1) == " " else "checked", "html-task",
                             detail=f"task list item [{task.group(1)}]")
                text = text[task.end():]
            cur.add_text(text, font, bold)
            for child in node:
                visit(child, font, bold)
                if child.tail:
                    cur.add_text(child.tail, font, bold)
            if block:
                flush()

        visit(el, None, False)
        flush()
        return blocks

    def table(self, tbl, path: str) -> Table:
        self.table_count += 1
        index = self.table_count
        tpath = f"{path} › table {index}" if path else f"table {index}"
        rows: list[Row] = []
        taken: dict[tuple[int, int], bool] = {}  # (row, col) occupied by a rowspan from above
        for r_i, tr in enumerate(_rows_of(tbl)):
            cells: list[Cell] = []
            col = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while taken.get((r_i, col)):
                    col += 1
                span = _int_attr(td, "colspan")
                rspan = _int_attr(td, "rowspan")
                for dr in range(1, rspan):
                    for dc in range(span):
                        taken[(r_i + dr, col + dc)] = True
                cpath = f"{tpath} › row {r_i} › cell {col}"
                blocks = self.walk_container(td, cpath)
                cells.append(Cell(blocks, Location(cpath, table=index, row=r_i, cell=col), col, span, rspan,
                                  shaded=_shaded(td)))
                col += span
            rows.append(Row(cells, r_i))
        return Table(rows, Location(tpath, table=index), index)


def _rows_of(tbl):
    for child in tbl:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            for tr in child:
                if isinstance(tr.tag, str) and tr.tag.lower() == "tr":
                    yield tr


def _int_attr(el, name: str) -> int:
    value = el.get(name)
    if value is None:
        return 1
    if value.isdigit():  # the common case, without a regex
        return max(1, min(1000, int(value)))
    try:
        return max(1, min(1000, int(re.sub(r"\D", "", value) or 1)))
    except ValueError:
        return 1
