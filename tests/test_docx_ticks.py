"""Every Word tick encoding found in real reports, each a named rule with its own test."""

from __future__ import annotations

import pytest

from parsers import parse

from conftest import wordml as W


def marks_of(path):
    doc = parse(path)
    return [m for p in doc.iter_paragraphs() for m in p.marks]


@pytest.mark.parametrize("font,char,state", [
    ("Wingdings", "F0FE", "checked"),      # box with check, Insert > Symbol writes the F0xx form
    ("Wingdings", "FE", "checked"),        # the same glyph, plain code
    ("Wingdings", "F0A8", "unchecked"),    # empty box
    ("Wingdings", "F06F", "unchecked"),
    ("Wingdings", "F0FD", "checked"),      # box with X
    ("Wingdings", "F0FC", "checked"),      # ✓
    ("Wingdings", "F0FB", "checked"),      # ✗
    ("Wingdings 2", "F052", "checked"),    # ☑
    ("Wingdings 2", "F054", "checked"),    # ☒
    ("Wingdings 2", "54", "checked"),
    ("Wingdings 2", "F0A3", "unchecked"),  # □
    ("Webdings", "F061", "checked"),       # ✓
    ("Symbol", "F0D6", "checked"),         # √ typed as a tick
])
def test_w_sym(make_docx, font, char, state):
    (m,) = marks_of(make_docx(W.para(W.sym(font, char), W.run(" 5"))))
    assert (m.state, m.method, m.font) == (state, "wingdings-sym", font)


def test_w_sym_unmapped_is_unknown_with_font_and_code(make_docx):
    (m,) = marks_of(make_docx(W.para(W.sym("Wingdings", "F0A4"))))
    assert m.state == "unknown" and m.font == "Wingdings" and m.code == "F0A4"  # the code as the file writes it


def test_w_sym_bullet_is_text_not_a_box(make_docx):
    assert marks_of(make_docx(W.para(W.sym("Wingdings", "F0D8"), W.run(" หัวข้อ")))) == []


@pytest.mark.parametrize("text,state", [("þ", "checked"), ("¨", "unchecked"), ("ý", "checked"), ("x", "checked"),
                                        ("o", "unchecked"), ("\uf0fe", "checked"), ("\uf0a8", "unchecked")])
def test_letter_typed_in_wingdings(make_docx, text, state):
    (m,) = marks_of(make_docx(W.para(W.letter("Wingdings", text), W.run(" ระดับ 4"))))
    assert (m.state, m.method) == (state, "font-letter")


def test_letter_in_ordinary_font_is_a_letter(make_docx):
    assert marks_of(make_docx(W.para(W.run("þ ¨ x")))) == []


def test_private_use_symbol_without_symbol_font_is_unknown(make_docx):
    (m,) = marks_of(make_docx(W.para(W.run("\uf0fe"))))
    assert m.state == "unknown" and m.code == "F0FE"


@pytest.mark.parametrize("checked", [True, False])
def test_content_control_checkbox(make_docx, checked):
    (m,) = marks_of(make_docx(W.para(W.content_checkbox(checked), W.run(" 5"))))
    assert m.method == "content-control" and m.state == ("checked" if checked else "unchecked")


def test_content_control_whose_glyph_disagrees_is_unknown(make_docx):
    (m,) = marks_of(make_docx(W.para(W.content_checkbox(True, shown="\u2610"))))
    assert m.state == "unknown" and "w14:checked" in m.detail


@pytest.mark.parametrize("checked,default,state", [
    (None, "1", "checked"),      # no w:checked: w:default decides
    (None, "0", "unchecked"),
    ("0", "1", "unchecked"),     # w:checked wins over w:default
    ("1", "0", "checked"),
    ("", "0", "checked"),        # a bare <w:checked/> means checked
    (None, None, "unchecked"),   # neither: Word shows an empty box
])
def test_form_field_checkbox(make_docx, checked, default, state):
    (m,) = marks_of(make_docx(W.para(W.form_checkbox(checked=checked, default=default), W.run(" 4"))))
    assert (m.method, m.state) == ("form-field", state)


def test_form_field_instruction_is_not_text(make_docx):
    doc = parse(make_docx(W.para(W.form_checkbox(checked="1"), W.run(" ระดับ 4"))))
    assert "FORMCHECKBOX" not in doc.blocks[0].text
    assert doc.blocks[0].text.endswith("ระดับ 4")


@pytest.mark.parametrize("glyph,state", [("☐", "unchecked"), ("☑", "checked"), ("☒", "checked"), ("✓", "checked"),
                                         ("✔", "checked"), ("■", "checked"), ("□", "unchecked"), ("√", "checked"),
                                         ("❏", "unchecked"), ("❑", "unchecked"), ("✕", "checked"), ("✖", "checked")])
def test_unicode_glyph(make_docx, glyph, state):
    (m,) = marks_of(make_docx(W.para(W.run(f"{glyph} ระดับ 3"))))
    assert (m.method, m.state, m.glyph) == ("unicode-glyph", state, glyph)


def test_mark_offsets_point_at_their_glyph(make_docx):
    doc = parse(make_docx(W.para(W.run("ระดับ "), W.sym("Wingdings", "F0A8"), W.run(" 5 "),
                                 W.sym("Wingdings", "F0FE"), W.run(" 4"))))
    p = doc.blocks[0]
    assert [p.text[m.offset] for m in p.marks] == ["☐", "☑"]


def test_symbol_font_from_a_character_style(make_docx):
    import zipfile
    path = make_docx(W.para('<w:r><w:rPr><w:rStyle w:val="TickChar"/></w:rPr><w:t>þ</w:t></w:r>', W.run(" 5")))
    style = ('<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="character" '
             'w:styleId="TickChar"><w:name w:val="Tick Char"/><w:rPr><w:rFonts w:ascii="Wingdings" '
             'w:hAnsi="Wingdings"/></w:rPr></w:style>')
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", style.encode() + b"</w:styles>")
    with zipfile.ZipFile(path, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)
    (m,) = marks_of(path)
    assert (m.state, m.method, m.font) == ("checked", "font-letter", "Wingdings")


@pytest.mark.parametrize("cell_xml,shaded", [
    (W.cell(W.para("4"), shade="D9D9D9"), True),
    (W.cell(W.para("4"), shade="FFFFFF"), False),
    (W.cell(W.para(W.run("4", highlight="yellow"))), True),
    (W.cell(W.para(W.run("4", highlight="yellow"), W.run(" ดีมาก"))), False),  # only part of the text
    (W.cell(W.para("4")), False),
])
def test_cell_shading_and_highlight(make_docx, cell_xml, shaded):
    doc = parse(make_docx(W.table([[cell_xml, "x"]])))
    assert doc.blocks[0].rows[0].cells[0].shaded is shaded


def test_formcheckbox_without_form_data(make_docx):
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    simple = '<w:fldSimple w:instr=" FORMCHECKBOX "/>'
    other = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = parse(make_docx(W.para(field, W.run(" ระดับ 5")), W.para(simple, W.run(" ระดับ 4")), W.para(other)))
    paras = list(doc.iter_paragraphs())
    assert [(m.state, m.method) for m in paras[0].marks] == [("unchecked", "form-field")]
    assert paras[0].text.endswith("ระดับ 5") and "FORMCHECKBOX" not in paras[0].text
    assert [(m.state, m.method) for m in paras[1].marks] == [("unchecked", "form-field")]
    assert paras[2].marks == [] and paras[2].text == "3"


def _cc_around(inner: str, checked: bool) -> str:
    return ('<w:sdt><w:sdtPr><w:id w:val="9"/><w14:checkbox>'
            f'<w14:checked w14:val="{1 if checked else 0}"/></w14:checkbox></w:sdtPr><w:sdtContent>'
            f'{inner}</w:sdtContent></w:sdt>')


@pytest.mark.parametrize("checked,glyph,state", [(True, "\u2612", "checked"), (False, "\u2610", "unchecked"),
                                                 (True, "\u2610", "unknown")])
def test_content_control_around_a_cell(make_docx, checked, glyph, state):
    cell = f'<w:tc><w:tcPr/><w:p><w:r><w:t>{glyph}</w:t></w:r></w:p></w:tc>'
    tbl = ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="900"/></w:tblGrid><w:tr>'
           + _cc_around(cell, checked) + '<w:tc><w:tcPr/><w:p><w:r><w:t>ระดับ 5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    doc = parse(make_docx(tbl))
    (m,) = doc.blocks[0].rows[0].cells[0].marks
    assert (m.state, m.method) == (state, "content-control")


def test_content_control_around_a_row(make_docx):
    row = ('<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>\u2612</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:tcPr/><w:p><w:r><w:t>ระดับ 4</w:t></w:r></w:p></w:tc></w:tr>')
    tbl = ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="900"/></w:tblGrid>'
           + _cc_around(row, True) + '</w:tbl>')
    doc = parse(make_docx(tbl))
    (m,) = doc.blocks[0].rows[0].cells[0].marks
    assert (m.state, m.method) == ("checked", "content-control")


def test_symbol_font_letters_that_are_not_boxes_are_text(make_docx):
    doc = parse(make_docx(W.para(W.letter("Symbol", "abp"), W.run(" และ "), W.sym("Symbol", "F0B3"),
                                 W.run(" "), W.sym("Symbol", "F0D6"))))
    (p,) = list(doc.iter_paragraphs())
    assert p.text.startswith("αβπ และ ≥ ")
    assert [(m.state, m.glyph) for m in p.marks] == [("checked", "\u221a")]  # √ typed as a tick stays a tick


@pytest.mark.parametrize("font,code,expect", [
    ("Webdings", "F048", "text"),  # a picture: text, its code kept
    ("Wingdings", "F041", "text"),
    ("Wingdings", "F0A9", "unknown"),  # next to the boxes: may be one, flagged
    ("Wingdings 2", "F055", "unknown"),
    ("Wingdings", "F0FE", "checked"),
])
def test_dingbat_codes_not_in_the_table(make_docx, font, code, expect):
    (p,) = list(parse(make_docx(W.para(W.sym(font, code), W.run(" 5")))).iter_paragraphs())
    if expect == "text":
        assert p.marks == [] and p.text == chr(int(code, 16)) + " 5"
    else:
        assert [m.state for m in p.marks] == [expect]


def test_box_bullets_of_lists(make_docx, tmp_path):
    lists = (W.bullet_list(41, {0: ("\u2610", "MS Gothic"), 1: ("\u2612", "MS Gothic")})
             + W.bullet_list(42, {0: ("\uf0fe", "Wingdings"), 1: ("\uf0a8", "Wingdings")})
             + W.bullet_list(43, {0: ("\u2022", "Symbol")}))  # an ordinary bullet is no box
    path = tmp_path / "lists.docx"
    W.write_docx(str(path), [W.list_para(41, 0, "ระดับ 5"), W.list_para(41, 1, "ระดับ 4"),
                             W.list_para(42, 0, "ระดับ 3"), W.list_para(42, 1, "ระดับ 2"),
                             W.list_para(43, 0, "ข้อความ")], numbering=lists)
    paras = list(parse(path).iter_paragraphs())
    assert [[(m.state, m.method) for m in p.marks] for p in paras] == [
        [("unchecked", "list-bullet")], [("checked", "list-bullet")], [("checked", "list-bullet")],
        [("unchecked", "list-bullet")], []]
    assert paras[0].text == "\u2610 ระดับ 5" and paras[4].text == "ข้อความ"
