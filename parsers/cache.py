"""Where sarkit keeps what it can make again (LibreOffice's conversions, Tesseract's readings): keyed by
content, so a rerun or the same file elsewhere costs nothing the second time. SARKIT_CACHE moves it."""

import os
from pathlib import Path


def cache_root() -> Path:
    return Path(os.environ.get("SARKIT_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "sarkit"))
