"""Small WordprocessingML writer for building corpus documents with exact tick encodings.

python-docx has no API for `w:sym`, content-control check boxes or FORMCHECKBOX fields, so the
body is written as XML here and packed into a real .docx by python-docx (styles, content types,
relationships come from its default template).
"""

from __future__ import annotations

import datetime
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
THAI_FONT = "TH SarabunPSK"


def _rpr(font: str = THAI_FONT, bold: bool = False, symbol: bool = False) -> str:
    fonts = (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{THAI_FONT}"/>' if symbol else
             f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>')
    b = "<w:b/><w:bCs/>" if bold else ""
    return f"<w:rPr>{fonts}{b}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr>"


def run(text: str, bold: bool = False, font: str = THAI_FONT, highlight: str | None = None) -> str:
    """A run; "\n" becomes a line break, "\t" a tab; `highlight` a highlighter colour ("yellow")."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    rpr = _rpr(font, bold)
    if highlight:
        rpr = rpr.replace("</w:rPr>", f'<w:highlight w:val="{highlight}"/></w:rPr>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def fragmented(text: str, bold: bool = False) -> str:
    """Text as Word saves it after editing: a run per few characters, each with its own revision id,
    with proofing marks between them."""
    out, k = [], 0
    while k < len(text):
        n = 1 + (k * 7 + 3) % 4
        chunk = text[k:k + n]
        out.append(run(chunk, bold).replace("<w:r>", f'<w:r w:rsidR="00{k:06X}">', 1))
        if k % 3 == 0:
            out.append('<w:proofErr w:type="spellStart"/>')
        k += n
    return "".join(out)


def styled(style: str, *runs: str, tab_leader: bool = False) -> str:
    """A paragraph with a style and, for table-of-contents lines, a right tab with a dot leader."""
    tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs>' if tab_leader else ""
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{tabs}</w:pPr>{body}</w:p>'


def sym(font: str, char: str) -> str:
    """Insert > Symbol: `<w:sym w:font="Wingdings" w:char="F0FE"/>`."""
    return f'<w:r>{_rpr(font, symbol=True)}<w:sym w:font="{font}" w:char="{char}"/></w:r>'


def letter(font: str, text: str) -> str:
    """A letter typed in a symbol font: "þ" in Wingdings shows a ticked box."""
    return f'<w:r>{_rpr(font, symbol=True)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def content_checkbox(checked: bool, shown: str | None = None) -> str:
    """A Word 2010 check-box content control; `shown` overrides the glyph inside it."""
    glyph = shown or ("\u2612" if checked else "\u2610")
    return ('<w:sdt><w:sdtPr><w:id w:val="1"/><w14:checkbox>'
            f'<w14:checked w14:val="{1 if checked else 0}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>'
            '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'
            f'</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')


def form_checkbox(checked: str | None = None, default: str | None = "0", name: str = "Check1") -> str:
    """A legacy FORMCHECKBOX field. `checked`: None (absent), "" (bare <w:checked/>), "0"/"1"."""
    parts = ["<w:checkBox><w:sizeAuto/>"]
    if default is not None:
        parts.append(f'<w:default w:val="{default}"/>')
    if checked == "":
        parts.append("<w:checked/>")
    elif checked is not None:
        parts.append(f'<w:checked w:val="{checked}"/>')
    parts.append("</w:checkBox>")
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
            f'<w:calcOnExit w:val="0"/>{"".join(parts)}</w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sdt_inline(*runs: str) -> str:
    """Text inside a plain-text content control (python-docx drops it)."""
    return f'<w:sdt><w:sdtPr><w:id w:val="7"/><w:text/></w:sdtPr><w:sdtContent>{"".join(runs)}</w:sdtContent></w:sdt>'


def textbox(*paragraphs: str) -> str:
    """A run holding a DrawingML text box (with no VML fallback)."""
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            'distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="5000000" cy="600000"/><wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:spPr/><wps:txbx><w:txbxContent>'
            + "".join(paragraphs) +
            '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
            '</w:drawing></mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>')


def para(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(r if r.startswith('<') else run(r) for r in runs)}</w:p>"


def cell(*content: str, span: int = 1, vmerge: str | None = None, shade: str | None = None) -> dict:
    return {"content": list(content), "span": span, "vmerge": vmerge, "shade": shade}


def table(rows: list[list], widths: list[int] | None = None) -> str:
    """rows: lists of cells; a cell is a str (one paragraph of text), a paragraph XML string, or
    the dict from `cell()`. Paragraph XML strings start with "<w:p" or "<w:tbl"."""
    ncols = max(sum((c.get("span", 1) if isinstance(c, dict) else 1) for c in r) for r in rows)
    widths = widths or [9000 // ncols] * ncols
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
           '<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
           '<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/>'
           '<w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for r in rows:
        out.append("<w:tr>")
        for c in r:
            c = c if isinstance(c, dict) else {"content": [c], "span": 1, "vmerge": None}
            tcpr = ""
            if c["span"] > 1:
                tcpr += f'<w:gridSpan w:val="{c["span"]}"/>'
            if c["vmerge"] == "restart":
                tcpr += '<w:vMerge w:val="restart"/>'
            elif c["vmerge"] == "continue":
                tcpr += "<w:vMerge/>"
            if c.get("shade"):
                tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{c["shade"]}"/>'
            body = []
            for item in c["content"] or [""]:
                body.append(item if item.startswith(("<w:p", "<w:tbl", "<w:sdt")) else para(item))
            if not body[-1].startswith("<w:p"):
                body.append("<w:p/>")  # a cell must end with a paragraph
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(body)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def bullet_list(num_id: int, levels: dict[int, tuple[str, str | None]]) -> str:
    """numbering.xml content for a bulleted list: level -> (bullet character, its font)."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{escape(ch)}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (k + 1)}" w:hanging="360"/></w:pPr>'
        + (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else "")
        + "</w:lvl>" for k, (ch, font) in levels.items())
    return (f'<w:abstractNum w:abstractNumId="{num_id + 90}"><w:multiLevelType w:val="hybridMultilevel"/>{lvls}'
            f'</w:abstractNum><w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id + 90}"/></w:num>')


def list_para(num_id: int, level: int, *runs: str) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}{''.join(r if r.startswith('<') else run(r) for r in runs)}</w:p>"


def write_docx(path: str, blocks: list[str], header: str = "", footer: str = "", columns: int = 1,
               numbering: str = "") -> None:
    """`header`/`footer`: text of the page header and footer (python-docx writes the parts);
    `columns`: newspaper columns of the section; `numbering`: lists (`bullet_list`) for numbering.xml."""
    document = docx.Document()
    if numbering:
        numbering_el = document.part.numbering_part.element
        parsed = list(parse_xml(f"<w:numbering {NS}>{numbering}</w:numbering>"))
        first_num = numbering_el.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        for el in parsed:  # abstract definitions before the w:num elements, as the schema orders them
            if el.tag.endswith("}abstractNum") and first_num is not None:
                first_num.addprevious(el)
            else:
                numbering_el.append(el)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        fp = section.footer.paragraphs[0]
        fp.text = footer.replace("{PAGE}", "")
        if "{PAGE}" in footer:  # a PAGE field, as Word inserts page numbers
            fp._p.append(parse_xml(f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    if columns > 1:
        sect_pr = section._sectPr
        cols = sect_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cols")
        if cols is None:
            cols = parse_xml(f'<w:cols {NS} w:num="{columns}" w:space="720"/>')
            sect_pr.append(cols)
        else:
            cols.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num", str(columns))
    body = document.element.body
    sect = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    for child in list(body):
        if child is not sect:
            body.remove(child)
    for block in blocks:
        el = parse_xml(f"<w:wrap {NS}>{block}</w:wrap>")
        for child in list(el):
            sect.addprevious(child)
    document.core_properties.title = ""
    document.core_properties.created = document.core_properties.modified = _FIXED_TIME
    document.save(path)
    _restamp(path)


_FIXED_TIME = datetime.datetime(2026, 1, 1)


def _restamp(path: str) -> None:
    """Fixed ZIP timestamps, so that rebuilding the corpus leaves unchanged documents unchanged."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
