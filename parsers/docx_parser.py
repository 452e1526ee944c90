"""Word 2007+ (.docx) to ReportDocument.

We read the package's main document and styles parts with lxml and walk the body ourselves, because
python-docx's paragraph and cell text drops what these reports depend on: `w:sym` symbols, text
inside content controls (`w:sdt` at body, paragraph, row and cell level), form-field check boxes
and text boxes; and because opening a package with python-docx costs more than all our reading of
it. Reading order is the order of the body XML.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Iterator

from lxml import etree

from .builder import ParagraphBuilder
from .model import Block, Cell, Location, Mark, Paragraph, ReportDocument, Row, Table, UnreadableDocument
from .symbols import UNICODE_MARKS, is_symbol_font, lookup_symbol

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "{%s}" % W_NS
W14 = "{%s}" % W14_NS
MC = "{%s}" % MC_NS

# Elements whose children are walked as if they stood in their parent (tracked insertions,
# smart tags, custom XML, moved-to text, hyperlinks, simple fields).
_TRANSPARENT = {W + "ins", W + "smartTag", W + "customXml", W + "moveTo", W + "hyperlink",
                W + "dir", W + "bdo"}
_SKIPPED = {W + "del", W + "moveFrom", W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd", W + "pPr",
            W + "rPr", W + "commentRangeStart", W + "commentRangeEnd", W + "permStart", W + "permEnd"}
_TRUE = {None, "1", "true", "on"}


def parse_docx(path: str, data: bytes) -> ReportDocument:
    document, styles, numbering = _open_package(data)
    body = document.find(f"{W}body")
    if body is None:
        raise UnreadableDocument("damaged .docx file: its main document has no body")
    walker = _Walker(_character_styles(styles), _box_bullets(numbering))
    walker.use_rendered_breaks = body.find(f".//{W}lastRenderedPageBreak") is not None
    blocks = walker.body(body, "")
    return ReportDocument(path=path, format="docx", blocks=blocks, pages=walker._page(walker.page))


# Entities are never expanded and nothing is fetched; libxml2's depth limit (256) stays on.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _open_package(data: bytes):
    """The main document part and the styles part, parsed with lxml straight from the ZIP.

    python-docx unmarshals every part of the package (~8 ms a file) to give us a tree we then walk
    ourselves; reading the two parts we use is what a batch of a million files can afford. The main
    part is found the way Word finds it, through the package relationships."""
    _refuse_zip_bomb(data)
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        main = _target(z, names, "_rels/.rels", "", _REL_DOC) or "word/document.xml"
        if main not in names:
            raise UnreadableDocument("a ZIP package that is not a Word document (it has no main document part)")
        rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        raw = z.read(main)
        if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw[:4096]:
            # Word never writes a DTD: entity declarations here are an XML bomb or not Word at all.
            raise UnreadableDocument("refused: its XML declares a DOCTYPE with entities, which Word never writes "
                                     "(an XML bomb, or not a Word file)")
        document = etree.fromstring(raw, _XML)
        styles = numbering = None
        if b"rStyle" in raw:  # styles matter only to runs that name a character style
            styles_name = _target(z, names, rels, posixpath.dirname(main), _REL_STYLES)
            styles = etree.fromstring(z.read(styles_name), _XML) if styles_name in names else None
        if b"numPr" in raw:  # list paragraphs: their bullet may be a box ("Define New Bullet")
            numbering_name = _target(z, names, rels, posixpath.dirname(main), _REL_NUMBERING)
            numbering = etree.fromstring(z.read(numbering_name), _XML) if numbering_name in names else None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        # a member whose compressed data or checksum is corrupt, or offsets that point outside the file
        # (zipfile's "negative seek value"): the package is damaged, not our bug
        raise UnreadableDocument(f"damaged .docx file: the ZIP package is broken ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        if "amplification" in str(exc) or "Excessive depth" in str(exc):
            raise UnreadableDocument(f"refused: its XML expands entities without bound or nests too deeply "
                                     f"(an XML bomb) ({exc})") from exc
        raise UnreadableDocument(f"damaged .docx file: its XML cannot be read ({exc})") from exc
    if document.tag != f"{W}document":
        raise UnreadableDocument("a ZIP package whose main part is not a Word document")
    return document, styles, numbering


def _target(z: zipfile.ZipFile, names: set[str], rels_name: str, base: str, rel_type: str) -> str | None:
    if rels_name not in names:
        return None
    rels = etree.fromstring(z.read(rels_name), _XML)
    for rel in rels.iter(f"{_RELS}Relationship"):
        if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
    return None


# A real report's XML rarely passes a few MB; these bounds stop a ZIP bomb before it inflates.
MAX_UNZIPPED_MB = 400
MAX_RATIO = 200


def _refuse_zip_bomb(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # python-docx says what is wrong with it
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED_MB * 2**20 or (total > 20 * 2**20 and total / packed > MAX_RATIO):
        raise UnreadableDocument(f"refused: the .docx would expand to {total / 2**20:.0f} MB from "
                                 f"{len(data) / 2**20:.1f} MB (a ZIP bomb, or a file far larger than any report)")


def _character_styles(styles) -> dict[str, tuple[str | None, bool]]:
    """styleId -> (symbol font or None, bold) for character styles, so a run styled
    "Wingdings char" is read like one with the font set directly."""
    out: dict[str, tuple[str | None, bool]] = {}
    if styles is None:  # a package without a styles part
        return out
    for st in styles.iterfind(f"{W}style"):
        sid = st.get(W + "styleId")
        rpr = st.find(f"{W}rPr")
        if sid is None or rpr is None:
            continue
        font, bold = _run_font(rpr), _flag(rpr.find(f"{W}b"))
        if font or bold:
            out[sid] = (font, bold)
    return out


def _box_bullets(numbering) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(numId, ilvl) -> (bullet text, its font) for list levels whose bullet is a box: ☐ / ☒ chosen
    as a bullet, or a Wingdings / Wingdings 2 box picked with "Define New Bullet". The box stands in
    numbering.xml (w:lvlText), not in the paragraph's text."""
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    if numbering is None:
        return out
    abstract: dict[str, dict[str, tuple[str, str | None]]] = {}
    for an in numbering.iterfind(f"{W}abstractNum"):
        levels = {}
        for lvl in an.iterfind(f"{W}lvl"):
            fmt, text = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText")
            if fmt is None or fmt.get(W + "val") != "bullet" or text is None:
                continue
            rpr = lvl.find(f"{W}rPr")
            levels[lvl.get(W + "ilvl", "0")] = (text.get(W + "val") or "", _run_font(rpr) if rpr is not None else None)
        abstract[an.get(W + "abstractNumId", "")] = levels
    for num in numbering.iterfind(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        levels = abstract.get(ref.get(W + "val", "") if ref is not None else "", {})
        for ilvl, (text, font) in levels.items():
            if len(text) == 1 and (text in UNICODE_MARKS or lookup_symbol(font or "", ord(text)) is not None
                                   and lookup_symbol(font or "", ord(text)).state is not None):
                out[(num.get(W + "numId", ""), ilvl)] = (text, font)
    return out


def _run_font(rpr) -> str | None:
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        return None
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        name = fonts.get(W + attr)
        if name and is_symbol_font(name):
            return name
    return fonts.get(W + "ascii") or fonts.get(W + "hAnsi")


def _flag(el) -> bool:
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


def _checkbox_state(cb) -> tuple[bool, str]:
    """Legacy FORMCHECKBOX state: w:checked wins over w:default; a bare w:checked means checked."""
    checked = cb.find(f"{W}checked")
    if checked is not None:
        return checked.get(W + "val") in _TRUE, "w:checked"
    default = cb.find(f"{W}default")
    if default is not None:
        return default.get(W + "val") in _TRUE, "w:default"
    return False, "no w:checked or w:default (Word shows it empty)"


def _is_checkbox_code(code: str) -> bool:
    return code.strip().upper().startswith("FORMCHECKBOX")


def _unwrap(parent, tag: str, checkbox=None) -> Iterator:
    """(child with `tag`, the check-box content control wrapping it or None), looking through
    content controls and custom XML wrappers. A check box can wrap a whole cell or row: its state
    (w14:checked) then belongs to the box glyph inside."""
    for child in parent:
        if child.tag == tag:
            yield child, checkbox
        elif child.tag == W + "sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                is_cb = child.find(f"{W}sdtPr/{W14}checkbox") is not None
                yield from _unwrap(content, tag, child if is_cb else checkbox)
        elif child.tag in (W + "customXml", W + "ins"):
            yield from _unwrap(child, tag, checkbox)


class _Walker:
    def __init__(self, char_styles: dict[str, tuple[str | None, bool]],
                 box_bullets: dict[tuple[str, str], tuple[str, str | None]] | None = None):
        self.char_styles = char_styles
        self.box_bullets = box_bullets or {}
        self.page = 1
        self.use_rendered_breaks = False
        self.paragraph_count = 0
        self.table_count = 0
        self._fields: list[dict] = []
        self._start_page = 1

    # -- block level ---------------------------------------------------------------------------
    def body(self, container, path: str) -> list[Block]:
        blocks: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == W + "p":
                blocks.extend(self.paragraph(child, path))
            elif tag == W + "tbl":
                blocks.append(self.table(child, path))
            elif tag == W + "sdt":
                if child.find(f"{W}sdtPr/{W14}checkbox") is not None:
                    blocks.extend(self._checkbox_paragraph(child, path))
                else:
                    content = child.find(f"{W}sdtContent")
                    if content is not None:
                        blocks.extend(self.body(content, path))
            elif tag in (W + "customXml", W + "ins"):
                blocks.extend(self.body(child, path))
            elif tag == MC + "AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    blocks.extend(self.body(choice, path))
        return blocks

    def _page(self, page: int) -> int | None:
        # Only Word's own record of where its pages broke is a page number; without it the
        # number would be a guess (explicit breaks give a lower bound at best).
        return page if self.use_rendered_breaks else None

    def _location(self, path: str, **kw) -> Location:
        return Location(path=path, page=self._page(self.page), **kw)

    def paragraph(self, p, path: str) -> list[Block]:
        ppr = p.find(f"{W}pPr")
        if ppr is not None and _flag(ppr.find(f"{W}pageBreakBefore")) and not self.use_rendered_breaks:
            self.page += 1
        self.paragraph_count += 1
        index = self.paragraph_count
        b = ParagraphBuilder()
        extra: list[Block] = []
        saved = (self._fields, self._start_page)  # a text box inside this paragraph is a paragraph too
        self._fields, self._start_page = [], self.page
        if self.box_bullets and ppr is not None and (num := ppr.find(f"{W}numPr")) is not None:
            self._list_bullet(num, b)
        self._inline(p, b, extra, path, bold=False)
        loc = Location(path=path or f"paragraph {index}", page=self._page(self._start_page), paragraph=index)
        self._fields, self._start_page = saved
        style = None
        if ppr is not None and (ps := ppr.find(f"{W}pStyle")) is not None:
            style = ps.get(W + "val")
        out: list[Block] = [Paragraph(b.text(), b.marks, loc, b.bold(), style)]
        return out + extra

    def _list_bullet(self, num_pr, b: ParagraphBuilder) -> None:
        """The box a list level draws before the paragraph, as a mark of the paragraph."""
        num_id, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        key = (num_id.get(W + "val", "") if num_id is not None else "", ilvl.get(W + "val", "0") if ilvl is not None else "0")
        bullet = self.box_bullets.get(key)
        if bullet is None:
            return
        text, font = bullet
        if text in UNICODE_MARKS:
            b.add_mark(UNICODE_MARKS[text], "list-bullet", glyph=text, detail=f"list bullet {text} (numbering.xml)",
                       own_char=text)
        else:
            glyph = lookup_symbol(font or "", ord(text))
            b.add_mark(glyph.state, "list-bullet", glyph=glyph.char, font=font, code=f"{ord(text):04X}",
                       detail=f"list bullet {font} {ord(text):04X} (numbering.xml)")
        b.add_text(" ")

    def _checkbox_paragraph(self, sdt, path: str) -> list[Block]:
        b = ParagraphBuilder()
        self._content_control(sdt, b)
        self.paragraph_count += 1
        loc = self._location(path or f"paragraph {self.paragraph_count}", paragraph=self.paragraph_count)
        return [Paragraph(b.text(), b.marks, loc)]

    def table(self, tbl, path: str) -> Table:
        self.table_count += 1
        index = self.table_count
        tpath = f"{path} › table {index}" if path else f"table {index}"
        rows: list[Row] = []
        open_cells: dict[int, Cell] = {}  # grid column -> cell still open for vertical merge
        for r_i, (tr, row_cb) in enumerate(_unwrap(tbl, W + "tr")):
            cells: list[Cell] = []
            col = 0
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and (gb := trpr.find(f"{W}gridBefore")) is not None:
                col = int(gb.get(W + "val", "0") or 0)
            for tc, cell_cb in _unwrap(tr, W + "tc"):
                tcpr = tc.find(f"{W}tcPr")
                span, vmerge, hmerge = 1, None, None
                if tcpr is not None:
                    if (gs := tcpr.find(f"{W}gridSpan")) is not None:
                        span = max(1, int(gs.get(W + "val", "1") or 1))
                    if (vm := tcpr.find(f"{W}vMerge")) is not None:
                        vmerge = vm.get(W + "val") or "continue"
                    if (hm := tcpr.find(f"{W}hMerge")) is not None:
                        hmerge = hm.get(W + "val") or "continue"
                if hmerge == "continue" and cells:
                    cells[-1].span += span  # legacy horizontal merge: one cell, wider
                    col += span
                    continue
                if vmerge == "continue" and col in open_cells:
                    open_cells[col].row_span += 1  # merged cell counted once, in its first row
                    col += span
                    continue
                cpath = f"{tpath} › row {r_i} › cell {col}"
                blocks = self.body(tc, cpath)
                if cell_cb is not None or row_cb is not None:
                    _apply_checkbox(blocks, cell_cb if cell_cb is not None else row_cb)
                cell = Cell(blocks, self._location(cpath, table=index, row=r_i, cell=col), col, span,
                            shaded=_cell_shaded(tc, tcpr))
                if vmerge == "restart":
                    open_cells[col] = cell
                else:
                    open_cells.pop(col, None)
                cells.append(cell)
                col += span
            rows.append(Row(cells, r_i))
        return Table(rows, self._location(tpath, table=index), index)

    # -- inline level --------------------------------------------------------------------------
    def _inline(self, el, b: ParagraphBuilder, extra: list[Block], path: str, bold: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self._run(child, b, extra, path)
            elif tag in _TRANSPARENT:
                self._inline(child, b, extra, path, bold)
            elif tag == W + "fldSimple":
                self._simple_field(child, b, extra, path, bold)
            elif tag == W + "sdt":
                if child.find(f"{W}sdtPr/{W14}checkbox") is not None:
                    self._content_control(child, b)
                else:
                    content = child.find(f"{W}sdtContent")
                    if content is not None:
                        self._inline(content, b, extra, path, bold)
            elif tag == MC + "AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self._inline(choice, b, extra, path, bold)

    def _in_instruction(self) -> bool:
        return any(f["instr"] for f in self._fields)

    def _run(self, r, b: ParagraphBuilder, extra: list[Block], path: str) -> None:
        font, bold = None, False
        rpr = r.find(f"{W}rPr")
        if rpr is not None:
            if (rs := rpr.find(f"{W}rStyle")) is not None:
                font, bold = self.char_styles.get(rs.get(W + "val"), (None, False))
            font = _run_font(rpr) or font
            if (bel := rpr.find(f"{W}b")) is not None:
                bold = _flag(bel)
        for child in r:
            tag = child.tag
            if tag == W + "t":
                if not self._in_instruction():
                    b.add_text(child.text or "", font, bold)
            elif tag == W + "instrText":
                if self._fields and self._fields[-1]["instr"]:
                    self._fields[-1]["code"].append(child.text or "")
            elif tag == W + "sym":
                sym_font = child.get(W + "font") or font or ""
                try:
                    code = int(child.get(W + "char", ""), 16)
                except ValueError:
                    b.add_mark("unknown", "wingdings-sym", font=sym_font, code=child.get(W + "char"),
                               detail="w:sym with an unreadable code")
                    continue
                b.add_symbol(sym_font, code, method="wingdings-sym", bold=bold)
            elif tag == W + "tab" or tag == W + "ptab":
                b.add_text("\t")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") == "page" and not self.use_rendered_breaks:
                    self.page += 1
                b.add_text("\n")
            elif tag == W + "lastRenderedPageBreak":
                if self.use_rendered_breaks:
                    self.page += 1
                    if b.empty:
                        self._start_page = self.page  # the paragraph itself begins on the new page
            elif tag == W + "noBreakHyphen":
                b.add_text("-")
            elif tag == W + "fldChar":
                self._field_char(child, b)
            elif tag == W + "drawing" or tag == W + "pict":
                for content in child.iter(f"{W}txbxContent"):
                    extra.extend(self.body(content, f"{path} › text box" if path else "text box"))
            elif tag == MC + "AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    for content in choice.iter(f"{W}txbxContent"):
                        extra.extend(self.body(content, f"{path} › text box" if path else "text box"))

    def _field_char(self, fc, b: ParagraphBuilder) -> None:
        kind = fc.get(W + "fldCharType")
        if kind == "begin":
            field = {"instr": True, "code": [], "marked": False}
            self._fields.append(field)
            cb = fc.find(f"{W}ffData/{W}checkBox")
            if cb is not None:
                checked, why = _checkbox_state(cb)
                b.add_mark("checked" if checked else "unchecked", "form-field", detail=f"FORMCHECKBOX, decided by {why}")
                field["marked"] = True
        elif kind in ("separate", "end") and self._fields:
            field = self._fields[-1]
            if field["instr"] and not field["marked"] and _is_checkbox_code("".join(field["code"])):
                # The instruction alone, no w:ffData (as some tools write it): Word shows the box empty.
                b.add_mark("unchecked", "form-field", detail="FORMCHECKBOX with no form data (Word shows it empty)")
                field["marked"] = True
            field["instr"] = False
            if kind == "end":
                self._fields.pop()

    def _simple_field(self, fld, b: ParagraphBuilder, extra: list[Block], path: str, bold: bool) -> None:
        """`w:fldSimple`: its result runs are text; a FORMCHECKBOX written this way has no form data."""
        if _is_checkbox_code(fld.get(W + "instr") or ""):
            b.add_mark("unchecked", "form-field", detail="FORMCHECKBOX as a simple field (Word shows it empty)")
            return
        self._inline(fld, b, extra, path, bold)

    def _content_control(self, sdt, b: ParagraphBuilder) -> None:
        """A w14:checkbox content control: the state is w14:checked; the glyph inside is only its
        picture. If the picture says otherwise (a tool edited the text), the state is unknown."""
        checked_el = sdt.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
        checked = checked_el is not None and checked_el.get(W14 + "val") in ("1", "true", "on")
        shown = None
        content = sdt.find(f"{W}sdtContent")
        if content is not None:
            text = "".join(t.text or "" for t in content.iter(f"{W}t"))
            for ch in text:
                if ch in UNICODE_MARKS:
                    shown = UNICODE_MARKS[ch]
                    break
        state = "checked" if checked else "unchecked"
        if shown is not None and shown != state:
            b.add_mark("unknown", "content-control",
                       detail=f"w14:checked says {state} but the box shows {shown}")
        else:
            b.add_mark(state, "content-control", detail="w14:checked")


def _checkbox_state_of(sdt) -> str:
    checked = sdt.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
    return "checked" if checked is not None and checked.get(W14 + "val") in ("1", "true", "on") else "unchecked"


def _apply_checkbox(blocks: list[Block], sdt) -> None:
    """A check-box content control around a cell or row: the box glyph inside it (☐ ☒ in MS Gothic)
    is read as the control's state, w14:checked; a glyph that shows the other state makes it unknown."""
    state = _checkbox_state_of(sdt)
    for p in blocks:
        if not isinstance(p, Paragraph):
            continue
        for k, m in enumerate(p.marks):
            if m.method != "unicode-glyph":
                continue
            if m.state != state and m.state != "unknown":
                p.marks[k] = Mark("unknown", "content-control", m.offset, m.glyph, detail=(
                    f"w14:checked says {state} but the box shows {m.state}"))
            else:
                p.marks[k] = Mark(state, "content-control", m.offset, m.glyph, detail="w14:checked (around the cell)")
            return  # one control, one box


_NO_FILL = {"", "auto", "ffffff", "none", "clear"}


def _filled(shd) -> bool:
    return shd is not None and (shd.get(W + "fill") or "").lower() not in _NO_FILL


def _cell_shaded(tc, tcpr) -> bool:
    """The cell is set apart by a fill (w:shd on the cell) or by every run of its text being
    highlighted or shaded: how a writer marks the chosen level without a box."""
    if tcpr is not None and _filled(tcpr.find(f"{W}shd")):
        return True
    runs = [r for r in tc.iter(f"{W}r") if any((t.text or "").strip() for t in r.iter(f"{W}t"))]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(f"{W}rPr")
        if rpr is None:
            return False
        hl = rpr.find(f"{W}highlight")
        if not ((hl is not None and hl.get(W + "val", "none") != "none") or _filled(rpr.find(f"{W}shd"))):
            return False
    return True
