"""Scanned pages: sarkit's OCR path against the raw `tesseract` CLI on the same page images, and a
60-page report with ten scanned pages read under a --timeout shorter than its OCR needs.

    python bench/bench_ocr.py [--timeout 5]

1. The corpus scan's pages rendered at 300 dpi (as sarkit renders them) are given to `tesseract … -l
   tha+eng --psm 4 txt tsv` one by one (the raw floor), then the same PDF through `sarkit` (render,
   Tesseract, box reading, Thai repair, the whole flow) with an empty OCR cache, then again with the cache.
2. A long PDF: 60 text pages (a real report's PDF repeated) and 10 scanned pages (the scan's 5 pages
   twice: the second five come from the OCR cache), through `sarkit extract --workers 2 --timeout T`
   with T shorter than the OCR needs: the deadline grows with the pages to OCR, so it finishes with its
   text pages' results. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCAN = ROOT / "corpus" / "pdf_scan_000_lamphun2_2557.pdf"
TEXT = ROOT / "corpus" / "pdf_002_phatthalung2_2557_levels.pdf"


def raw_tesseract(pngs: list[Path], tmp: Path) -> float:
    t = time.perf_counter()
    for k, png in enumerate(pngs):
        subprocess.run(["tesseract", str(png), str(tmp / f"raw{k}"), "-l", "tha+eng", "--psm", "4", "txt", "tsv"],
                       capture_output=True, check=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    return time.perf_counter() - t


def main() -> None:
    import pypdfium2 as pdfium

    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sarkit-ocr-bench-") as d:
        tmp = Path(d)
        os.environ["SARKIT_CACHE"] = str(tmp / "cache")
        scan = pdfium.PdfDocument(str(SCAN))
        pngs = []
        for i in range(len(scan)):
            png = tmp / f"page{i}.png"
            scan[i].render(scale=300 / 72).to_pil().convert("L").save(png)
            pngs.append(png)
        raw = raw_tesseract(pngs, tmp)
        from pipeline.run import process_file

        t = time.perf_counter()
        a = process_file(str(SCAN))
        cold = time.perf_counter() - t
        t = time.perf_counter()
        process_file(str(SCAN))
        warm = time.perf_counter() - t
        n = len(pngs)
        print(f"scan, {n} pages at 300 dpi: raw tesseract {n / raw:.2f} pages/s ({raw / n:.1f} s a page); "
              f"sarkit {n / cold:.2f} pages/s ({cold / raw:.2f}x the raw time; {len(a.indicators)} indicators); "
              f"again from the OCR cache {n / warm:.1f} pages/s")

        # a 60-page report: 50 text pages, 10 scanned
        text = pdfium.PdfDocument(str(TEXT))
        doc = pdfium.PdfDocument.new()
        while len(doc) < 60:
            doc.import_pages(text)
        for _ in range(2):
            doc.import_pages(scan)
        src = tmp / "in"
        src.mkdir()
        with open(src / "report60.pdf", "wb") as fh:
            doc.save(fh)
        out = tmp / "out"
        os.environ["SARKIT_CACHE"] = str(tmp / "cache2")  # cold: every scanned page through Tesseract
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(src), "--out", str(out),
                               "--workers", "2", "--timeout", f"{args.timeout:g}", "--quiet", "--formats", "jsonl"],
                              capture_output=True, text=True, cwd=ROOT)
        secs = time.perf_counter() - t
        rec = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
        levels = sum(1 for i in rec["indicators"] if i["level"] is not None)
        print(f"{len(doc)} pages (10 scanned) under --timeout {args.timeout:g}: {secs:.1f} s, status {rec['status']}, "
              f"{rec['pages']} pages, {len(rec['indicators'])} indicators, {levels} levels"
              + (f", error: {rec['error']}" if rec["error"] else ""))
        if proc.returncode not in (0, 1):
            print(proc.stderr)


if __name__ == "__main__":
    main()
