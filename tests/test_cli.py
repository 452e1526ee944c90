"""The command line: extract, eval, validate."""

from __future__ import annotations

import json

from pipeline.cli import main

from conftest import CORPUS, processed


def test_extract_writes_every_format(tmp_path, capsys):
    assert main(["extract", str(CORPUS / "004_udonthani2_2565_web.html"), str(CORPUS / "bad_empty.docx"),
                 "--out", str(tmp_path), "--quiet"]) == 0
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
    assert "ผ่าน" in out and "ตัวบ่งชี้ที่ 4: ระดับ 3" in out
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
