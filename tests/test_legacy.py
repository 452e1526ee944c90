"""Word 97 .doc, RTF and OpenDocument through LibreOffice."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import time
from pathlib import Path

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


@needs_soffice
def test_a_group_that_hangs_is_dropped_and_its_files_converted_alone(monkeypatch, tmp_path):
    """A LibreOffice start for several files that outlasts the group's deadline (a start and a few seconds
    a file) is killed; nothing of it is cached, and each file is then converted on its own."""
    real = convert.soffice()
    fake = tmp_path / "soffice"  # hangs when given more than one file, converts one as the real one does
    fake.write_text('#!/bin/bash\nn=0; for a in "$@"; do case "$a" in *.doc|*.rtf) n=$((n+1));; esac; done\n'
                    f'if [ $n -gt 1 ]; then sleep 60; fi\nexec "{real}" "$@"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(convert, "soffice", lambda: str(fake))
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(convert, "GROUP_BASE_SECONDS", 1.0)
    monkeypatch.setattr(convert, "GROUP_FILE_SECONDS", 0.5)
    items = []
    for name in ("legacy_002_phatthalung2_2557_levels.doc", "legacy_rtf_named_as.doc"):
        data = (CORPUS / name).read_bytes() + b" "
        items.append((hashlib.sha256(data).hexdigest(), data, sniff(data)))
    t = time.monotonic()
    convert._group(items, [])
    assert time.monotonic() - t < 30  # stopped at its deadline (2 s here), not the fake's minute
    assert not any(convert._cached(sha).exists() for sha, _, _ in items)
    for sha, data, kind in items:
        assert convert.convert_to_docx(data, kind)[:2] == b"PK"  # alone, it converts


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
def test_batch_converts_many_per_start(tmp_path, monkeypatch):
    """Workers take the batch's next legacy files along in one LibreOffice start: four files, fewer
    starts (counted by a wrapper around the real soffice), and every one read as alone."""
    import shutil

    real = convert.soffice()
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "soffice").write_text(f'#!/bin/bash\necho start >> "{tools}/starts"\nexec "{real}" "$@"\n')
    (tools / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    assert shutil.which("soffice") == str(tools / "soffice")
    src = tmp_path / "in"
    src.mkdir()
    names = ["legacy_esa2557_font_letters_headings.doc", "legacy_rtf_named_as.doc",
             "legacy_002_phatthalung2_2557_levels.doc", "legacy_000_lamphun2_2557_prose.rtf"]
    for name in names:
        (src / name).write_bytes((CORPUS / name).read_bytes() + b" ")  # not in any cache
    s = run_batch([src], tmp_path / "out", workers=1, progress=False)
    assert s.counts["ok"] + s.counts["needs_review"] == 4
    starts = len((tools / "starts").read_text().split())
    assert starts < 4, f"{starts} LibreOffice starts for 4 files"
    levels = {Path(f).name: [i["level"] for i in r["indicators"]] for r in s.dataset.records for f in [r["file"]]}
    assert levels["legacy_002_phatthalung2_2557_levels.doc"] == [5, 4, 5, 3]


@needs_soffice
def test_two_workers_convert_each_file_once(tmp_path, monkeypatch):
    """Two workers meet the same legacy files (one takes a file and the next four, the other the file
    after it): a claim says who converts what, so every file goes through LibreOffice once, and the
    worker whose file is claimed converts the next unclaimed ones meanwhile."""
    real = convert.soffice()
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "soffice").write_text(
        '#!/bin/bash\nfor a in "$@"; do case "$a" in *.doc|*.rtf) echo "$(basename "$a")" >> "' + str(tools)
        + '/converted";; esac; done\n' + f'exec "{real}" "$@"\n')
    (tools / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "in"
    src.mkdir()
    names = sorted(p.name for p in CORPUS.glob("legacy_*") if p.suffix in (".doc", ".rtf"))
    for k in range(2):  # ten distinct files: each corpus file twice, made distinct
        for name in names:
            (src / f"{k}_{name}").write_bytes((CORPUS / name).read_bytes() + b" " * (k + 1))
    s = run_batch([src], tmp_path / "out", workers=2, progress=False)
    assert s.counts["ok"] + s.counts["needs_review"] + s.counts["no_assessment"] == 10
    converted = (tools / "converted").read_text().split()
    assert len(converted) == 10, converted  # none twice
    assert not list((tmp_path / "cache" / "converted" / "claims").iterdir())  # every claim given back


def test_libreoffice_does_not_outlive_its_worker(monkeypatch, tmp_path):
    """A conversion that hangs past the file's deadline: the worker is stopped and its LibreOffice (a
    process group of its own) with it, its profile removed; the batch goes on with an error row for that
    file."""
    import subprocess
    import tempfile

    from pipeline.batch import run_batch

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # the workers fork from here and inherit it
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
    assert not list(temp.glob("sarkit-lo-profile-*"))  # half a megabyte a hang, in /tmp, otherwise


# -- macros never run ------------------------------------------------------------------------------
_EVENT = ('<office:scripts><office:event-listeners><script:event-listener script:language="ooo:script" '
          'script:event-name="dom:load" xlink:type="simple" xlink:href="vnd.sun.star.script:Standard.Module1.Main'
          '?language=Basic&amp;location=document"/></office:event-listeners></office:scripts>')


def _odt_with_macro(path, marker) -> None:
    """An .odt carrying a LibreOffice Basic macro bound to "open document" (dom:load) that writes `marker`
    and closes LibreOffice: the shape of a malicious attachment, built at test time."""
    import zipfile

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">{_EVENT}'
               '<office:body><office:text><text:p>มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1.1 ผลการประเมินอยู่ในระดับ ดีมาก</text:p>'
               '</office:text></office:body></office:document-content>')
    dtd = '<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}">'
    module = ('<?xml version="1.0" encoding="UTF-8"?>' + dtd.format("script:module", "module.dtd") +
              '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
              f'script:language="StarBasic">Sub Main\n  n = FreeFile\n  Open &quot;{marker}&quot; For Output As #n\n'
              '  Print #n, &quot;macro ran&quot;\n  Close #n\n  StarDesktop.terminate()\nEnd Sub\n</script:module>')
    lib = ('<?xml version="1.0" encoding="UTF-8"?>' + dtd.format("library:library", "library.dtd") +
           '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" '
           'library:readonly="false" library:passwordprotected="false"><library:element library:name="Module1"/>'
           '</library:library>')
    libs = ('<?xml version="1.0" encoding="UTF-8"?>' + dtd.format("library:libraries", "libraries.dtd") +
            '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
            'xmlns:xlink="http://www.w3.org/1999/xlink"><library:library library:name="Standard" library:link="false"/>'
            '</library:libraries>')
    parts = {"content.xml": content, "Basic/script-lc.xml": libs, "Basic/Standard/script-lb.xml": lib,
             "Basic/Standard/Module1.xml": module}
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
                "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>' for p in parts)
                + "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, text in {**parts, "META-INF/manifest.xml": manifest}.items():
            z.writestr(name, text, zipfile.ZIP_DEFLATED)


def _run_macro_with_low_security(doc, profile) -> None:
    """The positive control: LibreOffice with macro security set to low, asked to run the document's macro."""
    import signal
    import subprocess

    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" '
        'oor:op="fuse"><value>0</value></prop></item></oor:items>', encoding="utf-8")
    cmd = [convert.soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", str(doc),
           "vnd.sun.star.script:Standard.Module1.Main?language=Basic&location=document"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=dict(os.environ, HOME=str(profile)))
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        pass
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


@needs_soffice
def test_a_document_macro_never_runs_when_sarkit_converts(tmp_path):
    """Issue 13: an .odt whose macro writes a file. The control shows the macro is live (a low-security
    LibreOffice told to run it writes the marker); sarkit's conversion (a fresh profile, LibreOffice's
    default macro security, no macro asked for) reads the text and writes no marker."""
    control, marker = tmp_path / "control.txt", tmp_path / "marker.txt"
    _odt_with_macro(tmp_path / "control.odt", control)
    _run_macro_with_low_security(tmp_path / "control.odt", tmp_path / "low-security-profile")
    assert control.read_text().strip() == "macro ran", "the positive control failed: the test file proves nothing"

    _odt_with_macro(tmp_path / "report.odt", marker)
    docx = convert.convert_to_docx((tmp_path / "report.odt").read_bytes(), "odt")
    assert docx[:2] == b"PK" and not marker.exists()
    a = process_file(tmp_path / "report.odt")
    assert a.indicators and a.indicators[0].level == 4  # read as a document …
    assert not marker.exists()  # … and its macro never ran


def test_stale_claims_are_void(tmp_path, monkeypatch):
    """A claim left by a process that died, or so old that its process id may belong to another
    process now, is taken over; a fresh claim of a live process is not."""
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))
    path = convert._claim_path("a" * 64)
    path.write_text(str(os.getpid()))
    assert not convert._claim("a" * 64)  # alive and fresh: someone else's
    old = time.time() - 1.5 * convert.CLAIM_STALE_SECONDS
    os.utime(path, (old, old))
    assert convert._claim("a" * 64)  # too old: void
    dead = subprocess.Popen(["true"])
    dead.wait()
    convert._claim_path("b" * 64).write_text(str(dead.pid))
    assert convert._claim("b" * 64)  # its process is gone
