"""PDF: correct Thai despite each known trap, every kind of tick, provenance, bad files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from parsers import parse
from parsers.pdf.forms import widgets as _widgets
from parsers.pdf.thai import close_mark_gaps
from pipeline.glyphs import C90, repair_glyphs
from pipeline.normalize import normalize_text
from pipeline.run import process_file

from conftest import CORPUS, needs_soffice, needs_tesseract, processed

REAL = CORPUS / "real_chanuman_criteria_manual_2568.pdf"


def text_of(doc) -> str:
    return " ".join(p.text for p in doc.iter_paragraphs())


@pytest.mark.parametrize("raw,fixed", [
    ("ส\u0e4d\u0e32นักงาน", "สำนักงาน"),              # nikhahit + sara aa
    ("สำานักงาน", "สำนักงาน"),                         # doubled by ignoring /ActualText
    ("\u0e1b\uf701\u0e14", "\u0e1b\u0e34\u0e14"),       # C90: sara i shifted left
    ("\u0e01\uf70a", "\u0e01\u0e48"),                   # C90: mai ek lowered
    ("\uf700\u0e32\u0e19", "\u0e10\u0e32\u0e19"),       # C90: tho than without its descender
    ("2557Ð2558", "2557–2558"),                         # a font's dash read as Ð
])
def test_glyph_repairs_are_normalisation(raw, fixed):
    """Glyph damage is repaired in the normalised text; the parser leaves it in the raw text."""
    assert repair_glyphs(raw) == fixed and normalize_text(raw) == normalize_text(fixed)
    assert close_mark_gaps(raw) == unicodedata.normalize("NFC", raw)


@pytest.mark.parametrize("raw,fixed", [
    ("ร ่องรอย", "ร่องรอย"),                           # a space before a tone mark
    ("ตัวบ่งช ี้", "ตัวบ่งชี้"),
    ("ก \uf70a", "ก\uf70a"),                           # before a legacy font's mark too
])
def test_gaps_before_marks_are_closed_in_the_parser(raw, fixed):
    assert close_mark_gaps(raw) == fixed


def test_c90_table_is_pinned():
    assert len(C90) == 27 and min(C90) == 0xF700 and max(C90) == 0xF71A
    assert {C90[0xF705], C90[0xF70A], C90[0xF713]} == {"\u0e48"}


def test_real_pdf_reads_correct_thai_and_yields_no_levels():
    doc = parse(REAL)
    text = normalize_text(text_of(doc))
    for word in ("สำนักงาน", "มีโครงการ", "อำนาจเจริญ", "โรงเรียนชานุมานวิทยาคม"):
        assert word in text, word
    assert not re.search(r" [\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text_of(doc))  # no space before a mark
    a = process_file(REAL)
    assert a.status == "no_assessment" and all(i.level is None for i in a.indicators)
    paras = list(doc.iter_paragraphs())
    assert paras[-1].location.page == doc.pages == 39 and paras[0].location.bbox is not None


def test_actualtext_fonts_give_no_cid_codes():
    import pdfplumber
    path = CORPUS / "pdf_esa2560_content_controls.pdf"
    with pdfplumber.open(path) as pdf:  # the trap: pdfminer ignores /ActualText
        assert "(cid:" in "".join(c["text"] for c in pdf.pages[0].chars)
    assert "(cid:" not in text_of(parse(path))
    assert "การบริหารงานด้านวิชาการ" in normalize_text(text_of(parse(path)))


def test_below_vowel_emitted_out_of_place_goes_back_to_its_letter():
    text = normalize_text(text_of(parse(CORPUS / "pdf_esa2557_totals_disagree.pdf")))
    assert "คะแนนที่ได้รับู" not in text and "การเรียนรู้" in text


def marks_in(path):
    return [(m.state, m.method) for p in parse(path).iter_paragraphs() for m in p.marks]


def test_symbol_font_glyph_tick():
    marks = marks_in(CORPUS / "pdf_002_phatthalung2_2557_levels.pdf")
    assert ("checked", "font-letter") in marks


def test_unicode_glyph_ticks():
    marks = marks_in(CORPUS / "pdf_esa2560_content_controls.pdf")
    assert ("checked", "unicode-glyph") in marks and ("unchecked", "unicode-glyph") in marks


def test_vector_drawn_boxes():
    marks = marks_in(CORPUS / "pdf_school2554_formfields.pdf")
    assert marks.count(("checked", "pdf-vector")) == 10 and marks.count(("unchecked", "pdf-vector")) == 40


def test_acroform_check_boxes():
    marks = marks_in(CORPUS / "pdf_esa2560_acroform.pdf")
    assert marks.count(("checked", "pdf-form")) == 3 and marks.count(("unknown", "pdf-form")) == 1
    assert marks.count(("unchecked", "pdf-form")) == 16


@pytest.mark.parametrize("as_,v,state", [("Yes", "Yes", "checked"), ("Off", None, "unchecked"),
                                         (None, "Yes", "checked"), ("Off", "Yes", "unknown"),
                                         ("Yes", "Off", "unknown")])
@pytest.mark.parametrize("on_parent", [False, True])
def test_acroform_as_and_v(as_, v, state, on_parent):
    """/V and /FT may sit on the field (the widget's parent) when a field has several widgets."""
    field = {"parent_FT": "Btn", "parent_V": v} if on_parent else {"FT": "Btn", "V": v}
    (item,) = _widgets([{**field, "AS": as_, "x0": 0, "x1": 10, "top": 0, "bottom": 10}])
    assert item.mark.state == state


def test_acroform_read_through_pdfium():
    """The corpus form: the widgets pdfium gives, their /AS and /V read from the annotation dictionary."""
    import pypdfium2 as pdfium

    from parsers.pdf.shapes import annotations
    pdf = pdfium.PdfDocument(str(CORPUS / "pdf_esa2560_acroform.pdf"))
    try:
        page = pdf[0]
        found = annotations(page, page.get_height())
    finally:
        pdf.close()
    assert len(found) == 5 and {a["FT"] for a in found} == {"Btn"}
    assert [a["AS"] for a in found].count("Yes") == 1 and all(a["AS"] == a["V"] for a in found)
    assert all(0 < a["x0"] < a["x1"] and 0 < a["top"] < a["bottom"] for a in found)


def test_tables_split_by_page_breaks_are_one_table():
    a = processed(CORPUS / "pdf_esa2557_summary_table.pdf")
    assert len(a.indicators) == 17 and all(i.level for i in a.indicators)


def test_encrypted_and_truncated():
    enc = processed(CORPUS / "bad_encrypted.pdf")
    assert enc.status == "error" and "encrypted" in enc.error
    cut = processed(CORPUS / "bad_truncated.pdf")
    assert cut.status == "error" and "truncated" in cut.error


def test_too_many_pages_is_refused(monkeypatch):
    import parsers.pdf.document as pp
    monkeypatch.setattr(pp, "MAX_PAGES", 3)
    a = process_file(CORPUS / "pdf_000_lamphun2_2557_prose.pdf")  # read afresh, not from the session cache
    assert a.status == "error" and "refused: 5 pages" in a.error


def _garbage_text_pdf(tmp_path, text: str = "¼½¾×ØÞß÷þÐ¤¦§¨©ª«¬®¯°±²³µ¶·¸¹º»" * 4):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
    buf = (text + "\0").encode("utf-16-le")
    import ctypes
    raw.FPDFText_SetText(obj, ctypes.cast(ctypes.create_string_buffer(buf), ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 700)
    raw.FPDFPage_InsertObject(page.raw, obj)
    page.gen_content()
    path = tmp_path / "garbage.pdf"
    pdf.save(str(path))
    return path


@needs_soffice
def test_readable_text_layer_in_another_script_is_kept(tmp_path, monkeypatch):
    """A Persian (or Chinese) text layer is readable: it is read, with its boxes, not sent to Thai OCR."""
    import shutil as sh
    import subprocess

    from conftest import wordml as W

    lines = [W.para(W.run("این یک گزارش ارزیابی است و متن آن به خوبی خوانا است ☑ ۵ ☐ ۴", font="DejaVu Sans"))] * 6
    W.write_docx(str(tmp_path / "fa.docx"), lines + [W.para("这是一份可以阅读的报告文本")])
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "fa.docx")], check=True,
                   capture_output=True, timeout=120)
    monkeypatch.setattr(sh, "which", lambda name: None)  # had it gone to OCR, a finding would say so
    a = process_file(tmp_path / "fa.pdf")
    assert not any(f.check == "read.ocr" for f in a.findings) and a.status == "no_assessment"
    states = [m.state for p in parse(tmp_path / "fa.pdf").iter_paragraphs() for m in p.marks]
    assert states.count("checked") == 6 and states.count("unchecked") == 6


def test_unreadable_text_layer_goes_to_ocr(tmp_path, monkeypatch):
    import shutil as sh
    monkeypatch.setattr(sh, "which", lambda name: None)  # no tesseract: the page is reported, not guessed
    a = process_file(_garbage_text_pdf(tmp_path))
    f = next(f for f in a.findings if f.check == "read.missing_tool")
    assert "unreadable" in f.message and "not installed" in f.message and f.severity == "warning"
    assert a.status == "missing_tool"  # nothing else on it could be read: not "no assessment"


@needs_tesseract
def test_scan_values_are_flagged():
    a = processed(CORPUS / "pdf_scan_000_lamphun2_2557.pdf")
    found = [i for i in a.indicators if i.level is not None]
    assert len(found) >= 8 and all(i.needs_review and i.method.startswith("ocr") for i in found)
    assert any(f.check == "read.ocr_metadata" for f in a.findings)


def test_letter_spaced_thai_runs_join_without_a_space():
    from parsers.model import Location
    from parsers.pdf.text import Item, build_paragraph

    line = [Item("ม", 0, 8, 0, 12), Item("าตรฐ", 10, 40, 0, 12), Item("านที่ 1", 41, 80, 0, 12),
            Item("คุณภาพ", 95, 130, 0, 12)]
    assert build_paragraph([line], {}, Location("p")).text == "มาตรฐานที่ 1 คุณภาพ"


def _drawn_pdf(tmp_path, content: str, annots: str = "") -> Path:
    """A one-page PDF written by hand: `content` is the page's drawing operators, `annots` the
    dictionaries of its form widgets (an AcroForm is declared when there are any). Font /F2 is a
    Wingdings with no ToUnicode map, as Word embeds it in some PDFs."""
    text = ("BT /F1 12 Tf 72 760 Td (Quality level table of indicator one, drawn by hand) Tj ET "
            "BT /F1 12 Tf 130 702 Td (5) Tj ET BT /F1 12 Tf 130 672 Td (4) Tj ET BT /F1 12 Tf 130 642 Td (3) Tj ET")
    stream = (content + " " + text).encode("latin-1")
    widgets = [a for a in annots.split("|") if a]
    objs = ["<< /Type /Catalog /Pages 2 0 R" + (" /AcroForm << /Fields [" + " ".join(
                f"{6 + k} 0 R" for k in range(len(widgets))) + "] >>" if widgets else "") + " >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
            f"/F2 {6 + len(widgets)} 0 R >> >>"
            + (" /Annots [" + " ".join(f"{6 + k} 0 R" for k in range(len(widgets))) + "]" if widgets else "") + " >>",
            f"<< /Length {len(stream)} >>\nstream\n" + stream.decode("latin-1") + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] + widgets + [
            "<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings /FirstChar 32 /LastChar 255 /Widths ["
            + " ".join(["800"] * 224) + f"] /FontDescriptor {7 + len(widgets)} 0 R >>",
            "<< /Type /FontDescriptor /FontName /Wingdings /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
            "/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for k, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = tmp_path / "drawn.pdf"
    path.write_bytes(out)
    return path


def _marks_of(path) -> list[tuple[str, str]]:
    return [(m.state, m.method) for p in parse(path).iter_paragraphs() for m in p.marks]


def test_solid_and_nested_squares(tmp_path):
    hollow = "0 g 0 G 1 w 110 700 12 12 re S"  # level 5: an empty square
    solid = "0 g 110 670 12 12 re f"  # level 4: a solid black square
    nested = "110 640 12 12 re S 113 643 6 6 re f"  # level 3: a filled square inside a square
    assert _marks_of(_drawn_pdf(tmp_path, f"{hollow} {solid} {nested}")) == [
        ("unchecked", "pdf-vector"), ("checked", "pdf-vector"), ("checked", "pdf-vector")]


def test_white_filled_square_is_empty(tmp_path):
    assert _marks_of(_drawn_pdf(tmp_path, "1 g 0 G 110 700 12 12 re B")) == [("unchecked", "pdf-vector")]


def test_widget_on_a_printed_square_is_one_box(tmp_path):
    printed = "0 G 1 w 110 700 12 12 re S 110 670 12 12 re S"
    on = "<< /Type /Annot /Subtype /Widget /FT /Btn /T (a) /Rect [110 700 122 712] /AS /Yes /V /Yes >>"
    off = "<< /Type /Annot /Subtype /Widget /FT /Btn /T (b) /Rect [110 670 122 682] /AS /Off /V /Off >>"
    assert _marks_of(_drawn_pdf(tmp_path, printed, f"{on}|{off}")) == [("checked", "pdf-form"), ("unchecked", "pdf-form")]


def test_dingbat_glyphs_without_a_unicode_mapping(tmp_path):
    """Wingdings with no ToUnicode: pdfium gives "þ" and "¨"; read by font and code, they are boxes."""
    boxes = "BT /F2 12 Tf 110 700 Td (\xfe) Tj ET BT /F2 12 Tf 110 670 Td (\xa8) Tj ET BT /F2 12 Tf 110 640 Td (\xa8) Tj ET"
    path = _drawn_pdf(tmp_path, boxes)
    assert [(m.state, m.font, m.code) for p in parse(path).iter_paragraphs() for m in p.marks] == [
        ("checked", "Wingdings", "FE"), ("unchecked", "Wingdings", "A8"), ("unchecked", "Wingdings", "A8")]
    assert [p.text for p in parse(path).iter_paragraphs()][1:] == ["\u2611 5", "\u2610 4", "\u2610 3"]


def test_unnamed_dingbat_glyph_is_judged_by_its_ink(tmp_path):
    """A Wingdings code beside the boxes that our table does not name (0xA9): rendered, the glyph
    in the Wingdings substitute is judged by the ink inside it, or left unknown when not box-shaped;
    never a silent guess from the code."""
    path = _drawn_pdf(tmp_path, "BT /F2 12 Tf 110 700 Td (\xa9) Tj ET BT /F2 12 Tf 110 670 Td (\xa8) Tj ET")
    marks = [(m.state, m.method) for p in parse(path).iter_paragraphs() for m in p.marks]
    assert marks[1] == ("unchecked", "font-letter")
    assert marks[0][1] in ("pdf-glyph-ink", "font-letter") and (marks[0][1] == "pdf-glyph-ink") != (marks[0][0] == "unknown")


def test_glyph_judged_by_ink_gives_a_flagged_level(tmp_path, monkeypatch):
    import parsers.pdf.document as pp
    from pipeline.readers.choices import LevelChoice
    from pipeline.rules.ticks import _level_group
    from pipeline.scopes import Scope

    monkeypatch.setattr(pp, "ink_box", lambda pixels, w, h: "checked")  # as if the glyph were a filled box
    content = ("BT /F1 12 Tf 72 730 Td (Standard 1 indicator 1) Tj ET "
               "BT /F2 12 Tf 110 700 Td (\xa9) Tj ET BT /F2 12 Tf 110 670 Td (\xa8) Tj ET BT /F2 12 Tf 110 640 Td (\xa8) Tj ET")
    doc = parse(_drawn_pdf(tmp_path, content))
    marks = [m for p in doc.iter_paragraphs() for m in p.marks]
    assert (marks[0].state, marks[0].method) == ("checked", "pdf-glyph-ink")
    rows = [LevelChoice(lv, "", [m], f"{lv}", f"row {lv}") for lv, m in zip((5, 4, 3), marks)]
    c = _level_group(Scope("indicator", "1"), rows)
    assert c.level == 5 and "judged by the ink" in c.weak  # a level, flagged for a person to confirm


def test_coloured_squares_are_a_legend_not_boxes(tmp_path):
    """Word draws a chart's legend keys as small squares filled with the series' colours (one of them
    dark enough to pass for a solid box): they are no boxes at all, ticked or not."""
    keys = "0.27 0.45 0.77 rg 110 700 6 6 re f 0.93 0.49 0.19 rg 110 670 6 6 re f 0.65 g 110 640 6 6 re f"
    assert _marks_of(_drawn_pdf(tmp_path, keys)) == []  # the grey one has no outline: a swatch too
    assert _marks_of(_drawn_pdf(tmp_path, "0.3 g 110 700 6 6 re f")) == [("checked", "pdf-vector")]  # grey: a box


def test_ruled_table_without_ticks_is_a_table(tmp_path):
    """A page whose only structure is a ruled grid is read as a table, its cells in their columns
    (found by the rules alone, whatever the words in it)."""
    grid = "0 G 0.5 w " + " ".join(f"100 {y} m 400 {y} l S" for y in (520, 490, 460, 430)) + " " + \
        " ".join(f"{x} 430 m {x} 520 l S" for x in (100, 250, 400))
    words = " ".join(f"BT /F1 11 Tf {x} {y} Td ({w}) Tj ET" for x, y, w in
                     ((110, 500, "Indicator"), (260, 500, "Score"), (110, 470, "one"), (260, 470, "4.50"),
                      (110, 440, "two"), (260, 440, "3.75")))
    from parsers.model import Table
    tables = [b for b in parse(_drawn_pdf(tmp_path, grid + " " + words)).blocks if isinstance(b, Table)]
    assert len(tables) == 1 and [[c.text for c in r.cells] for r in tables[0].rows] == [
        ["Indicator", "Score"], ["one", "4.50"], ["two", "3.75"]]


def test_paths_read_through_pdfium(tmp_path):
    """Rects, lines and curves as pdfplumber names them, in top-down points, a form XObject's
    matrix applied to what it draws."""
    import pypdfium2 as pdfium

    from parsers.pdf.shapes import drawing
    content = "q 2 0 0 2 50 50 cm 10 10 8 8 re S Q 300 100 m 400 100 l S 300 200 m 310 220 330 220 340 200 c S"
    pdf = pdfium.PdfDocument(str(_drawn_pdf(tmp_path, content)))
    try:
        page = pdf[0]
        d = drawing(page, page.get_height())
    finally:
        pdf.close()
    (rect,) = d.rects
    assert [round(rect[k]) for k in ("x0", "x1", "top", "bottom")] == [70, 86, 842 - 86, 842 - 70]
    assert [(round(ln["x0"]), round(ln["x1"]), round(ln["top"])) for ln in d.lines] == [(300, 400, 742)]
    assert len(d.curves) == 1 and round(d.curves[0]["x1"]) == 340


@pytest.mark.parametrize("name", ["pdf_esa2557_summary_table.pdf", "pdf_layout_vocational.pdf",
                                  "pdf_school2554_formfields.pdf"])
def test_tables_found_as_pdfplumber_finds_them(name):
    """The ruled tables found in pdfium's paths are pdfplumber's own (its full page pass, the slow
    way): same number, same rows, same merged cells."""
    import pdfplumber
    import pypdfium2 as pdfium

    from parsers.pdf.shapes import drawing, table_cells

    def shape(rows):
        return [[c is None for c in row] for row in rows]
    pdf = pdfium.PdfDocument(str(CORPUS / name))
    try:
        with pdfplumber.open(CORPUS / name) as pl:
            for i, p in enumerate(pl.pages):
                page = pdf[i]
                ours = table_cells(drawing(page, page.get_height()), page.get_width(), page.get_height())
                theirs = p.find_tables()
                assert [shape(rows) for _, rows in ours] == [shape([r.cells for r in t.rows]) for t in theirs]
                assert all(abs(a - b) <= 0.5 for (bb, _), t in zip(ours, theirs) for a, b in zip(bb, t.bbox))
    finally:
        pdf.close()


def test_pdf_parser_holds_no_thai_words():
    """The PDF parser's Thai is data (schemas/layout.yaml, read by parsers/pdf/cues.py) or repaired in
    normalisation (pipeline/glyphs.py): no string in its code but docstrings holds a Thai consonant
    (a word has one; a lone mark, "ำ", is a code point the layout needs)."""
    import ast

    root = Path(__file__).resolve().parent.parent / "parsers" / "pdf"
    found = []
    for path in sorted(root.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found += [(path.name, n.value[:30]) for n in ast.walk(tree) if isinstance(n, ast.Constant)
                  and isinstance(n.value, str) and id(n) not in docs and re.search("[\u0e01-\u0e2e]", n.value)]
    assert found == []


@pytest.mark.parametrize("line,heading,start", [
    ("มาตรฐานที่ 1 คุณภาพของผู้เรียน", True, True), ("มำตรฐำนที่ 2", True, True),  # Word's damaged form too
    ("  ตัวบ่งชี้ที่ 1.2 ผลสัมฤทธิ์", True, True), ("รวม 3 มาตรฐาน", False, True), ("☑ ดีเยี่ยม", False, True),
    ("๒) การนิเทศ", False, True), ("โครงการพัฒนาคุณภาพ", False, False), ("ได้ตามมาตรฐานที่กำหนด", False, False)])
def test_layout_cues_from_the_schema(line, heading, start):
    from parsers.pdf.cues import starts_heading, starts_paragraph
    assert (starts_heading(line), starts_paragraph(line)) == (heading, start)


def test_boxes_drawn_as_four_sides(tmp_path):
    """A box drawn side by side (four lines, or four thin filled rects as Word draws borders): one box,
    its own sides no ink; an X of two lines inside it ticks it."""
    lines = "0 G 0.7 w 110 700 m 122 700 l S 110 712 m 122 712 l S 110 700 m 110 712 l S 122 700 m 122 712 l S"
    rects = "0 g 110 670 12 0.6 re f 110 682 12 0.6 re f 110 670 0.6 12.6 re f 121.4 670 0.6 12.6 re f"
    cross = "0 G 110 640 m 122 640 l S 110 652 m 122 652 l S 110 640 m 110 652 l S 122 640 m 122 652 l S " \
            "112 642 m 120 650 l S 112 650 m 120 642 l S"
    assert _marks_of(_drawn_pdf(tmp_path, f"{lines} {rects} {cross}")) == [
        ("unchecked", "pdf-vector"), ("unchecked", "pdf-vector"), ("checked", "pdf-vector")]
    assert _marks_of(_drawn_pdf(tmp_path, lines)) == [("unchecked", "pdf-vector")]  # a page of such boxes alone


def test_a_page_drawn_in_too_many_paths_keeps_its_text(tmp_path, monkeypatch):
    """A map or a chart of tens of thousands of paths: its boxes and tables are left unread and said
    so (`read.page`), its text read; not a deadline spent walking paths."""
    import parsers.pdf.shapes as shapes

    monkeypatch.setattr(shapes, "MAX_PATHS", 3)
    content = "0 G " + " ".join(f"110 {y} 12 12 re S" for y in (700, 670, 640, 610, 580))
    a = process_file(_drawn_pdf(tmp_path, content))
    assert _marks_of(_drawn_pdf(tmp_path, content)) == []
    assert any(f.check == "read.page" and "vector objects" in f.message for f in a.findings)
    assert "Quality level table" in " ".join(p.text for p in parse(_drawn_pdf(tmp_path, content)).iter_paragraphs())


def test_boxes_of_sides_found_by_position():
    """A grid of boxes drawn side by side: every box found once; a column of rules too close together to
    close any box: none (and the search goes by position, not over every pair of rules)."""
    from parsers.pdf.geometry import _squares_of_sides

    def h(x, y):
        return {"x0": x, "x1": x + 10, "top": y, "bottom": y + 0.5, "width": 10, "height": 0.5}

    def v(x, y):
        return {"x0": x, "x1": x + 0.5, "top": y, "bottom": y + 10.5, "width": 0.5, "height": 10.5}
    grid = [e for r in range(10) for c in range(10) for e in (h(50 + 14 * c, 50 + 14 * r), h(50 + 14 * c, 60 + 14 * r),
                                                              v(50 + 14 * c, 50 + 14 * r), v(60 + 14 * c, 50 + 14 * r))]
    squares, used = _squares_of_sides(grid)
    assert len(squares) == 100 and len(used) == 400
    column = [e for k in range(2000) for e in (h(100, 3 * k), v(100, 3 * k))]
    assert _squares_of_sides(column) == ([], set())


def test_graph_paper_is_no_table(tmp_path, monkeypatch):
    """Rules crossing more often than any report's table (graph paper, a dense chart): no table is
    looked for on the page (pdfplumber's search would take minutes), and the page says so."""
    import parsers.pdf.shapes as shapes

    monkeypatch.setattr(shapes, "MAX_CROSSINGS", 8)
    grid = "0 G 0.5 w " + " ".join(f"100 {y} m 400 {y} l S" for y in (520, 490, 460, 430)) + " " + \
        " ".join(f"{x} 430 m {x} 520 l S" for x in (100, 250, 400))
    from parsers.model import Table
    doc = parse(_drawn_pdf(tmp_path, grid))
    assert not [b for b in doc.blocks if isinstance(b, Table)]
    assert any("cross more than" in d.message for d in doc.diagnostics)
