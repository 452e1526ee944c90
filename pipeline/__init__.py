"""sarkit's pipeline: documents in, tidy tables out.

    >>> from pipeline import extract
    >>> ds = extract(["corpus/"])
    >>> ds.indicators[["file", "standard", "indicator", "level", "needs_review"]]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .dataset import Dataset
    from .model import Assessment

__all__ = ["extract", "extract_one", "Dataset", "Assessment"]


def __getattr__(name: str):
    # Loaded on first use, so that `sarkit --help` does not wait for pandas and PyThaiNLP.
    if name == "Dataset":
        from .dataset import Dataset
        return Dataset
    if name == "Assessment":
        from .model import Assessment
        return Assessment
    raise AttributeError(name)


def extract(paths: Iterable[str | Path] | str | Path, progress: bool = False) -> Dataset:
    """Read every file (folders recursively) and return the four tables as DataFrames."""
    from .dataset import build_dataset
    from .model import STATUS_ERROR, Assessment
    from .run import find_documents, process_file

    if isinstance(paths, (str, Path)):
        paths = [paths]
    unlisted: dict[str, str] = {}  # folders that could not be listed: a row each, saying why
    files = list(find_documents(paths, unlisted=unlisted))
    if progress:
        from tqdm import tqdm
        files = tqdm(files, unit="file", disable=None)
    return build_dataset([Assessment(file=f, status=STATUS_ERROR, error=unlisted[f]) if f in unlisted
                          else process_file(f) for f in files])


def extract_one(path: str | Path) -> Assessment:
    from .run import process_file

    return process_file(path)
