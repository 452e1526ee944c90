"""HTML pages: inputs, glyphs and entities, Word's Wingdings spans, image ticks, encodings, grids."""

from __future__ import annotations

import pytest

from parsers import parse


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def marks(path):
    return [m for p in parse(path).iter_paragraphs() for m in p.marks]


@pytest.mark.parametrize("tag,state", [
    ('<input type="checkbox" checked>', "checked"),
    ('<input type="checkbox" checked="checked">', "checked"),
    ('<input type="checkbox" checked="">', "checked"),
    ("<INPUT TYPE=CHECKBOX CHECKED>", "checked"),
    ('<input type="radio" name="lv" checked>', "checked"),
    ('<input type="checkbox" disabled>', "unchecked"),
    ('<input type="radio" name="lv">', "unchecked"),
])
def test_input_spellings(make_file, tag, state):
    (m,) = marks(make_file("a.html", html(f"<p>{tag} 5</p>")))
    assert (m.method, m.state) == ("html-input", state)


def test_text_inputs_are_not_marks(make_file):
    assert marks(make_file("a.html", html('<p><input type="text" value="5"></p>'))) == []


@pytest.mark.parametrize("text,state", [("&#9745;", "checked"), ("&#x2610;", "unchecked"), ("☑", "checked"),
                                        ("&#10003;", "checked"), ("✔", "checked"), ("&#9746;", "checked")])
def test_glyphs_and_entities(make_file, text, state):
    (m,) = marks(make_file("a.html", html(f"<p>{text} ระดับ 4</p>")))
    assert (m.method, m.state) == ("unicode-glyph", state)


@pytest.mark.parametrize("style,text,state", [
    ("font-family:Wingdings", "þ", "checked"),
    ("font-family:Wingdings", "&#168;", "unchecked"),
    ("font-family:\"Wingdings 2\"", "R", "checked"),
    ("mso-char-type:symbol;mso-symbol-font-family:Wingdings", "þ", "checked"),
    ('font-family:"TH SarabunPSK";mso-symbol-font-family:Wingdings', "ý", "checked"),
])
def test_word_wingdings_spans(make_file, style, text, state):
    (m,) = marks(make_file("a.htm", html(f"<p class=MsoNormal><span style='{style}'>{text}</span> 5</p>")))
    assert (m.method, m.state, m.font.lower().startswith("wingdings")) == ("font-letter", state, True)


def test_font_face_tag_counts_too(make_file):
    (m,) = marks(make_file("a.html", html('<p><font face="Wingdings">þ</font> 5</p>')))
    assert m.state == "checked"


def test_latin_letter_in_thai_font_is_text(make_file):
    assert marks(make_file("a.html", html("<p><span style='font-family:Tahoma'>þ</span></p>"))) == []


@pytest.mark.parametrize("img,state", [
    ('<img src="images/checkbox_checked.gif">', "checked"),
    ('<img src="images/checkbox_unchecked.gif">', "unchecked"),
    ('<img src="/p/x.png" alt="☑">', "checked"),
    ('<img src="/p/x.png" alt="☐">', "unchecked"),
    ('<img src="icons/tick.png">', "checked"),
    ('<img src="icons/blank.png">', "unchecked"),
    ('<img src="checkbox.gif">', "unknown"),
])
def test_image_ticks(make_file, img, state):
    (m,) = marks(make_file("a.html", html(f"<p>{img} 5</p>")))
    assert (m.method, m.state) == ("html-img", state)


def test_ordinary_image_is_no_mark(make_file):
    assert marks(make_file("a.html", html('<p><img src="logo.png" alt="ตราสัญลักษณ์"></p>'))) == []


THAI = "มาตรฐานที่ ๑ สำนักงานเขตพื้นที่การศึกษา"


@pytest.mark.parametrize("head,encoding", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=tis-620">', "cp874"),
    ('<meta charset="windows-874">', "cp874"),
    ("", "cp874"),  # not declared at all
    ('<meta charset="iso-8859-1">', "cp874"),  # declared wrongly, a classic of the 2000s
    ('<meta charset="tis-620">', "utf-8"),  # declared wrongly the other way
])
def test_legacy_encodings_decode_to_thai(make_file, head, encoding):
    doc = parse(make_file("a.html", html(f"<p>{THAI}</p>", head), encoding=encoding))
    assert doc.blocks[0].text == THAI


def test_grid_columns_follow_rowspan_and_colspan(make_file):
    doc = parse(make_file("a.html", html(
        "<table><tr><td rowspan=2>ก</td><td colspan=2>ข</td></tr><tr><td>ค</td><td>ง</td></tr></table>")))
    t = doc.blocks[0]
    assert [(c.col, c.text) for c in t.rows[0].cells] == [(0, "ก"), (1, "ข")]
    assert [(c.col, c.text) for c in t.rows[1].cells] == [(1, "ค"), (2, "ง")]


def test_reading_order_and_skipped_elements(make_file):
    doc = parse(make_file("a.html", html(
        "<script>var x='ตัวบ่งชี้ที่ 9'</script><p>ก่อน</p><table><tr><td>ใน</td></tr></table><div>หลัง</div>")))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert "ตัวบ่งชี้ที่ 9" not in " ".join(p.text for p in doc.iter_paragraphs())


def test_bold_cell_is_recorded(make_file):
    doc = parse(make_file("a.html", html("<table><tr><td><b>ตัวหนา</b></td><td>ธรรมดา</td></tr></table>")))
    assert [c.bold for c in doc.blocks[0].rows[0].cells] == [True, False]


@pytest.mark.parametrize("tag,state,method", [
    ('<i class="fa fa-check-square-o"></i>', "checked", "html-icon"),
    ('<i class="fa fa-square-o"></i>', "unchecked", "html-icon"),
    ('<span class="glyphicon glyphicon-check"></span>', "checked", "html-icon"),
    ('<span class="glyphicon glyphicon-unchecked"></span>', "unchecked", "html-icon"),
    ('<span role="checkbox" aria-checked="true"></span>', "checked", "html-aria"),
    ('<span role="checkbox" aria-checked="false"></span>', "unchecked", "html-aria"),
    ('<span class="box checked"></span>', "checked", "html-class"),
    ('<span class="checkbox"></span>', "unknown", "html-css"),
])
def test_icon_fonts_aria_and_classes(make_file, tag, state, method):
    (m,) = marks(make_file("a.html", html(f"<p>{tag} 5</p>")))
    assert (m.method, m.state) == (method, state)


def test_a_class_word_on_an_element_with_text_is_no_css_box(make_file):
    assert marks(make_file("a.html", html('<p><span class="check">ตรวจสอบแล้ว</span></p>'))) == []


@pytest.mark.parametrize("attrs,shaded", [
    ('style="background-color:#ffff00"', True), ('bgcolor="#C0C0C0"', True), ('style="background:white"', False),
    ("", False),
])
def test_cell_shading(make_file, attrs, shaded):
    doc = parse(make_file("a.html", html(f"<table><tr><td {attrs}>4</td><td>x</td></tr></table>")))
    assert doc.blocks[0].rows[0].cells[0].shaded is shaded
    assert doc.blocks[0].rows[0].cells[1].shaded is False


def test_task_list_items_written_as_text(make_file):
    path = make_file("t.html", html("<ul><li>[x] ระดับ 5</li><li>[ ] ระดับ 4</li><li>[link] ข้อความ</li></ul>"))
    assert [(m.state, m.method) for m in marks(path)] == [("checked", "html-task"), ("unchecked", "html-task")]
    assert [p.text for p in parse(path).iter_paragraphs()][2] == "[link] ข้อความ"


# LibreOffice's HTML export writes Wingdings boxes as bare private-use codes and names no font.
_LO_ROW = ("<table><tr><td>มาตรฐานที่ 1 ก</td></tr><tr><td>ตัวบ่งชี้ที่ 1 ข</td>"
           + "".join(f"<td>{'&#xF0FE;' if lv == 4 else '&#xF0A8;'} {lv}</td>" for lv in (5, 4, 3, 2, 1))
           + "</tr></table>")


def test_bare_wingdings_boxes_are_read_but_flagged(make_file):
    from pipeline.checks import run_checks
    from pipeline.assess import extract_assessment
    path = make_file("lo.html", html(_LO_ROW))
    states = [m.state for m in marks(path)]
    assert states.count("checked") == 1 and states.count("unchecked") == 4
    a = run_checks(extract_assessment(parse(path)))
    (ind,) = a.indicators
    assert ind.level == 4 and ind.needs_review
    assert any(f.check == "level.weak_choice" for f in a.findings)


@pytest.mark.parametrize("codes", ["&#xF0FE;", "&#xF0A8;", "&#xF0FE; &#xF041;"])
def test_bare_codes_not_wingdings_boxes_stay_unknown(make_file, codes):
    # one kind of box only, or a code outside the box set: the font cannot be inferred
    states = {m.state for m in marks(make_file("a.html", html(f"<p>{codes} ระดับ 4</p>")))}
    assert states == {"unknown"}
