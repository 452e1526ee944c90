"""Hostile text: lines built to make a regular expression take quadratic time. Each document must be
read within a deadline (a guard against a hang, not a speed measurement: the alarm is far above the
fractions of a second these take)."""

from __future__ import annotations

import signal

import pytest

from pipeline.run import process_file

LINES = {
    "digits after a heading": "ตัวบ่งชี้ที่ 1 " + "1" * 200_000,
    "office abbreviations": "สพป" * 120_000,
    "office names": "สำนักงานเขตพื้นที่การศึกษา" * 40_000,
    "leaders": "มาตรฐานที่ 1 " + "." * 200_000 + "x",
    "percent signs": "ผลการประเมินอยู่ในระดับดี " + "9" * 200_000 + "%",
    "labels": "ระดับคุณภาพ" + "ดีเยี่ยม" * 80_000,
}


@pytest.mark.parametrize("name", LINES)
def test_long_hostile_lines_are_read_within_a_deadline(tmp_path, name):
    path = tmp_path / "hostile.txt"
    path.write_text("มาตรฐานที่ 1 ก\n" + LINES[name] + "\n", encoding="utf-8")

    def hung(*_):
        raise TimeoutError(f"{name}: still reading after 60 s: a pattern is not linear")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        a = process_file(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert a.status in ("ok", "needs_review", "no_assessment")
