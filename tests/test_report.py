"""`sarkit report`: a self-contained page over a run's tables, every document text escaped, rendered by
a real browser (headless Chromium) when one is installed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import pipeline
from pipeline.cli import main
from pipeline.export import write_dataset
from pipeline.report import ReportError, write_report

from conftest import CORPUS

HOSTILE = ('<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
           '<iframe src="http://example.invalid/"></iframe>')
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """A run over a real report and a report whose text, name and evidence carry markup."""
    folder = tmp_path_factory.mktemp("in")
    evil = folder / "evil<b>.html"
    evil.write_text(f"<html><body><p>มาตรฐานที่ 1 {HOSTILE.replace('<', '&lt;')}</p>"
                    f"<p>ตัวบ่งชี้ที่ 1.1 ระดับคุณภาพ ☑ 5 ☑ 4 ☐ 3 {HOSTILE.replace('<', '&lt;')}</p></body></html>",
                    encoding="utf-8")
    ds = pipeline.extract([CORPUS / "esa2557_review_cases.docx", CORPUS / "bad_empty.docx", evil])
    out = tmp_path_factory.mktemp("out")
    write_dataset(ds, out, formats=("parquet",))
    return out, ds


def test_report_summarises_and_lists_every_flagged_value(run_dir):
    out, ds = run_dir
    page = write_report(out).read_text(encoding="utf-8")
    flagged = int(ds.indicators["needs_review"].sum()) + int(ds.standards["needs_review"].sum())
    assert flagged >= 6
    assert page.count("<tr data-file=") >= flagged
    assert page.count("<svg") == 3  # status, levels per standard, levels per framework
    assert "boxes ticked at levels 5 and 4" in page and "table 1 › row 1" in page
    assert re.search(r"<td>ok</td><td>ผ่าน</td><td class=num>\d+</td>", page)


def test_document_text_is_escaped_and_nothing_is_fetched(run_dir):
    out, _ = run_dir
    page = write_report(out).read_text(encoding="utf-8")
    assert "onerror" in page  # the hostile text is shown …
    assert "<script>document" not in page and "<img" not in page and "<iframe" not in page  # … never as markup
    assert len(re.findall(r"<script", page)) == 1  # ours: the filter
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no network
    assert "Content-Security-Policy" in page


def test_report_from_csv_only_and_a_clear_error_elsewhere(tmp_path, run_dir, capsys):
    _, ds = run_dir
    write_dataset(ds, tmp_path, formats=("csv",))
    assert main(["report", str(tmp_path)]) == 0
    assert (tmp_path / "report.html").exists() and "report.html" in capsys.readouterr().out
    with pytest.raises(ReportError, match="sarkit extract"):
        write_report(tmp_path / "..")
    assert main(["report", str(tmp_path / "missing")]) == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_a_real_browser_renders_the_page(run_dir, tmp_path):
    out, _ = run_dir
    page = write_report(out)
    png = tmp_path / "report.png"
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1800"]
    r = subprocess.run([*args, f"--screenshot={png}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    # the DOM after scripts ran: the hostile markup never became elements, the title is ours
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "<title>sarkit" in dom and "pwned</title>" not in dom and "<iframe" not in dom
    assert 'id="shown"' in dom


def test_tables_of_another_version_are_a_clear_message(tmp_path, run_dir):
    import pandas as pd

    out, _ = run_dir
    for name in ("documents", "standards", "indicators", "findings"):
        df = pd.read_parquet(out / f"{name}.parquet")
        df.drop(columns=[c for c in ("framework", "organisation") if c in df and name != "documents"]).to_parquet(
            tmp_path / f"{name}.parquet")
    with pytest.raises(ReportError, match="another version of sarkit"):
        write_report(tmp_path)
