"""Scanned pages in time (issue 11): the deadline grows with the pages to OCR, a document's OCR budget
leaves the rest unread and says so, a failed Tesseract is a finding about its page, never a silent
`no_assessment`, and a page already read comes from the cache.

Tesseract is replaced by a script on PATH that takes a fixed time per page and writes a fixed text, so
the tests decide how slow OCR is (no test measures wall-clock time)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.run import process_file

from conftest import CORPUS

TEXT_PDF = CORPUS / "pdf_002_phatthalung2_2557_levels.pdf"


def _fake_tesseract(folder: Path, seconds: float, exit_code: int = 0, stderr: str = "") -> Path:
    """A `tesseract` that sleeps, counts its runs and writes "หน้าสแกน ภาคผนวก" as the page's text."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "tesseract"
    script.write_text(f"""#!/usr/bin/env bash
echo run >> "{folder}/runs"
date +%s.%N >> "{folder}/starts"
sleep {seconds}
date +%s.%N >> "{folder}/ends"
if [ {exit_code} -ne 0 ]; then echo "{stderr}" >&2; exit {exit_code}; fi
printf 'หน้าสแกน ภาคผนวก\\n' > "$2.txt"
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n' > "$2.tsv"
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def _runs(folder: Path) -> int:
    return len((folder / "runs").read_text().split()) if (folder / "runs").exists() else 0


def _with_scans(path: Path, scans: int, token: str) -> Path:
    """The text PDF of a real report with `scans` image-only pages after it (each page distinct)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    images = []
    for k in range(scans):
        im = Image.new("L", (620, 877), 255)
        ImageDraw.Draw(im).text((60, 60 + 40 * k), f"scan {token} page {k}", fill=0)
        ImageDraw.Draw(im).rectangle((60, 300, 560, 700 - 20 * k), outline=0, width=3)
        images.append(im.convert("RGB"))
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:])
    doc = pdfium.PdfDocument(TEXT_PDF.read_bytes())
    doc.import_pages(pdfium.PdfDocument(buf.getvalue()))
    with open(path, "wb") as fh:
        doc.save(fh)
    return path


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / "cache"))


def _levels(a):
    return [(i.indicator_id, i.level) for i in a.indicators]


def test_the_deadline_grows_with_the_pages_to_ocr(tmp_path, monkeypatch, private_cache):
    """Three scanned pages at 2 s each under a 3 s --timeout: the worker asks for each page's time and
    the report is read whole; with no extension granted, the same file is a timeout error."""
    from pipeline import workers

    tools = _fake_tesseract(tmp_path / "bin", 2)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    (tmp_path / "in").mkdir()
    pdf = _with_scans(tmp_path / "in" / "report.pdf", 3, "grow")
    s = run_batch([pdf], tmp_path / "out", workers=1, timeout=3, progress=False)
    rec = s.dataset.records[0]
    assert rec["status"] != "error", rec["error"]
    assert [(i["indicator_id"], i["level"]) for i in rec["indicators"]] == _levels(process_file(TEXT_PDF))
    assert _runs(tools) == 3

    monkeypatch.setattr(workers, "MAX_EXTRA", 0.0)  # the control: no more time than --timeout
    pdf2 = _with_scans(tmp_path / "in" / "report2.pdf", 3, "control")
    s2 = run_batch([pdf2], tmp_path / "out2", workers=1, timeout=3, progress=False)
    assert "timed out" in s2.dataset.records[0]["error"]


def test_an_ocr_budget_leaves_later_scans_unread_and_keeps_the_text_pages(tmp_path, monkeypatch, private_cache):
    from parsers.pdf import ocr

    tools = _fake_tesseract(tmp_path / "bin", 1)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setattr(ocr, "OCR_BUDGET", 0.5)  # the first page (1 s) spends it
    monkeypatch.setenv("SARKIT_OCR_JOBS", "1")  # one page at a time: which pages ran is then certain
    a = process_file(_with_scans(tmp_path / "report.pdf", 3, "budget"))
    assert _levels(a) == _levels(process_file(TEXT_PDF))  # the text pages' results stand
    unread = [f for f in a.findings if f.check == "read.pages_unread"]
    assert len(unread) == 2 and all("budget" in f.message for f in unread) and _runs(tools) == 1
    assert a.status == "needs_review"


@pytest.mark.parametrize("stderr,status,check", [
    ("Error opening data file /usr/share/tesseract-ocr/5/tessdata/tha.traineddata Failed loading language 'tha'",
     "missing_tool", "read.missing_tool"),
    ("Segmentation fault", "needs_review", "read.pages_unread"),
])
def test_a_failed_tesseract_is_said_never_a_silent_no_assessment(tmp_path, monkeypatch, private_cache, stderr,
                                                                status, check):
    """An image-only report that OCR could not read is not a report without an assessment."""
    from PIL import Image

    tools = _fake_tesseract(tmp_path / "bin", 0, exit_code=1, stderr=stderr)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (620, 877), "white").save(scan, format="PDF")
    a = process_file(scan)
    assert a.status == status and any(f.check == check for f in a.findings)
    assert any("page 1" in f.message for f in a.findings if f.check == check)


def test_a_page_already_read_comes_from_the_cache(tmp_path, monkeypatch, private_cache):
    tools = _fake_tesseract(tmp_path / "bin", 0)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    pdf = _with_scans(tmp_path / "report.pdf", 2, "cache")
    first = process_file(pdf)
    again = process_file(pdf)
    assert _runs(tools) == 2 and _levels(first) == _levels(again)


def test_a_dask_task_extends_its_deadline_too(tmp_path, monkeypatch, private_cache):
    """The Dask task reads its file in a forked child under the same deadline; the child asks for its
    scanned pages' time the same way (a frame on its pipe before the record)."""
    from pipeline import cluster, workers

    tools = _fake_tesseract(tmp_path / "bin", 2)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    _, _, record, _ = cluster.dask_task("k", str(_with_scans(tmp_path / "a.pdf", 3, "dask")), timeout=3)
    assert record["status"] != "error", record["error"]
    assert [(i["indicator_id"], i["level"]) for i in record["indicators"]] == _levels(process_file(TEXT_PDF))
    monkeypatch.setattr(workers, "MAX_EXTRA", 0.0)  # the control: no more time than --timeout
    _, _, record, _ = cluster.dask_task("k", str(_with_scans(tmp_path / "b.pdf", 3, "dask-control")), timeout=3)
    assert "timed out" in record["error"]


def test_scanned_pages_run_in_parallel_with_the_same_result(tmp_path, monkeypatch):
    """With cores to spare (SARKIT_OCR_JOBS=2) a document's scanned pages go to Tesseract two at a time;
    what comes out — text, paragraph numbers, findings — is what one page at a time gives."""
    from pipeline.dataset import nested_record

    tools = _fake_tesseract(tmp_path / "bin", 1)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    pdf = _with_scans(tmp_path / "report.pdf", 4, "parallel")
    records = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("SARKIT_OCR_JOBS", jobs)
        monkeypatch.setenv("SARKIT_CACHE", str(tmp_path / f"cache{jobs}"))
        (tools / "starts").unlink(missing_ok=True)
        (tools / "ends").unlink(missing_ok=True)
        records[jobs] = nested_record(process_file(pdf))
        starts = sorted(float(x) for x in (tools / "starts").read_text().split())
        ends = sorted(float(x) for x in (tools / "ends").read_text().split())
        overlapped = any(s2 < e1 for s2, e1 in zip(starts[1:], ends))  # a run began before another ended
        assert overlapped == (jobs == "2") and len(starts) == 4
    assert records["1"] == records["2"]
