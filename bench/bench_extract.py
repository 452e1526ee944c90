"""Benchmark: sarkit's whole flow per file against the raw libraries on the same files, in one run.

    python bench/bench_extract.py [--copies 10] [--repeat 3]

Builds distinct copies of the corpus .docx and HTML files (a paragraph naming the copy is added, so
every file has its own hash and its own bytes), then times, on one core:
  - raw python-docx: open, read every paragraph and every table cell's text (what most tools do);
  - raw lxml: unzip word/document.xml, parse, iterate w:t / w:sym (the floor for reading a .docx);
  - raw lxml.html: parse and text_content() for the HTML files;
  - sarkit: parse + normalise + extract + checks, as `sarkit extract` runs per file.
Prints documents/s, the ratio to the raw loops, and the peak RSS of this process. Not a test: the
figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_copies(out: Path, copies: int) -> tuple[list[Path], list[Path]]:
    """Distinct copies of the corpus documents (bad files left out)."""
    import docx

    docs, pages = [], []
    for src in sorted((ROOT / "corpus").glob("*.docx")):
        if src.name.startswith("bad_"):
            continue
        for k in range(copies):
            d = docx.Document(str(src))
            d.add_paragraph(f"สำเนาที่ {k} ของ {src.stem}")
            dst = out / f"{src.stem}_{k}.docx"
            d.save(str(dst))
            docs.append(dst)
    for src in sorted((ROOT / "corpus").glob("*.htm*")):
        if src.name.startswith("bad_") or src.suffix not in (".html", ".htm"):  # not the .truth.json beside it
            continue
        data = src.read_bytes()
        for k in range(copies):
            dst = out / f"{src.stem}_{k}{src.suffix}"
            dst.write_bytes(data + f"<!-- copy {k} -->".encode())
            pages.append(dst)
    return docs, pages


def raw_python_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                n += len(c.text)
    return n


def raw_lxml_docx(path: Path) -> int:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    n = 0
    for el in root.iter(W_NS + "t", W_NS + "sym"):
        n += len(el.text or "") + 1
    return n


def raw_lxml_html(path: Path) -> int:
    import lxml.html

    return len(lxml.html.document_fromstring(path.read_bytes()).text_content())


def sarkit_file(path: Path) -> int:
    from pipeline.run import process_file

    a = process_file(path)
    assert a.status != "error", (path, a.error)
    return len(a.indicators)


def timed(fn, files: list[Path], repeat: int = 3) -> float:
    """Median seconds for one pass over `files`. sarkit's cache of normalised text is emptied before
    each pass: a pass sees its files as a worker sees new reports (sharing headings and labels with
    the reports before them, not their text), not as a rerun of the same files."""
    runs = []
    for _ in range(repeat):
        forget = getattr(sys.modules.get("pipeline.normalize"), "_normalize", None)
        if forget is not None:
            forget.cache_clear()
        t = time.perf_counter()
        for f in files:
            fn(f)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def docx_pages(files: list[Path]) -> int:
    """Pages as Word last rendered them (lastRenderedPageBreak + 1), or 1 per file without them."""
    total = 0
    for f in files:
        with zipfile.ZipFile(f) as z:
            xml = z.read("word/document.xml")
        total += 1 + xml.count(b"lastRenderedPageBreak")
    return total


def long_reports(tmp: Path, repeat: int, n: int = 8) -> None:
    """41-page reports (bench/reports.py) as Word writes them (lean XML), as LibreOffice writes them
    (.docx and HTML, when LibreOffice is installed): pages/s per core, sarkit against the raw loops."""
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from reports import make_report_docx

    lean = []
    for k in range(n):
        make_report_docx(tmp / f"long{k}.docx", k)
        lean.append(tmp / f"long{k}.docx")
    sets = [("lean .docx", lean, raw_python_docx, "python-docx")]
    if shutil.which("soffice"):
        for fmt, ext in (("docx:MS Word 2007 XML", "docx"), ("html", "html")):
            out = tmp / f"lo-{ext}"
            subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
                            "--convert-to", fmt, "--outdir", str(out), *map(str, lean)], capture_output=True,
                           timeout=600)
            files = sorted(out.glob(f"*.{ext}"))
            if files:
                sets.append((f"LibreOffice {ext}", files, raw_python_docx if ext == "docx" else raw_lxml_html,
                             "python-docx" if ext == "docx" else "lxml.html text_content"))
    print(f"\n41-page reports, {n} of each kind, one core, median of {repeat} passes")
    print(f"{'kind':16} {'sarkit pages/s':>15} {'raw':>24} {'raw pages/s':>12} {'sarkit/raw time':>16}")
    for kind, files, raw, raw_name in sets:
        sarkit_file(files[0])
        sk, rw = timed(sarkit_file, files, repeat), timed(raw, files, repeat)
        pages = 41 * len(files)
        print(f"{kind:16} {pages / sk:15.0f} {raw_name:>24} {pages / rw:12.0f} {sk / rw:16.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sarkit-bench-"))
    try:
        docs, htmls = make_copies(tmp, args.copies)
        # warm imports and caches once, as a long-running worker would be
        for fn, f in ((raw_python_docx, docs[0]), (raw_lxml_docx, docs[0]), (sarkit_file, docs[0]),
                      (raw_lxml_html, htmls[0]), (sarkit_file, htmls[0])):
            fn(f)
        pages = docx_pages(docs)
        rows = [
            (".docx", "raw python-docx (paragraphs + cells)", timed(raw_python_docx, docs, args.repeat), len(docs)),
            (".docx", "raw lxml (w:t, w:sym)", timed(raw_lxml_docx, docs, args.repeat), len(docs)),
            (".docx", "sarkit (parse+extract+checks)", timed(sarkit_file, docs, args.repeat), len(docs)),
            ("HTML", "raw lxml.html text_content()", timed(raw_lxml_html, htmls, args.repeat), len(htmls)),
            ("HTML", "sarkit (parse+extract+checks)", timed(sarkit_file, htmls, args.repeat), len(htmls)),
        ]
        print(f"{len(docs)} distinct .docx ({pages} pages as Word rendered them, at least 1 per file), "
              f"{len(htmls)} HTML; median of {args.repeat} passes, one core")
        print(f"{'kind':6} {'what':40} {'s/pass':>8} {'docs/s':>8} {'ms/doc':>8}")
        for kind, what, secs, n in rows:
            print(f"{kind:6} {what:40} {secs:8.3f} {n / secs:8.1f} {1000 * secs / n:8.2f}")
        pd_raw, lx_raw, sk = rows[0][2], rows[1][2], rows[2][2]
        print(f"sarkit / raw python-docx on .docx: {sk / pd_raw:.2f}x the time;  sarkit / raw lxml: {sk / lx_raw:.2f}x")
        print(f"sarkit / raw lxml.html on HTML: {rows[4][2] / rows[3][2]:.2f}x the time")
        print(f"pages/s (.docx, sarkit): {pages / sk:.1f}")
        long_reports(tmp, args.repeat)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:.0f} MB (pid {os.getpid()})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
