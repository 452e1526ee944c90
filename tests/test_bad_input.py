"""Bad input: one error row with a message a person understands; the batch goes on."""

from __future__ import annotations

import io
import zipfile

import pytest

import pipeline
from pipeline.run import process_file

from conftest import CORPUS
from conftest import wordml as W


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,words", [
    ("empty.docx", b"", "empty"),
    ("blank.html", b"  \n\n ", "empty"),
    ("notzip.docx", "ไม่ใช่ไฟล์ Word".encode() * 10, "plain text"),
    ("other.docx", _zip({"notes.txt": "x"}), "not a Word document"),
    ("soup.html", bytes(range(256)) * 8, "binary"),
    ("cp874soup.txt", bytes([0xDB, 0xDC, 0xFC, 0xFF]) * 100, "cannot be decoded"),
    ("broken.docx", _zip({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document"}), "docx"),
])
def test_bad_file_is_an_error_row_with_a_reason(make_file, name, data, words):
    a = process_file(make_file(name, data))
    assert a.status == "error" and words in a.error


def test_truncated_docx(make_docx, make_file):
    whole = make_docx(W.para("ตัวบ่งชี้ที่ 1 ก ระดับดี")).read_bytes()
    a = process_file(make_file("cut.docx", whole[: len(whole) // 2]))
    assert a.status == "error" and "truncated" in a.error


def test_missing_file_and_folder(tmp_path):
    assert "not found" in process_file(tmp_path / "nope.docx").error
    assert process_file(tmp_path).status == "error"


def test_wrong_extension_but_readable_is_read_by_content(make_file, make_docx):
    html = make_file("report.doc", "<html><body><p>ตัวบ่งชี้ที่ 1 ก ระดับดีมาก</p></body></html>")
    assert process_file(html).indicators[0].level == 4
    docx_bytes = make_docx(W.para("ตัวบ่งชี้ที่ 1 ก ระดับดี")).read_bytes()
    assert process_file(make_file("report.html", docx_bytes)).indicators[0].level == 3


def test_broken_pdf_and_doc_say_what_is_wrong(make_file):
    assert "damaged or truncated PDF" in process_file(make_file("a.pdf", b"%PDF-1.4\n%%EOF")).error
    a = process_file(make_file("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert a.status == "error" and "Word 97-2003" in a.error


def test_batch_goes_on_and_loses_no_row(tmp_path, make_docx):
    good = make_docx(W.para("ตัวบ่งชี้ที่ 1 ก ระดับดี"), name="good.docx")
    (tmp_path / "bad.docx").write_bytes(b"")
    (tmp_path / "soup.html").write_bytes(bytes(range(256)))
    ds = pipeline.extract([tmp_path])
    assert sorted(ds.documents["status"]) == ["error", "error", "ok"]
    assert list(ds.indicators["file"]) == [str(good)]
    assert set(ds.findings[ds.findings["check"] == "read"]["file"]) == {str(tmp_path / "bad.docx"),
                                                                        str(tmp_path / "soup.html")}


def test_our_own_bug_is_not_dressed_up_as_bad_input(make_docx, monkeypatch):
    import pipeline.run as run

    def boom(doc):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(run, "extract_assessment", boom)
    a = process_file(make_docx(W.para("x")))
    assert a.status == "error" and "internal error" in a.error and "bug" in a.error


def test_corrupt_member_of_a_docx_is_a_damaged_file_not_a_bug(tmp_path):
    src = (CORPUS / "002_phatthalung2_2557_levels.docx").read_bytes()
    info = zipfile.ZipFile(io.BytesIO(src)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    bad = bytearray(src)
    for k in range(start + 100, start + 400):
        bad[k] ^= 0x5A  # the deflate stream of the main part, corrupted
    f = tmp_path / "corrupt.docx"
    f.write_bytes(bytes(bad))
    a = process_file(f)
    assert a.status == "error" and "damaged .docx" in a.error and "bug" not in a.error


def test_a_pdf_page_that_cannot_be_read_spares_the_others(monkeypatch):
    import pypdfium2 as pdfium

    import parsers.pdf.document as pp
    real = pp._Reader.page

    def page(self, i):
        if i in (1, 2):
            raise pdfium.PdfiumError("Failed to load page")
        return real(self, i)
    monkeypatch.setattr(pp._Reader, "page", page)
    a = process_file(CORPUS / "pdf_layout_two_parts.pdf")
    pages = [f for f in a.findings if f.check == "read.page"]
    assert len(pages) == 2 and "page 2 could not be read" in pages[0].message and "page 3" in pages[1].message
    assert a.status in ("ok", "needs_review") and a.standards  # the other pages were read
