"""Scanned pages: rendered by pdfium, read by Tesseract (tha+eng) within the document's OCR budget,
Tesseract's plain text and TSV turned into paragraphs, and the ink inside a square it read as a box."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time

from .. import budget
from ..builder import ParagraphBuilder
from ..model import GLYPH_CHECKED, GLYPH_UNCHECKED, Block, Diagnostic, Location, Paragraph
from .pages import paragraphs
from .thai import close_mark_gaps

OCR_PAGE_SECONDS = float(os.environ.get("SARKIT_OCR_PAGE_SECONDS", "60"))  # Tesseract takes ~4 s a page
OCR_BUDGET = float(os.environ.get("SARKIT_OCR_BUDGET", "900"))  # OCR seconds per document, at most
OCR_DPI = 300


# `reader` below is the document's reader (parsers.pdf.document): its diagnostics, its paragraph count
# (OCR paragraphs are numbered with the text ones) and the OCR seconds it has spent.


def ocr_jobs() -> int:
    """Pages read at once: SARKIT_OCR_JOBS, or the cores a worker has to itself (a batch's pool sets it:
    cores // workers; `validate` and the library get every core; a Dask task one)."""
    try:
        return max(1, int(os.environ.get("SARKIT_OCR_JOBS", "0")) or (os.cpu_count() or 1))
    except ValueError:
        return 1


def prefetch(reader, scans: list[tuple[int, object, str]]) -> None:
    """Scanned pages (index, page, why) rendered now and sent to Tesseract a few at a time in threads
    (Tesseract runs as its own process: the threads only wait), so that `ocr_page` finds them read or in
    hand. Results are taken in page order, so paragraphs are numbered as a one-at-a-time run numbers them."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = ocr_jobs()
    exe = shutil.which("tesseract")
    if jobs < 2 or exe is None or len(scans) < 2:
        return
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="sarkit-ocr")
    reader.ocr_pool = pool
    todo = 0
    for i, page, why in scans:
        pgm = _render(page)
        cached = ocr_cached(pgm)
        reader.ocr_ahead[i] = (pgm, cached if cached is not None else pool.submit(_run, exe, pgm))
        todo += cached is None
    if todo:  # the pages' time, asked of the worker's deadline, as they will run: `jobs` at a time
        budget.request((OCR_PAGE_SECONDS + 10) * -(-todo // jobs))


def ocr_page(reader, page, i: int, why: str) -> list[Block]:
    """One scanned page through Tesseract, within the document's OCR budget: the worker's deadline is
    extended for the page first (parsers.budget), a page Tesseract cannot finish in OCR_PAGE_SECONDS
    or cannot run on is a finding about that page, and once the budget is spent the remaining scanned
    pages are left unread and said so — the text pages' results stand either way."""
    ahead = reader.ocr_ahead.pop(i, None)
    exe = shutil.which("tesseract")
    if exe is None:
        reader.diagnostics.append(Diagnostic("missing_tool", f"page {i + 1}: {why}; OCR needs tesseract-ocr and "
                                           "tesseract-ocr-tha, not installed", i + 1, "tesseract-ocr-tha"))
        return []
    if reader.ocr_seconds >= OCR_BUDGET:
        if ahead is not None and hasattr(ahead[1], "cancel"):
            ahead[1].cancel()
        reader.diagnostics.append(Diagnostic("ocr_skipped", f"page {i + 1}: {why}; not read: the document's OCR "
                                           f"budget ({OCR_BUDGET:g} s, SARKIT_OCR_BUDGET) was spent on earlier "
                                           "pages", i + 1))
        return []
    started = time.monotonic()
    pgm, result = ahead if ahead is not None else (_render(page), None)
    if ahead is None:
        result = ocr_cached(pgm)
    if result is None or hasattr(result, "result"):  # not cached: run now, or wait for the run in hand
        budget.request(OCR_PAGE_SECONDS + 10)  # this page's time, asked of the worker's deadline
        outcome = result.result() if result is not None else _run(exe, pgm)
        result = _interpret(reader, outcome, i, why)
        if result is None:
            reader.ocr_seconds += time.monotonic() - started
            return []
        ocr_store(pgm, *result)
    reader.ocr_seconds += time.monotonic() - started
    text, tsv = result
    reader.diagnostics.append(Diagnostic("ocr_used", f"page {i + 1}: {why}; read by OCR (Tesseract tha+eng)", i + 1))
    from PIL import Image

    image = Image.open(io.BytesIO(pgm)).convert("L")
    out = []
    for para in paragraphs(ocr_lines(text, tsv, image)):
        reader.para_count += 1
        b = ParagraphBuilder()
        b.add_text(para)
        out.append(Paragraph(b.text(), b.marks, Location(f"paragraph {reader.para_count} (OCR)",
                                                         page=i + 1, paragraph=reader.para_count), origin="ocr"))
    return out


def _render(page) -> bytes:
    """The page as an 8-bit grey PGM: Tesseract reads it from stdin as well as a PNG, and it costs
    nothing to encode (PNG's compression was 0.07-0.2 s a page, as much as a cached page's reading)."""
    buf = io.BytesIO()
    page.render(scale=OCR_DPI / 72).to_pil().convert("L").save(buf, format="PPM")
    return buf.getvalue()


def _run(exe: str, pgm: bytes) -> tuple:
    """Tesseract on one page image: ("ok", text, tsv), ("timeout",) or ("failed", exit code, stderr)."""
    with tempfile.TemporaryDirectory(prefix="sarkit-ocr-") as tmp:
        try:
            proc = subprocess.run([exe, "stdin", os.path.join(tmp, "out"), "-l", "tha+eng", "--psm", "4", "txt",
                                   "tsv"], input=pgm, capture_output=True, timeout=OCR_PAGE_SECONDS,
                                  env=dict(os.environ, OMP_THREAD_LIMIT="1"))  # its threads only spin on 2 cores
        except subprocess.TimeoutExpired:
            return ("timeout",)
        if proc.returncode != 0:
            return ("failed", proc.returncode, proc.stderr.decode("utf-8", "replace"))
        return ("ok", read_text_file(os.path.join(tmp, "out.txt")), read_text_file(os.path.join(tmp, "out.tsv")))


def _interpret(reader, outcome: tuple, i: int, why: str) -> tuple[str, str] | None:
    if outcome[0] == "ok":
        return outcome[1], outcome[2]
    if outcome[0] == "timeout":
        reader.diagnostics.append(Diagnostic("ocr_timeout", f"page {i + 1}: {why}; OCR did not finish within "
                                           f"{OCR_PAGE_SECONDS:g} s (SARKIT_OCR_PAGE_SECONDS)", i + 1))
        return None
    code, err = outcome[1], outcome[2]
    if "tha" in err and ("Failed loading language" in err or "Error opening data file" in err):
        reader.diagnostics.append(Diagnostic("missing_tool", f"page {i + 1}: {why}; Tesseract has no Thai "
                                           "data (install tesseract-ocr-tha)", i + 1, "tesseract-ocr-tha"))
    else:
        tail = " ".join(err.split())[-200:]
        reader.diagnostics.append(Diagnostic("ocr_failed", f"page {i + 1}: {why}; Tesseract failed (exit "
                                           f"{code}{': ' + tail if tail else ''})", i + 1))
    return None


def read_text_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def ocr_lines(text: str, tsv: str, image) -> list[str]:
    """Tesseract's plain text, line by line (its TSV words split Thai into single characters, so the
    text is taken from the plain output), with boxes put back: a square token at the start of a
    TSV line is a candidate box, whatever Tesseract read it as ("M5", "O", "ทว"), and the ink inside
    it says whether it is ticked. TSV lines and text lines come from one layout pass, in one order."""
    import numpy as np

    pixels = np.asarray(image)
    firsts: list[dict | None] = []
    seen: set[tuple] = set()
    heights: dict[tuple, list[int]] = {}
    for line in tsv.splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        key = (f[2], f[3], f[4])
        heights.setdefault(key, []).append(int(f[9]))
        if key not in seen:
            seen.add(key)
            firsts.append({"key": key, "left": int(f[6]), "top": int(f[7]), "width": int(f[8]),
                           "height": int(f[9]), "text": f[11]})
    lines = [ln for ln in text.splitlines() if ln.strip()]
    out = []
    for n, line in enumerate(lines):
        first = firsts[n] if n < len(firsts) and len(firsts) == len(lines) else None
        state = None
        if first is not None:
            hs = sorted(heights[first["key"]])
            state = ink_box(pixels, first, hs[len(hs) // 2])
        if state:
            token = first["text"]
            rest = line.lstrip()[len(token):] if line.lstrip().startswith(token) else line
            digits = re.sub(r"^\D*", "", token)
            glyph = GLYPH_CHECKED if state == "checked" else GLYPH_UNCHECKED
            line = f"{glyph} {digits} {rest.strip()}".replace("  ", " ")
        out.append(close_mark_gaps(line))
    return out


def ink_box(pixels, w: dict, line_height: int) -> str | None:
    """The state of a square token that is a box: dark pixels well inside its outline. None when
    the token is not box-shaped."""
    x, y, width, height = w["left"], w["top"], w["width"], w["height"]
    side = min(width, height)
    if not (0.5 * line_height <= side <= 1.6 * line_height) or not 0.7 <= width / max(1, height) <= 1.45:
        # "M5" is read as one wide token: the box is its left square
        if 0.5 * line_height <= height <= 1.6 * line_height and width > 1.45 * height:
            width = height
        else:
            return None
    box = pixels[y: y + height, x: x + width]
    if box.size == 0:
        return None
    dark = box < 128
    edge = (dark[:3, :].max(axis=0).mean() + dark[-3:, :].max(axis=0).mean() + dark[:, :3].max(axis=1).mean()) / 3
    if edge < 0.6:
        return None  # no outline: a letter, not a box
    m = max(2, int(side * 0.25))
    inner = dark[m:-m, m:-m]
    return "checked" if inner.size and inner.mean() > 0.08 else "unchecked"


# -- a cache of OCR results by page image: a rerun (another --frameworks, a newer sarkit) and the same
# scan in two reports cost Tesseract nothing the second time.
_OCR_KEY = b"tesseract tha+eng psm4 txt+tsv\n"


def _ocr_path(pgm: bytes):
    import hashlib

    from ..cache import cache_root

    return cache_root() / "ocr" / f"{hashlib.sha256(_OCR_KEY + pgm).hexdigest()}.json"


def ocr_cached(pgm: bytes) -> tuple[str, str] | None:
    import json

    try:
        data = json.loads(_ocr_path(pgm).read_text(encoding="utf-8"))
        return data["text"], data["tsv"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def ocr_store(pgm: bytes, text: str, tsv: str) -> None:
    import json
    import os
    import tempfile

    path = _ocr_path(pgm)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"text": text, "tsv": tsv}, fh, ensure_ascii=False)
        os.replace(tmp, path)  # two workers storing the same page: either copy is whole
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error
