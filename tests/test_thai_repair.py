"""Thai damaged by Word's PDF text layers: repaired where the dictionary is sure, never a genuine word."""

from __future__ import annotations

import pytest

from parsers import parse
from pipeline.normalize import damaged_document, normalize_text
from pipeline.thai_repair import damaged_words, document_is_damaged, is_damaged, repair

from conftest import ROOT

REALDOCS = ROOT.parent / "shared" / "realdocs"


@pytest.mark.parametrize("damaged,fixed", [
    ("มำตรฐำนกำรอำชีวศึกษำ", "มาตรฐานการอาชีวศึกษา"),  # sara aa written as sara am
    ("ระดับคุณภำพ ดีมำก", "ระดับคุณภาพ ดีมาก"),
    ("ปำนกลำง", "ปานกลาง"),
    ("ส าเร็จ", "สำเร็จ"),  # nikhahit lost: " า"
    ("ด าเนินกำร", "ดำเนินการ"),  # both defects in one word
    ("จ านวน 12 คน", "จำนวน 12 คน"),
])
def test_damage_is_repaired(damaged, fixed):
    assert repair(damaged) == fixed


@pytest.mark.parametrize("genuine", [
    "ทำงานร่วมกับผู้อื่นได้", "สำนักงานเขตพื้นที่การศึกษา", "จำนวนนักเรียนทั้งหมด 312 คน", "ดำเนินการตามแผน",
    "น้ำ", "ค่ำ", "ทำ", "จำนวน 12 ห้องเรียน", "ยำสมุนไพร",  # a word the dictionary lacks, whose ำ→า form is a word
])
def test_genuine_sara_am_is_never_changed(genuine):
    assert repair(genuine) == genuine


def test_word_that_is_a_word_both_ways_is_left_alone():
    # ค่ำ (evening) is a word, and so is ค่า: a damaged ค่า cannot be told from ค่ำ.
    assert repair("ค่ำเป้ำหมำย").startswith("ค่ำ")
    assert repair("ค่ำเป้ำหมำย").endswith("เป้าหมาย")


def test_normalize_repairs_and_raw_stays_raw():
    from parsers.text_parser import parse_text
    from pipeline.assess import extract_assessment

    raw = "มำตรฐำนที่ 1 กำรบริหำร\nผลกำรประเมินอยู่ในระดับคุณภำพ ดีเลิศ"
    doc = parse_text("t.txt", raw.encode("utf-8"))
    assert normalize_text(doc.blocks[0].text) == "มาตรฐานที่ 1 การบริหาร"
    assert doc.blocks[0].text == "มำตรฐำนที่ 1 กำรบริหำร"  # the document keeps its raw text
    a = extract_assessment(doc)
    assert [(s.standard, s.level) for s in a.standards] == [("1", 4)]


def test_single_sara_am_cells_only_in_a_damaged_document():
    assert repair("มำก") == "มำก" and repair("มำก", in_damaged_document=True) == "มาก"
    assert repair("ยำสมุนไพร") == "ยำสมุนไพร"


def test_undamaged_text_is_not_tokenised():
    assert not is_damaged("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม ทำงาน")
    assert damaged_words("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม") == 0


@pytest.mark.skipif(not (REALDOCS / "word365_manual_NO-RESULTS.pdf").exists(), reason="shared/realdocs not present")
@pytest.mark.parametrize("name,floor", [("word365_manual_NO-RESULTS.pdf", 1000),
                                        ("word2019_satisfaction-survey_NO-RESULTS.pdf", 50)])
def test_real_word_pdfs(name, floor):
    texts = [p.text for p in parse(REALDOCS / name).iter_paragraphs() if p.origin != "ocr"]
    damaged = document_is_damaged(texts)
    before = sum(damaged_words(t) for t in texts)
    after = sum(damaged_words(repair(t, damaged)) for t in texts)
    assert before >= floor and after <= before // 50
    token = damaged_document.set(damaged)
    try:
        words = " ".join(normalize_text(t) for t in texts)
    finally:
        damaged_document.reset(token)
    assert "มำ" not in words.replace("ม่ำ", "")  # มำตรฐำน, มำก … all repaired
    if "survey" in name:
        assert "ปานกลาง" in words and "มาก" in words
    else:
        assert "พระราชบัญญัติ" in words or "มาตรา" in words
