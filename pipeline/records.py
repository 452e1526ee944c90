"""One file as the plain record a worker sends back (local pool or Dask): the whole flow, or an
`error` row with a message a person understands. Shared by `batch` and `cluster`, which import
this and not each other."""

from __future__ import annotations

from .dataset import nested_record
from .model import STATUS_ERROR, Assessment
from .run import process_file


def process_record(path: str) -> dict:
    """What a worker does with one file: the whole flow, as a plain record."""
    return nested_record(process_file(path))


def error_record(path: str, message: str) -> dict:
    return nested_record(Assessment(file=path, status=STATUS_ERROR, error=message))
