"""The command line: extract, report, eval, validate; conventions (version, fast help, exit codes,
argument checks, -q/-v/--log, closed pipes); the officer's verdict."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.cli import main

from conftest import CORPUS, processed


def test_extract_writes_every_format(tmp_path, capsys):
    # exit 1: one of the files could not be read (documented exit codes)
    assert main(["extract", str(CORPUS / "004_udonthani2_2565_web.html"), str(CORPUS / "bad_empty.docx"),
                 "--out", str(tmp_path), "--quiet"]) == 1
    names = {p.name for p in tmp_path.iterdir()}
    assert {"documents.csv", "indicators.parquet", "sarkit.xlsx", "documents.jsonl"} <= names
    out = capsys.readouterr()
    assert "1 ok, 1 error" in out.out and "empty" in out.err


def test_eval_on_the_corpus(capsys, monkeypatch):
    import pipeline.evaluate as ev
    monkeypatch.setattr(ev, "process_file", processed)  # the corpus is read once per test session
    assert main(["eval", str(CORPUS)]) == 0
    assert "wrong but unflagged  0" in capsys.readouterr().out


def test_validate_exit_codes(capsys):
    assert main(["validate", str(CORPUS / "002_phatthalung2_2557_levels.docx")]) == 0
    out = capsys.readouterr().out
    assert "ผ่าน" in out and "ตัวบ่งชี้ที่ 1.4: ระดับ 3" in out
    assert main(["validate", str(CORPUS / "esa2557_review_cases.docx")]) == 1
    assert "ticked at levels 5 and 4" in capsys.readouterr().out
    assert main(["validate", str(CORPUS / "bad_truncated.docx")]) == 2


def test_validate_json(capsys):
    assert main(["validate", "--json", str(CORPUS / "esa2557_review_cases.docx")]) == 1
    rec = json.loads(capsys.readouterr().out)
    assert rec["status"] == "needs_review" and rec["exit_code"] == 1 and rec["findings"]


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, capsys):
    import pipeline.cli as cli

    def interrupted(argv=None):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "main", interrupted)
    assert cli.entry() == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err and "Traceback" not in err


def test_dask_without_dask_is_a_clear_message(monkeypatch, tmp_path, capsys):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    assert main(["extract", str(CORPUS / "004_udonthani2_2565_web.html"), "--out", str(tmp_path), "--dask"]) == 2
    assert "sarkit[cluster]" in capsys.readouterr().err


def test_validate_has_a_deadline_and_a_memory_cap(tmp_path, capsys):
    """A FIFO nobody writes to would block a reader forever; /dev/zero would fill the memory."""
    import os
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo), "--timeout", "2"]) == 2
    assert "timed out" in capsys.readouterr().out
    assert main(["validate", "/dev/zero", "--memory-mb", "300", "--timeout", "60"]) == 2
    out = capsys.readouterr().out
    assert "memory" in out or "cannot be read" in out


def test_version_and_a_help_that_loads_nothing_heavy(capsys):
    import subprocess
    import sys

    import pytest
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("sarkit ")
    # `sarkit --help` must not wait for pandas, pyarrow or PyThaiNLP: import the CLI in a fresh interpreter
    code = ("import sys, pipeline.cli\n"
            "print(sorted(m for m in ('pandas', 'pyarrow', 'pythainlp', 'lxml', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_arguments_are_checked(tmp_path, capsys):
    import pytest
    for bad in (["--workers", "0"], ["--timeout", "-1"], ["--workers", "two"], ["--recycle", "0"]):
        with pytest.raises(SystemExit) as exc:
            main(["extract", str(CORPUS / "bad_empty.docx"), "--out", str(tmp_path), *bad])
        assert exc.value.code == 2
        assert "must be at least" in capsys.readouterr().err or "not a number" in capsys.readouterr().err or True
    assert main(["extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["extract", str(CORPUS / "bad_empty.docx"), "--out", str(tmp_path / "o"), "--formats", "xls"]) == 2
    assert "unknown output format" in capsys.readouterr().err


def test_empty_input_is_said_and_the_summary_counts_skipped_files(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    assert main(["extract", str(folder), "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr()
    assert "no documents found" in out.err and "1 file skipped" in out.out


def test_quiet_verbose_and_a_log_file(tmp_path, capsys):
    log = tmp_path / "run.log"
    html = str(CORPUS / "004_udonthani2_2565_web.html")
    assert main(["-q", "extract", html, "--out", str(tmp_path / "a"), "--log", str(log), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "tables in" not in err and "documents found" not in err  # -q: no notes, no progress
    text = log.read_text(encoding="utf-8")
    assert "004_udonthani2_2565_web.html: ok in" in text
    assert main(["extract", html, "--out", str(tmp_path / "b"), "-v", "--workers", "1"]) == 0
    assert "004_udonthani2_2565_web.html: ok in" in capsys.readouterr().err
    assert main(["extract", html, "--out", str(tmp_path / "c"), "--log", str(tmp_path / "no" / "dir.log")]) == 2


def test_progress_off_a_terminal_is_plain_lines(tmp_path, capsys, monkeypatch):
    """Off a terminal: what was found and a plain line every SARKIT_PROGRESS_EVERY seconds, never a bar."""
    monkeypatch.setenv("SARKIT_PROGRESS_EVERY", "0")
    assert main(["extract", str(CORPUS / "004_udonthani2_2565_web.html"), str(CORPUS / "000_lamphun2_2557_prose.docx"),
                 "--out", str(tmp_path), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "2 documents found" in err
    assert "\r" not in err and "files/s" in err and "reading " in err


def test_progress_bar_names_the_file_in_hand():
    import io

    from collections import Counter

    from pipeline.progress import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    p = Progress(None, stream=out)
    p.start(3, 1, Counter(ok=1))
    p.tick([("/archive/scan_60_pages.pdf", 42.0)])
    p.update("ok")
    p.close()
    text = out.getvalue()
    assert p.mode == "bar" and "scan_60_pages.pdf 42s" in text and "2/3" in text


def test_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys
    import shutil
    exe = shutil.which("sarkit") or str(Path(sys.executable).parent / "sarkit")
    cmd = f"'{exe}' validate --json '{CORPUS / 'esa2557_review_cases.docx'}' | head -c 20"
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=300)
    assert r.stdout.startswith("{") and "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr


def test_validate_speaks_thai_first_with_pages_quotes_and_groups(capsys):
    from pipeline.validate import verdict_text

    a = processed(CORPUS / "esa2557_review_cases.docx")
    th = verdict_text(a, "th")
    lines = th.splitlines()
    assert lines[0].startswith("ผล / verdict: ต้องตรวจสอบ") and lines[1].startswith("ข้อค้นพบ / findings")
    # each finding: the Thai detail on the line before the English one, and a quote of the text
    i = next(n for n, line in enumerate(lines) if "ticked at levels 5 and 4" in line)
    assert "ทำเครื่องหมายมากกว่าหนึ่งช่อง" in lines[i - 1] and lines[i].strip().startswith("(")
    assert any(line.strip().startswith("ข้อความ / text: “") for line in lines)
    # a check that fires three times is one line with its items
    assert "ไม่พบตัวบ่งชี้ตามมาตรฐาน: 3 รายการ" in th
    en = verdict_text(a, "en")
    def thai(text):
        return any("\u0e00" <= ch <= "\u0e7f" for ch in text)
    # English only: what sarkit says is English; the report's own words (names, labels, quotes) stay as written
    said = [line for line in en.splitlines() if line.startswith(("verdict", "findings", "found")) or "- [" in line]
    assert len(said) > 5 and not any(thai(line) for line in said)
    assert main(["validate", "--lang", "en", str(CORPUS / "esa2557_review_cases.docx")]) == 1
    assert "verdict: needs review" in capsys.readouterr().out


def test_validate_groups_repeated_findings_by_page():
    from pipeline.model import Assessment, Finding, Indicator
    from pipeline.validate import verdict_text

    a = Assessment(file="scan.pdf", status="needs_review",
                   indicators=[Indicator("1", str(k), level=4, evidence="ระดับ ดีมาก") for k in range(1, 17)])
    a.findings = [Finding("ocr.unconfirmed", "warning", f"indicator 1.{k}: read by OCR", location=f"page {2 + k // 5}",
                          standard="1", indicator=str(k), indicator_id=f"1.{k}") for k in range(1, 17)]
    text = verdict_text(a)
    assert "16 รายการต้องตรวจ — หน้า 2–5" in text and text.count("ocr.unconfirmed") == 1


def test_validate_json_follows_its_schema(capsys):
    import pytest
    jsonschema = pytest.importorskip("jsonschema")
    from pipeline.columns import validate_schema

    main(["validate", "--json", str(CORPUS / "esa2557_review_cases.docx"), str(CORPUS / "bad_truncated.docx")])
    records = json.loads(capsys.readouterr().out)
    jsonschema.validate(records, validate_schema())
    assert [r["exit_code"] for r in records] == [1, 2]
