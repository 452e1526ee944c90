"""Build the corpus documents in their native formats.

Run from the repository root: `python corpus/make_corpus.py`. The documents are committed; this
script records how each was made. The truth files (`<name>.truth.json`) are NOT written here: they
were written by hand from what each document says (read back with LibreOffice's text export), so
a mistake in this script shows up as a disagreement instead of being copied into the truth.

Seeds 000-004 come from ../shared/seeds; the rest reuse their offices' real wording and the
framework names in ../shared/research/frameworks.md, with tick encodings taken from
../shared/research/peers.md §2.2 and §2.5.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from wordml import (content_checkbox, form_checkbox, letter, para, run, sdt_inline, sym, table,  # noqa: E402
                    textbox, cell, write_docx)

SEEDS = HERE.parent.parent / "shared" / "seeds"
TH = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

ESA2557 = {
    "1": ("การบริหารจัดการองค์การสู่ความเป็นเลิศ", ["การบริหารจัดการที่ดี", "การพัฒนาสู่องค์การแห่งการเรียนรู้",
          "การกระจายอำนาจและการส่งเสริมการบริหารจัดการอย่างมีส่วนร่วม",
          "การติดตามตรวจสอบประเมินผลและนิเทศการศึกษาที่มีประสิทธิภาพ"]),
    "2": ("การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ", ["การบริหารงานด้านวิชาการ", "การบริหารงานด้านงบประมาณ",
          "การบริหารงานด้านบริหารงานบุคคล", "การบริหารงานด้านการบริหารทั่วไป", "การขับเคลื่อนนโยบายไปสู่การปฏิบัติ"]),
    "3": ("ผลการบริหารและการจัดการศึกษาของสำนักงานเขตพื้นที่การศึกษา", [
          "สำนักงานเขตพื้นที่การศึกษามีผลงานที่แสดงความสำเร็จและเป็นแบบอย่างได้",
          "สถานศึกษามีคุณภาพตามมาตรฐานการประกันคุณภาพการศึกษา", "ผู้เรียนทุกระดับการศึกษามีคุณภาพตามหลักสูตร",
          "ผู้เรียนมีคุณภาพตามจุดเน้นและสมรรถนะสำคัญตามหลักสูตรแกนกลางการศึกษาขั้นพื้นฐาน พุทธศักราช 2551",
          "ผู้เรียนมีคุณลักษณะอันพึงประสงค์ตามหลักสูตรแกนกลางการศึกษาขั้นพื้นฐาน พุทธศักราช 2551",
          "ผู้เรียนมีสุขภาพกาย สุขภาพจิต ที่ดี",
          "ประชากรวัยเรียนได้รับสิทธิและโอกาสทางการศึกษาขั้นพื้นฐานเท่าเทียมกันและส่งเสริมการศึกษาต่อในระดับที่สูงขึ้น",
          "ความพึงพอใจของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"]),
}
ESA2560 = {
    "1": ("การบริหารจัดการองค์การสู่ความเป็นเลิศ", ["การบริหารจัดการที่ดี", "การพัฒนาสู่องค์การแห่งการเรียนรู้",
          "การกระจายอำนาจและการส่งเสริมการบริหารจัดการอย่างมีส่วนร่วม"]),
    "2": ("การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ", ["การบริหารงานด้านวิชาการ", "การบริหารงานด้านงบประมาณ",
          "การบริหารงานด้านการบริหารงานบุคคล"]),
}
ESA2551 = {
    "1": ("สำนักงานเขตพื้นที่การศึกษา บริหารจัดการโดยมุ่งผลสัมฤทธิ์ และพัฒนาระบบการจัดการตามเกณฑ์คุณภาพการบริหารการจัดการศึกษาภาครัฐ (PMQA)",
          ["ระบบการบริหารจัดการที่ดี", "ผลงานที่แสดงถึงความสำเร็จจากการบริหารจัดการ", "การพัฒนาเพื่อมุ่งสู่ความเป็นเลิศ"]),
    "2": ("สำนักงานเขตพื้นที่การศึกษาดำเนินการขับเคลื่อนนโยบายสู่การปฏิบัติจนบรรลุเป้าหมายและส่งผลดีต่อการพัฒนาสถานศึกษา",
          ["กระบวนการขับเคลื่อนนโยบายไปสู่การปฏิบัติ", "ผลงานที่แสดงถึงความสำเร็จตามนโยบายและส่งผลดีต่อการพัฒนาสถานศึกษา"]),
    "3": ("สำนักงานเขตพื้นที่การศึกษามีการกำกับดูแล ส่งเสริมสนับสนุน ช่วยเหลือ และพัฒนาสถานศึกษาให้เกิดความเข้มแข็ง",
          ["การกำกับดูแลส่งเสริม สนับสนุน ช่วยเหลือและพัฒนาสถานศึกษา",
           "สถานศึกษาจัดบริการการศึกษาแก่กลุ่มเป้าหมายได้อย่างทั่วถึงและมีคุณภาพตามมาตรฐาน"]),
    "4": ("สำนักงานเขตพื้นที่การศึกษาบริหารอัตรากำลังให้เกิดประโยชน์สูงสุดต่อการจัดการศึกษาและพัฒนาครูและบุคลากรทางการศึกษาสู่การเป็นมืออาชีพ",
          ["การบริหารอัตรากำลังครูและบุคลากรทางการศึกษา",
           "กระบวนการที่มีประสิทธิภาพในการพัฒนาครูและบุคลากรทางการศึกษาและส่งผลดีต่อการพัฒนาคุณภาพการศึกษา",
           "ผลที่ได้รับจากการพัฒนาครูและบุคลากรทางการศึกษา"]),
    "5": ("สำนักงานเขตพื้นที่การศึกษาสร้างและพัฒนาเครือข่ายความร่วมมือในการจัดการศึกษา",
          ["การสร้างและพัฒนาเครือข่าย", "ผลที่ได้รับจากการสร้างและพัฒนาเครือข่าย"]),
}
ESA_LABELS = {5: "ดีเยี่ยม", 4: "ดีมาก", 3: "ดี", 2: "พอใช้", 1: "ปรับปรุง"}
SCHOOL_LABELS = {5: "ยอดเยี่ยม", 4: "ดีเลิศ", 3: "ดี", 2: "ปานกลาง", 1: "กำลังพัฒนา"}


def desc(level: int, items: int = 4) -> str:
    """The usual ESA 2557/2560 level description: how many considerations were done and shown."""
    shown = {5: "ทุกข้อ", 4: f"{items - 1} ข้อ", 3: f"{items - 2} ข้อ", 2: f"{items - 3} ข้อ", 1: "ไม่ชัดเจน"}[level]
    return f"มีการดำเนินการตามประเด็นการพิจารณาครบ {items} ข้อ มีร่องรอยหลักฐานปรากฏชัดเจน {shown}"


def level_rows(ticked: int | set[int] | None, box, first_cell, order=(5, 4, 3, 2, 1), extra=lambda lv: []) -> list:
    """Rows of a level table. `box(level, checked)` gives the tick run(s); `first_cell(level, box)`
    the cells that hold the box and the level."""
    ticks = ticked if isinstance(ticked, set) else ({ticked} if ticked else set())
    return [first_cell(lv, box(lv, lv in ticks)) + extra(lv) for lv in order]


def th(n) -> str:
    return str(n).translate(TH)


# --------------------------------------------------------------------------------------------------
# Word documents
# --------------------------------------------------------------------------------------------------

def doc_000() -> None:
    """Seed 000 as the prose report it was: one paragraph per line of the dump."""
    lines = (SEEDS / "000_d075da083c9b7581.txt").read_text(encoding="utf-8").splitlines()
    write_docx(HERE / "000_lamphun2_2557_prose.docx", [para(line) for line in lines if line.strip()])


def _seed002_chunks() -> dict[int, str]:
    text = (SEEDS / "002_3b318d978d856d59.txt").read_text(encoding="utf-8")
    parts = re.split(r"\nมาตรฐานที่  ๑   การบริหารจัดการองค์การสู่ความเป็นเลิศ\n", text)
    out = {}
    for n, part in enumerate(parts, start=1):
        body = part.split("เอกสาร/หลักฐานอ้างอิง", 1)[-1]
        body = re.split(r"\n\t\(\n", body)[0]
        out[n] = re.sub(r"[ \t]+", " ", body).strip()[:1800]
    return out


def doc_002() -> None:
    """Seed 002: standard 1 of ESA 2557 in Thai digits, a level table per indicator whose box is a
    Wingdings symbol (F0FE ticked, F0A8 empty). Chosen ticks: 5, 4, 5, 3."""
    names = ["การบริหารจัดการที่ดี", "การพัฒนาสู่องค์การแห่งการเรียนรู้",
             "การกระจายอำนาจและการส่งเสริมการบริหารจัดการอย่างมีส่วนร่วม",
             "การติดตาม ตรวจสอบ ประเมินผล และนิเทศการศึกษาที่มีประสิทธิภาพ"]
    items = [6, 4, 4, 4]
    ticks = [5, 4, 5, 3]
    chunks = _seed002_chunks()
    blocks = [para("มาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ.๒๕๕๗"), para(" สพป.พัทลุง เขต ๒"), para("")]
    network = table([["ที่", "เครือข่าย", "จำนวนโรงเรียน", "ผู้รับผิดชอบ"],
                     ["๑", "คีรีรัตน์", "๘", "นายโสภณ  บุญเกื้อ"], ["๒", "ไพรวัลย์", "๘", "นายอาทร  จันทร์แดง"],
                     ["๓", "รังสีตรีมิตร", "๑๐", "นางผุสดี  ฤทธิ์ช่วยรอด"], ["๔", "พันธปัญญา", "๑๑", "นางสุพัตรา สิงหเสม"],
                     ["๕", "สองเกาะ", "๙", "นายสมพร  แก้วทอง"]])
    for i in range(4):
        blocks.append(para("มาตรฐานที่  ๑   การบริหารจัดการองค์การสู่ความเป็นเลิศ"))
        blocks.append(para(f"ตัวบ่งชี้ที่ {th(i + 1)} : {names[i]}"))
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ", "วิธีการดำเนินงาน / ผลการดำเนินงาน /ความเห็นและข้อเสนอแนะ",
                 "เอกสาร/หลักฐานอ้างอิง"]]
        for lv in (5, 4, 3, 2, 1):
            box = sym("Wingdings", "F0FE" if lv == ticks[i] else "F0A8")
            d = desc(lv, items[i]).translate(TH).replace("ครบ", "\nการพิจารณาครบ", 1).replace(" มีร่องรอย", "\nมีร่องรอย")
            narrative = [para(chunks.get(i + 1, ""))] if lv == 5 else [""]
            if lv == 5 and i == 3:
                narrative.append(network)
            evidence = "ประเด็นที่ 1 ประกอบด้วย\n๑. แผนปฏิบัติการประจำปี\n๒. โครงการจัดทำแผนปฏิบัติการประจำปี ๒๕๕๗" if lv == 5 else ""
            rows.append([cell(para(box), para(th(lv))), cell(para(run(d))), cell(*narrative), cell(para(run(evidence)))])
        blocks.append(table(rows, [1300, 2200, 4000, 1500]))
        blocks.append(para(""))
    write_docx(HERE / "002_phatthalung2_2557_levels.docx", blocks)


def doc_esa2551_wingdings2() -> None:
    """ESA 2551, N.M numbering, rows in ascending order (ระดับ ๑ first), Wingdings 2 boxes in their
    own tick column: F052 ☑ / F0A3 □, two ticks written as plain code 54 (☒)."""
    ticks = {"1.1": 5, "1.2": 4, "1.3": 4, "2.1": 5, "2.2": 3, "3.1": 4, "3.2": 5, "4.1": 3, "4.2": 4, "4.3": 2,
             "5.1": 5, "5.2": 4}
    crossed = {"2.2", "4.3"}
    blocks = [para(run("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2551", bold=True)),
              para("สำนักงานเขตพื้นที่การศึกษาสุพรรณบุรี เขต 2"), para("ประจำปีงบประมาณ 2552")]
    for s, (sname, inds) in ESA2551.items():
        blocks.append(para(run(f"มาตรฐานที่ {s} {sname}", bold=True)))
        for j, iname in enumerate(inds, start=1):
            code = f"{s}.{j}"
            blocks.append(para(run(f"ตัวบ่งชี้ที่ {code} : {iname}", bold=True)))
            rows = [["", "ระดับคุณภาพ", "เกณฑ์การพิจารณา"]]
            for lv in (1, 2, 3, 4, 5):
                on = lv == ticks[code]
                box = sym("Wingdings 2", ("54" if code in crossed else "F052") if on else "F0A3")
                rows.append([cell(para(box)), f"ระดับ {lv}", desc(lv, 5)])
            blocks.append(table(rows, [700, 1600, 6700]))
    write_docx(HERE / "esa2551_wingdings2_ascending.docx", blocks)


def doc_font_letters() -> None:
    """Ticks typed as letters in a Wingdings run (þ ticked, ¨ empty, ý crossed, U+F0FE in the
    private-use area), headings split over runs, over two paragraphs, over a line break, with a tab
    and odd spacing; a continuation heading after a page break."""
    ticks = {1: 5, 2: 4, 3: 3, 4: 4}
    checked_letter = {1: "þ", 2: "ý", 3: "\uf0fe", 4: "þ"}
    blocks = [para("รายงานผลการประเมินตนเอง ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. ๒๕๕๗"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงราย เขต ๓"), para("ประจำปีงบประมาณ พ.ศ. ๒๕๕๘"),
              para("มาตรฐานที่ ๑ การบริหารจัดการองค์การสู่ความเป็นเลิศ")]
    names = ESA2557["1"][1]
    headings = {
        1: [para(run("ตัวบ่ง"), run("ชี้ที่ "), run("๑", bold=True), run(" : " + names[0]))],
        2: [para("ตัวบ่งชี้ที่"), para("๒ " + names[1])],
        3: [para(run("ตัวบ่งชี้ที่ ๓\n" + names[2]))],
        4: [para(run("ตัว บ่งชี้ ที่  4\t" + names[3]))],
    }
    for i in (1, 2, 3, 4):
        blocks.extend(headings[i])
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]]
        for lv in (5, 4, 3, 2, 1):
            box = letter("Wingdings", checked_letter[i] if lv == ticks[i] else "¨")
            rows.append([cell(para(box, run(f" ระดับ {th(lv)} {ESA_LABELS[lv]}"))), desc(lv).translate(TH)])
        blocks.append(table(rows, [3000, 6000]))
        if i == 2:
            blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            blocks.append(para("ตัวบ่งชี้ที่ ๒ (ต่อ) " + names[1]))
            blocks.append(para("ผลการดำเนินงานเพิ่มเติม: จัดกิจกรรมชุมชนแห่งการเรียนรู้ (PLC) ทุกกลุ่มงาน"))
    write_docx(HERE / "esa2557_font_letters_headings.docx", blocks)


def doc_content_controls() -> None:
    """w14:checkbox content controls as the boxes; text inside w:sdt at body, paragraph, row and
    cell level (python-docx drops all of these)."""
    ticks = {("1", 1): 5, ("1", 2): 4, ("1", 3): 5, ("2", 1): 4, ("2", 3): 3}
    blocks = [para("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560"),
              '<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent>'
              + para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 4") + para("ประจำปีงบประมาณ พ.ศ. 2563")
              + "</w:sdtContent></w:sdt>"]
    for (s, j), tick in ticks.items():
        sname, inds = ESA2560[s]
        if j == 1 or (s, j) == ("2", 3):
            blocks.append(para(f"มาตรฐานที่ {s} {sname}"))
        if (s, j) == ("1", 2):
            blocks.append(para(run("ตัวบ่งชี้ที่ 2 "), sdt_inline(run(inds[1]))))
        elif (s, j) == ("2", 1):
            blocks.append('<w:sdt><w:sdtPr><w:id w:val="3"/></w:sdtPr><w:sdtContent>'
                          + para(f"ตัวบ่งชี้ที่ 1 {inds[0]}") + "</w:sdtContent></w:sdt>")
        else:
            blocks.append(para(f"ตัวบ่งชี้ที่ {j} {inds[j - 1]}"))
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]]
        for lv in (5, 4, 3, 2, 1):
            level_cell = cell(para(content_checkbox(lv == tick), run(f" {lv}")))
            if (s, j) == ("1", 3) and lv == 3:
                level_cell = cell('<w:sdt><w:sdtPr><w:id w:val="4"/></w:sdtPr><w:sdtContent>'
                                  + para(content_checkbox(False), run(" 3")) + "</w:sdtContent></w:sdt>")
            rows.append([level_cell, desc(lv)])
        tbl = table(rows, [2000, 7000])
        if (s, j) == ("2", 1):  # wrap the level-4 row in a row-level content control
            parts = tbl.split("<w:tr>")
            parts[3] = '<w:sdt><w:sdtPr><w:id w:val="5"/></w:sdtPr><w:sdtContent><w:tr>' + parts[3].replace(
                "</w:tr>", "</w:tr></w:sdtContent></w:sdt>", 1)
            tbl = "<w:tr>".join(p for p in parts[:3]) + parts[3] + "".join("<w:tr>" + p for p in parts[4:])
        blocks.append(tbl)
    write_docx(HERE / "esa2560_content_controls.docx", blocks)


def doc_formfields() -> None:
    """A school SAR (2554 standards) whose boxes are legacy FORMCHECKBOX fields: a box checked by
    w:default only, a bare <w:checked/>, and w:checked="0" overriding w:default="1"."""
    stds = {"1": ("ผู้เรียนมีสุขภาวะที่ดีและมีสุนทรียภาพ", ["มีสุขนิสัยในการดูแลสุขภาพและออกกำลังกายสม่ำเสมอ",
                  "มีน้ำหนัก ส่วนสูง และมีสมรรถภาพทางกายตามเกณฑ์มาตรฐาน",
                  "ป้องกันตนเองจากสิ่งเสพติดให้โทษและหลีกเลี่ยงตนเองจากสภาวะที่เสี่ยงต่อความรุนแรง โรค ภัย อุบัติเหตุ และปัญหาทางเพศ",
                  "เห็นคุณค่าในตนเอง มีความมั่นใจ กล้าแสดงออกอย่างเหมาะสม", "มีมนุษยสัมพันธ์ที่ดีและให้เกียรติผู้อื่น",
                  "สร้างผลงานจากการเข้าร่วมกิจกรรมด้านศิลปะ ดนตรี/นาฏศิลป์ กีฬา/นันทนาการ"]),
            "2": ("ผู้เรียนมีคุณธรรม จริยธรรม และค่านิยมที่พึงประสงค์", ["มีคุณลักษณะที่พึงประสงค์ตามหลักสูตร",
                  "เอื้ออาทรผู้อื่นและกตัญญูกตเวทีต่อผู้มีพระคุณ", "ยอมรับความคิดและวัฒนธรรมที่แตกต่าง",
                  "ตระหนัก รู้คุณค่า ร่วมอนุรักษ์และพัฒนาสิ่งแวดล้อม"])}
    ticks = {"1.1": 5, "1.2": 4, "1.3": 5, "1.4": 3, "1.5": 4, "1.6": 5, "2.1": 4, "2.2": 5, "2.3": 4, "2.4": 3}
    blocks = [para(run("รายงานการประเมินตนเองของสถานศึกษา (SAR)", bold=True)), para("โรงเรียนบ้านหนองบัววิทยา"),
              para("ปีการศึกษา 2555"),
              para("สังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต 5"),
              para("ตามมาตรฐานการศึกษาขั้นพื้นฐาน เพื่อการประกันคุณภาพภายในของสถานศึกษา พ.ศ. 2554")]
    n = 0
    for s, (sname, inds) in stds.items():
        blocks.append(para(f"มาตรฐานที่ {s} {sname}"))
        for j, iname in enumerate(inds, start=1):
            code = f"{s}.{j}"
            blocks.append(para(f"ตัวบ่งชี้ที่ {code} {iname}"))
            rows = [["ผลการประเมิน", "ระดับคุณภาพ", "ความหมาย"]]
            for lv in (5, 4, 3, 2, 1):
                n += 1
                on = lv == ticks[code]
                if code == "1.1":
                    box = form_checkbox(checked=None, default="1" if on else "0", name=f"Check{n}")
                elif code == "1.2":
                    box = (form_checkbox(checked="", default="0", name=f"Check{n}") if on else
                           form_checkbox(checked="0", default="1" if lv == 5 else "0", name=f"Check{n}"))
                else:
                    box = form_checkbox(checked="1" if on else "0", default="0", name=f"Check{n}")
                rows.append([cell(para(box)), f"{lv} ({ESA_LABELS[lv]})", f"ร้อยละของผู้เรียนที่ผ่านเกณฑ์ระดับ {lv}"])
            blocks.append(table(rows, [1500, 2000, 5500]))
    write_docx(HERE / "school2554_formfields.docx", blocks)


def doc_school2561_unicode() -> None:
    """School standards 2561: ประเด็นพิจารณา 1.1 / 1.2 and standard-level tables for standards 2 and
    3; the school scale (ยอดเยี่ยม … กำลังพัฒนา) in ascending order; Unicode ☑ ☐ ✓ ■ □ ☒."""
    blocks = [para("รายงานผลการประเมินตนเองของสถานศึกษา ปีการศึกษา 2563"), para("โรงเรียนวัดสวนแก้ววิทยา"),
              para("ตามมาตรฐานการศึกษาระดับการศึกษาขั้นพื้นฐาน พ.ศ. 2561"),
              para("มาตรฐานที่ 1 คุณภาพของผู้เรียน")]

    def tbl(tick: int, on: str, off: str, inline: bool = True) -> str:
        rows = [["ระดับคุณภาพ", "ผลการประเมิน"]]
        for lv in (1, 2, 3, 4, 5):
            mark = on if lv == tick else off
            rows.append([f"{mark} {SCHOOL_LABELS[lv]}" if inline else SCHOOL_LABELS[lv],
                         "" if inline else (mark if mark.strip() else "")])
        return table(rows, [4500, 4500])

    blocks.append(para("ประเด็นพิจารณาที่ 1.1 ผลสัมฤทธิ์ทางวิชาการของผู้เรียน"))
    blocks.append(tbl(5, "\u2611", "\u2610"))
    blocks.append(para("ประเด็นพิจารณาที่ 1.2 คุณลักษณะที่พึงประสงค์ของผู้เรียน"))
    blocks.append(tbl(4, "\u2713", "", inline=False))
    blocks.append(para("มาตรฐานที่ 2 กระบวนการบริหารและการจัดการ"))
    blocks.append(tbl(4, "\u25a0", "\u25a1"))
    blocks.append(para("มาตรฐานที่ 3 กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ"))
    blocks.append(tbl(3, "\u2612", "\u2610"))
    write_docx(HERE / "school2561_unicode.docx", blocks)


def doc_result_column() -> None:
    """A ✓ in a separate result column, and an evidence column of ticked checklists (one of them a
    cell holding nothing but ☑) that must not count as levels."""
    ticks = {("1", 1): 5, ("1", 2): 5, ("1", 3): 4, ("2", 1): 3}
    blocks = [para("รายงานผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 3 ประจำปีงบประมาณ 2564")]
    last_std = None
    for (s, j), tick in ticks.items():
        sname, inds = ESA2560[s]
        if s != last_std:
            blocks.append(para(f"มาตรฐานที่ {s} {sname}"))
            last_std = s
        blocks.append(para(f"ตัวบ่งชี้ที่ {j} {inds[j - 1]}"))
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ", "ผลการประเมิน", cell("เอกสาร/หลักฐานอ้างอิง", span=2)]]
        for lv in (5, 4, 3, 2, 1):
            ev_box, ev_text = ("\u2611", "แผนปฏิบัติการประจำปี") if lv in (5, 4) else ("", "")
            rows.append([str(lv), desc(lv), "\u2713" if lv == tick else "", ev_box,
                         "\u2611 คำสั่งแต่งตั้งคณะทำงาน \u2610 รายงานการประชุม" if lv == 5 else ev_text])
        blocks.append(table(rows, [1200, 3800, 1200, 600, 2200]))
    write_docx(HERE / "esa2560_result_column.docx", blocks)


def doc_review_cases() -> None:
    """Evidence that must be flagged, not guessed: two ticks, no tick, a symbol we cannot read, a
    label contradicting the ticked number, a content control whose glyph contradicts its state."""
    blocks = [para("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสงขลา เขต 1 ประจำปีงบประมาณ 2557"),
              para("มาตรฐานที่ 1 " + ESA2557["1"][0])]
    names = ESA2557["1"][1]
    wd = lambda on: sym("Wingdings", "F0FE" if on else "F0A8")  # noqa: E731

    def simple(ticks: set[int], box=wd, unknown_at: int | None = None, label_col: dict | None = None) -> str:
        rows = [["ระดับคุณภาพ", "", "คำอธิบายระดับคุณภาพ"]]
        for lv in (5, 4, 3, 2, 1):
            b = sym("Wingdings", "F0A4") if lv == unknown_at else box(lv in ticks)
            rows.append([cell(para(b, run(f" {lv}"))), (label_col or ESA_LABELS)[lv], desc(lv)])
        return table(rows, [2000, 1800, 5200])

    blocks += [para("ตัวบ่งชี้ที่ 1 " + names[0]), simple({5, 4})]
    blocks += [para("ตัวบ่งชี้ที่ 2 " + names[1]), simple(set())]
    blocks += [para("ตัวบ่งชี้ที่ 3 " + names[2]), simple(set(), unknown_at=5)]
    swapped = dict(ESA_LABELS)
    swapped[4] = "ดีเยี่ยม"
    blocks += [para("ตัวบ่งชี้ที่ 4 " + names[3]), simple({4}, label_col=swapped)]
    blocks.append(para("มาตรฐานที่ 2 " + ESA2557["2"][0]))
    names2 = ESA2557["2"][1]
    rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]]
    for lv in (5, 4, 3, 2, 1):
        box = content_checkbox(True, shown="\u2610") if lv == 5 else content_checkbox(False)
        rows.append([cell(para(box, run(f" {lv}"))), desc(lv)])
    blocks += [para("ตัวบ่งชี้ที่ 1 " + names2[0]), table(rows, [2000, 7000])]
    blocks += [para("ตัวบ่งชี้ที่ 2 " + names2[1]), simple({3})]
    blocks.append(para("รวม 2 มาตรฐาน 6 ตัวบ่งชี้"))
    write_docx(HERE / "esa2557_review_cases.docx", blocks)


def doc_summary_table() -> None:
    """A summary table: standard and indicator rows with weight, score and level label; a total
    row; the stated total in prose. Indicator score = weight × level, standard = sum / 5, as in
    seed 000."""
    weights = {"1": [8, 8, 7, 7], "2": [6, 6, 6, 6, 6], "3": [5] * 8}
    levels = {"1": [5, 4, 5, 4], "2": [5, 5, 4, 5, 3], "3": [5, 5, 3, 4, 5, 5, 4, 5]}
    std_labels = {"1": "ดีเยี่ยม", "2": "ดีมาก", "3": "ดีเยี่ยม"}
    rows = [["มาตรฐาน/ตัวบ่งชี้", "น้ำหนักคะแนน", "คะแนนที่ได้", "ระดับคุณภาพ"]]
    total = 0.0
    for s, (sname, inds) in ESA2557.items():
        scores = [w * lv for w, lv in zip(weights[s], levels[s])]
        std_score = sum(scores) / 5
        total += std_score
        rows.append([cell(para(run(f"มาตรฐานที่ {s} {sname}", bold=True))), str(sum(weights[s])), f"{std_score:.2f}",
                     std_labels[s]])
        for j, (iname, w, sc, lv) in enumerate(zip(inds, [w * 5 for w in weights[s]], scores, levels[s]), start=1):
            rows.append([f"ตัวบ่งชี้ที่ {j} {iname}", str(w), str(sc), ESA_LABELS[lv]])
    rows.append(["รวม", "100", f"{total:.2f}", "ดีมาก"])
    blocks = [para("สรุปผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 7"), para("ประจำปีงบประมาณ 2558"),
              table(rows, [5400, 1200, 1200, 1200]),
              para(f"รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ {total:.2f} ระดับคุณภาพดีมาก")]
    write_docx(HERE / "esa2557_summary_table.docx", blocks)


def doc_matrix_merged() -> None:
    """A level matrix: merged header cells (ระดับคุณภาพ over 5 4 3 2 1, a vertically merged first
    column), a row per indicator with ✓ (or ✔) under the chosen level, standard rows spanning the table."""
    ticks = {"1": [5, 4, 4, 5], "2": [5, 3, 4, 4, 5]}
    rows = [[cell("มาตรฐาน / ตัวบ่งชี้", vmerge="restart"), cell("ระดับคุณภาพ", span=5)],
            [cell("", vmerge="continue"), "5", "4", "3", "2", "1"]]
    for s in ("1", "2"):
        sname, inds = ESA2557[s]
        rows.append([cell(f"มาตรฐานที่ {s} {sname}", span=6)])
        for j, iname in enumerate(inds, start=1):
            mark = "\u2714" if (s, j) == ("2", 3) else "\u2713"
            rows.append([f"ตัวบ่งชี้ที่ {j} {iname}"] + [mark if lv == ticks[s][j - 1] else "" for lv in (5, 4, 3, 2, 1)])
    blocks = [para("ผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557 ประจำปีงบประมาณ 2559"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาระยอง เขต 1"), table(rows, [5000, 800, 800, 800, 800, 800])]
    write_docx(HERE / "esa2557_level_matrix.docx", blocks)


def doc_textbox_nested() -> None:
    """A heading inside a text box, a level table nested in a layout table, a heading in a
    body-level content control and level rows inside a row-level one."""
    inds = ESA2560["1"][1]
    inner = table([["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]] +
                  [[f"{'☑' if lv == 4 else '☐'} ระดับ {lv}", desc(lv)] for lv in (5, 4, 3, 2, 1)], [2500, 5500])
    layout = table([[cell(para("ผลการประเมินตนเอง")), cell(inner)]], [1500, 7500])
    second = table([["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]] +
                   [[f"{'☑' if lv == 5 else '☐'} ระดับ {lv}", desc(lv)] for lv in (5, 4, 3, 2, 1)], [2500, 6500])
    parts = second.split("<w:tr>")
    second = parts[0] + "<w:tr>" + parts[1] + '<w:sdt><w:sdtPr><w:id w:val="9"/></w:sdtPr><w:sdtContent>' + \
        "".join("<w:tr>" + p for p in parts[2:]).replace("</w:tbl>", "") + "</w:sdtContent></w:sdt></w:tbl>"
    blocks = [para("รายงานผลการประเมินตนเอง ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตรัง เขต 1 ปีงบประมาณ 2562"),
              para("มาตรฐานที่ 1 " + ESA2560["1"][0]),
              para(textbox(para(f"ตัวบ่งชี้ที่ 1 {inds[0]}"))),
              layout,
              '<w:sdt><w:sdtPr><w:id w:val="8"/></w:sdtPr><w:sdtContent>' + para(f"ตัวบ่งชี้ที่ 2 {inds[1]}")
              + "</w:sdtContent></w:sdt>",
              second]
    write_docx(HERE / "esa2560_textbox_nested.docx", blocks)


def doc_rubric() -> None:
    """A school's rubric: every level described, nothing to tick. It states no level."""
    blocks = [para("เกณฑ์การประเมินคุณภาพภายในสถานศึกษา ตามมาตรฐานการศึกษาระดับการศึกษาขั้นพื้นฐาน พ.ศ. 2561"),
              para("โรงเรียนบ้านนาเจริญ ปีการศึกษา 2567"),
              para("มาตรฐานที่ 1 คุณภาพของผู้เรียน")]
    for code, name in (("1.1", "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน"), ("1.2", "คุณลักษณะที่พึงประสงค์ของผู้เรียน")):
        blocks.append(para(f"ประเด็นพิจารณาที่ {code} {name}"))
        rows = [["ระดับคุณภาพ", "เกณฑ์การพิจารณา"]]
        for lv in (5, 4, 3, 2, 1):
            rows.append([SCHOOL_LABELS[lv], f"ผู้เรียนร้อยละ {50 + 10 * lv} ขึ้นไป มีผลการประเมินผ่านเกณฑ์ที่สถานศึกษากำหนด"])
        blocks.append(table(rows, [2500, 6500]))
    write_docx(HERE / "school2561_rubric.docx", blocks)


def doc_webdings_symbol() -> None:
    """A tick column holding only the chosen tick: Webdings "a" (✓) for three indicators, Symbol √
    (0xD6) for two; a prose summary of the standard."""
    ticks = [5, 4, 5, 3, 4]
    sname, inds = ESA2557["2"]
    blocks = [para("รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษากาญจนบุรี เขต 4 ประจำปีงบประมาณ 2557"),
              para(f"มาตรฐานที่ 2 {sname}")]
    for j, iname in enumerate(inds, start=1):
        blocks.append(para(f"ตัวบ่งชี้ที่ {j} {iname}"))
        rows = [["ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ", "ผลการประเมิน"]]
        for lv in (5, 4, 3, 2, 1):
            tick = (sym("Webdings", "F061") if j <= 3 else sym("Symbol", "F0D6")) if lv == ticks[j - 1] else ""
            rows.append([f"{lv} {ESA_LABELS[lv]}", desc(lv), cell(para(tick)) if tick else ""])
        blocks.append(table(rows, [2200, 5300, 1500]))
    blocks.append(para("สรุปผลการประเมินมาตรฐานที่ 2 ได้คะแนน 25.20 ระดับคุณภาพดีมาก"))
    write_docx(HERE / "esa2557_webdings_symbol.docx", blocks)


def doc_totals_disagree() -> None:
    """Seed 000's prose with two slips a checker must catch: standard 3 states 35 but its
    indicator scores (25+25+5+20+25+25+20+25 = 170) give 34 by the 2557 rule (sum / 5), and the
    stated total 96.00 is not 30 + 30 + 35 = 95."""
    lines = (SEEDS / "000_d075da083c9b7581.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines)
    text = text.replace("ตัวบ่งชี้ที่ 6 ผู้เรียนมีสุขภาพกาย สุขภาพจิต ที่ดีคะแนนที่ได้รับ 25 ระดับดีเยี่ยม",
                        "ตัวบ่งชี้ที่ 6 ผู้เรียนมีสุขภาพกาย สุขภาพจิต ที่ดีคะแนนที่ได้รับ 20 ระดับดีมาก")
    text = text.replace("รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 95.00", "รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 96.00")
    text = text.replace("ลำพูน เขต 2", "แม่ฮ่องสอน เขต 1").replace("ประจำปีงบประมาณ 2557\n", "ประจำปีงบประมาณ 2558\n", 1)
    assert "คะแนนที่ได้รับ 96.00" in text and "ที่ดีคะแนนที่ได้รับ 20 ระดับดีมาก" in text
    write_docx(HERE / "esa2557_totals_disagree.docx", [para(line) for line in text.splitlines() if line.strip()])


def doc_missing_indicator() -> None:
    """A summary table that states 17 indicators but lists 16: indicator 2.4 is missing."""
    rows = [["มาตรฐาน/ตัวบ่งชี้", "คะแนนที่ได้", "ระดับคุณภาพ"]]
    for s, (sname, inds) in ESA2557.items():
        rows.append([f"มาตรฐานที่ {s} {sname}", "", ""])
        for j, iname in enumerate(inds, start=1):
            if (s, j) != ("2", 4):
                rows.append([f"ตัวบ่งชี้ที่ {j} {iname}", "", "ดีเยี่ยม" if j % 2 else "ดีมาก"])
    blocks = [para("ผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557"),
              para("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา เขต 35 ประจำปีงบประมาณ 2559"),
              table(rows, [6000, 1500, 1500]), para("รวม 3 มาตรฐาน 17 ตัวบ่งชี้")]
    write_docx(HERE / "esa2557_missing_indicator.docx", blocks)


# --------------------------------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------------------------------

def _page(title: str, body: str, charset: str = "utf-8", meta: bool = True) -> str:
    m = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n' if meta else ""
    return f"<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n{m}<title>{title}</title>\n<style>td{{border:1px solid #999}}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def _paras(text: str) -> str:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.append(f"<p>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>")
    return "\n".join(out)


def html_seeds() -> None:
    t1 = (SEEDS / "001_254728a9f80de287.txt").read_text(encoding="utf-8")
    (HERE / "001_nakhonpathom2_2551_web.html").write_text(_page(
        "มาตรฐานสำนักงานเขตพื้นที่การศึกษา - สพป.นครปฐม เขต 2",
        '<div id="header"><h1>สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครปฐม เขต 2</h1></div>\n'
        '<div id="content">' + _paras(t1) + "</div>"), encoding="utf-8")
    t3 = (SEEDS / "003_d04f43a4c689a302.txt").read_text(encoding="utf-8")
    (HERE / "003_lopburi1_2551_blog.html").write_text(_page(
        "Best Practice สพท.ลพบุรี เขต 1", '<div class="post">' + _paras(t3) + '</div><div class="comments">Comments</div>'),
        encoding="utf-8")
    # Seed 004: the dump keeps the page's own markup for the level table; rebuild it as the table it was.
    t4 = (SEEDS / "004_9c08146f9a478686.txt").read_text(encoding="utf-8")
    lines = t4.splitlines()
    head = "\n".join(lines[:9])
    rows = [ln for ln in lines if ln.startswith("<input")]
    header = "<tr><th>ระดับคุณภาพ</th><th>คำอธิบายระดับคุณภาพ</th><th>กระบวนการ วิธีการดำเนินงาน ปัญหา อุปสรรค และข้อเสนอแนะเพื่อการพัฒนา</th><th>เอกสาร/หลักฐานอ้างอิง</th></tr>"
    trs = []
    for ln in rows:
        cells = ln.split("\t")
        cells += [""] * (4 - len(cells))
        trs.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells[:4]) + "</tr>")
    tail_start = next(i for i, ln in enumerate(lines) if ln.startswith("หมายเหตุ"))
    body = ('<div class="site-title">สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2</div>\n'
            + _paras(head) + "\n<table>" + header + "".join(trs) + "</table>\n"
            + _paras("\n".join(lines[tail_start:])))
    (HERE / "004_udonthani2_2565_web.html").write_text(_page("ตัวบ่งชี้ที่ 2 สพป.อุดรธานี เขต 2", body), encoding="utf-8")


def _html_level_table(tick: int, box, order=(5, 4, 3, 2, 1), labels=ESA_LABELS) -> str:
    rows = "".join(f"<tr><td>{box(lv, lv == tick)} {lv}</td><td>{labels[lv]}</td><td>{desc(lv)}</td></tr>" for lv in order)
    return f"<table><tr><th>ระดับคุณภาพ</th><th>ความหมาย</th><th>คำอธิบายระดับคุณภาพ</th></tr>{rows}</table>"


def html_inputs() -> None:
    spellings = [
        lambda lv, on: f'<input type="checkbox" name="l{lv}"{" checked" if on else ""}>',
        lambda lv, on: f'<INPUT TYPE="CHECKBOX" NAME="l{lv}"{" CHECKED" if on else ""}>',
        lambda lv, on: f'<input type=radio name=level value={lv}{" checked=checked" if on else ""}>',
        lambda lv, on: '<input type="checkbox" disabled="disabled"' + (' checked=""' if on else "") + " />",
        lambda lv, on: "&#9745;" if on else "&#x2610;",
    ]
    ticks = [5, 4, 3, 5, 4]
    body = ["<h2>รายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560</h2>",
            "<p>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาแพร่ เขต 1 &nbsp;ประจำปีงบประมาณ พ.ศ. 2561</p>"]
    k = 0
    for s in ("1", "2"):
        sname, inds = ESA2560[s]
        body.append(f"<h3>มาตรฐานที่ {s} {sname}</h3>")
        for j in range(1, 4 if s == "1" else 3):
            body.append(f"<h4>ตัวบ่งชี้ที่ {j}&nbsp;{inds[j - 1]}</h4>")
            body.append(_html_level_table(ticks[k], spellings[k]))
            k += 1
    (HERE / "esa2560_html_inputs.html").write_text(_page("SAR สพป.แพร่ เขต 1", "\n".join(body)), encoding="utf-8")


def html_word_saveas() -> None:
    """What Word's "Save as Web Page" writes: MsoNormal paragraphs, windows-874, conditional
    comments, and ticks as Latin letters in Wingdings spans."""
    ticks = [5, 5, 4, 5]
    sname, inds = ESA2557["1"]

    def box(on: bool) -> str:
        ch = "&#254;" if on else "&#168;"  # windows-874 has no þ or ¨: Word writes entities
        return (f"<span style='font-family:Wingdings;mso-ascii-font-family:\"TH SarabunPSK\";"
                f"mso-char-type:symbol;mso-symbol-font-family:Wingdings'><span style='mso-char-type:symbol;"
                f"mso-symbol-font-family:Wingdings'>{ch}</span></span>")

    parts = ["<div class=WordSection1>",
             "<p class=MsoNormal align=center style='text-align:center'><b><span lang=TH style='font-size:18.0pt;"
             "font-family:\"TH SarabunPSK\",sans-serif'>รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
             " พ.ศ. 2557<o:p></o:p></span></b></p>",
             "<p class=MsoNormal align=center style='text-align:center'><span lang=TH>สำนักงานเขตพื้นที่การศึกษา"
             "ประถมศึกษาพะเยา เขต 2 ประจำปีงบประมาณ 2557<o:p></o:p></span></p>",
             f"<p class=MsoNormal><b><span lang=TH>มาตรฐานที่ 1 {sname}<o:p></o:p></span></b></p>"]
    for j, iname in enumerate(inds, start=1):
        parts.append(f"<p class=MsoNormal><![if !supportLists]><span lang=TH>-&nbsp;</span><![endif]><span lang=TH>"
                     f"ตัวบ่งชี้ที่ {j} {iname}<o:p></o:p></span></p>")
        parts.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>")
        parts.append("<tr><td><p class=MsoNormal><span lang=TH>ระดับคุณภาพ</span></p></td><td><p class=MsoNormal>"
                     "<span lang=TH>คำอธิบายระดับคุณภาพ</span></p></td></tr>")
        for lv in (5, 4, 3, 2, 1):
            parts.append(f"<tr><td width=120 valign=top><p class=MsoNormal>{box(lv == ticks[j - 1])}<span lang=TH>"
                         f" {lv}<o:p></o:p></span></p></td><td><p class=MsoNormal><span lang=TH>{desc(lv)}"
                         "<o:p></o:p></span></p></td></tr>")
        parts.append("</table>")
    parts.append("</div>")
    html = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
            "<meta http-equiv=Content-Type content=\"text/html; charset=windows-874\">\n"
            "<meta name=Generator content=\"Microsoft Word 12 (filtered)\">\n"
            "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n"
            "<style>\n<!-- p.MsoNormal {margin:0cm; font-size:16.0pt; font-family:\"TH SarabunPSK\";} -->\n</style>\n"
            "</head>\n<body lang=EN-US>\n" + "\n".join(parts) + "\n</body>\n</html>\n")
    (HERE / "esa2557_word_saveas.htm").write_bytes(html.encode("cp874"))


def html_images() -> None:
    ticks = [5, 4, 4, 5, None]
    sname, inds = ESA2557["2"]
    styles = [
        lambda on: f'<img src="images/checkbox_{"checked" if on else "unchecked"}.gif" width="16" height="16">',
        lambda on: f'<img src="/pic/box{1 if on else 0}.png" alt="{"☑" if on else "☐"}">',
        lambda on: f'<img src="/icons/{"tick" if on else "blank"}.png" alt="">',
        lambda on: f'<img src="check.gif" alt="{"ticked" if on else "empty box"}">',
        lambda on: '<img src="checkbox.gif" alt="">',
    ]
    body = ["<p><b>รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557</b></p>",
            "<p>สพป.ลำพูน เขต 1 ประจำปีงบประมาณ 2560</p>", f"<p>มาตรฐานที่ 2 {sname}</p>"]
    for j, iname in enumerate(inds, start=1):
        body.append(f"<p>ตัวบ่งชี้ที่ {j} {iname}</p>")
        body.append(_html_level_table(ticks[j - 1], lambda lv, on, f=styles[j - 1]: f(on)))
    (HERE / "esa2557_html_images.html").write_text(_page("SAR", "\n".join(body)), encoding="utf-8")


def html_matrix_bold() -> None:
    """A level matrix with labels as column heads; for indicators 1-4 the chosen description is
    bold, for 5-8 a ✓ stands in the chosen column."""
    ticks = [5, 5, 4, 3, 5, 4, 5, 5]
    sname, inds = ESA2557["3"]
    head = "".join(f"<th>{ESA_LABELS[lv]}</th>" for lv in (5, 4, 3, 2, 1))
    rows = []
    for j, iname in enumerate(inds[:4], start=1):
        cells = "".join(f"<td>{'<b>' if lv == ticks[j - 1] else ''}ร้อยละ {50 + 10 * lv} ขึ้นไป"
                        f"{'</b>' if lv == ticks[j - 1] else ''}</td>" for lv in (5, 4, 3, 2, 1))
        rows.append(f"<tr><td>ตัวบ่งชี้ที่ {j} {iname}</td>{cells}</tr>")
    table1 = f"<table><tr><th>ตัวบ่งชี้</th>{head}</tr>{''.join(rows)}</table>"
    rows = []
    for j, iname in enumerate(inds[4:], start=5):
        cells = "".join(f"<td>{'&#10003;' if lv == ticks[j - 1] else ''}</td>" for lv in (5, 4, 3, 2, 1))
        rows.append(f"<tr><td>ตัวบ่งชี้ที่ {j} {iname}</td>{cells}</tr>")
    table2 = f"<table><tr><th>ตัวบ่งชี้</th>{head}</tr>{''.join(rows)}</table>"
    body = ("<h2>ผลการประเมินตนเอง มาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557</h2>"
            "<p>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 2 ปีงบประมาณ 2558</p>"
            f"<h3>มาตรฐานที่ 3 {sname}</h3><p>ระดับคุณภาพที่ได้ (ตัวหนา คือระดับที่ได้)</p>{table1}"
            f"<p>ระดับคุณภาพที่ได้ (ทำเครื่องหมาย &#10003;)</p>{table2}")
    (HERE / "esa2557_html_matrix_bold.html").write_text(_page("ผลการประเมิน สพป.น่าน 2", body), encoding="utf-8")


def html_legacy_encodings() -> None:
    inds = ESA2551["1"][1]
    ticks = [4, 5, 4]
    body = ["<p align=center><font face=\"MS Sans Serif\" size=4>รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
            " พ.ศ. 2551</font></p>", "<p>สำนักงานเขตพื้นที่การศึกษาขอนแก่น เขต 1 ปีงบประมาณ 2552</p>",
            f"<p>มาตรฐานที่ 1 {ESA2551['1'][0]}</p>"]
    for j, iname in enumerate(inds, start=1):
        body.append(f"<p>ตัวบ่งชี้ที่ 1.{j} {iname}</p>")
        body.append(_html_level_table(ticks[j - 1], lambda lv, on: f'<input type="checkbox"{" checked" if on else ""}>'))
    page = _page("SAR 2552", "\n".join(body), charset="tis-620")
    (HERE / "esa2551_tis620_meta.html").write_bytes(page.encode("cp874"))

    lines = ["<p>ผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา</p>",
             "<p>สำนักงานเขตพื้นที่การศึกษาชัยภูมิ เขต ๓ ปีงบประมาณ ๒๕๕๓</p>",
             f"<p>มาตรฐานที่ ๒ {ESA2551['2'][0]}</p>",
             f"<p>ตัวบ่งชี้ที่ ๒.๑ {ESA2551['2'][1][0]} ผลการประเมินระดับ ๔ (ดีมาก)</p>",
             f"<p>ตัวบ่งชี้ที่ ๒.๒ {ESA2551['2'][1][1]} ผลการประเมินอยู่ในระดับดีเยี่ยม</p>",
             f"<p>มาตรฐานที่ ๓ {ESA2551['3'][0]}</p>",
             f"<p>ตัวบ่งชี้ที่ ๓.๑ {ESA2551['3'][1][0]} ผลการประเมินระดับคุณภาพ ดี</p>",
             f"<p>ตัวบ่งชี้ที่ ๓.๒ {ESA2551['3'][1][1]} ผลการประเมินระดับ ๔ ดีมาก</p>"]
    page = _page("ผลการประเมิน", "\n".join(lines), meta=False)
    (HERE / "esa2551_cp874_undeclared.html").write_bytes(page.encode("cp874"))


def html_named_doc() -> None:
    """An HTML page saved with a .doc name, as web-site exports often are: read by its content."""
    ticks = [4, 5]
    sname, inds = ESA2560["2"]
    body = ["<p>รายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560</p>",
            "<p>สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสกลนคร เขต 2 ประจำปีงบประมาณ พ.ศ. 2566</p>",
            f"<p>มาตรฐานที่ 2 {sname}</p>"]
    for j in (1, 2):
        body.append(f"<p>ตัวบ่งชี้ที่ {j} {inds[j - 1]}</p>")
        body.append(_html_level_table(ticks[j - 1], lambda lv, on: "&#9745;" if on else "&#9744;"))
    (HERE / "esa2560_html_named.doc").write_text(_page("SAR", "\n".join(body)), encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------

def bad_files() -> None:
    (HERE / "bad_empty.docx").write_bytes(b"")
    (HERE / "bad_not_a_zip.docx").write_bytes("เอกสารนี้ไม่ใช่ไฟล์ Word จริง\n".encode("utf-8") * 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "รายการเอกสารแนบ")
        z.writestr("data/scores.csv", "std,score\n1,30\n")
    (HERE / "bad_zip_not_word.docx").write_bytes(buf.getvalue())
    rng = random.Random(20261120)
    (HERE / "bad_byte_soup.html").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    whole = (HERE / "esa2557_review_cases.docx").read_bytes()
    (HERE / "bad_truncated.docx").write_bytes(whole[: len(whole) // 2])


# --------------------------------------------------------------------------------------------------
# PDF and legacy Word, made from the documents above by LibreOffice (as offices made them), plus a
# scan, an AcroForm, an encrypted and a truncated file. Needs soffice and qpdf.
# --------------------------------------------------------------------------------------------------

def _soffice(args: list[str], files: list[Path], outdir: Path) -> None:
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", *args,
                        "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=600)


PDF_FROM = ["000_lamphun2_2557_prose", "002_phatthalung2_2557_levels", "esa2557_review_cases",
            "esa2560_content_controls", "school2554_formfields", "esa2557_level_matrix", "esa2557_summary_table",
            "esa2557_totals_disagree", "school2561_unicode"]


def acroform_pdf(tmp: Path) -> None:
    """A report filled in as a PDF form: level tables whose box cell holds an AcroForm check box
    (LibreOffice 7.4 cannot export one, so pypdf adds the widgets; pypdf is needed only here).
    Ticks: 1 -> 5, 2 -> 3, 3 -> 4; indicator 4's box at level 2 has /AS /Yes but /V /Off."""
    import pdfplumber
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                               NumberObject, TextStringObject)

    names = ESA2560["1"][1] + ESA2560["2"][1][:1]
    ticks = {1: 5, 2: 3, 3: 4, 4: None}
    blocks = [para("แบบรายงานผลการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560 (แบบฟอร์ม PDF)"),
              para("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีสะเกษ เขต 3 ประจำปีงบประมาณ 2562")]
    for j, name in enumerate(names, start=1):
        std, num = ("1", j) if j <= 3 else ("2", 1)
        if j > 1:
            blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')  # one indicator a page: no row split
        if j in (1, 4):
            blocks.append(para(f"มาตรฐานที่ {std} {ESA2560[std][0]}"))
        blocks.append(para(f"ตัวบ่งชี้ที่ {num} {name}"))
        blocks.append(table([["เลือก", "ระดับคุณภาพ", "คำอธิบายระดับคุณภาพ"]] +
                            [["", f"{lv} {ESA_LABELS[lv]}", desc(lv)] for lv in (5, 4, 3, 2, 1)], [900, 2100, 6000]))
    write_docx(tmp / "acroform_base.docx", blocks)
    _soffice(["--convert-to", "pdf"], [tmp / "acroform_base.docx"], tmp)
    base = tmp / "acroform_base.pdf"
    # Where each empty box cell is: column 0 of the level rows, in reading order.
    cells = []
    with pdfplumber.open(base) as pdf:
        for pno, page in enumerate(pdf.pages):
            for t in page.find_tables():
                for row in t.rows[1:]:
                    c = row.cells[0]
                    if c:
                        cells.append((pno, c, page.height))
    assert len(cells) == 20, len(cells)
    reader = PdfReader(str(base))
    writer = PdfWriter(clone_from=reader)

    def appearance(checked: bool):
        ops = "0 0 0 RG 1 w 0.5 0.5 9 9 re S" + (" 2 2 m 8 8 l 8 2 m 2 8 l S" if checked else "")
        st = DecodedStreamObject()
        st.set_data(ops.encode())
        st.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                   NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)])})
        return writer._add_object(st)

    on, off = appearance(True), appearance(False)
    fields = ArrayObject()
    for k, (pno, (x0, top, x1, bottom), height) in enumerate(cells):
        ind, lv = k // 5 + 1, 5 - k % 5
        checked = ticks[ind] == lv
        as_, v = ("/Yes" if checked else "/Off"), ("/Yes" if checked else "/Off")
        if ind == 4 and lv == 2:
            as_, v = "/Yes", "/Off"
        cx, cy = (x0 + x1) / 2, height - (top + bottom) / 2
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Btn"), NameObject("/T"): TextStringObject(f"level_{ind}_{lv}"),
            NameObject("/Rect"): ArrayObject([FloatObject(cx - 5), FloatObject(cy - 5), FloatObject(cx + 5),
                                              FloatObject(cy + 5)]),
            NameObject("/F"): NumberObject(4), NameObject("/AS"): NameObject(as_), NameObject("/V"): NameObject(v),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): DictionaryObject({NameObject("/Yes"): on,
                                                                                    NameObject("/Off"): off})}),
        })
        ref = writer._add_object(widget)
        page = writer.pages[pno]
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        page["/Annots"].append(ref)
        fields.append(ref)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    with open(HERE / "pdf_esa2560_acroform.pdf", "wb") as fh:
        writer.write(fh)


def pdfs_and_legacy() -> None:
    import shutil
    import subprocess
    import tempfile

    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        _soffice(["--convert-to", "pdf"], [HERE / f"{n}.docx" for n in PDF_FROM], t)
        for n in PDF_FROM:
            shutil.copy(t / f"{n}.pdf", HERE / f"pdf_{n}.pdf")
        acroform_pdf(t)
        # Legacy Word: .doc and .rtf as LibreOffice writes them, one RTF saved under a .doc name.
        _soffice(["--convert-to", "doc:MS Word 97"], [HERE / f"{n}.docx" for n in (
            "002_phatthalung2_2557_levels", "esa2557_font_letters_headings", "esa2557_summary_table")], t)
        for n in ("002_phatthalung2_2557_levels", "esa2557_font_letters_headings", "esa2557_summary_table"):
            shutil.copy(t / f"{n}.doc", HERE / f"legacy_{n}.doc")
        _soffice(["--convert-to", "rtf"], [HERE / "000_lamphun2_2557_prose.docx",
                                           HERE / "esa2557_font_letters_headings.docx"], t)
        shutil.copy(t / "000_lamphun2_2557_prose.rtf", HERE / "legacy_000_lamphun2_2557_prose.rtf")
        shutil.copy(t / "esa2557_font_letters_headings.rtf", HERE / "legacy_rtf_named_as.doc")

    # A scan: every page of the prose report rasterised at 200 dpi, no text layer.
    src = pdfium.PdfDocument(str(HERE / "pdf_000_lamphun2_2557_prose.pdf"))
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        image = src[i].render(scale=200 / 72).to_pil().convert("RGB")
        w, h = src[i].get_size()
        page = out.new_page(w, h)
        obj = pdfium.PdfImage.new(out)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
        obj.set_matrix(pdfium.PdfMatrix().scale(w, h))
        page.insert_obj(obj)
        page.gen_content()
    out.save(str(HERE / "pdf_scan_000_lamphun2_2557.pdf"))
    # Password-protected and cut-off copies.
    subprocess.run(["qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--",
                    str(HERE / "pdf_002_phatthalung2_2557_levels.pdf"), str(HERE / "bad_encrypted.pdf")], check=True)
    whole = (HERE / "pdf_esa2557_summary_table.pdf").read_bytes()
    (HERE / "bad_truncated.pdf").write_bytes(whole[: len(whole) // 3])
    # The real school manual: no ticks, no levels; its Thai must come out right.
    shutil.copy(HERE.parent.parent / "shared" / "realdocs" / "chanuman_criteria-manual-2568_NO-RESULTS.pdf",
                HERE / "real_chanuman_criteria_manual_2568.pdf")


def main() -> None:
    doc_000()
    doc_002()
    doc_esa2551_wingdings2()
    doc_font_letters()
    doc_content_controls()
    doc_formfields()
    doc_school2561_unicode()
    doc_result_column()
    doc_review_cases()
    doc_summary_table()
    doc_matrix_merged()
    doc_textbox_nested()
    doc_rubric()
    doc_webdings_symbol()
    doc_totals_disagree()
    doc_missing_indicator()
    html_seeds()
    html_inputs()
    html_word_saveas()
    html_images()
    html_matrix_bold()
    html_legacy_encodings()
    html_named_doc()
    bad_files()
    pdfs_and_legacy()


if __name__ == "__main__":
    main()
