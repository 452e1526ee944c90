"""sarkit's pipeline: documents in, tidy tables out.

    >>> from pipeline import extract
    >>> ds = extract(["corpus/"])
    >>> ds.indicators[["file", "standard", "indicator", "level", "needs_review"]]
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .dataset import Dataset, build_dataset
from .model import Assessment
from .run import find_documents, process_file

__all__ = ["extract", "extract_one", "Dataset", "Assessment"]


def extract(paths: Iterable[str | Path] | str | Path, progress: bool = False) -> Dataset:
    """Read every file (folders recursively) and return the four tables as DataFrames."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = list(find_documents(paths))
    if progress:
        from tqdm import tqdm
        files = tqdm(files, unit="file", disable=None)
    return build_dataset([process_file(f) for f in files])


def extract_one(path: str | Path) -> Assessment:
    return process_file(path)
