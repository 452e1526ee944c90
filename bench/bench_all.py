"""One benchmark, side by side, in one run (issue 9): every format of a realistic 41-page report against
the raw libraries on the same files, then whole batches as a user runs them.

    python bench/bench_all.py [--per-format 8] [--small 1000,10000] [--reports 200] [--docs 40]

1. One core, per format: 41-page reports (bench/reports.py) as Word writes them (lean XML), and as
   LibreOffice writes them (.docx, HTML, PDF with a ticked checklist on every page): sarkit's whole
   flow (parse, normalise, extract, checks) in pages/s against python-docx / lxml / lxml.html /
   pypdfium2 / PyMuPDF / pdfplumber reading the same files, and the ratio of the times.
2. Batches (`sarkit extract` in a subprocess, four output formats, a fresh conversion cache each):
   small reports, 41-page .docx and 41-page Word 97 .doc, with `--workers 1` and `--workers 2`; the
   parent's peak RSS (the workers' from the manifest) at two batch sizes; a resume with nothing new.
   For .doc, the ceiling: LibreOffice alone converting the same files, one start per core.
Needs LibreOffice for the LibreOffice-made sets (they are skipped without it). PyMuPDF is a yardstick
only: `pip install -e '.[bench]'`. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import docx_pages, raw_lxml_docx, raw_lxml_html, raw_python_docx, sarkit_file, timed  # noqa: E402
from bench_pdf import pages as pdf_pages, pdfium_text, plumber_text, pymupdf_text  # noqa: E402
from bench_scale import build as build_small, run as run_batch  # noqa: E402
from reports import make_report_docx  # noqa: E402


def soffice(args: list[str], profile: Path, timeout: float = 1800) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                   capture_output=True, timeout=timeout)


def reports(folder: Path, n: int, first: int = 0, ticks: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(first, first + n):
        make_report_docx(folder / f"sar{k:05d}.docx", k, ticks=ticks)
        out.append(folder / f"sar{k:05d}.docx")
    return out


def lo_convert(files: list[Path], fmt: str, ext: str, out: Path, profile: Path) -> list[Path]:
    soffice(["--convert-to", fmt, "--outdir", str(out), *map(str, files)], profile)
    return sorted(out.glob(f"*.{ext}"))


def has_pymupdf() -> bool:
    try:
        import pymupdf  # noqa: F401
        return True
    except ImportError:
        return False


def per_format(tmp: Path, n: int, repeat: int) -> None:
    profile = tmp / "lo-profile"
    lean = reports(tmp / "lean", n)
    sets = [("Word .docx (lean XML)", lean, docx_pages(lean),
             [("python-docx", raw_python_docx), ("lxml w:t", raw_lxml_docx)])]
    if shutil.which("soffice"):
        lo_docx = lo_convert(lean, "docx:MS Word 2007 XML", "docx", tmp / "lo-docx", profile)
        html = lo_convert(lean, "html", "html", tmp / "lo-html", profile)
        ticked = reports(tmp / "ticked", n, first=1000, ticks=True)
        pdf = lo_convert(ticked, "pdf", "pdf", tmp / "lo-pdf", profile)
        pdf_raw = [("pypdfium2 text", pdfium_text)] + ([("PyMuPDF get_text", pymupdf_text)] if has_pymupdf() else []) \
            + [("pdfplumber extract_text", plumber_text)]
        sets += [("LibreOffice .docx", lo_docx, 41 * len(lo_docx), [("python-docx", raw_python_docx)]),
                 ("LibreOffice HTML", html, 41 * len(html), [("lxml.html text_content", raw_lxml_html)]),
                 ("LibreOffice PDF, ticks", pdf, sum(pdf_pages(p) for p in pdf), pdf_raw)]
    else:
        print("(LibreOffice not installed: only the lean .docx set)")
    print(f"\n1. One core, {n} distinct 41-page reports per format (pages as Word counts them; the PDF's own), "
          f"median of {repeat} passes")
    print(f"{'format':24} {'sarkit pages/s':>15}   {'raw library':24} {'raw pages/s':>12} {'sarkit/raw time':>16}")
    for kind, files, pages, raws in sets:
        sarkit_file(files[0])  # imports and caches warm, as in a long-lived worker
        sk = timed(sarkit_file, files, repeat)
        for k, (name, fn) in enumerate(raws):
            fn(files[0])
            rw = timed(fn, files, 1 if "pdfplumber" in name else repeat)
            print(f"{kind if k == 0 else '':24} {(pages / sk if k == 0 else float('nan')):>15.0f}   {name:24} "
                  f"{pages / rw:>12.0f} {sk / rw:>16.2f}".replace(" nan", "    "), flush=True)


def batch(label: str, src: Path, tmp: Path, pages_each: int, workers=(1, 2), resume: bool = True) -> dict:
    out = {}
    for w in workers:
        os.environ["SARKIT_CACHE"] = tempfile.mkdtemp(prefix="sarkit-bench-cache-", dir=tmp)
        dst = tmp / f"out-{src.name}-w{w}"
        r = run_batch(src, dst, w, "csv,parquet,xlsx,jsonl")
        again = run_batch(src, dst, w, "csv,parquet,xlsx,jsonl")["seconds"] if resume and w == workers[-1] else float("nan")
        n = sum(1 for _ in src.iterdir())
        print(f"{label:26} {n:>7} {w:>7} {r['seconds']:>8.1f} {n / r['seconds']:>8.1f} "
              f"{(pages_each * n / r['seconds'] if pages_each else float('nan')):>8.0f} {r['parent_peak_mb']:>12.0f} "
              f"{r['worker_peak_mb']:>12.0f} {again:>9.2f}".replace(" nan", "    "), flush=True)
        out[w] = r["seconds"]
        shutil.rmtree(dst)
    if len(out) == 2:
        print(f"{'':26} --workers 2 is {out[1] / out[2]:.2f}x --workers 1")
    return out


def batches(tmp: Path, small: list[int], n_reports: int, n_docs: int) -> None:
    print(f"\n2. Batches as a user runs them: `sarkit extract`, {os.cpu_count()} cores, four output formats")
    print(f"{'what':26} {'files':>7} {'workers':>7} {'seconds':>8} {'files/s':>8} {'pages/s':>8} "
          f"{'parent MB':>12} {'worker MB':>12} {'resume s':>9}")
    for i, n in enumerate(small):
        src = tmp / f"small{n}"
        build_small(src, n)
        batch("small .docx + HTML", src, tmp, 0, workers=(1, 2) if i == 0 else (2,))
        shutil.rmtree(src)
    if n_reports:
        src = tmp / "reports"
        reports(src, n_reports, first=5000)
        batch("41-page .docx", src, tmp, 41)
        shutil.rmtree(src)
    if n_docs and shutil.which("soffice"):
        made = reports(tmp / "doc-src", n_docs, first=9000)
        src = tmp / "docs"
        lo_convert(made, "doc:MS Word 97", "doc", src, tmp / "lo-profile")
        docs = sorted(src.glob("*.doc"))
        batch("41-page Word 97 .doc", src, tmp, 41)
        # The ceiling: LibreOffice alone, one start per core, each converting half the files to .docx.
        halves = [docs[: len(docs) // 2], docs[len(docs) // 2:]]
        t = time.perf_counter()
        procs = [subprocess.Popen(["soffice", f"-env:UserInstallation={(tmp / f'lo-raw{k}').as_uri()}", "--headless",
                                   "--convert-to", "docx", "--outdir", str(tmp / f"raw{k}"), *map(str, half)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for k, half in enumerate(halves)]
        for p in procs:
            p.wait()
        secs = time.perf_counter() - t
        print(f"{'  LibreOffice alone':26} {len(docs):>7} {2:>7} {secs:>8.1f} {len(docs) / secs:>8.1f}"
              f"   (the ceiling: conversion only, one start per core)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-format", type=int, default=8, help="41-page reports per format, one core")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--small", default="1000,10000", help="batch sizes of small reports (the first: also workers 1)")
    ap.add_argument("--reports", type=int, default=200, help="41-page .docx reports in a batch")
    ap.add_argument("--docs", type=int, default=40, help="41-page .doc reports in a batch")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sarkit-bench-all-"))
    os.environ["SARKIT_CACHE"] = str(tmp / "cache")
    try:
        per_format(tmp, args.per_format, args.repeat)
        batches(tmp, [int(x) for x in args.small.split(",") if x], args.reports, args.docs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
