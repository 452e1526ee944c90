"""Benchmark of a batch run, as a user runs it: `sarkit extract --workers 1` and `--workers 2` on a
batch of distinct reports, against a raw python-docx loop over the same .docx files in the same run.

    python bench/bench_batch.py [--docx 240] [--html 120]

The batch is built from the corpus: every copy gets its own paragraph (a distinct hash and distinct
bytes) and a varying level, so nothing is served from the manifest or a cache of identical text.
Prints documents/s, pages/s (as Word rendered them, at least one per file), peak RSS per worker and
of the parent, and the ratio of sarkit's time per core to the raw loop's. Not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import raw_python_docx  # noqa: E402


def build(out: Path, n_docx: int, n_html: int) -> tuple[list[Path], list[Path]]:
    import docx

    sources = [p for p in sorted((ROOT / "corpus").glob("*.docx")) if not p.name.startswith("bad_")]
    docs = []
    for k in range(n_docx):
        src = sources[k % len(sources)]
        d = docx.Document(str(src))
        d.add_paragraph(f"ภาคผนวก {k}: รายงานฉบับที่ {k} ของ {src.stem} " + "ข้อความประกอบ " * (k % 7))
        path = out / f"d{k:04d}_{src.stem}.docx"
        d.save(str(path))
        docs.append(path)
    htmls = [p for p in sorted((ROOT / "corpus").glob("*.htm*")) if p.suffix in (".html", ".htm") and not p.name.startswith("bad_")]
    pages = []
    for k in range(n_html):
        src = htmls[k % len(htmls)]
        path = out / f"h{k:04d}_{src.name}"
        path.write_bytes(src.read_bytes() + f"<p>ภาคผนวก {k}</p>".encode("utf-8" if "cp874" not in src.name
                                                                              and "tis620" not in src.name
                                                                              and "saveas" not in src.name
                                                                              else "cp874"))
        pages.append(path)
    return docs, pages


def pages_of(docs: list[Path]) -> int:
    total = 0
    for f in docs:
        with zipfile.ZipFile(f) as z:
            total += 1 + z.read("word/document.xml").count(b"lastRenderedPageBreak")
    return total


def run_sarkit(inputs: Path, out: Path, workers: int) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(inputs), "--out", str(out),
                           "--workers", str(workers), "--quiet"], capture_output=True, text=True)
    secs = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(proc.stderr)
    with sqlite3.connect(out / "manifest.sqlite") as db:
        rss = [r[0] for r in db.execute("SELECT rss_mb FROM results WHERE rss_mb IS NOT NULL")]
        n = db.execute("SELECT count(*) FROM results").fetchone()[0]
    parent_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": secs, "files": n, "worker_rss_max": max(rss), "worker_rss_first": rss[0],
            "worker_rss_last": rss[-1], "children_peak_rss": parent_rss, "summary": proc.stdout.strip()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docx", type=int, default=240)
    ap.add_argument("--html", type=int, default=120)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sarkit-batch-"))
    try:
        src = tmp / "in"
        src.mkdir()
        docs, htmls = build(src, args.docx, args.html)
        pages = pages_of(docs) + len(htmls)
        only_docx = tmp / "docx"
        only_docx.mkdir()
        for d in docs:
            (only_docx / d.name).symlink_to(d)
        t = time.perf_counter()
        for d in docs:
            raw_python_docx(d)
        raw = time.perf_counter() - t
        print(f"batch: {len(docs)} distinct .docx + {len(htmls)} HTML ({pages} pages); raw python-docx loop over "
              f"the .docx: {raw:.2f} s ({len(docs) / raw:.1f} docs/s, {1000 * raw / len(docs):.1f} ms/doc)")
        results = {}
        for workers in (1, 2):
            r = run_sarkit(only_docx, tmp / f"out_docx_{workers}", workers)
            results[("docx", workers)] = r
            print(f".docx only, --workers {workers}: {r['seconds']:.2f} s wall, {r['files'] / r['seconds']:.1f} docs/s, "
                  f"per core {r['seconds'] * workers / raw:.2f}x the raw loop's time; worker peak RSS "
                  f"{r['worker_rss_max']:.0f} MB (first file {r['worker_rss_first']:.0f}, last {r['worker_rss_last']:.0f})")
        for workers in (1, 2):
            r = run_sarkit(src, tmp / f"out_all_{workers}", workers)
            print(f"all ({len(docs) + len(htmls)} files), --workers {workers}: {r['seconds']:.2f} s wall, "
                  f"{r['files'] / r['seconds']:.1f} docs/s, {pages / r['seconds']:.1f} pages/s; worker peak RSS "
                  f"{r['worker_rss_max']:.0f} MB")
        print("wall time includes interpreter start, discovery and hashing, the manifest, and writing CSV, "
              "Parquet, XLSX and JSON Lines")
        print(json.dumps({f"{k[0]}_w{k[1]}": round(v["seconds"], 3) for k, v in results.items()}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
