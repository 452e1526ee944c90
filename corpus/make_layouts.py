"""Build the layout corpus (issue 10): reports laid out as real schools, colleges and offices lay
them out, none of them in the layouts the first corpus was built with.

Run from the repository root: `python corpus/make_layouts.py` (needs soffice for the PDFs). As in
make_corpus.py, the truth files are written by hand from what each document says (read back with
LibreOffice's text export), never by this script.

Word files are written the way Word and LibreOffice write them: a page header and footer with a PAGE
field, table-of-contents lines in TOC styles with dot-leader tabs, fragmented runs, shading and
highlight; PDFs are LibreOffice exports of those files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import ESA2557, ESA2560, ESA_LABELS, SCHOOL_LABELS, _soffice, desc, th  # noqa: E402
from wordml import cell, fragmented, para, run, styled, sym, table, write_docx  # noqa: E402

BASIC = {"1": "คุณภาพของผู้เรียน", "2": "กระบวนการบริหารและการจัดการ",
         "3": "กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ"}
EARLY = {"1": "คุณภาพของเด็ก", "2": "กระบวนการบริหารและการจัดการ", "3": "การจัดประสบการณ์ที่เน้นเด็กเป็นสำคัญ"}
ISSUES = {"1.1": "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", "1.2": "คุณลักษณะที่พึงประสงค์ของผู้เรียน"}
SUB_11 = ["มีความสามารถในการอ่าน การเขียน การสื่อสาร และการคิดคำนวณ",
          "มีความสามารถในการคิดวิเคราะห์ คิดอย่างมีวิจารณญาณ อภิปรายแลกเปลี่ยนความคิดเห็น และแก้ปัญหา",
          "มีความสามารถในการสร้างนวัตกรรม", "มีความสามารถในการใช้เทคโนโลยีสารสนเทศและการสื่อสาร"]
VOC = {"1": ("คุณลักษณะของผู้สำเร็จการศึกษาอาชีวศึกษาที่พึงประสงค์",
             {"1.1": "ด้านความรู้", "1.2": "ด้านทักษะและการประยุกต์ใช้",
              "1.3": "ด้านคุณธรรม จริยธรรม และคุณลักษณะที่พึงประสงค์"}),
       "2": ("การจัดการอาชีวศึกษา", {"2.1": "ด้านหลักสูตรอาชีวศึกษา", "2.2": "ด้านการจัดการเรียนการสอนอาชีวศึกษา",
                                    "2.3": "ด้านการบริหารจัดการ", "2.4": "ด้านการนำนโยบายสู่การปฏิบัติ"}),
       "3": ("การสร้างสังคมแห่งการเรียนรู้", {"3.1": "ด้านความร่วมมือในการสร้างสังคมแห่งการเรียนรู้",
                                              "3.2": "ด้านนวัตกรรม สิ่งประดิษฐ์ งานสร้างสรรค์ และงานวิจัย"})}
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
NARRATIVE = ("สถานศึกษาดำเนินการตามวงจรคุณภาพ PDCA โดยวางแผนร่วมกับคณะกรรมการสถานศึกษาขั้นพื้นฐาน ผู้ปกครอง และชุมชน "
             "จัดทำโครงการและกิจกรรมที่สอดคล้องกับมาตรฐานการศึกษาของสถานศึกษา มีการนิเทศ กำกับ ติดตาม "
             "และนำผลการประเมินไปปรับปรุงพัฒนาอย่างต่อเนื่อง")


def school_title(school: str, office: str, year: int = 2566) -> list[str]:
    return [para(run("รายงานการประเมินตนเองของสถานศึกษา (Self-Assessment Report : SAR)", bold=True)),
            para(run(f"ปีการศึกษา {year}", bold=True)), para(run(f"โรงเรียน{school}", bold=True)),
            para(office)]


def toc(entries: list[tuple[str, int]]) -> list[str]:
    """สารบัญ as Word writes a TOC field: TOC 1 styled lines with a dot-leader tab and the page."""
    out = [para(run("สารบัญ", bold=True))]
    for text, page in entries:
        out.append(styled("TOC1", run(f"{text}\t{page}"), tab_leader=True))
    return out + [PAGE_BREAK]


# --------------------------------------------------------------------------------------------------
def two_parts() -> None:
    """A school with ปฐมวัย and ขั้นพื้นฐาน: the same standard numbers in both parts, a TOC, an
    executive summary listing each standard's level, then the body with levels in words."""
    early = {"1": 5, "2": 4, "3": 4}
    basic = {"1": 4, "2": 5, "3": 3}
    issues = {"1.1": 4, "1.2": 5}
    blocks = school_title("บ้านโนนสว่าง", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 3")
    blocks.append(PAGE_BREAK)
    blocks += toc([("ส่วนที่ 1 บทสรุปของผู้บริหาร", 1), ("ส่วนที่ 2 ผลการประเมินตนเอง", 3),
                   ("ระดับการศึกษาปฐมวัย", 3), ("มาตรฐานที่ 1 คุณภาพของเด็ก", 3),
                   ("มาตรฐานที่ 2 กระบวนการบริหารและการจัดการ", 4), ("ระดับการศึกษาขั้นพื้นฐาน", 6),
                   ("มาตรฐานที่ 1 คุณภาพของผู้เรียน", 6), ("ประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", 6)])
    blocks.append(para(run("ส่วนที่ 1 บทสรุปของผู้บริหาร", bold=True)))
    blocks.append(para("ผลการประเมินตนเองของสถานศึกษา ปีการศึกษา 2566 สรุปได้ดังนี้"))
    for part, names, levels in (("ระดับการศึกษาปฐมวัย", EARLY, early), ("ระดับการศึกษาขั้นพื้นฐาน", BASIC, basic)):
        blocks.append(para(run(part, bold=True)))
        for s, name in names.items():
            blocks.append(para(f"มาตรฐานที่ {s} {name} อยู่ในระดับ {SCHOOL_LABELS[levels[s]]}"))
    blocks += [PAGE_BREAK, para(run("ส่วนที่ 2 ผลการประเมินตนเอง", bold=True)),
               para(run("ระดับการศึกษาปฐมวัย", bold=True))]
    for s, name in EARLY.items():
        blocks += [para(run(f"มาตรฐานที่ {s} {name}", bold=True)), para("1. กระบวนการพัฒนา"), para(NARRATIVE),
                   para("2. ผลการดำเนินงาน"),
                   para(f"ผลการประเมินอยู่ในระดับ {SCHOOL_LABELS[early[s]]}")]
    blocks += [PAGE_BREAK, para(run("ระดับการศึกษาขั้นพื้นฐาน", bold=True)),
               para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True))]
    subs = {"1.1": [4, 5, 3, 4], "1.2": [5, 5, 4, 5]}
    for code, name in ISSUES.items():
        blocks.append(para(run(f"ประเด็นพิจารณาที่ {code} {name}", bold=True)))
        blocks.append(para(NARRATIVE))
        for k, sub in enumerate(SUB_11 if code == "1.1" else SUB_11[:2], start=1):
            blocks.append(para(f"{k}) {sub} อยู่ในระดับ {SCHOOL_LABELS[subs[code][k - 1]]}"))
        blocks.append(para(f"ผลการประเมินประเด็นพิจารณาที่ {code} อยู่ในระดับ {SCHOOL_LABELS[issues[code]]}"))
    blocks.append(para(f"สรุปผลการประเมินมาตรฐานที่ 1 อยู่ในระดับ {SCHOOL_LABELS[basic['1']]}"))
    for s in ("2", "3"):
        blocks += [para(run(f"มาตรฐานที่ {s} {BASIC[s]}", bold=True)), para(NARRATIVE),
                   para(f"ผลการประเมินอยู่ในระดับ {SCHOOL_LABELS[basic[s]]}")]
    write_docx(HERE / "layout_two_parts.docx", blocks,
               header="รายงานการประเมินตนเอง ปีการศึกษา 2566 โรงเรียนบ้านโนนสว่าง", footer="หน้า {PAGE}")


def targets_results() -> None:
    """A summary table with a target column and two years of results: the later year is the result."""
    rows = [["มาตรฐาน/ประเด็นพิจารณา", "ค่าเป้าหมาย", "ผลการประเมิน ปีการศึกษา 2565", "ผลการประเมิน ปีการศึกษา 2566"],
            [f"มาตรฐานที่ 1 {BASIC['1']}", "ดีเลิศ", "ดี", "ยอดเยี่ยม"],
            [f"1.1 {ISSUES['1.1']}", "ดีเลิศ", "ดี", "ดีเลิศ"],
            [f"1.2 {ISSUES['1.2']}", "ดี", "ดีเลิศ", "ยอดเยี่ยม"],
            [f"มาตรฐานที่ 2 {BASIC['2']}", "ดีเลิศ", "ดีเลิศ", "ดีเลิศ"],
            [f"มาตรฐานที่ 3 {BASIC['3']}", "ดี", "ดี", "ดีเลิศ"],
            ["ผลการประเมินภาพรวมของสถานศึกษา", "ดีเลิศ", "ดี", "ดีเลิศ"]]
    blocks = school_title("วัดศรีสุข", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1")
    blocks += [para(run("บทสรุปของผู้บริหาร", bold=True)),
               para("ผลการประเมินตนเองเทียบกับค่าเป้าหมายและผลการประเมินปีที่ผ่านมา สรุปได้ดังตาราง"),
               table(rows, [3600, 1600, 1900, 1900])]
    write_docx(HERE / "layout_targets_results.docx", blocks)


def plan_targets_only() -> None:
    """An improvement plan: targets for each standard, nothing assessed yet."""
    blocks = [para(run("แผนพัฒนาคุณภาพการศึกษา ปีการศึกษา 2567-2569", bold=True)), para("โรงเรียนบ้านหนองแวง"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษามหาสารคาม เขต 2"),
              para(run("ค่าเป้าหมายความสำเร็จตามมาตรฐานการศึกษาของสถานศึกษา", bold=True))]
    for s, name in BASIC.items():
        blocks.append(para(f"มาตรฐานที่ {s} {name} กำหนดค่าเป้าหมายไว้ที่ระดับ {SCHOOL_LABELS[4 if s != '3' else 3]}"))
    blocks.append(table([["มาตรฐาน", "ค่าเป้าหมาย ปี 2567", "ค่าเป้าหมาย ปี 2568"],
                         [f"มาตรฐานที่ 1 {BASIC['1']}", "ดีเลิศ", "ยอดเยี่ยม"],
                         [f"มาตรฐานที่ 2 {BASIC['2']}", "ดีเลิศ", "ดีเลิศ"],
                         [f"มาตรฐานที่ 3 {BASIC['3']}", "ดี", "ดีเลิศ"]], [4000, 2500, 2500]))
    write_docx(HERE / "layout_plan_targets_only.docx", blocks)


def tick_table(ticked: int, font: str = "Wingdings") -> str:
    rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]]
    for lv in (5, 4, 3, 2, 1):
        box = sym(font, "F0FE" if lv == ticked else "F0A8")
        rows.append([cell(para(box, run(f" ระดับ {lv} {ESA_LABELS[lv]}"))), desc(lv)])
    return table(rows, [3000, 6000])


def prose_vs_ticks() -> None:
    """The executive summary says one level, the tick table another (indicator 1): a person decides."""
    ticks = {1: 4, 2: 4, 3: 5}
    summary = {1: 5, 2: 4, 3: 5}
    names = ESA2560["1"][1]
    blocks = [para(run("รายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560", bold=True)),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสกลนคร เขต 2"), para("ประจำปีงบประมาณ พ.ศ. 2564"),
              para(run("บทสรุปสำหรับผู้บริหาร", bold=True)), para(f"มาตรฐานที่ 1 {ESA2560['1'][0]}")]
    for i, name in enumerate(names, start=1):
        blocks.append(para(f"ตัวบ่งชี้ที่ {i} {name} ผลการประเมินอยู่ในระดับ {ESA_LABELS[summary[i]]}"))
    blocks += [PAGE_BREAK, para(run(f"มาตรฐานที่ 1 {ESA2560['1'][0]}", bold=True))]
    for i, name in enumerate(names, start=1):
        blocks += [para(run(f"ตัวบ่งชี้ที่ {i} {name}", bold=True)), tick_table(ticks[i]), para("")]
    write_docx(HERE / "layout_prose_vs_ticks.docx", blocks)


def rubric_rows(emph: int | None, how: str) -> str:
    rows = [["ระดับคุณภาพ", "เกณฑ์การพิจารณา"]]
    for lv in (5, 4, 3, 2, 1):
        text = f"ร้อยละ {50 + 10 * lv} ของผู้เรียนมีผลการประเมินผ่านเกณฑ์ที่สถานศึกษากำหนด"
        on = lv == emph
        if how == "bold":
            rows.append([cell(para(run(f"{lv} {SCHOOL_LABELS[lv]}", bold=on))), cell(para(run(text, bold=on)))])
        elif how == "shade":
            shade = "D9D9D9" if on else None
            rows.append([cell(para(run(f"{lv} {SCHOOL_LABELS[lv]}")), shade=shade), cell(para(run(text)), shade=shade)])
        else:
            hl = "yellow" if on else None
            rows.append([cell(para(run(f"{lv} {SCHOOL_LABELS[lv]}", highlight=hl))), cell(para(run(text, highlight=hl)))])
    return table(rows, [2500, 6500])


def rubric_bold() -> None:
    """A rubric whose one row is bold: that may be the choice, or emphasis; a level, flagged."""
    blocks = school_title("บ้านดอนตูม", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครปฐม เขต 1")
    blocks += [para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)),
               para(run(f"ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}", bold=True)), para(NARRATIVE),
               rubric_rows(4, "bold"),
               para(run(f"ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}", bold=True)), para(NARRATIVE), rubric_rows(None, "bold"),
               para("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม")]
    write_docx(HERE / "layout_rubric_bold.docx", blocks)


def shading() -> None:
    """ESA 2557 indicators whose chosen level is shown by cell shading, by highlight, or by a tick."""
    names = ESA2557["1"][1]
    blocks = [para(run("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557", bold=True)),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาร้อยเอ็ด เขต 2"), para("ประจำปีงบประมาณ 2558"),
              para(run(f"มาตรฐานที่ 1 {ESA2557['1'][0]}", bold=True))]
    plan = {1: (5, "shade"), 2: (3, "shade"), 3: (4, "highlight"), 4: (4, "tick")}
    for i, name in enumerate(names, start=1):
        level, how = plan[i]
        blocks.append(para(run(f"ตัวบ่งชี้ที่ {i} {name}", bold=True)))
        if how == "tick":
            blocks.append(tick_table(level))
            continue
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]]
        for lv in (5, 4, 3, 2, 1):
            on = lv == level
            if how == "shade":
                shade = "BFBFBF" if on else None
                rows.append([cell(para(f"ระดับ {lv} {ESA_LABELS[lv]}"), shade=shade), cell(para(desc(lv)), shade=shade)])
            else:
                hl = "yellow" if on else None
                rows.append([cell(para(run(f"ระดับ {lv} {ESA_LABELS[lv]}", highlight=hl))),
                             cell(para(run(desc(lv), highlight=hl)))])
        blocks.append(table(rows, [3000, 6000]))
    write_docx(HERE / "layout_shading.docx", blocks)


def vocational() -> None:
    """A college SAR on the vocational standards of 2561: ประเด็นการประเมิน, a summary table with
    scores and percentages, sub-items with levels of their own."""
    levels = {"1.1": 5, "1.2": 4, "1.3": 5, "2.1": 4, "2.2": 4, "2.3": 5, "2.4": 5, "3.1": 4, "3.2": 3}
    std_levels = {"1": 5, "2": 4, "3": 4}
    blocks = [para(run("รายงานการประเมินตนเองของสถานศึกษา (Self Assessment Report : SAR)", bold=True)),
              para(run("ประจำปีการศึกษา 2566", bold=True)), para(run("วิทยาลัยเทคนิคบ้านไผ่", bold=True)),
              para("สำนักงานคณะกรรมการการอาชีวศึกษา กระทรวงศึกษาธิการ"),
              para("ตามมาตรฐานการอาชีวศึกษา พ.ศ. 2561"), PAGE_BREAK,
              para(run("ส่วนที่ 1 บทสรุปสำหรับผู้บริหาร", bold=True)),
              para("ผลการประเมินคุณภาพการศึกษาตามมาตรฐานการอาชีวศึกษา ปีการศึกษา 2566 มีดังนี้")]
    rows = [["มาตรฐาน/ประเด็นการประเมิน", "ค่าคะแนน", "ร้อยละ", "ระดับคุณภาพ"]]
    pct = {5: 92.00, 4: 84.00, 3: 68.00}
    for s, (sname, items) in VOC.items():
        rows.append([f"มาตรฐานที่ {s} {sname}", "", f"{pct[std_levels[s]]:.2f}", SCHOOL_LABELS[std_levels[s]]])
        for code, name in items.items():
            rows.append([f"{code} {name}", f"{pct[levels[code]] / 20:.2f}", f"{pct[levels[code]]:.2f}",
                         SCHOOL_LABELS[levels[code]]])
    blocks.append(table(rows, [4600, 1400, 1400, 1600]))
    blocks += [PAGE_BREAK, para(run("ส่วนที่ 3 ผลการประเมินตนเองของสถานศึกษา", bold=True))]
    for s, (sname, items) in VOC.items():
        blocks.append(para(run(f"มาตรฐานที่ {s} {sname}", bold=True)))
        for code, name in items.items():
            blocks += [para(run(f"ประเด็นการประเมินที่ {code} {name}", bold=True)),
                       para("1) ผลสัมฤทธิ์ ร้อยละของผู้เรียนที่ผ่านเกณฑ์ อยู่ในระดับ ยอดเยี่ยม"),
                       para("2) จุดเด่น ผู้เรียนได้รับรางวัลการแข่งขันทักษะวิชาชีพระดับภาค"),
                       para(f"ผลการประเมินอยู่ในระดับ {SCHOOL_LABELS[levels[code]]}")]
        blocks.append(para(f"สรุปผลการประเมินมาตรฐานที่ {s} อยู่ในระดับ {SCHOOL_LABELS[std_levels[s]]}"))
    write_docx(HERE / "layout_vocational.docx", blocks, header="SAR 2566 วิทยาลัยเทคนิคบ้านไผ่",
               footer="{PAGE}")


def subitem_ticks() -> None:
    """Sub-items 1) … 4) ticked in a matrix inside a ประเด็นพิจารณา: evidence, never indicators; the
    issue's own result stated below the table."""
    blocks = school_title("อนุบาลสุรินทร์", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุรินทร์ เขต 1")
    blocks.append(para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)))
    marks = {"1.1": [4, 5, 3, 4], "1.2": [5, 5, 4, 5]}
    result = {"1.1": 4, "1.2": 5}
    for code, name in ISSUES.items():
        blocks.append(para(run(f"ประเด็นพิจารณาที่ {code} {name}", bold=True)))
        rows = [["ประเด็นย่อย", "5", "4", "3", "2", "1"]]
        for k, sub in enumerate(SUB_11, start=1):
            rows.append([f"{k}) {sub}"] + [cell(para(sym("Wingdings", "F0FC"))) if lv == marks[code][k - 1] else ""
                                           for lv in (5, 4, 3, 2, 1)])
        blocks.append(table(rows, [5000, 800, 800, 800, 800, 800]))
        blocks.append(para(f"ผลการประเมินประเด็นพิจารณาที่ {code} อยู่ในระดับ {SCHOOL_LABELS[result[code]]}"))
    write_docx(HERE / "layout_subitem_ticks.docx", blocks)


def toc_headers() -> None:
    """An ESA 2557 report with a TOC field, a page header naming the office and a footer with page
    numbers; each standard starts a page; results in words."""
    levels = {("1", 1): 5, ("1", 2): 4, ("1", 3): 4, ("1", 4): 5, ("2", 1): 4, ("2", 2): 3}
    blocks = [para(run("รายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557", bold=True)),
              para("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา เขต 25"), para("ประจำปีงบประมาณ พ.ศ. 2559"), PAGE_BREAK]
    blocks += toc([("มาตรฐานที่ 1 การบริหารจัดการองค์การสู่ความเป็นเลิศ", 1), ("ตัวบ่งชี้ที่ 1 การบริหารจัดการที่ดี", 1),
                   ("ตัวบ่งชี้ที่ 2 การพัฒนาสู่องค์การแห่งการเรียนรู้", 2),
                   ("มาตรฐานที่ 2 การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ", 4)])
    for s in ("1", "2"):
        blocks.append(para(run(f"มาตรฐานที่ {s} {ESA2557[s][0]}", bold=True)))
        for (ss, i), lv in levels.items():
            if ss != s:
                continue
            blocks += [para(run(f"ตัวบ่งชี้ที่ {i} {ESA2557[s][1][i - 1]}", bold=True)), para(NARRATIVE),
                       para(NARRATIVE), para(f"ผลการประเมินตัวบ่งชี้ที่ {i} อยู่ในระดับคุณภาพ {ESA_LABELS[lv]}")]
        blocks.append(PAGE_BREAK)
    write_docx(HERE / "layout_toc_headers.docx", blocks[:-1],
               header="รายงานผลการประเมินตนเอง สพม. เขต 25 ปีงบประมาณ 2559", footer="- {PAGE} -")


def two_column() -> None:
    """A newsletter-style report in two columns: Writer fills the left column, then the right."""
    levels = {"1.1": 5, "1.2": 4, "2": 4, "3": 5}
    blocks = []
    for s, name in BASIC.items():
        blocks.append(para(run(f"มาตรฐานที่ {s} {name}", bold=True)))
        if s == "1":
            for code, iname in ISSUES.items():
                blocks += [para(run(f"ประเด็นพิจารณาที่ {code} {iname}", bold=True)), para(NARRATIVE), para(NARRATIVE),
                           para(f"ผลการประเมินอยู่ในระดับ {SCHOOL_LABELS[levels[code]]}")]
        else:
            blocks += [para(NARRATIVE), para(NARRATIVE), para(NARRATIVE),
                       para(f"ผลการประเมินอยู่ในระดับ {SCHOOL_LABELS[levels[s]]}")]
    write_docx(HERE / "layout_two_column.docx", blocks, columns=2)


def result_slot_blank() -> None:
    """A form filled in part: the result of 1.1 left as a dotted blank."""
    blocks = school_title("บ้านท่าช้าง", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 5")
    blocks += [para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)),
               para(run(f"ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}", bold=True)), para(NARRATIVE),
               para("ผลการประเมินอยู่ในระดับ ...................................."),
               para(run(f"ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}", bold=True)), para(NARRATIVE),
               para("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม")]
    write_docx(HERE / "layout_result_slot_blank.docx", blocks)


def exec_list() -> None:
    """An ESA executive summary as a bulleted list (a level per indicator), the body's tick tables
    agreeing with it."""
    ticks = {("1", 1): 5, ("1", 2): 4, ("1", 3): 4, ("2", 1): 5, ("2", 2): 4, ("2", 3): 3}
    blocks = [para(run("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560", bold=True)),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมิ เขต 1"), para("ประจำปีงบประมาณ พ.ศ. 2563"),
              para(run("สรุปผลการประเมิน", bold=True))]
    for (s, i), lv in ticks.items():
        blocks.append(para(f"• มาตรฐานที่ {s} ตัวบ่งชี้ที่ {i} {ESA2560[s][1][i - 1]} ระดับคุณภาพ {ESA_LABELS[lv]}"))
    blocks.append(PAGE_BREAK)
    for s in ("1", "2"):
        blocks.append(para(run(f"มาตรฐานที่ {s} {ESA2560[s][0]}", bold=True)))
        for (ss, i), lv in ticks.items():
            if ss == s:
                blocks += [para(run(f"ตัวบ่งชี้ที่ {i} {ESA2560[s][1][i - 1]}", bold=True)), tick_table(lv)]
    write_docx(HERE / "layout_exec_list.docx", blocks)


def two_levels_sentence() -> None:
    """One sentence with two results (a copy-paste left the old one): flagged, not guessed."""
    blocks = school_title("บ้านโคกกลาง", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์ เขต 4")
    blocks += [para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)),
               para(run(f"ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}", bold=True)),
               para("ผลการประเมินอยู่ในระดับ ดีเลิศ ผลการประเมินอยู่ในระดับ ยอดเยี่ยม"),
               para(run(f"ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}", bold=True)),
               para("ผลการประเมินอยู่ในระดับ ดีเลิศ")]
    write_docx(HERE / "layout_two_levels_sentence.docx", blocks)


def previous_year() -> None:
    """Last year's level and this year's in one sentence, by words and by years."""
    blocks = school_title("ชุมชนบ้านแก", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 2")
    blocks += [para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)),
               para(run(f"ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}", bold=True)),
               para("ในปีการศึกษาที่ผ่านมาอยู่ในระดับ ดี ในปีการศึกษานี้ผลการประเมินอยู่ในระดับ ดีเลิศ"),
               para(run(f"ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}", bold=True)),
               para("ปีการศึกษา 2565 อยู่ในระดับ ดีเลิศ ปีการศึกษา 2566 อยู่ในระดับ ยอดเยี่ยม"),
               para(run(f"มาตรฐานที่ 2 {BASIC['2']}", bold=True)),
               para("ค่าเป้าหมายระดับ ดีเลิศ ผลการประเมินอยู่ในระดับ ยอดเยี่ยม ซึ่งสูงกว่าค่าเป้าหมาย")]
    write_docx(HERE / "layout_previous_year.docx", blocks)


def fragmented_runs() -> None:
    """Headings and results in runs of a few characters each, as Word saves an edited file."""
    blocks = [para(fragmented("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557", bold=True)),
              para(fragmented("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต 2")),
              para(fragmented("ประจำปีงบประมาณ พ.ศ. 2558")),
              para(fragmented(f"มาตรฐานที่ 1 {ESA2557['1'][0]}", bold=True))]
    for i, lv in ((1, 5), (2, 4)):
        blocks += [para(fragmented(f"ตัวบ่งชี้ที่ {i} {ESA2557['1'][1][i - 1]}", bold=True)),
                   para(fragmented(f"คะแนนที่ได้รับ {lv * 8} ระดับคุณภาพ{ESA_LABELS[lv]}"))]
    blocks += [para(fragmented(f"ตัวบ่งชี้ที่ 3 {ESA2557['1'][1][2]}", bold=True)), tick_table(3)]
    write_docx(HERE / "layout_fragmented.docx", blocks)


def toc_only() -> None:
    blocks = school_title("บ้านหนองไผ่", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเลย เขต 1")
    blocks += toc([("ส่วนที่ 1 ข้อมูลพื้นฐาน", 1), ("ส่วนที่ 2 ผลการประเมินตนเอง", 5),
                   ("มาตรฐานที่ 1 คุณภาพของผู้เรียน", 5), ("ประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", 6),
                   ("มาตรฐานที่ 2 กระบวนการบริหารและการจัดการ", 9), ("มาตรฐานที่ 3 กระบวนการจัดการเรียนการสอน", 12)])
    write_docx(HERE / "layout_toc_only.docx", blocks[:-1])


def percent_summary() -> None:
    """Executive summary prose with percentages beside the levels, and the overall result."""
    levels = {"1": (5, 95.20), "2": (4, 86.40), "3": (4, 82.75)}
    blocks = school_title("บ้านนาดี", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต 3", 2565)
    blocks.append(para(run("บทสรุปของผู้บริหาร", bold=True)))
    for s, (lv, pc) in levels.items():
        blocks.append(para(f"มาตรฐานที่ {s} {BASIC[s]} มีผลการประเมินอยู่ในระดับคุณภาพ{SCHOOL_LABELS[lv]} "
                           f"คิดเป็นร้อยละ {pc:.2f}"))
    blocks.append(para("ผลการประเมินภาพรวมของสถานศึกษาอยู่ในระดับ ดีเลิศ"))
    write_docx(HERE / "layout_percent_summary.docx", blocks, header="SAR ปีการศึกษา 2565 โรงเรียนบ้านนาดี",
               footer="หน้า {PAGE}")


def realistic_sar() -> None:
    """A fuller school SAR: TOC, school data with numbers that are no levels, an evidence checklist
    with ticks, a criteria rubric, sub-items, targets, results in words and a summary table."""
    from wordml import content_checkbox
    blocks = school_title("บ้านห้วยทราย", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 4")
    blocks += toc([("ส่วนที่ 1 ข้อมูลพื้นฐาน", 1), ("ส่วนที่ 2 ผลการประเมินตนเอง", 4),
                   ("มาตรฐานที่ 1 คุณภาพของผู้เรียน", 4), ("มาตรฐานที่ 2 กระบวนการบริหารและการจัดการ", 7),
                   ("มาตรฐานที่ 3 กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ", 9), ("ภาคผนวก", 12)])
    blocks += [para(run("ส่วนที่ 1 ข้อมูลพื้นฐาน", bold=True)),
               para("จำนวนนักเรียนทั้งหมด 312 คน ระดับชั้นประถมศึกษาปีที่ 1-6 จำนวน 12 ห้องเรียน"),
               table([["ระดับชั้น", "ชาย", "หญิง", "รวม"], ["ป.1", "25", "27", "52"], ["ป.2", "24", "28", "52"],
                      ["รวม", "49", "55", "104"]], [3000, 2000, 2000, 2000]),
               para("ผลการทดสอบระดับชาติ (O-NET) ชั้นประถมศึกษาปีที่ 6 ได้คะแนนเฉลี่ย 45.30 คะแนน"),
               PAGE_BREAK, para(run("ส่วนที่ 2 ผลการประเมินตนเอง", bold=True)),
               para(run(f"มาตรฐานที่ 1 {BASIC['1']}", bold=True)),
               para("ค่าเป้าหมาย ระดับ ดีเลิศ"),
               para(run(f"ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}", bold=True)), para(NARRATIVE)]
    for k, sub in enumerate(SUB_11, start=1):
        blocks.append(para(f"{k}) {sub} ร้อยละ {70 + k * 5} อยู่ในระดับ {SCHOOL_LABELS[3 + k % 3]}"))
    blocks += [para("เกณฑ์การตัดสินระดับคุณภาพ"), rubric_rows(None, "bold"),
               para("ผลการประเมินประเด็นพิจารณาที่ 1.1 อยู่ในระดับ ดีเลิศ"),
               para("หลักฐานอ้างอิง"),
               para(content_checkbox(True), run(" 1. รายงานผลสัมฤทธิ์ทางการเรียน")),
               para(content_checkbox(True), run(" 2. แบบบันทึกการอ่าน")),
               para(content_checkbox(False), run(" 3. ผลงานนักเรียน")),
               para(run(f"ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}", bold=True)), para(NARRATIVE),
               para("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม"),
               para("สรุปผลการประเมินมาตรฐานที่ 1 อยู่ในระดับ ดีเลิศ"),
               para(run(f"มาตรฐานที่ 2 {BASIC['2']}", bold=True)), para(NARRATIVE),
               para("ผลการประเมินอยู่ในระดับ ยอดเยี่ยม"),
               para(run(f"มาตรฐานที่ 3 {BASIC['3']}", bold=True)), para(NARRATIVE),
               para("ผลการประเมินอยู่ในระดับ ดีเลิศ"),
               para(run("สรุปผลการประเมินตนเอง", bold=True)),
               table([["มาตรฐานการศึกษา", "ค่าเป้าหมาย", "ผลการประเมิน"],
                      [f"มาตรฐานที่ 1 {BASIC['1']}", "ดีเลิศ", "ดีเลิศ"],
                      [f"มาตรฐานที่ 2 {BASIC['2']}", "ดีเลิศ", "ยอดเยี่ยม"],
                      [f"มาตรฐานที่ 3 {BASIC['3']}", "ดี", "ดีเลิศ"]], [5000, 2000, 2000]),
               para("ผลการประเมินภาพรวมของสถานศึกษาอยู่ในระดับ ดีเลิศ")]
    write_docx(HERE / "layout_realistic_sar.docx", blocks,
               header="รายงานการประเมินตนเอง ปีการศึกษา 2566 โรงเรียนบ้านห้วยทราย", footer="หน้า {PAGE}")


# -- HTML ------------------------------------------------------------------------------------------
def _html(name: str, title: str, body: str) -> None:
    (HERE / name).write_text(f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8"><title>{title}</title>'
                             f'<link rel="stylesheet" href="font-awesome.min.css"></head>\n<body>\n{body}\n</body></html>\n',
                             encoding="utf-8")


def html_words() -> None:
    """Levels in words in every spelling a web page uses: a level with its label in brackets, Thai
    digits after ได้ระดับ, a label split by a line break in the source, a percentage."""
    body = f"""<h1>รายงานการประเมินตนเอง ปีการศึกษา 2566</h1>
<p>โรงเรียนบ้านสวนหอม สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลพบุรี เขต 2</p>
<h2>มาตรฐานที่ 1 {BASIC['1']}</h2>
<h3>ประเด็นพิจารณาที่ 1.1 {ISSUES['1.1']}</h3>
<p>{NARRATIVE}</p>
<p><b>ระดับคุณภาพ 4 (ดีเลิศ)</b></p>
<h3>ประเด็นพิจารณาที่ 1.2 {ISSUES['1.2']}</h3>
<p>{NARRATIVE}</p>
<p>ผลการประเมินอยู่ในระดับคุณภาพ ยอด
เยี่ยม คิดเป็นร้อยละ 100.00</p>
<h2>มาตรฐานที่ 2 {BASIC['2']}</h2>
<p>{NARRATIVE} จากการดำเนินงานดังกล่าว สถานศึกษาได้ระดับ ๕</p>
<h2>มาตรฐานที่ 3 {BASIC['3']}</h2>
<p>ผลการประเมิน : อยู่ในระดับ ดี</p>"""
    _html("layout_words.html", "SAR 2566", body)


def html_icons() -> None:
    """Boxes drawn with icon fonts, ARIA states and state classes, and one drawn by CSS alone."""
    def tbl(level: int, on: str, off: str) -> str:
        rows = "".join(f"<tr><td>{on if lv == level else off} {lv}</td><td>{desc(lv)}</td></tr>" for lv in (5, 4, 3, 2, 1))
        return f"<table border=1><tr><th>ระดับคุณภาพ</th><th>คำอธิบาย</th></tr>{rows}</table>"
    names1, names2 = ESA2560["1"][1], ESA2560["2"][1]
    body = f"""<h1>รายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560</h1>
<p>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 1 ประจำปีงบประมาณ พ.ศ. 2565</p>
<h2>มาตรฐานที่ 1 {ESA2560['1'][0]}</h2>
<h3>ตัวบ่งชี้ที่ 1 {names1[0]}</h3>
{tbl(4, '<i class="fa fa-check-square-o"></i>', '<i class="fa fa-square-o"></i>')}
<h3>ตัวบ่งชี้ที่ 2 {names1[1]}</h3>
{tbl(5, '<span class="glyphicon glyphicon-check"></span>', '<span class="glyphicon glyphicon-unchecked"></span>')}
<h3>ตัวบ่งชี้ที่ 3 {names1[2]}</h3>
{tbl(3, '<span role="checkbox" aria-checked="true"></span>', '<span role="checkbox" aria-checked="false"></span>')}
<h2>มาตรฐานที่ 2 {ESA2560['2'][0]}</h2>
<h3>ตัวบ่งชี้ที่ 1 {names2[0]}</h3>
{tbl(5, '<span class="box checked"></span>', '<span class="box unchecked"></span>')}
<h3>ตัวบ่งชี้ที่ 2 {names2[1]}</h3>
{tbl(4, '<span class="checkbox"></span>', '<span class="checkbox"></span>')}"""
    _html("layout_icons.html", "ESA 2565", body)


def html_runtogether() -> None:
    """Seed 000's run-together prose as an office web page prints it: Thai digits, one paragraph for
    a whole standard."""
    names = ESA2557["1"][1]
    parts = [f"มาตรฐานที่ ๑ {ESA2557['1'][0]} ได้คะแนน ๓๐ คะแนน ระดับดีเยี่ยม"]
    for i, (sc, lv) in enumerate(((40, 5), (40, 5), (35, 5), (35, 5)), start=1):
        parts.append(f"ตัวบ่งชี้ที่ {th(i)} {names[i - 1]} คะแนนที่ได้รับ {th(sc)} ระดับคุณภาพ{ESA_LABELS[lv]}")
    body = ("<p>รายงานผลการประเมินตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. ๒๕๕๗ "
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาแพร่ เขต ๑ ปีงบประมาณ ๒๕๕๘</p>\n<p>" + " ".join(parts) + "</p>")
    _html("layout_runtogether_thai.html", "ESA 2558", body)


def html_header_only() -> None:
    body = f"""<div class="nav"><ul><li><a href="s1.html">มาตรฐานที่ 1 {BASIC['1']}</a></li>
<li><a href="s2.html">มาตรฐานที่ 2 {BASIC['2']}</a></li><li><a href="s3.html">มาตรฐานที่ 3 {BASIC['3']}</a></li></ul></div>
<p>รายงานการประเมินตนเอง ปีการศึกษา 2566 โรงเรียนบ้านเหล่า</p>"""
    _html("layout_header_only.html", "SAR", body)


def html_matrix_shaded() -> None:
    """A level matrix whose chosen cell is shaded, with no tick: a level, flagged."""
    names = ESA2557["1"][1]
    head = "<tr><th>ตัวบ่งชี้</th>" + "".join(f"<th>{ESA_LABELS[lv]}</th>" for lv in (5, 4, 3, 2, 1)) + "</tr>"
    rows = ""
    for i, chosen in ((1, 5), (2, 4), (3, 4), (4, 3)):
        cells = "".join(f'<td style="background-color:#c6efce">{desc(lv)[:30]}</td>' if lv == chosen
                        else f"<td>{desc(lv)[:30]}</td>" for lv in (5, 4, 3, 2, 1))
        rows += f"<tr><td>ตัวบ่งชี้ที่ {i} {names[i - 1]}</td>{cells}</tr>"
    body = (f"<p>รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557</p>"
            f"<p>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 1 ประจำปีงบประมาณ 2558</p>"
            f"<p>มาตรฐานที่ 1 {ESA2557['1'][0]}</p><table border=1>{head}{rows}</table>")
    _html("layout_matrix_shaded.html", "ESA", body)


PDF_FROM = ["layout_two_parts", "layout_vocational", "layout_toc_headers", "layout_two_column",
            "layout_percent_summary", "layout_realistic_sar"]


def pdfs() -> None:
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        _soffice(["--convert-to", "pdf"], [HERE / f"{n}.docx" for n in PDF_FROM], Path(tmp))
        for n in PDF_FROM:
            shutil.copy(Path(tmp) / f"{n}.pdf", HERE / f"pdf_{n}.pdf")


def main() -> None:
    for build in (two_parts, targets_results, plan_targets_only, prose_vs_ticks, rubric_bold, shading, vocational,
                  subitem_ticks, toc_headers, two_column, result_slot_blank, exec_list, two_levels_sentence,
                  previous_year, fragmented_runs, toc_only, percent_summary, realistic_sar, html_words, html_icons,
                  html_runtogether, html_header_only, html_matrix_shaded):
        build()
    pdfs()
    (HERE / "layout_two_column.docx").unlink()  # the two-column file is here for its PDF only


if __name__ == "__main__":
    main()
