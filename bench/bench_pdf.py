"""Benchmark of the PDF and legacy .doc paths, one core, in one run:

    python bench/bench_pdf.py

- text-layer PDFs (the real 39-page manual and the LibreOffice exports in corpus/, the scan excluded):
  sarkit's whole flow per file (parse + extract + checks) in pages/s, against pdfplumber's own
  `extract_text` on every page of the same files, and pypdfium2's raw `get_text_range` (the floor);
- 41-page reports (bench/reports.py) exported to PDF by LibreOffice, with a ticked checklist on every
  page and without: sarkit's whole flow against pypdfium2, PyMuPDF and pdfplumber's text on the same
  files, and how much of the known narrative each gives back with its Thai intact;
- the scanned PDF: OCR pages/s;
- .doc / .rtf: files/s through LibreOffice, one soffice start per file against twenty per start;
- peak RSS of this process.
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
CORPUS = ROOT / "corpus"

from bench_extract import timed  # noqa: E402  (median of passes)


def pages(path: Path) -> int:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def plumber_text(path: Path) -> None:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for p in pdf.pages:
            p.extract_text()


def pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        pdf[i].get_textpage().get_text_range()
    pdf.close()


def pymupdf_text(path: Path) -> None:
    import pymupdf
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()


def sarkit_text(path: Path) -> str:
    from parsers import parse
    from parsers.model import Table

    def text(blocks) -> list[str]:
        out = []
        for b in blocks:
            if isinstance(b, Table):
                out += [t for r in b.rows for c in r.cells for t in text(c.blocks)]
            else:
                out.append(b.text)
        return out
    return "\n".join(text(parse(path).blocks))


def raw_texts(path: Path) -> dict[str, str]:
    import pdfplumber
    import pypdfium2 as pdfium
    out = {}
    pdf = pdfium.PdfDocument(str(path))
    out["pypdfium2"] = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    try:
        import pymupdf
        with pymupdf.open(path) as doc:
            out["PyMuPDF"] = "\n".join(page.get_text() for page in doc)
    except ImportError:
        pass
    with pdfplumber.open(path) as p:
        out["pdfplumber"] = "\n".join(page.extract_text() or "" for page in p.pages)
    return out


def intact_share(text: str) -> float:
    """Share of the narrative's Thai words (bench/reports.py, split at its spaces) found whole in
    `text` once line breaks and spaces are taken out: what a keyword search would find."""
    import re

    from reports import _NARRATIVE
    flat = re.sub(r"\s+", "", text)
    words = {w for s in _NARRATIVE for w in re.sub(r"\{[^}]*\}", " ", s).split() if len(w) > 3}
    return sum(1 for w in words if w in flat) / len(words)


def long_pdfs(tmp: Path, n: int = 6) -> None:
    """41-page reports through LibreOffice's PDF export, with ticks and without."""
    import subprocess

    from reports import make_report_docx
    sets = []
    for ticks in (True, False):
        src = tmp / ("ticks" if ticks else "plain")
        src.mkdir()
        for k in range(n):
            make_report_docx(src / f"r{k}.docx", k, ticks=ticks)
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(src / "pdf"), *map(str, sorted(src.glob("*.docx")))],
                       capture_output=True, timeout=900)
        files = sorted((src / "pdf").glob("*.pdf"))
        if files:
            sets.append(("with ticks" if ticks else "text only", files))
    for kind, files in sets:
        n_pages = sum(pages(p) for p in files)
        sarkit_file(files[0])
        rows = [("sarkit whole flow", timed(sarkit_file, files)),
                ("pypdfium2 get_text_range", timed(pdfium_text, files))]
        try:
            import pymupdf  # noqa: F401
            rows.append(("PyMuPDF get_text", timed(pymupdf_text, files)))
        except ImportError:
            print("  (PyMuPDF not installed: pip install -e '.[bench]')")
        rows.append(("pdfplumber extract_text", timed(plumber_text, files, repeat=1)))
        print(f"\nLibreOffice PDFs of 41-page reports, {kind}: {len(files)} files, {n_pages} pages, one core")
        for what, secs in rows:
            print(f"  {what:28} {n_pages / secs:8.1f} pages/s  {secs / rows[0][1]:6.2f}x sarkit's time")
        texts = raw_texts(files[0])
        texts["sarkit"] = sarkit_text(files[0])
        print("  narrative words found intact: " + ", ".join(f"{k} {100 * intact_share(v):.0f}%" for k, v in texts.items()))


def sarkit_file(path: Path) -> None:
    from pipeline.run import process_file
    a = process_file(path)
    assert a.status != "error", (path, a.error)


def main() -> None:
    os.environ.setdefault("SARKIT_CACHE", tempfile.mkdtemp(prefix="sarkit-bench-cache-"))
    text_pdfs = sorted(p for p in CORPUS.glob("*.pdf") if not p.name.startswith(("bad_", "pdf_scan")))
    real = CORPUS / "real_chanuman_criteria_manual_2568.pdf"
    n_pages = sum(pages(p) for p in text_pdfs)
    sarkit_file(text_pdfs[0])  # imports and caches warm, as in a long-lived worker
    print(f"text-layer PDFs: {len(text_pdfs)} files, {n_pages} pages (median of 3 passes, one core)")
    rows = [("pypdfium2 get_text_range (floor)", timed(pdfium_text, text_pdfs)),
            ("sarkit whole flow", timed(sarkit_file, text_pdfs)),
            ("pdfplumber extract_text", timed(plumber_text, text_pdfs, repeat=1))]
    for what, secs in rows:
        print(f"  {what:34} {secs:7.2f} s  {n_pages / secs:8.1f} pages/s")
    print(f"  sarkit is {rows[2][1] / rows[1][1]:.1f}x pdfplumber's speed, with correct Thai and the tick geometry")
    rp = pages(real)
    secs = timed(sarkit_file, [real])
    print(f"real manual alone ({rp} pages, text only): sarkit {rp / secs:.0f} pages/s; "
          f"pdfplumber {rp / timed(plumber_text, [real], repeat=1):.0f} pages/s")
    realdocs = ROOT.parent / "shared" / "realdocs"
    word = sorted(p for p in realdocs.glob("word*.pdf"))
    if word:  # PDFs Microsoft Word wrote (Thai text layer with sara am for sara aa): see realdocs/README
        wp = sum(pages(p) for p in word)
        sarkit_file(word[0])
        rows = [("sarkit whole flow", timed(sarkit_file, word)), ("pypdfium2 get_text_range", timed(pdfium_text, word))]
        try:
            import pymupdf  # noqa: F401
            rows.append(("PyMuPDF get_text", timed(pymupdf_text, word)))
        except ImportError:
            pass
        rows.append(("pdfplumber extract_text", timed(plumber_text, word, repeat=1)))
        print(f"\nWord-made PDFs (../shared/realdocs): {len(word)} files, {wp} pages, one core")
        for what, secs in rows:
            print(f"  {what:28} {wp / secs:8.1f} pages/s  {secs / rows[0][1]:6.2f}x sarkit's time")
    if shutil.which("soffice"):
        tmp = Path(tempfile.mkdtemp(prefix="sarkit-bench-pdf-"))
        try:
            long_pdfs(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    scan = CORPUS / "pdf_scan_000_lamphun2_2557.pdf"
    if shutil.which("tesseract"):
        sp = pages(scan)
        secs = timed(sarkit_file, [scan], repeat=1)
        print(f"scan ({sp} pages, OCR tha+eng at 300 dpi): {sp / secs:.2f} pages/s")
    if shutil.which("soffice"):
        from parsers.convert import convert_many, convert_to_docx
        docs = sorted(p for p in CORPUS.glob("legacy_*") if p.suffix in (".doc", ".rtf"))
        kinds = {".doc": "ole", ".rtf": "rtf"}
        os.environ["SARKIT_CACHE"] = tempfile.mkdtemp(prefix="sarkit-bench-cache-")
        t = time.perf_counter()
        for d in docs:
            data = d.read_bytes()
            convert_to_docx(data, "rtf" if data.startswith(b"{\\rtf") else kinds[d.suffix])
        one = time.perf_counter() - t
        os.environ["SARKIT_CACHE"] = tempfile.mkdtemp(prefix="sarkit-bench-cache-")
        import hashlib
        items = [(hashlib.sha256(d.read_bytes()).hexdigest(), d,
                  "rtf" if d.read_bytes().startswith(b"{\\rtf") else kinds[d.suffix]) for d in docs]
        t = time.perf_counter()
        convert_many(items)
        many = time.perf_counter() - t
        print(f".doc/.rtf through LibreOffice: one start per file {len(docs) / one:.2f} files/s; "
              f"one start for all {len(docs)} {len(docs) / many:.2f} files/s")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
