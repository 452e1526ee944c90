"""The Word document model: reading order, tables, merged cells, content controls, text boxes."""

from __future__ import annotations

from parsers import Paragraph, Table, parse

from conftest import wordml as W


def test_paragraphs_and_tables_interleave_in_body_order(make_docx):
    doc = parse(make_docx(W.para("ก่อน"), W.table([["a", "b"]]), W.para("หลัง")))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert doc.blocks[0].text == "ก่อน" and doc.blocks[2].text == "หลัง"


def test_nested_table_is_kept_inside_its_cell(make_docx):
    inner = W.table([["ใน 1", "ใน 2"]])
    doc = parse(make_docx(W.table([[W.cell(W.para("นอก"), inner)]])))
    outer = doc.blocks[0]
    (cell,) = outer.rows[0].cells
    assert cell.text.strip() == "นอก"  # Word ends every cell with a paragraph, here an empty one
    assert [c.text for c in cell.tables[0].rows[0].cells] == ["ใน 1", "ใน 2"]
    assert len(list(doc.iter_tables())) == 2


def test_merged_cells_are_counted_once(make_docx):
    doc = parse(make_docx(W.table([
        [W.cell("หัว", vmerge="restart"), W.cell("ระดับคุณภาพ", span=3)],
        [W.cell("", vmerge="continue"), "5", "4", "3"],
    ])))
    t = doc.blocks[0]
    assert [c.text for c in t.rows[0].cells] == ["หัว", "ระดับคุณภาพ"]
    assert t.rows[0].cells[1].span == 3 and t.rows[0].cells[0].row_span == 2
    assert [(c.col, c.text) for c in t.rows[1].cells] == [(1, "5"), (2, "4"), (3, "3")]


def test_content_controls_keep_their_text_at_every_level(make_docx):
    body_sdt = '<w:sdt><w:sdtPr/><w:sdtContent>' + W.para("ในระดับเนื้อหา") + "</w:sdtContent></w:sdt>"
    inline = W.para(W.run("ตัวบ่งชี้ที่ 1 "), W.sdt_inline(W.run("การบริหารจัดการที่ดี")))
    tbl = W.table([["แถว 1"], ["แถว 2"]])
    head, rest = tbl.split("<w:tr>", 1)
    row_sdt = head + '<w:sdt><w:sdtPr/><w:sdtContent><w:tr>' + rest.replace("</w:tr>", "</w:tr></w:sdtContent></w:sdt>", 1)
    cell_sdt = W.table([[W.cell('<w:sdt><w:sdtPr/><w:sdtContent>' + W.para("ในเซลล์") + "</w:sdtContent></w:sdt>")]])
    doc = parse(make_docx(body_sdt, inline, row_sdt, cell_sdt))
    texts = [p.text for p in doc.iter_paragraphs()]
    assert texts[:2] == ["ในระดับเนื้อหา", "ตัวบ่งชี้ที่ 1 การบริหารจัดการที่ดี"]
    assert "แถว 1" in texts and "แถว 2" in texts and "ในเซลล์" in texts


def test_text_box_content_follows_its_paragraph(make_docx):
    doc = parse(make_docx(W.para(W.run("ก่อนกล่อง"), W.textbox(W.para("ตัวบ่งชี้ที่ 1 ในกล่อง"))), W.para("ถัดไป")))
    assert [p.text for p in doc.blocks] == ["ก่อนกล่อง", "ตัวบ่งชี้ที่ 1 ในกล่อง", "ถัดไป"]


def test_tracked_deletion_is_not_text(make_docx):
    deleted = '<w:del w:id="1" w:author="a"><w:r><w:delText>ลบแล้ว</w:delText></w:r></w:del>'
    inserted = '<w:ins w:id="2" w:author="a">' + W.run("เพิ่ม") + "</w:ins>"
    doc = parse(make_docx(W.para(W.run("ก "), deleted, inserted)))
    assert doc.blocks[0].text == "ก เพิ่ม"


def test_tabs_and_breaks_become_whitespace(make_docx):
    doc = parse(make_docx(W.para(W.run("ตัวบ่งชี้ที่ 1\tชื่อ\nบรรทัดสอง"))))
    assert doc.blocks[0].text == "ตัวบ่งชี้ที่ 1\tชื่อ\nบรรทัดสอง"


def test_bold_is_recorded(make_docx):
    doc = parse(make_docx(W.para(W.run("ตัวหนา", bold=True)), W.para(W.run("ธรรมดา"))))
    assert [p.bold for p in doc.blocks] == [True, False]


def test_provenance_names_table_row_and_cell(make_docx):
    doc = parse(make_docx(W.para("x"), W.table([["a", "b"], ["c", "d"]])))
    cell = doc.blocks[1].rows[1].cells[1]
    assert (cell.location.table, cell.location.row, cell.location.cell) == (1, 1, 1)
    assert str(cell.location).endswith("table 1 › row 1 › cell 1")
    assert isinstance(doc.blocks[0], Paragraph) and isinstance(doc.blocks[1], Table)


def test_page_comes_from_words_rendered_breaks_only(make_docx):
    rendered = W.para(W.run("หน้าหนึ่ง")) + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>หน้าสอง</w:t></w:r></w:p>'
    doc = parse(make_docx(rendered))
    assert [p.location.page for p in doc.blocks] == [1, 2] and doc.pages == 2
    plain = parse(make_docx(W.para("ก"), '<w:p><w:r><w:br w:type="page"/></w:r></w:p>', W.para("ข")))
    assert [p.location.page for p in plain.blocks] == [None, None, None]
