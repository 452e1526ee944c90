"""Word 97 .doc, RTF and OpenDocument through LibreOffice."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from parsers import convert, sniff
from pipeline.batch import run_batch
from pipeline.run import process_file

from conftest import CORPUS, needs_soffice, processed


def test_format_is_recognised_by_content():
    assert sniff((CORPUS / "legacy_rtf_named_as.doc").read_bytes()) == "rtf"
    assert sniff((CORPUS / "legacy_002_phatthalung2_2557_levels.doc").read_bytes()) == "ole"


@needs_soffice
def test_doc_keeps_symbol_ticks():
    a = processed(CORPUS / "legacy_002_phatthalung2_2557_levels.doc")
    assert a.format == "doc" and [i.level for i in a.indicators] == [5, 4, 5, 3]
    assert all("font-letter" in i.method for i in a.indicators)


@needs_soffice
def test_conversions_are_cached_by_content(monkeypatch):
    process_file(CORPUS / "legacy_000_lamphun2_2557_prose.rtf")
    monkeypatch.setattr(convert, "soffice", lambda: None)  # a second read needs no LibreOffice
    assert process_file(CORPUS / "legacy_000_lamphun2_2557_prose.rtf").status == "ok"


def test_missing_libreoffice_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    f = tmp_path / "x.doc"
    f.write_bytes((CORPUS / "legacy_esa2557_summary_table.doc").read_bytes() + b"\0")  # not in the cache
    a = process_file(f)
    assert a.status == "missing_tool" and "libreoffice-writer-nogui" in a.error  # not a bad file
    from pipeline.validate import exit_code
    assert exit_code(a) == 3


def test_hanging_libreoffice_is_killed_at_the_timeout(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(convert, "soffice", lambda: str(fake))
    with pytest.raises(convert.UnreadableDocument, match="did not finish"):
        convert.convert_to_docx(b"{\\rtf1 hang}", "rtf", timeout=1)


def test_broken_or_foreign_ole_files_never_reach_libreoffice(tmp_path):
    f = tmp_path / "broken.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    assert "OLE container is broken" in process_file(f).error
    doc = (CORPUS / "legacy_esa2557_summary_table.doc").read_bytes()
    f.write_bytes(doc.replace("WordDocument".encode("utf-16-le"), "NotAWordDocX".encode("utf-16-le")))
    assert "not a Word document" in process_file(f).error


@needs_soffice
def test_file_libreoffice_cannot_open_is_an_error_row(tmp_path):
    original = (CORPUS / "legacy_esa2557_summary_table.doc").read_bytes()
    doc = bytearray(original)
    for k in range(2048, len(doc), 7):  # the streams scrambled, the container and its names intact
        doc[k] = (doc[k] * 31 + 7) % 256
    name = "WordDocument".encode("utf-16-le")
    at = original.find(name)
    doc[at: at + len(name)] = name
    f = tmp_path / "scrambled.doc"
    f.write_bytes(bytes(doc))
    a = process_file(f)
    assert a.status in ("error", "no_assessment")
    assert a.status == "no_assessment" or "LibreOffice" in a.error


@needs_soffice
def test_batch_converts_many_per_start(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("legacy_esa2557_font_letters_headings.doc", "legacy_rtf_named_as.doc"):
        data = (CORPUS / name).read_bytes()
        (src / name).write_bytes(data + (b" " if name.endswith("as.doc") else b""))
    s = run_batch([src], tmp_path / "out", workers=1, progress=False)
    assert s.counts["ok"] == 2


def test_libreoffice_does_not_outlive_its_worker(monkeypatch, tmp_path):
    """A conversion that hangs past the file's deadline: the worker is stopped and its LibreOffice (a
    process group of its own) with it; the batch goes on with an error row for that file."""
    import subprocess

    from pipeline.batch import run_batch

    marker = f"sarkit-hang-{os.getpid()}"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/bash\nexec -a {marker} sleep 300\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(convert, "soffice", lambda: str(fake))
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    doc = tmp_path / "slow.rtf"
    doc.write_bytes(b"{\\rtf1 " + marker.encode() + b"}")
    ok = tmp_path / "ok.html"
    ok.write_bytes((CORPUS / "004_udonthani2_2565_web.html").read_bytes())
    s = run_batch([doc, ok], tmp_path / "out", workers=1, timeout=3, progress=False)
    assert s.counts["error"] == 1 and s.counts["ok"] == 1
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig").set_index("file")
    assert "timed out" in docs.loc[str(doc), "error"]  # it did hang, and was stopped at the deadline
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert left == [], f"LibreOffice outlived its worker: {left}"
