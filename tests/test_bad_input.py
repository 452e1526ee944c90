"""Bad input: one error row with a message a person understands; the batch goes on."""

from __future__ import annotations

import io
import zipfile

import pytest

import pipeline
from pipeline.run import process_file

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
