"""Realistic long reports for the benchmarks: a real ESA report of the corpus (seed 002: four indicators,
levels ticked with Wingdings in tables) followed by pages of the narrative that fills most of a real
SAR — projects, activities, percentages, evidence lists — each page starting with a page break that
Word records (`w:lastRenderedPageBreak`), so that sarkit counts the pages as Word rendered them.

Every report is distinct (its number is in its text), so nothing is de-duplicated or cached.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "corpus" / "002_phatthalung2_2557_levels.docx"

_NARRATIVE = [
    "สำนักงานเขตพื้นที่การศึกษาได้ดำเนินโครงการพัฒนาคุณภาพการศึกษา {k} โดยมีวัตถุประสงค์เพื่อส่งเสริมให้สถานศึกษาในสังกัด"
    "จัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ มีการประชุมชี้แจงผู้บริหารสถานศึกษาและครูผู้สอน จำนวน {n} ครั้ง",
    "ผลการดำเนินงานพบว่า สถานศึกษาร้อยละ {p} มีแผนพัฒนาคุณภาพการศึกษาที่สอดคล้องกับบริบท และมีการนิเทศ ติดตาม"
    "อย่างต่อเนื่อง ครูได้รับการพัฒนาตามแผนพัฒนาตนเอง (ID Plan) ครบทุกคน",
    "ร่องรอยหลักฐาน ได้แก่ คำสั่งแต่งตั้งคณะกรรมการ บันทึกการประชุม รายงานผลการนิเทศ ภาพถ่ายกิจกรรม "
    "และแบบสอบถามความพึงพอใจของผู้เข้าร่วมโครงการ",
    "ปัญหาและอุปสรรค งบประมาณมีจำกัดและระยะเวลาในการดำเนินงานกระชั้นชิด ข้อเสนอแนะ ควรวางแผนการดำเนินงาน"
    "ตั้งแต่ต้นปีงบประมาณ และบูรณาการกิจกรรมร่วมกับหน่วยงานที่เกี่ยวข้อง",
]


_EVIDENCE = ["คำสั่งแต่งตั้งคณะกรรมการ", "บันทึกการประชุม", "รายงานผลการนิเทศ", "ภาพถ่ายกิจกรรม", "แบบสอบถาม"]


def make_report_docx(path: Path, k: int, pages: int = 41, ticks: bool = False) -> None:
    """`pages` pages: the corpus report's results, then narrative pages (about 1,600 characters each).
    With `ticks`, each narrative page also holds a checklist of the evidence seen: a tick on every
    page, as in SARs that tick their evidence."""
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    d = docx.Document(str(BASE))
    body = d.element.body
    sect = body[-1] if body[-1].tag == qn("w:sectPr") else None
    for page in range(1, pages):
        for j in range(6):
            p = d.add_paragraph()
            if j == 0:  # a page break Word rendered: sarkit counts it as a page
                r = p.add_run()
                br = OxmlElement("w:br")
                br.set(qn("w:type"), "page")
                r._r.append(br)
                r2 = p.add_run()
                r2._r.append(OxmlElement("w:lastRenderedPageBreak"))
            text = _NARRATIVE[(page + j) % len(_NARRATIVE)].format(k=f"{k}.{page}.{j}", n=3 + (page + j) % 9,
                                                                   p=70 + (page * 7 + j) % 30)
            p.add_run(text)
            if ticks and j == 3:
                _checklist(d.add_paragraph(), page)
    if sect is not None:  # keep the section properties last, as Word writes them
        body.remove(sect)
        body.append(sect)
    d.save(str(path))


def _checklist(p, page: int) -> None:
    """Ballot boxes typed from Word's symbol dialog (☑ U+2611, ☐ U+2610). (Wingdings w:sym inline in
    Thai text comes out of LibreOffice's PDF export as the fallback font's empty notdef box: no tick.)"""
    p.add_run("ร่องรอยหลักฐานที่พบ " + "  ".join(
        f"{'☑' if (page + n) % 3 else '☐'} {what}" for n, what in enumerate(_EVIDENCE)))
