"""Shared helpers: the corpus folder and a way to build small Word files with exact XML."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of ../shared/seeds, so the tests run anywhere


def _load_wordml():
    spec = importlib.util.spec_from_file_location("wordml", CORPUS / "wordml.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["wordml"] = mod
    spec.loader.exec_module(mod)
    return mod


wordml = _load_wordml()

HAVE_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
HAVE_TESSERACT = shutil.which("tesseract") is not None
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="tesseract-ocr-tha is not installed")


@pytest.fixture(scope="session", autouse=True)
def _private_conversion_cache(tmp_path_factory):
    """Conversions made by the tests go to a cache of their own, not the user's."""
    os.environ["SARKIT_CACHE"] = str(tmp_path_factory.mktemp("sarkit-cache"))


_PROCESSED: dict[str, object] = {}


def processed(path):
    """A corpus document through the whole flow, once per test session: the corpus (and the scan's
    OCR) is read once however many tests look at it. Tests must not change what they get."""
    from pipeline.run import process_file

    key = str(path)
    if key not in _PROCESSED:
        _PROCESSED[key] = process_file(path)
    return _PROCESSED[key]


@pytest.fixture
def make_docx(tmp_path):
    """make_docx(*blocks) -> path of a .docx whose body is exactly those blocks."""
    counter = iter(range(10**6))

    def make(*blocks: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"doc{next(counter)}.docx")
        wordml.write_docx(str(path), list(blocks))
        return path

    return make


@pytest.fixture
def make_file(tmp_path):
    def make(name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
        return path

    return make
