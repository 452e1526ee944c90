"""How a batch scales with the number of files: the parent's peak RSS at several batch sizes (it must be
flat: records stream from the workers to the manifest and from the manifest to the tables), the time
of a resume with nothing new, and `--workers 2` against `--workers 1`.

    python bench/bench_scale.py [--sizes 1000,10000,50000] [--scaling 1000] [--reports 200,2000]
                                [--formats csv,parquet,xlsx,jsonl]

Files are small real reports from the corpus (a .docx and an HTML page), each made distinct (a ZIP
comment, an HTML comment) so that nothing is de-duplicated; and 41-page reports (bench/reports.py:
a real report's results followed by 40 pages of narrative). Each run is `sarkit extract` in a
subprocess that reports its own peak RSS (workers are separate processes and not counted there; their
peak is in the manifest). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
DOCX = ROOT / "corpus" / "002_phatthalung2_2557_levels.docx"
HTML = ROOT / "corpus" / "004_udonthani2_2565_web.html"

# The parent's own peak RSS, printed as JSON on the last line of stderr. VmHWM, the high-water mark
# of this process's memory: getrusage's ru_maxrss survives exec, so a runner started from a big
# benchmark process would report the benchmark's size.
_RUNNER = """
import json, re, sys
from pipeline.cli import main
code = main(sys.argv[1:])
hwm = re.search(r"VmHWM:\\s*(\\d+) kB", open("/proc/self/status").read())
print(json.dumps({"code": code, "parent_peak_mb": int(hwm.group(1)) / 1024}), file=sys.stderr)
"""


def build(folder: Path, n: int) -> None:
    """n distinct small reports, half .docx and half HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    docx, html = DOCX.read_bytes(), HTML.read_bytes()
    assert docx[-22:-18] == b"PK\x05\x06" and docx[-2:] == b"\0\0", "the .docx must end in a bare ZIP directory"
    for k in range(n):
        if k % 2:
            comment = f"sarkit bench {k}".encode()
            (folder / f"r{k:06d}.docx").write_bytes(docx[:-2] + len(comment).to_bytes(2, "little") + comment)
        else:
            (folder / f"r{k:06d}.html").write_bytes(html + f"<!-- {k} -->".encode())


def run(inputs: Path, out: Path, workers: int, formats: str) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, "extract", str(inputs), "--out", str(out), "--workers",
                           str(workers), "--quiet", "--formats", formats], capture_output=True, text=True, cwd=ROOT)
    secs = time.perf_counter() - t
    try:
        stats = json.loads(proc.stderr.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"sarkit extract failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    if stats["code"] not in (0, 1):
        raise SystemExit(proc.stderr)
    with sqlite3.connect(out / "manifest.sqlite") as db:
        rss = [r[0] for r in db.execute("SELECT rss_mb FROM results WHERE rss_mb IS NOT NULL")]
    return {"seconds": secs, "parent_peak_mb": stats["parent_peak_mb"], "worker_peak_mb": max(rss or [0]),
            "summary": proc.stdout.strip()}


def make_sample_size(tmp: Path) -> int:
    from reports import make_report_docx

    make_report_docx(tmp / "sample.docx", 0)
    return (tmp / "sample.docx").stat().st_size // 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--scaling", type=int, default=1000, help="files for the workers-1 / workers-2 comparison")
    ap.add_argument("--reports", default="200,2000", help="batches of 41-page .docx reports (the first: also workers 1)")
    ap.add_argument("--formats", default="csv,parquet,xlsx,jsonl")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="sarkit-scale-"))
    try:
        print(f"small reports (.docx {DOCX.stat().st_size // 1024} KB and HTML {HTML.stat().st_size // 1024} KB, "
              f"alternating), formats {args.formats}, {os.cpu_count()} cores")
        print(f"{'files':>7} {'workers':>7} {'seconds':>8} {'files/s':>8} {'parent peak MB':>15} "
              f"{'worker peak MB':>15} {'resume s':>9}")
        for n in sizes:
            src = tmp / f"in{n}"
            build(src, n)
            out = tmp / f"out{n}"
            r = run(src, out, 2, args.formats)
            again = run(src, out, 2, args.formats)
            print(f"{n:>7} {2:>7} {r['seconds']:>8.1f} {n / r['seconds']:>8.1f} {r['parent_peak_mb']:>15.0f} "
                  f"{r['worker_peak_mb']:>15.0f} {again['seconds']:>9.2f}", flush=True)
            shutil.rmtree(out)
            if n != args.scaling:
                shutil.rmtree(src)
        src = tmp / f"in{args.scaling}"
        if not src.exists():
            build(src, args.scaling)
        one = run(src, tmp / "w1", 1, args.formats)
        two = run(src, tmp / "w2", 2, args.formats)
        print(f"\n{args.scaling} small files: --workers 1 {one['seconds']:.1f} s "
              f"({args.scaling / one['seconds']:.0f} files/s), --workers 2 {two['seconds']:.1f} s "
              f"({args.scaling / two['seconds']:.0f} files/s): w2/w1 = {one['seconds'] / two['seconds']:.2f}x")
        shutil.rmtree(src)
        reports = [int(x) for x in args.reports.split(",") if x]
        if reports:
            from reports import make_report_docx

            print(f"\n41-page .docx reports ({make_sample_size(tmp)} KB each)")
            print(f"{'reports':>7} {'workers':>7} {'seconds':>8} {'pages/s':>8} {'parent peak MB':>15} "
                  f"{'worker peak MB':>15} {'resume s':>9}")
        for i, n in enumerate(reports):
            src = tmp / f"reports{n}"
            src.mkdir()
            for k in range(n):
                make_report_docx(src / f"sar{k:05d}.docx", k)
            for w in ((1, 2) if i == 0 else (2,)):
                out = tmp / f"rout{n}w{w}"
                r = run(src, out, w, args.formats)
                again = run(src, out, w, args.formats) if w == 2 else {"seconds": float("nan")}
                print(f"{n:>7} {w:>7} {r['seconds']:>8.1f} {41 * n / r['seconds']:>8.0f} {r['parent_peak_mb']:>15.0f} "
                      f"{r['worker_peak_mb']:>15.0f} {again['seconds']:>9.2f}", flush=True)
                shutil.rmtree(out)
            shutil.rmtree(src)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
