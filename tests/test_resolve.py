"""Candidates and their roles, and the one resolver: agreeing sources, disagreeing sources, targets
and past years, weak choices (bold or shading only), results that cannot be read."""

from __future__ import annotations

import pytest

from parsers import parse
from parsers.text_parser import parse_text
from pipeline.checks import run_checks
from pipeline.assess import extract_assessment
from pipeline.readers.values import read_statements

from conftest import wordml as W


def raw(t: str):
    """Extraction alone: the values and the extraction flags, without the framework checks."""
    return extract_assessment(parse_text("t.txt", t.encode("utf-8")))


def text(t: str):
    """Extraction and checks: the status as `process_file` decides it."""
    return run_checks(raw(t))


def one(a):
    (ind,) = a.indicators
    return ind


@pytest.mark.parametrize("sentence,roles", [
    ("ค่าเป้าหมายระดับดีเลิศ ผลการประเมินอยู่ในระดับยอดเยี่ยม", [("target", 4), ("result", 5)]),
    ("ในปีการศึกษาที่ผ่านมาอยู่ในระดับ ดี ในปีนี้ผลการประเมินอยู่ในระดับ ดีเลิศ", [("previous", 3), ("result", 4)]),
    ("ปีการศึกษา 2565 อยู่ในระดับดี ปีการศึกษา 2566 อยู่ในระดับดีเลิศ", [("previous", 3), ("result", 4)]),
    ("ผลการประเมินอยู่ในระดับดีเลิศหรือยอดเยี่ยม", [("rubric", 4)]),
    ("นักเรียนร้อยละ 85 มีผลการประเมินอยู่ในระดับ ดีเยี่ยม", [("evidence", 5)]),
    ("อยู่ในระดับคุณภาพ ยอดเยี่ยม คิดเป็นร้อยละ 100.00", [("result", 5)]),
])
def test_roles_of_level_phrases(sentence, roles):
    assert [(s.role, s.level) for s in read_statements(sentence)] == roles


def test_percentage_after_a_level_is_kept():
    assert read_statements("อยู่ในระดับคุณภาพยอดเยี่ยม คิดเป็นร้อยละ 96.50")[0].percent == 96.5


@pytest.mark.parametrize("line,level", [
    ("ผลการประเมินอยู่ในระดับ ดีเยี่ยม", 5), ("ระดับคุณภาพ 4 (ดีมาก)", 4), ("สถานศึกษาได้ระดับ ๕", 5),
    ("อยู่ในระดับคุณภาพยอด เยี่ยม คิดเป็นร้อยละ 100.00", 5), ("ผลการประเมิน : อยู่ในระดับ ดี", 3),
    ("คะแนนที่ได้รับ 32 ระดับคุณภาพดีมาก", 4),
])
def test_levels_in_words_under_a_heading(line, level):
    a = raw(f"มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 2 ข\n{line}")
    assert one(a).level == level and not one(a).needs_review


def test_plan_with_only_targets_has_no_level_and_no_flag():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน กำหนดค่าเป้าหมายไว้ที่ระดับ ดีเลิศ\n"
             "มาตรฐานที่ 2 กระบวนการบริหาร ค่าเป้าหมาย ระดับ ยอดเยี่ยม")
    assert a.status == "no_assessment" and all(s.level is None and not s.needs_review for s in a.standards)


def test_prose_and_ticks_that_disagree_name_both_places(make_docx):
    rows = [["ระดับคุณภาพ", "คำอธิบาย"]] + [[W.cell(W.para(W.sym("Wingdings", "F0FE" if lv == 4 else "F0A8"),
                                                         W.run(f" ระดับ {lv}"))), "ก"] for lv in (5, 4, 3, 2, 1)]
    a = run_checks(extract_assessment(parse(make_docx(
        W.para("มาตรฐานที่ 1 ก"), W.para("ตัวบ่งชี้ที่ 1 ข ผลการประเมินอยู่ในระดับ ดีเยี่ยม"), W.table(rows)))))
    ind = one(a)
    assert ind.level is None and "prose-statement says 5" in ind.review_reasons[0]
    assert "table-tick:wingdings-sym says 4 (table 1 › row 2)" in ind.review_reasons[0]


def test_agreeing_sources_are_all_named():
    a = raw("มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 ข อยู่ในระดับ ดีมาก\nสรุป\nตัวบ่งชี้ที่ 1 ข คะแนนที่ได้รับ 32 ระดับคุณภาพดีมาก")
    ind = one(a)
    assert (ind.level, ind.score, ind.needs_review) == (4, 32, False)
    assert len(ind.candidates) == 2


def test_two_results_in_one_sentence_are_flagged():
    a = text("มาตรฐานที่ 1 ก\nประเด็นพิจารณาที่ 1.1 ข\nผลการประเมินอยู่ในระดับ ดีเลิศ ผลการประเมินอยู่ในระดับ ยอดเยี่ยม")
    ind = one(a)
    assert ind.level is None and ind.review_reasons[0].startswith("two result levels in one statement")


def test_result_left_blank_is_flagged_not_no_assessment():
    a = text("มาตรฐานที่ 1 ก\nประเด็นพิจารณาที่ 1.1 ข\nผลการประเมินอยู่ในระดับ ..........")
    assert a.status == "needs_review" and one(a).level is None
    assert any(f.check == "level.no_result" for f in a.findings)


def test_rubric_written_as_lines_is_no_result():
    lines = "\n".join(f"{lv} {lab} ผลการประเมินมาตรฐานที่ 1 อยู่ในระดับ{lab}" for lv, lab in
                      ((5, "ยอดเยี่ยม"), (4, "ดีเลิศ"), (3, "ดี"), (2, "ปานกลาง"), (1, "กำลังพัฒนา")))
    a = text("เกณฑ์การประเมิน\n" + lines)
    assert a.status == "no_assessment" and all(s.level is None for s in a.standards)


@pytest.mark.parametrize("how", ["bold", "shade", "highlight"])
def test_rubric_row_shown_only_by_formatting_is_a_flagged_level(make_docx, how):
    rows = [["ระดับคุณภาพ", "คำอธิบาย"]]
    for lv in (5, 4, 3, 2, 1):
        on = lv == 3
        if how == "bold":
            rows.append([W.cell(W.para(W.run(f"ระดับ {lv}", bold=on))), W.cell(W.para(W.run("คำอธิบาย", bold=on)))])
        elif how == "shade":
            rows.append([W.cell(W.para(f"ระดับ {lv}"), shade="D9D9D9" if on else None), "คำอธิบาย"])
        else:
            rows.append([W.cell(W.para(W.run(f"ระดับ {lv}", highlight="yellow" if on else None))), "คำอธิบาย"])
    a = run_checks(extract_assessment(parse(make_docx(W.para("มาตรฐานที่ 1 ก"), W.para("ตัวบ่งชี้ที่ 1 ข"),
                                                      W.table(rows)))))
    ind = one(a)
    assert ind.level == 3 and ind.needs_review and any(f.check == "level.weak_choice" for f in a.findings)


def test_rubric_with_nothing_set_apart_is_no_result(make_docx):
    rows = [["ระดับคุณภาพ", "คำอธิบาย"]] + [[f"ระดับ {lv}", "คำอธิบาย"] for lv in (5, 4, 3, 2, 1)]
    a = run_checks(extract_assessment(parse(make_docx(W.para("มาตรฐานที่ 1 ก"), W.para("ตัวบ่งชี้ที่ 1 ข"),
                                                      W.table(rows)))))
    assert one(a).level is None and not one(a).needs_review and a.status == "no_assessment"


def test_summary_table_columns_by_role(make_docx):
    rows = [["ประเด็นพิจารณา", "ค่าเป้าหมาย", "ผลการประเมิน ปี 2565", "ผลการประเมิน ปี 2566", "คะแนนเต็ม", "คะแนนที่ได้"],
            ["1.1 ผลสัมฤทธิ์", "ดีเลิศ", "ดี", "ยอดเยี่ยม", "5", "4.80"],
            ["ผลการประเมินภาพรวม", "ดีเลิศ", "ดี", "ดีเลิศ", "", ""]]
    a = run_checks(extract_assessment(parse(make_docx(W.para("มาตรฐานที่ 1 ก"), W.table(rows)))))
    ind = one(a)
    assert (ind.level, ind.score) == (5, 4.8)
    roles = sorted((c.role, c.level) for c in ind.candidates)
    assert roles == [("previous", 3), ("result", 5), ("target", 4)]
    assert next(c for c in ind.candidates if c.role == "result").full == 5
    assert a.stated.level == 4


@pytest.mark.parametrize("header", ["ผลคะแนนความพึงพอใจ (ค่าเฉลี่ย)", "คะแนนความพึ่งพอใจ"])
def test_satisfaction_survey_means_are_not_scores(make_docx, header):
    """A survey table in an appendix, its items numbered like indicators (as in a real Word-made
    report of ../shared/realdocs): its means are no indicator's score."""
    rows = [["ประเด็นการให้บริการ", header], ["ด้านเจ้าหน้าที่ให้บริการ", ""],
            ["2.1 ผู้ให้บริการมีความพร้อม", "4.74"], ["2.2 ผู้ให้บริการมีความรู้", "4.73"]]
    a = run_checks(extract_assessment(parse(make_docx(W.para("แบบสำรวจความพึงพอใจ"), W.table(rows)))))
    assert not any(i.score is not None or i.level is not None for i in a.indicators)
    assert a.status == "no_assessment"


def test_findings_join_indicators_on_indicator_id():
    a = text("ระดับการศึกษาปฐมวัย\nมาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 ข อยู่ในระดับ ดี\nระดับการศึกษาขั้นพื้นฐาน\n"
             "มาตรฐานที่ 1 ค\nตัวบ่งชี้ที่ 1 ง\nผลการประเมินอยู่ในระดับ ดีเลิศ ผลการประเมินอยู่ในระดับ ดี")
    ids = {i.indicator_id for i in a.indicators}
    assert ids == {"ปฐมวัย/1.1", "ขั้นพื้นฐาน/1.1"}
    flagged = [f for f in a.findings if f.check == "sources.disagree"]
    assert [f.indicator_id for f in flagged] == ["ขั้นพื้นฐาน/1.1"] and flagged[0].part == "ขั้นพื้นฐาน"


def test_sentences_about_other_things_are_evidence():
    a = raw("มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน\n"
            "ความพึงพอใจของผู้ปกครองอยู่ในระดับ ดี\nผลการประเมินการอ่าน คิดวิเคราะห์และเขียน อยู่ในระดับ ดีเยี่ยม\n"
            "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน อยู่ในระดับ ดีเลิศ\n"
            "มาตรฐานที่ 2 กระบวนการบริหารและการจัดการ\nผลการประเมินตนเองของสถานศึกษา ปีการศึกษา 2566 อยู่ในระดับ ยอดเยี่ยม")
    assert {i.indicator_id: i.level for i in a.indicators} == {"1.1": 4}
    assert not a.indicators[0].needs_review
    assert [s.level for s in a.standards] == [None, 5]
    roles = sorted((c.role, c.level) for c in a.indicators[0].candidates)
    assert roles == [("evidence", 3), ("evidence", 5), ("result", 4)]


def test_flattened_table_row_is_flagged_not_silent():
    a = text("มาตรฐานที่ 1 คุณภาพของผู้เรียน ดีเลิศ ดี ยอดเยี่ยม\nมาตรฐานที่ 2 กระบวนการบริหารและการจัดการ ดีเลิศ ดีเลิศ ดีเลิศ")
    assert a.status == "needs_review" and all(s.level is None and s.needs_review for s in a.standards)
    assert {f.check for f in a.findings} >= {"level.no_result"}


@pytest.mark.parametrize("sentence,role,percent", [
    ("มีผลการประเมินร้อยละ 92.50 อยู่ในระดับ ยอดเยี่ยม", "result", 92.5),  # the item's own percentage
    ("ค่าคะแนนร้อยละ 84.00 อยู่ในระดับคุณภาพ ดีเลิศ", "result", 84.0),
    ("ร้อยละ 85 ของนักเรียนมีผลการประเมินอยู่ในระดับ ดี", "evidence", None),  # a share of the pupils
    ("นักเรียนมีผลการอ่านร้อยละ 80 อยู่ในระดับ ดีเลิศ", "evidence", None),
])
def test_a_percentage_before_the_level(sentence, role, percent):
    (s,) = read_statements(sentence)
    assert (s.role, s.percent if role == "result" else None) == (role, percent)
