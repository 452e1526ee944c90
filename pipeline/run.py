"""One file through the whole flow, and the discovery of files in folders.

A file that cannot be read becomes an Assessment with status `error` and a message for a person.
An exception from our own code is reported as an internal error, with the traceback on stderr,
never dressed up as bad input.
"""

from __future__ import annotations

import hashlib
import logging
import os
import traceback
from pathlib import Path
from typing import Iterable, Iterator

from parsers import MissingTool, UnreadableDocument, parse_bytes, sniff

from .checks import run_checks
from .assess import extract_assessment
from .model import STATUS_ERROR, STATUS_MISSING_TOOL, Assessment

log = logging.getLogger("sarkit")

# What a folder walk picks up. A file named on the command line is always read, whatever its name.
DOCUMENT_SUFFIXES = {".docx", ".docm", ".dotx", ".doc", ".dot", ".rtf", ".odt", ".html", ".htm", ".xhtml",
                     ".shtml", ".asp", ".aspx", ".php", ".txt", ".pdf"}


_SNIFFED_KINDS = {"docx", "odt", "ole", "pdf", "rtf", "html"}


def find_documents(inputs: Iterable[str | Path], skipped: list[str] | None = None,
                   unlisted: dict[str, str] | None = None) -> Iterator[str]:
    """Files named (always, readable or not), and documents found recursively in folders named, in
    a stable order: documents by their name or, whatever their name, by their content. Files in
    folders that are not documents are appended to `skipped` (the summary counts them). A folder that
    cannot be listed (no permission, an I/O error) is yielded itself, with why in `unlisted`: its files
    are not silently missing, it gets a row that says so."""
    seen: set[str] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            errors: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=errors.append):
                yield from _unlisted(errors, unlisted, seen)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue  # the manifest and the tables of an output folder are no documents by content
                    f = os.path.join(root, name)
                    if f in seen:
                        continue
                    if _is_document(f):
                        seen.add(f)
                        yield f
                    elif skipped is not None:
                        skipped.append(f)
            yield from _unlisted(errors, unlisted, seen)
        elif str(p) not in seen:  # named on the command line: always a row, readable or not
            seen.add(str(p))
            yield str(p)


def _unlisted(errors: list[OSError], unlisted: dict[str, str] | None, seen: set[str]) -> Iterator[str]:
    """The folders os.walk could not list since the last call (its onerror collects them)."""
    for exc in errors:
        folder = str(exc.filename)
        if folder not in seen:
            seen.add(folder)
            if unlisted is not None:
                unlisted[folder] = f"the folder cannot be listed, its files were not read: {exc.strerror or exc}"
            yield folder
    errors.clear()


def _is_document(path: str) -> bool:
    """A document by its name, or, whatever its name, by its first bytes (a .dat that is a Word file)."""
    if Path(path).suffix.lower() in DOCUMENT_SUFFIXES:
        return True
    if not os.path.isfile(path):
        return os.path.islink(path)  # a broken link gets its row
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return True  # unreadable: its row will say so
    kind = sniff(head)
    return kind in _SNIFFED_KINDS or (kind in ("zip", "damaged-zip") and _zip_is_word(path))


def _zip_is_word(path: str) -> bool:
    """A ZIP with a Word main part, told from its central directory alone: zipfile seeks to the end
    of the file and reads the directory, never the members (a 1.5 GB backup is not read into memory)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names or any(n.endswith("/document.xml") for n in names)


def process_file(path: str | Path) -> Assessment:
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return Assessment(file=path, status=STATUS_ERROR, error="file not found (a broken link, or removed during the run)")
    except IsADirectoryError:
        return Assessment(file=path, status=STATUS_ERROR, error="this is a folder, not a file")
    except OSError as exc:
        return Assessment(file=path, status=STATUS_ERROR, error=unreadable(exc))
    return process_bytes(path, data)


def unreadable(exc: OSError) -> str:
    """Why a file cannot be read, for its row (the batch's discovery says it the same way)."""
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    return f"the file cannot be read: {exc.strerror or exc}"


def process_bytes(path: str, data: bytes) -> Assessment:
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data, path)
    try:
        doc = parse_bytes(path, data, kind)
        assessment = extract_assessment(doc)
        run_checks(assessment)
    except MissingTool as exc:
        return Assessment(file=path, sha256=digest, format=kind, status=STATUS_MISSING_TOOL, error=str(exc))
    except UnreadableDocument as exc:
        return Assessment(file=path, sha256=digest, format=kind, status=STATUS_ERROR, error=str(exc))
    except RecursionError:
        return Assessment(file=path, sha256=digest, format=kind, status=STATUS_ERROR,
                          error="refused: the document is nested too deeply to read (tables or elements inside "
                                "each other thousands of levels deep)")
    except MemoryError:
        raise  # the worker turns it into an error row naming its memory limit
    except Exception as exc:  # our bug: say so plainly and keep the batch going
        log.error("internal error on %s\n%s", path, traceback.format_exc())
        return Assessment(file=path, sha256=digest, format=kind, status=STATUS_ERROR,
                          error=f"internal error in sarkit ({type(exc).__name__}: {exc}); this is a bug, please report it")
    assessment.sha256 = digest
    return assessment
