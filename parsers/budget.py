"""More time for a file that needs it. A worker's parent gives each file a deadline (`--timeout`); a PDF
with scanned pages asks for more before each page it sends to Tesseract, so that the deadline grows
with the pages to OCR instead of killing a 60-page report with ten scans at 120 s. Outside a worker
(the library called directly) nobody is listening and a request does nothing.

The parent caps what it grants (workers.py); the parser caps what it asks for (its OCR budget per
document, `SARKIT_OCR_BUDGET`).
"""

from __future__ import annotations

from typing import Callable

_listener: Callable[[float], None] | None = None


def install(listener: Callable[[float], None] | None) -> None:
    global _listener
    _listener = listener


def request(seconds: float) -> None:
    """Ask for `seconds` more from now (the deadline becomes at least now + seconds)."""
    if _listener is not None:
        _listener(seconds)
