"""The extraction rules, each with Thai examples: headings, labels, level tables, in-text choices,
prose statements, totals, metadata, and the cases that must be flagged instead of guessed."""

from __future__ import annotations

import pytest

from parsers import parse
from parsers.text_parser import parse_text
from pipeline.checks import run_checks
from pipeline.assess import extract_assessment as _extract
from pipeline.metadata import read_metadata
from pipeline.patterns import level_of_label
from pipeline.readers.values import read_values

from conftest import SEEDS
from conftest import wordml as W



def extract_assessment(doc):
    return _extract(doc)


def status(a) -> str:
    """The document's status is decided by the checks, as `process_file` runs them."""
    return run_checks(a).status


LABELS = {5: "ดีเยี่ยม", 4: "ดีมาก", 3: "ดี", 2: "พอใช้", 1: "ปรับปรุง"}


def from_text(text: str):
    return extract_assessment(parse_text("t.txt", text.encode("utf-8")))


def levels(a) -> dict[str, int | None]:
    return {f"{i.standard}/{i.indicator}": i.level for i in a.indicators}


# -- headings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("line,key", [
    ("ตัวบ่งชี้ที่ 2 การพัฒนา ระดับดีมาก", "1/2"),
    ("ตัวบ่งชี้ที่ ๒ : การพัฒนา ระดับดีมาก", "1/2"),
    ("ตัวบ่งชี้ที่๒\tการพัฒนา ระดับดีมาก", "1/2"),
    ("ตัว บ่งชี้ ที่  2 การพัฒนา ระดับดีมาก", "1/2"),
    ("ตัวชี้วัดที่ 2 การพัฒนา ระดับดีมาก", "1/2"),
    ("ตัวบ่งชี้ที่ 1.2 การพัฒนา ระดับดีมาก", "1/1.2"),
    ("ตัวบ่งชี้ที่ ๑.๒ การพัฒนา ระดับดีมาก", "1/1.2"),
])
def test_indicator_heading_variants(line, key):
    a = from_text(f"มาตรฐานที่ 1 การบริหาร\n{line}")
    assert levels(a) == {key: 4}


def test_issue_headings_are_indicators_only_when_no_indicator_word():
    a = from_text("มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ ระดับยอดเยี่ยม")
    assert levels(a) == {"1/1.1": 5}
    b = from_text("มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 ข ระดับดี\nประเด็นการพิจารณาที่ 1 ค ระดับดีมาก")
    assert list(levels(b)) == ["1/1"]


def test_heading_over_two_paragraphs_and_its_name(make_docx):
    a = extract_assessment(parse(make_docx(W.para("มาตรฐานที่ 1 ก"), W.para("ตัวบ่งชี้ที่"), W.para("๓ การกระจายอำนาจ"))))
    (ind,) = a.indicators
    assert (ind.standard, ind.indicator, ind.name) == ("1", "3", "การกระจายอำนาจ")


def test_name_on_the_line_below_a_bare_heading(make_docx):
    a = extract_assessment(parse(make_docx(W.para("ตัวบ่งชี้ที่ 4"), W.para("การติดตามตรวจสอบ"))))
    assert a.indicators[0].name == "การติดตามตรวจสอบ"


def test_repeated_heading_on_a_continuation_page_is_the_same_indicator():
    a = from_text("มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 2 ข\nเนื้อหา\nมาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 2 ข (ต่อ)\nระดับคุณภาพ ดีมาก")
    assert len(a.indicators) == 1 and len(a.standards) == 1


def test_mention_in_a_sentence_is_not_a_heading():
    a = from_text("การดำเนินงานสอดคล้องกับตัวบ่งชี้ที่ 3 ของมาตรฐาน")
    assert a.indicators == []


# -- labels and values -------------------------------------------------------------------------------
@pytest.mark.parametrize("label,level", [("ดีเยี่ยม", 5), ("ดีมาก", 4), ("ดี", 3), ("พอใช้", 2), ("ปรับปรุง", 1),
                                         ("ต้องปรับปรุง", 1), ("ยอดเยี่ยม", 5), ("ดีเลิศ", 4), ("ปานกลาง", 2),
                                         ("กำลังพัฒนา", 1)])
def test_label_to_level(label, level):
    assert level_of_label(label) == level
    assert read_values(f"ระดับคุณภาพ{label}").level == level


@pytest.mark.parametrize("text,level", [
    ("ระดับดีมาก", 4), ("ระดับดีเยี่ยม", 5), ("ระดับดี", 3), ("ระดับ ดี ", 3),
    ("ระดับดีตัวบ่งชี้ที่ 7", 3), ("ระดับดีขึ้น", None), ("ผู้เรียนทุกระดับการศึกษา", None),
    ("ระดับ 4 (ดีมาก)", 4), ("ระดับคุณภาพ: 5", 5), ("ผลการประเมิน: ดีมาก", 4), ("อยู่ในระดับพอใช้", 2),
])
def test_di_never_matches_inside_longer_labels(text, level):
    assert read_values(text).level == level


def test_label_contradicting_number_is_flagged():
    v = read_values("ระดับ 4 ดีเยี่ยม")
    assert v.level is None and v.flags and v.flags[0][0] == "level.label_mismatch"


@pytest.mark.parametrize("text,score", [("คะแนนที่ได้รับ 35 ระดับ", 35.0), ("30 คะแนน ระดับดีเยี่ยม", 30.0),
                                        ("ได้คะแนน 4.50", 4.5), ("คะแนนเต็ม 5 คะแนนที่ได้ 4", 4.0)])
def test_scores(text, score):
    assert read_values(text).score == score


def test_year_in_a_name_is_not_a_score():
    v = read_values("ตามหลักสูตรแกนกลาง พุทธศักราช 2551 คะแนนที่ได้รับ 20 ระดับดีมาก")
    assert (v.score, v.level) == (20.0, 4)


# -- prose statements and totals ---------------------------------------------------------------------
def test_seed_000_prose_as_dumped():
    a = extract_assessment(parse(SEEDS / "000_d075da083c9b7581.txt"))
    assert len(a.indicators) == 17 and status(a) == "ok"
    ind = {f"{i.standard}/{i.indicator}": (i.level, i.score) for i in a.indicators}
    assert ind["3/3"] == (1, 5.0) and ind["3/4"] == (4, 20.0) and ind["1/1"] == (5, 40.0)
    std = {s.standard: (s.level, s.score) for s in a.standards}
    assert std == {"1": (5, 30.0), "2": (5, 30.0), "3": (5, 35.0)}  # 3's statement continues on the next line
    st = a.stated
    assert (st.standards, st.indicators, st.score, st.level) == (3, 17, 95.0, 5)


def test_totals_that_disagree_are_a_finding():
    a = from_text("มาตรฐานที่ 1 ก 30 คะแนน ระดับดีเยี่ยม\nรวม 1 มาตรฐาน 1 ตัวบ่งชี้ คะแนนที่ได้รับ 30\n"
                  "สรุป 1 มาตรฐาน 1 ตัวบ่งชี้ คะแนน 28")
    assert any(f.check == "totals.disagree" for f in a.findings)


# -- level tables -----------------------------------------------------------------------------------
def level_table(ticks: set[int], box=lambda on: W.sym("Wingdings", "F0FE" if on else "F0A8"), order=(5, 4, 3, 2, 1),
                label_for=LABELS.get):
    return W.table([["ระดับคุณภาพ", "", "คำอธิบาย"]] +
                   [[W.cell(W.para(box(lv in ticks), W.run(f" {lv}"))), label_for(lv), f"ครบ {lv} ข้อ"] for lv in order])


def one(make_docx, *blocks):
    a = extract_assessment(parse(make_docx(W.para("มาตรฐานที่ 1 ก"), W.para("ตัวบ่งชี้ที่ 1 ข"), *blocks)))
    return a, a.indicators[0]


@pytest.mark.parametrize("order", [(5, 4, 3, 2, 1), (1, 2, 3, 4, 5)])
def test_ticked_row_is_the_level_in_either_order(make_docx, order):
    _, ind = one(make_docx, level_table({2}, order=order))
    assert (ind.level, ind.needs_review, ind.method) == (2, False, "table-tick:wingdings-sym")
    assert "2" in ind.evidence and "row" in ind.location


def test_two_ticks_are_flagged_and_give_no_level(make_docx):
    a, ind = one(make_docx, level_table({5, 4}))
    assert ind.level is None and ind.needs_review and "5 and 4" in ind.review_reasons[0]
    assert status(a) == "needs_review" and any(f.check == "ticks.multiple" for f in a.findings)


def test_no_tick_is_flagged(make_docx):
    _, ind = one(make_docx, level_table(set()))
    assert ind.level is None and "none is ticked" in ind.review_reasons[0]


def test_unreadable_symbol_is_flagged_with_its_font_and_code(make_docx):
    box = lambda on: W.sym("Wingdings", "F0A4") if on else W.sym("Wingdings", "F0A8")  # noqa: E731
    _, ind = one(make_docx, level_table({3}, box=box))
    assert ind.level is None and "Wingdings" in ind.review_reasons[0] and "F0A4" in ind.review_reasons[0]


def test_label_contradicting_the_ticked_row_is_flagged(make_docx):
    _, ind = one(make_docx, level_table({4}, label_for=lambda lv: "ดีเยี่ยม" if lv == 4 else LABELS[lv]))
    assert ind.level is None and ind.needs_review


def test_rubric_with_nothing_ticked_gives_no_level_and_no_error(make_docx):
    rubric = W.table([["ระดับคุณภาพ", "เกณฑ์"]] + [[LABELS[lv], f"ร้อยละ {lv * 20}"] for lv in (5, 4, 3, 2, 1)])
    a, ind = one(make_docx, rubric)
    assert ind.level is None and not ind.needs_review and a.findings == [] and status(a) == "no_assessment"


def test_evidence_checklist_in_the_same_table_is_not_a_level(make_docx):
    rows = [["ระดับคุณภาพ", "คำอธิบาย", "เอกสาร/หลักฐาน"]]
    for lv in (5, 4, 3, 2, 1):
        rows.append([f"{'☑' if lv == 3 else '☐'} {lv}", "ข้อ", "☑ แผนปฏิบัติการ ☑ รายงาน" if lv == 5 else "☑"])
    _, ind = one(make_docx, W.table(rows))
    assert (ind.level, ind.needs_review) == (3, False)


def test_tick_in_a_separate_result_column(make_docx):
    rows = [["ระดับคุณภาพ", "คำอธิบาย", "ผลการประเมิน"]] + [[str(lv), "ข้อ", "✓" if lv == 4 else ""] for lv in (5, 4, 3, 2, 1)]
    _, ind = one(make_docx, W.table(rows))
    assert (ind.level, ind.method) == (4, "table-tick:unicode-glyph")


def test_slash_typed_in_the_tick_column(make_docx):
    rows = [["ระดับคุณภาพ", "คำอธิบาย", "ผล"]] + [[str(lv), "ข้อ", "/" if lv == 2 else ""] for lv in (5, 4, 3, 2, 1)]
    _, ind = one(make_docx, W.table(rows))
    assert (ind.level, ind.method) == (2, "table-tick:typed-character")


def test_numbered_list_with_boxes_is_not_a_level_table(make_docx):
    rows = [[f"{'☑' if n < 3 else '☐'}", str(n), "เอกสาร"] for n in (1, 2, 3, 4)]
    a, ind = one(make_docx, W.table(rows))
    assert ind.level is None and not ind.candidates  # the boxes beside 1 … 4 are a checklist: no candidate
    assert a.findings == []


# -- level choices in running text -------------------------------------------------------------------
@pytest.mark.parametrize("line,level", [
    ("ระดับคุณภาพ  ☐ 5  ☑ 4  ☐ 3  ☐ 2  ☐ 1", 4),
    ("ระดับคุณภาพ 5 ☐  4 ☐  3 ☑  2 ☐  1 ☐", 3),
    ("☐ ดีเยี่ยม ☐ ดีมาก ☐ ดี ☑ พอใช้ ☐ ปรับปรุง", 2),
    ("ระดับคุณภาพ ☐ 5 ☑ 4 ☐ 3 (ตามเกณฑ์ของสำนักงาน)", 4),  # the line goes on after its last box
    ("ระดับ ☐ ๕ ☐ ๔ ☑ ๓ ☐ ๒ ☐ ๑ ดูหลักฐานหน้า 12", 3),
])
def test_level_line(line, level):
    a = from_text(f"ตัวบ่งชี้ที่ 1 ก\n{line}")
    assert levels(a) == {"/1": level}


def test_one_paragraph_per_level(make_docx):
    paras = [W.para(W.sym("Wingdings", "F0FE" if lv == 5 else "F0A8"), W.run(f" ระดับ {lv} {LABELS[lv]}"))
             for lv in (5, 4, 3, 2, 1)]
    _, ind = one(make_docx, *paras)
    assert ind.level == 5


def test_numbered_evidence_lines_are_not_levels():
    a = from_text("ตัวบ่งชี้ที่ 1 ก\n☑ 1. แผนปฏิบัติการ\n☑ 2. รายงาน\n☐ 3. คำสั่ง")
    assert levels(a) == {"/1": None}


def test_two_ticks_in_a_line_that_goes_on_are_flagged_not_lost():
    a = from_text("ตัวบ่งชี้ที่ 1 ก\nระดับคุณภาพ ☑ 5 ☑ 4 ☐ 3 ข้อความต่อท้าย")
    ind = a.indicators[0]
    assert ind.level is None and any("5 and 4" in r for r in ind.review_reasons)
    # a numbered checklist that goes on stays a checklist; "3.5" is not level 3
    assert levels(from_text("ตัวบ่งชี้ที่ 1 ก\n☑ 5 ☐ 4 ☐ 3.5 คะแนน")) == {"/1": None}


def test_levels_on_both_sides_of_the_boxes_are_flagged():
    a = from_text("ตัวบ่งชี้ที่ 1 ก\n5 ☐ 4 ☑ 3 ☐ 2 ☐ 1")
    assert a.indicators[0].level is None and a.indicators[0].needs_review


# -- level matrix ------------------------------------------------------------------------------------
def test_matrix_tick_and_bold(make_file):
    head = "<tr><th>ตัวบ่งชี้</th>" + "".join(f"<th>{LABELS[lv]}</th>" for lv in (5, 4, 3, 2, 1)) + "</tr>"
    r1 = "<tr><td>ตัวบ่งชี้ที่ 1 ก</td>" + "".join(f"<td>{'✓' if lv == 4 else ''}</td>" for lv in (5, 4, 3, 2, 1)) + "</tr>"
    r2 = "<tr><td>ตัวบ่งชี้ที่ 2 ข</td>" + "".join(f"<td>{'<b>' if lv == 3 else ''}ข้อ {lv}{'</b>' if lv == 3 else ''}</td>"
                                                   for lv in (5, 4, 3, 2, 1)) + "</tr>"
    a = extract_assessment(parse(make_file("m.html", f"<p>มาตรฐานที่ 1 ก</p><table>{head}{r1}{r2}</table>")))
    assert levels(a) == {"1/1": 4, "1/2": 3}
    assert [i.method for i in a.indicators] == ["level-matrix:unicode-glyph", "level-matrix:bold-cell"]


# -- metadata ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,org", [
    ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำพูน เขต 2", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำพูน เขต 2"),
    ("สพป.พัทลุง เขต 2", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 2"),
    ("สพม. เชียงใหม่ เขต 34", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเชียงใหม่ เขต 34"),
    ("สำนักงานเขตพื้นที่การศึกษาลพบุรี เขต 1", "สำนักงานเขตพื้นที่การศึกษาลพบุรี เขต 1"),
])
def test_organisation(text, org):
    assert read_metadata([text]).organisation == org


def test_years_and_framework():
    md = read_metadata(["รายงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557 ประจำปีงบประมาณ 2558",
                        "ปีการศึกษา 2557", "แผนปีงบประมาณ 2556"])
    assert (md.fiscal_year_be, md.academic_year_be, md.framework) == (2558, 2557, "esa-2557")
    assert read_metadata(["ตามมาตรฐานการศึกษาระดับการศึกษาขั้นพื้นฐาน พ.ศ. 2561"]).framework == "school-2561"


def test_seed_001_and_003_yield_no_levels():
    for name in ("001_254728a9f80de287.txt", "003_d04f43a4c689a302.txt"):
        a = extract_assessment(parse(SEEDS / name))
        assert status(a) == "no_assessment" and all(i.level is None for i in a.indicators)


def test_value_far_from_a_mention_is_not_a_statement():
    narrative = ("ผลการดำเนินงานที่ผ่านมา สอดคล้องกับตัวบ่งชี้ที่ 2 ของมาตรฐาน " + "โดยมีการจัดกิจกรรมอย่างต่อเนื่อง " * 8
                 + "ซึ่งผลโดยรวมอยู่ในระดับดี")
    assert from_text(f"มาตรฐานที่ 1 ก\n{narrative}").indicators == []


def test_line_of_boxes_in_cells_of_several_rows(make_docx):
    rows = [["ตัวบ่งชี้", "ผล"], ["ก", "ระดับคุณภาพ ☐ 5 ☑ 4 ☐ 3"], ["ข", "ระดับคุณภาพ ☑ 5 ☐ 4 ☐ 3"]]
    a = extract_assessment(parse(make_docx(W.para("ตัวบ่งชี้ที่ 1 ก"), W.table(rows[:2]))))
    assert levels(a) == {"/1": 4}


def test_a_rubric_line_is_not_a_result():
    rubric = from_text("มาตรฐานที่ 1 คุณภาพของผู้เรียน\n5 ยอดเยี่ยม ผลการประเมินมาตรฐานที่ 1 คุณภาพของผู้เรียนอยู่ในระดับยอดเยี่ยม\n"
                       "4 ดีเลิศ ผลการประเมินมาตรฐานที่ 1 คุณภาพของผู้เรียนอยู่ในระดับ ดีเลิศหรือยอดเยี่ยม")
    assert status(rubric) == "no_assessment"
    result = from_text("สรุป ผลการประเมินมาตรฐานที่ 1 คุณภาพของผู้เรียนอยู่ในระดับยอดเยี่ยม")
    assert [s.level for s in result.standards] == [5]
