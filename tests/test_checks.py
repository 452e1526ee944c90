"""Every check with a passing and a failing document; framework catalogue and matching."""

from __future__ import annotations

import pytest

from parsers.text_parser import parse_text
from pipeline.checks import check_labels, Context, run_checks
from pipeline.cli import main
from pipeline.assess import extract_assessment
from pipeline.frameworks import FrameworkError, load_catalogue, load_framework, match_framework
from pipeline.model import Assessment, Indicator

from conftest import CORPUS, SEEDS, processed

SEED_000 = (SEEDS / "000_d075da083c9b7581.txt").read_text(encoding="utf-8")


def checked(text: str) -> Assessment:
    return run_checks(extract_assessment(parse_text("t.txt", text.encode("utf-8"))))


def checks_of(a: Assessment) -> set[str]:
    return {f.check for f in a.findings}


@pytest.fixture(scope="module")
def clean():
    return checked(SEED_000)


def test_seed_000_is_consistent(clean):
    assert clean.status == "ok" and clean.findings == []
    assert (clean.framework, clean.framework_basis) == ("esa-2557", "headings, names, year")


def with_000(old: str, new: str) -> Assessment:
    assert old in SEED_000
    return checked(SEED_000.replace(old, new))


def test_counts():
    a = with_000("รวม 3 มาตรฐาน 17 ตัวบ่งชี้", "รวม 3 มาตรฐาน 18 ตัวบ่งชี้")
    assert "counts.indicators" in checks_of(a) and "counts.standards" not in checks_of(a)
    assert a.status == "needs_review"


def test_standard_sum_and_total():
    a = processed(CORPUS / "esa2557_totals_disagree.docx")
    by = {f.check: f for f in a.findings}
    assert (by["totals.standard_sum"].expected, by["totals.standard_sum"].actual) == ("34", "35")
    assert (by["totals.sum"].expected, by["totals.sum"].actual) == ("95", "96")
    # standard = sum / 5 is derived from one report, not published: a note; the total is the report's own sum
    assert by["totals.standard_sum"].severity == "info" and by["totals.sum"].severity == "warning"
    assert not next(s for s in a.standards if s.standard == "3").needs_review


def test_level_vs_score():
    a = with_000("การบริหารจัดการที่ดี คะแนนที่ได้รับ 40", "การบริหารจัดการที่ดี คะแนนที่ได้รับ 32")
    f = next(f for f in a.findings if f.check == "scores.level_vs_score")
    # weight x level is derived, not published: a note with the figures, the row is not flagged
    assert (f.expected, f.actual, f.severity) == ("40", "32", "info") and not a.indicators[0].needs_review


def test_a_consistent_scale_of_its_own_is_one_note():
    """Every indicator scored as weight x level / 5 (seed 000's 40 written as 8): one note, no warning."""
    text = (SEEDS / "000_d075da083c9b7581.txt").read_text(encoding="utf-8")
    import re
    scaled = re.sub(r"คะแนนที่ได้รับ (\d+)", lambda m: f"คะแนนที่ได้รับ {int(m.group(1)) / 5:g}", text)
    a = checked(scaled)
    notes = [f for f in a.findings if f.check == "scores.own_scale"]
    assert len(notes) == 1 and notes[0].severity == "info" and "x 0.2" in notes[0].message
    assert not any(f.check == "scores.level_vs_score" for f in a.findings)
    assert not any(i.needs_review for i in a.indicators)


def test_score_above_the_full_marks_the_report_states():
    a = checked("มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 ข คะแนนที่ได้รับ 7 จากคะแนนเต็ม 5 ระดับดีเยี่ยม")
    f = next(f for f in a.findings if f.check == "scores.maximum")
    assert (f.expected, f.actual, f.severity) == ("5", "7", "warning") and a.indicators[0].needs_review


def test_maximum():
    a = with_000("การบริหารจัดการที่ดี คะแนนที่ได้รับ 40", "การบริหารจัดการที่ดี คะแนนที่ได้รับ 45")
    assert any(f.check == "scores.maximum" and f.expected == "40" for f in a.findings)


def test_labels():
    a = Assessment(file="x", indicators=[Indicator("1", "1", level=4, level_label_as_written="ดีเยี่ยม", location="p 1")])
    check_labels(Context(a, None))
    assert checks_of(a) == {"levels.label"} and a.indicators[0].needs_review
    ok = Assessment(file="x", indicators=[Indicator("1", "1", level=5, level_label_as_written="ดีเยี่ยม")])
    check_labels(Context(ok, None))
    assert ok.findings == []


def test_missing_and_fragment():
    a = processed(CORPUS / "esa2557_missing_indicator.docx")
    miss = [f for f in a.findings if f.check == "indicators.missing"]
    # esa-2557's list of 17 is derived from seed 000, not published: a note (its own count, 17, still warns)
    assert [(f.expected, f.severity) for f in miss] == [("2.4", "info")] and "derived" in miss[0].message
    assert any(f.check == "counts.indicators" and f.severity == "warning" for f in a.findings)
    school = checked("รายงานตามมาตรฐานการศึกษา ระดับการศึกษาขั้นพื้นฐาน พ.ศ. 2561 ปีการศึกษา 2566\n"
                     "มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน\n"
                     "ผลการประเมินอยู่ในระดับ ดีเลิศ")
    assert [(f.expected, f.severity) for f in school.findings if f.check == "indicators.missing"] == [("1.2", "warning")]
    fragment = processed(CORPUS / "004_udonthani2_2565_web.html")  # one indicator of a web page
    assert all(f.severity == "info" for f in fragment.findings) and fragment.status == "ok"


def test_unknown_indicator():
    a = with_000("ตัวบ่งชี้ที่ 4 การติดตาม", "ตัวบ่งชี้ที่ 9 การติดตาม")
    assert any(f.check == "indicators.unknown" and f.actual == "1.9" for f in a.findings)


def test_duplicated_indicator():
    a = with_000("ตัวบ่งชี้ที่ 2 การพัฒนาสู่องค์การแห่งการเรียนรู้", "ตัวบ่งชี้ที่ 1 การพัฒนาสู่องค์การแห่งการเรียนรู้")
    assert "indicators.duplicated" in checks_of(a)


def test_indicator_name_against_framework():
    a = with_000("ตัวบ่งชี้ที่ 1 การบริหารจัดการที่ดี", "ตัวบ่งชี้ที่ 1 ความพึงพอใจของผู้รับบริการ")
    # esa-2557's names come from seed 000 only: a note, not a warning
    assert [f.severity for f in a.findings if f.check == "indicators.name"] == ["info"]
    school = checked("รายงานตามมาตรฐานการศึกษา ระดับการศึกษาขั้นพื้นฐาน พ.ศ. 2561 ปีการศึกษา 2566\n"
                     "มาตรฐานที่ 1 คุณภาพของผู้เรียน\nประเด็นพิจารณาที่ 1.1 ความพึงพอใจของผู้รับบริการ\n"
                     "ผลการประเมินอยู่ในระดับ ดีเลิศ")
    assert any(f.check == "indicators.name" and f.severity == "warning" for f in school.findings)
    spaced = processed(CORPUS / "002_phatthalung2_2557_levels.docx")  # "การติดตาม ตรวจสอบ ประเมินผล …"
    assert "indicators.name" not in checks_of(spaced)


@pytest.mark.parametrize("year,bad", [("2557", False), ("2599", True), ("2555", True)])
def test_years(year, bad):
    a = checked(f"รายงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557 ประจำปีงบประมาณ {year}\n"
                "มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 การบริหารจัดการที่ดี ระดับดีเยี่ยม")
    assert ("years.plausible" in checks_of(a)) == bad


def test_unknown_framework_is_an_info_note():
    a = checked("รายงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2553 ปีงบประมาณ 2553\n"
                "มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1 ข ระดับดีมาก")
    f = next(f for f in a.findings if f.check == "framework.unknown")
    assert f.severity == "info" and "esa-2553" in f.message
    assert a.status == "ok" and a.indicators[0].level == 4


def test_matching_by_citation_headings_and_year():
    cat = load_catalogue()
    assert match_framework("esa-2557", 2557, set(), "esa", cat).basis == "cited"
    m = match_framework("", 2553, {("2", "2.1"), ("2", "2.2")}, "esa", cat)
    assert m.framework.id == "esa-2551" and 0.5 < m.confidence <= 0.85
    assert match_framework("", 2557, {("9", "9.9")}, "esa", cat).framework is None


def test_catalogue_is_complete_where_research_confirms():
    cat = load_catalogue()
    assert set(cat) >= {"esa-2551", "esa-2557", "esa-2560", "school-2554", "school-2561"}
    assert len(cat["esa-2551"].keys()) == 12 and len(cat["esa-2557"].keys()) == 17
    s2554 = cat["school-2554"]
    assert len(s2554.standards) == 15 and len(s2554.keys()) == 65
    assert sum(s.weight for s in s2554.standards) == 100
    assert [s.number for s in cat["esa-2560"].standards if s.complete] == ["1"]


def test_malformed_framework_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: y\nstandards:\n  - number: 1\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"bad\.yaml line \d+"):
        load_framework(bad)
    missing = tmp_path / "m.yaml"
    missing.write_text("id: x\nname: y\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"m\.yaml line 1: kind: Field required"):
        load_framework(missing)
    weight = tmp_path / "w.yaml"
    good = (CORPUS.parent / "schemas" / "frameworks" / "esa-2557.yaml").read_text(encoding="utf-8")
    lines = good.splitlines()
    at = next(k for k, ln in enumerate(lines) if "weight: 6}" in ln)
    lines[at] = lines[at].replace("weight: 6}", "weight: six}")
    weight.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError, match=rf"w\.yaml line {at + 1}: standards\.1\.indicators\.0\.weight"):
        load_framework(weight)
    no_source = tmp_path / "p.yaml"
    no_source.write_text(good.replace("  names: {kind: derived", "  nombres: {kind: derived"), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"p\.yaml line \d+: provenance"):
        load_framework(no_source)


def test_cli_stops_at_start_on_a_malformed_catalogue(tmp_path, capsys, monkeypatch):
    (tmp_path / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.setenv("SARKIT_FRAMEWORKS", str(tmp_path))  # main() sets it too; monkeypatch removes it after
    code = main(["validate", "--frameworks", str(tmp_path), str(CORPUS / "002_phatthalung2_2557_levels.docx")])
    assert code == 2 and "bad.yaml line" in capsys.readouterr().err


def test_validate_verdicts(capsys):
    assert main(["validate", str(CORPUS / "000_lamphun2_2557_prose.docx")]) == 0
    assert main(["validate", str(CORPUS / "esa2557_totals_disagree.docx")]) == 1
    out = capsys.readouterr().out
    assert "96" in out and "add up to 95" in out and "คะแนนรวมไม่ตรงกับผลรวมของคะแนนมาตรฐาน" in out
    assert main(["validate", str(CORPUS / "esa2557_review_cases.docx")]) == 1
    assert main(["validate", str(CORPUS / "bad_empty.docx")]) == 2


def test_findings_name_n_m_indicators_by_their_own_number():
    a = checked("รายงานตามมาตรฐานการศึกษาขั้นพื้นฐาน เพื่อการประกันคุณภาพภายในของสถานศึกษา พ.ศ. 2554 ปีการศึกษา 2555\n"
                "มาตรฐานที่ 1 ก\nตัวบ่งชี้ที่ 1.9 ข ระดับดี")
    unknown = next(f for f in a.findings if f.check == "indicators.unknown")
    missing = [f.expected for f in a.findings if f.check == "indicators.missing"]
    assert unknown.actual == "1.9" and unknown.message.startswith("indicator 1.9 ")
    assert missing[:2] == ["1.1", "1.2"]


def test_matching_by_names_tells_school_2554_from_esa_2551():
    cat = load_catalogue()
    keys = {("1", "1.1"), ("1", "1.2"), ("2", "2.1")}
    names = {("1", "1.1"): "มีสุขนิสัยในการดูแลสุขภาพและออกกำลังกายสม่ำเสมอ",
             ("1", "1.2"): "มีน้ำหนัก ส่วนสูง และมีสมรรถภาพทางกายตามเกณฑ์มาตรฐาน",
             ("2", "2.1"): "มีคุณลักษณะที่พึงประสงค์ตามหลักสูตร"}
    assert match_framework("", 2555, keys, "esa", cat).framework.id != "school-2554"  # numbers alone
    m = match_framework("", 2555, keys, "esa", cat, names)
    assert m.framework.id == "school-2554" and "names" in m.basis


def test_vocational_standards_are_in_the_catalogue():
    voc = load_catalogue()["vocational-2561"]
    assert [s.number for s in voc.standards] == ["1", "2", "3"]
    assert len(voc.keys()) == 9 and voc.scale == "school"
    a = checked("รายงานการประเมินตนเอง ตามมาตรฐานการอาชีวศึกษา พ.ศ. 2561\nมาตรฐานที่ 2 การจัดการอาชีวศึกษา\n"
                "ประเด็นการประเมินที่ 2.1 ด้านหลักสูตรอาชีวศึกษา\nผลการประเมินอยู่ในระดับ ดีเลิศ")
    assert a.framework == "vocational-2561" and [(i.indicator_id, i.level) for i in a.indicators] == [("2.1", 4)]


def test_a_malformed_scale_file_is_an_error_not_an_exit(tmp_path, monkeypatch, capsys):
    import pipeline.scales as sc
    bad = tmp_path / "schemas"
    bad.mkdir()
    (bad / "scales.yaml").write_text("esa: [not, a, mapping]\n", encoding="utf-8")
    monkeypatch.setattr(sc, "SCHEMAS_DIR", bad)
    sc.scales.cache_clear()
    try:
        with pytest.raises(sc.ScaleError, match="scales.yaml is malformed"):
            sc.scales()
        assert main(["validate", str(CORPUS / "003_lopburi1_2551_blog.html")]) == 2
        assert "scales.yaml is malformed" in capsys.readouterr().err
    finally:
        sc.scales.cache_clear()


def test_scores_on_the_reports_own_full_marks_validate_clean():
    """An ESA 2557 summary that states full marks of 6 per indicator and scores 4.80 for level 4: consistent
    on its own scale, so notes only (exit 0), not a warning per row."""
    names = ["การบริหารจัดการที่ดี", "การพัฒนาสู่องค์การแห่งการเรียนรู้",
             "การกระจายอำนาจและการส่งเสริมการบริหารจัดการอย่างมีส่วนร่วม",
             "การติดตามตรวจสอบประเมินผลและนิเทศการศึกษาที่มีประสิทธิภาพ"]
    lines = ["รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557 ปีงบประมาณ 2558",
             "มาตรฐานที่ 1 การบริหารจัดการองค์การสู่ความเป็นเลิศ"]
    for k, (name, lv) in enumerate(zip(names, (4, 5, 4, 3)), start=1):
        lines.append(f"ตัวบ่งชี้ที่ {k} {name} คะแนนที่ได้รับ {6 * lv / 5:.2f} จากคะแนนเต็ม 6 ระดับคุณภาพ"
                     f"{['', 'ปรับปรุง', 'พอใช้', 'ดี', 'ดีมาก', 'ดีเยี่ยม'][lv]}")
    a = checked("\n".join(lines))
    assert [i.full_marks for i in a.indicators] == [6, 6, 6, 6]
    assert any(f.check == "scores.own_scale" for f in a.findings)
    assert all(f.severity == "info" for f in a.findings), [(f.check, f.severity) for f in a.findings]
    from pipeline.validate import exit_code
    assert exit_code(a) == 0
