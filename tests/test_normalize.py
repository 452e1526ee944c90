"""Thai normalisation: comparable text, never touching the raw."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text, thai_digits_to_arabic


@pytest.mark.parametrize("raw,norm", [
    ("มาตรฐานที่ ๑", "มาตรฐานที่ 1"),
    ("๙๕.๐๐", "95.00"),
    ("ส\u0e4d\u0e32นักงาน", "สำนักงาน"),          # nikhahit + sara aa -> sara am
    ("ตัว\u200bบ่งชี้", "ตัวบ่งชี้"),              # zero-width space
    ("ตัว\u200cบ่ง\u200dชี้", "ตัวบ่งชี้"),        # ZWNJ, ZWJ
    ("\ufeffมาตรฐาน", "มาตรฐาน"),                  # BOM
    ("ตัวบ่ง\u00adชี้", "ตัวบ่งชี้"),              # soft hyphen
    ("ระดับ\u00a0ดีเยี่ยม", "ระดับ ดีเยี่ยม"),      # no-break space
    ("  ก \t\n ข  ", "ก ข"),
    ("เเม่", "แม่"),                                # two sara e -> sara ae
    ("กา\u0e48", "ก่า"),                            # tone mark after the vowel -> before it
])
def test_normalize(raw, norm):
    assert normalize_text(raw) == norm


def test_nfkc_is_never_applied():
    assert "\u0e33" in normalize_text("สำนักงาน")  # NFKC would split sara am


def test_thai_digits():
    assert thai_digits_to_arabic("ปี ๒๕๕๗ ข้อ ๑.๒") == "ปี 2557 ข้อ 1.2"


def test_raw_text_is_kept(make_docx):
    from parsers import parse
    from conftest import wordml as W
    doc = parse(make_docx(W.para(W.run("มาตรฐานที่\u00a0๑"))))
    assert doc.blocks[0].text == "มาตรฐานที่\u00a0๑"


def test_thai_normalize_shortcut_matches_pythainlp():
    """Text in which none of PyThaiNLP's rules can fire skips its `normalize` (36 regex passes): on
    random strings of the letters, vowels and marks those rules are about, the shortcut gives what
    `normalize` gives, every time."""
    import random
    import re

    from pythainlp.util import normalize

    from pipeline.normalize import _NEEDS_THAI_NORMALIZE

    alphabet = "กขฤฦนรอ" + "ะาำๅเแโใไ" + "ัิีึืํ็ฺุู" + "่้๊๋์ํ๎" + " " + "1a"
    rnd = random.Random(2026)
    skipped = 0
    for _ in range(60000):
        x = re.sub(r"\s+", " ", "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 10)))).strip()
        if x and not _NEEDS_THAI_NORMALIZE.search(x):
            skipped += 1
            assert normalize(x) == x, x
    assert skipped > 5000  # the shortcut is taken, not only tested never to be
