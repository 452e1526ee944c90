"""Scanned pages: Tesseract's plain text and TSV, and the ink inside a square it read as a box."""

from __future__ import annotations

import re

from .model import GLYPH_CHECKED, GLYPH_UNCHECKED
from .pdf_text import thai_repair


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
        out.append(thai_repair(line))
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


def _ocr_path(png: bytes):
    import hashlib
    import os
    from pathlib import Path

    base = os.environ.get("SARKIT_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "sarkit")
    return Path(base) / "ocr" / f"{hashlib.sha256(_OCR_KEY + png).hexdigest()}.json"


def ocr_cached(png: bytes) -> tuple[str, str] | None:
    import json

    try:
        data = json.loads(_ocr_path(png).read_text(encoding="utf-8"))
        return data["text"], data["tsv"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def ocr_store(png: bytes, text: str, tsv: str) -> None:
    import json
    import os
    import tempfile

    path = _ocr_path(png)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"text": text, "tsv": tsv}, fh, ensure_ascii=False)
        os.replace(tmp, path)  # two workers storing the same page: either copy is whole
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error
