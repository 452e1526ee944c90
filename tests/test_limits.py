"""Hostile input: each an error row with the reason, quickly, without exhausting memory."""

from __future__ import annotations

import zipfile

import pytest

from pipeline.run import process_file

from conftest import wordml as W


def _rebuild(src, dst, document_xml: bytes) -> None:
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = document_xml
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            z.writestr(n, d)


def test_zip_bomb_is_refused_from_its_declared_size(make_docx, tmp_path, monkeypatch):
    src = make_docx(W.para("ก"))
    xml = zipfile.ZipFile(src).read("word/document.xml")
    bomb = tmp_path / "bomb.docx"
    _rebuild(src, bomb, xml.replace(b"</w:body>", b"<w:p><w:r><w:t>" + b"A" * (450 * 2**20) + b"</w:t></w:r></w:p></w:body>"))
    real_read = zipfile.ZipFile.read

    def read(self, name, *args):  # refused from the declared sizes: the bomb is never inflated
        assert not str(getattr(name, "filename", name)).endswith("document.xml"), "the bomb was inflated"
        return real_read(self, name, *args)
    monkeypatch.setattr(zipfile.ZipFile, "read", read)
    a = process_file(bomb)
    assert a.status == "error" and "ZIP bomb" in a.error


def test_xml_entity_expansion_is_refused(make_docx, tmp_path):
    src = make_docx(W.para("ก"))
    xml = zipfile.ZipFile(src).read("word/document.xml")
    lol = b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode() for p, c in zip("abcdef", "bcdefg")) + b"]>"
    body = lol + xml.split(b"?>", 1)[1].replace(b"</w:body>", b"<w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:body>")
    bad = tmp_path / "lol.docx"
    _rebuild(src, bad, body)
    a = process_file(bad)
    assert a.status == "error" and "DOCTYPE" in a.error  # refused before parsing: nothing is expanded


def test_deeply_nested_tables_are_refused(make_docx, tmp_path):
    src = make_docx(W.para("ก"))
    inner = W.para("ตัวบ่งชี้ที่ 1 ก ระดับดี")
    for _ in range(120):  # three elements a level: past libxml2's depth limit of 256
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    xml = zipfile.ZipFile(src).read("word/document.xml").decode()
    deep = tmp_path / "deep.docx"
    _rebuild(src, deep, xml.replace("</w:body>", inner + "</w:body>", 1).encode())
    a = process_file(deep)
    assert a.status == "error" and "nests too deeply" in a.error


def test_deep_html_is_refused_not_truncated(make_file):
    html = "<html><body>" + "<div>" * 3000 + "ตัวบ่งชี้ที่ 1 ก ระดับดี" + "</div>" * 3000 + "</body></html>"
    a = process_file(make_file("deep.html", html))
    assert a.status == "error" and "256 levels" in a.error


def test_a_2000_page_pdf_is_refused_before_reading_a_page(tmp_path, monkeypatch):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument.new()
    for _ in range(2000):
        pdf.new_page(595, 842)
    path = tmp_path / "long.pdf"
    pdf.save(str(path))
    import parsers.pdf.document as pp

    monkeypatch.setattr(pp._Reader, "page", lambda self, i: pytest.fail("a page was read"))
    a = process_file(path)
    assert a.status == "error" and "2000 pages" in a.error  # refused from the page count alone
