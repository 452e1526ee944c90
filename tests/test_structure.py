"""The structure model: which block belongs to which scope, and what is not a scope (a table of
contents, running headers, sub-items, mentions); parts; two-column and running-header PDFs."""

from __future__ import annotations

import pytest

from parsers import parse
from parsers.text_parser import parse_text
from pipeline.checks import run_checks
from pipeline.assess import extract_assessment
from pipeline.structure import build_structure

from conftest import CORPUS, HAVE_SOFFICE, needs_soffice, processed
from conftest import wordml as W


def text(t: str):
    return run_checks(extract_assessment(parse_text("t.txt", t.encode("utf-8"))))


def levels(a) -> dict[str, int | None]:
    return {i.indicator_id: i.level for i in a.indicators} | {
        (f"{s.part}/" if s.part else "") + f"S{s.standard}": s.level for s in a.standards}


def test_two_parts_keep_the_same_standard_numbers_apart():
    a = text("ระดับการศึกษาปฐมวัย\nมาตรฐานที่ 1 คุณภาพของเด็ก\nผลการประเมินอยู่ในระดับ ยอดเยี่ยม\n"
             "ระดับการศึกษาขั้นพื้นฐาน\nมาตรฐานที่ 1 คุณภาพของผู้เรียน\nผลการประเมินอยู่ในระดับ ดี\n"
             "ประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์\nผลการประเมินอยู่ในระดับ ดีเลิศ")
    assert levels(a) == {"ปฐมวัย/S1": 5, "ขั้นพื้นฐาน/S1": 3, "ขั้นพื้นฐาน/1.1": 4}
    assert a.indicators[0].part == "ขั้นพื้นฐาน"


def test_one_part_named_in_a_heading_leaves_the_part_empty():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน อยู่ในระดับ ดีเลิศ\nระดับการศึกษาขั้นพื้นฐาน\n"
             "มาตรฐานที่ 1 คุณภาพของผู้เรียน\nผลการประเมินอยู่ในระดับ ดีเลิศ")
    assert [(s.part, s.standard, s.level) for s in a.standards] == [("", "1", 4)]


def test_a_sentence_about_a_part_is_not_a_part_heading():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน\nระดับการศึกษาขั้นพื้นฐาน มีนักเรียน 300 คน\nผลการประเมินอยู่ในระดับ ดี")
    assert [(s.part, s.level) for s in a.standards] == [("", 3)]


def test_table_of_contents_makes_no_scope():
    a = text("สารบัญ\nมาตรฐานที่ 1 คุณภาพของผู้เรียน 12\nมาตรฐานที่ 2 กระบวนการบริหาร 20\n"
             "มาตรฐานที่ 3 การจัดการเรียนการสอน........ 31\nบทที่ 1 บทนำ\nข้อความ")
    assert a.standards == [] and a.status == "no_assessment"


def test_toc_style_lines_are_left_out(make_docx):
    doc = parse(make_docx(W.styled("TOC1", W.run("มาตรฐานที่ 1 คุณภาพของผู้เรียน\t3"), tab_leader=True),
                          W.para("มาตรฐานที่ 2 กระบวนการบริหาร"), W.para("ผลการประเมินอยู่ในระดับ ดีเลิศ")))
    s = build_structure(doc)
    assert s.skipped == {"toc": 1}
    assert [c.number for c in s.tree.root.children] == ["2"]


def test_sub_items_are_never_indicators_and_never_decide():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน\n1) การอ่าน อยู่ในระดับ ดี\n"
             "(2) การคิด อยู่ในระดับ ยอดเยี่ยม\n1.1.3 การสร้างนวัตกรรม อยู่ในระดับ ดีเลิศ\n"
             "ผลการประเมินประเด็นพิจารณาที่ 1.1 อยู่ในระดับ ดีเลิศ")
    assert levels(a) == {"1.1": 4, "S1": None}
    assert not a.indicators[0].needs_review


def test_sub_items_alone_flag_the_missing_result():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์\n1) การอ่าน อยู่ในระดับ ดี")
    (ind,) = a.indicators
    assert ind.level is None and ind.needs_review and a.status == "needs_review"
    assert any(f.check == "level.no_result" for f in a.findings)


def test_a_mention_of_another_item_gives_it_nothing():
    a = text("มาตรฐานที่ 1 การบริหารจัดการองค์การ\nตัวบ่งชี้ที่ 2 การพัฒนา\n"
             "ซึ่งสอดคล้องกับตัวบ่งชี้ที่ 3 ของมาตรฐานที่ 2 อยู่ในระดับดีเยี่ยม\nผลการประเมินอยู่ในระดับ ดีมาก")
    assert levels(a) == {"1.2": 4, "S1": None}


def test_a_mention_of_the_current_item_is_its_result():
    a = text("มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 การบริหารจัดการที่ดี\n"
             "จากการดำเนินงานตามตัวบ่งชี้ที่ 1 ส่งผลให้มีผลการประเมินอยู่ในระดับ ดีมาก")
    assert levels(a)["1.1"] == 4 and not a.indicators[0].other_headings


def test_run_together_paragraph_is_cut_at_each_heading():
    a = text("มาตรฐานที่ ๑ การบริหาร ได้คะแนน ๓๐ คะแนน ระดับดีเยี่ยม ตัวบ่งชี้ที่ ๑ การบริหารจัดการที่ดี "
             "คะแนนที่ได้รับ ๔๐ ระดับคุณภาพดีเยี่ยม ตัวบ่งชี้ที่ ๒ การพัฒนา คะแนนที่ได้รับ ๓๒ ระดับคุณภาพดีมาก")
    assert levels(a) == {"1.1": 5, "1.2": 4, "S1": 5}
    assert [i.score for i in a.indicators] == [40, 32]


def test_overall_result_is_a_stated_total():
    a = text("มาตรฐานที่ 1 คุณภาพ อยู่ในระดับ ดีเลิศ\nผลการประเมินภาพรวมของสถานศึกษาอยู่ในระดับ ยอดเยี่ยม")
    assert a.stated.level == 5 and levels(a) == {"S1": 4}


def test_bare_standard_heading_repeated_on_a_new_page_keeps_the_indicator():
    a = text("มาตรฐานที่ 1 การบริหาร\nตัวบ่งชี้ที่ 2 การพัฒนา\nมาตรฐานที่ 1 การบริหาร\nผลการประเมินอยู่ในระดับ ดีมาก")
    assert levels(a) == {"1.2": 4, "S1": None}


@needs_soffice
def test_pdf_running_headers_and_two_columns():
    doc = parse(CORPUS / "pdf_layout_toc_headers.pdf")
    texts = [b.text for b in doc.blocks if hasattr(b, "text")]
    assert not any(t.startswith("รายงานผลการประเมินตนเอง สพม.") for t in texts)  # the page header, on every page
    assert not any(t.strip() in {"- 2 -", "- 3 -"} for t in texts)  # the footer
    two = processed(CORPUS / "pdf_layout_two_column.pdf")
    assert {i.indicator_id: i.level for i in two.indicators} == {"1.1": 5, "1.2": 4}
    assert [i.name for i in two.indicators] == ["ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", "คุณลักษณะที่พึงประสงค์ของผู้เรียน"]


def test_column_regions_split_only_prose_columns():
    from parsers.pdf.pages import column_regions
    from parsers.pdf.text import Item

    left = [Item("ก" * 40, 60, 280, 100 + 20 * k, 112 + 20 * k) for k in range(8)]
    right = [Item("ข" * 40, 320, 540, 100 + 20 * k, 112 + 20 * k) for k in range(8)]
    title = [Item("หัวเรื่อง", 200, 400, 60, 72)]
    regions = column_regions(title + left + right, 600)
    assert [len(r) for r in regions] == [1, 8, 8]
    # a form: short labels and values on both sides of the page stay one region
    form = [Item("ชื่อ", 60, 100, 100 + 20 * k, 112 + 20 * k) for k in range(8)]
    form += [Item("ค่า", 320, 360, 100 + 20 * k, 112 + 20 * k) for k in range(8)]
    assert len(column_regions(form, 600)) == 1


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice is not installed")
def test_heading_at_a_page_foot_is_not_joined_to_the_next_page():
    a = processed(CORPUS / "pdf_layout_realistic_sar.pdf")
    assert {i.indicator_id: i.name for i in a.indicators}["1.2"] == "คุณลักษณะที่พึงประสงค์ของผู้เรียน"
