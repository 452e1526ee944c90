"""Parsers: bytes of one file to a format-neutral `ReportDocument`.

`parse(path)` reads the file, recognises its format by content and hands it to the parser for that
format. A file that cannot be read raises `UnreadableDocument` with a message for a person.
"""

from __future__ import annotations

from pathlib import Path

from .model import (Block, Cell, Location, Mark, Paragraph, ReportDocument, Row, Table,  # noqa: F401
                    MissingTool, UnreadableDocument)
from .sniff import sniff

__all__ = ["parse", "parse_bytes", "sniff", "ReportDocument", "Paragraph", "Table", "Row", "Cell", "Mark",
           "Location", "MissingTool", "UnreadableDocument"]


_BINARY_SUFFIXES = {".docx", ".docm", ".dotx", ".doc", ".dot", ".odt", ".pdf", ".xlsx", ".xls", ".pptx"}


def _check_ole(data: bytes) -> None:
    """An OLE container must be sane and hold a Word stream before LibreOffice sees it: given random
    bytes behind the signature it imports them as text, and Excel or PowerPoint files share the
    signature."""
    if len(data) < 1536 or data[28:30] != b"\xfe\xff" or data[30] not in (9, 12):
        raise UnreadableDocument("a damaged Word 97-2003 file: its OLE container is broken or cut short")
    if "WordDocument".encode("utf-16-le") not in data:
        raise UnreadableDocument("an OLE file that is not a Word document (no WordDocument stream: perhaps "
                                 "Excel or PowerPoint)")


def parse(path: str | Path) -> ReportDocument:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableDocument("file not found (a broken link or a file removed during the run)") from exc
    except PermissionError as exc:
        raise UnreadableDocument("permission denied: the file cannot be read") from exc
    except IsADirectoryError as exc:
        raise UnreadableDocument("this is a folder, not a file") from exc
    return parse_bytes(str(p), data)


def parse_bytes(path: str, data: bytes, kind: str | None = None) -> ReportDocument:
    kind = kind or sniff(data, path)
    if kind == "empty":
        raise UnreadableDocument("the file is empty (0 bytes or only white space)")
    if kind == "docx":
        from .docx_parser import parse_docx
        return parse_docx(path, data)
    if kind == "html":
        from .html_parser import parse_html
        return parse_html(path, data)
    if kind == "text" and Path(path).suffix.lower() in _BINARY_SUFFIXES:
        # HTML named .doc is common and readable; plain text named .docx or .pdf is a broken file.
        raise UnreadableDocument(f"named {Path(path).suffix} but it is plain text, not a document of that kind "
                                 "(a failed download or a renamed file)")
    if kind == "text":
        from .text_parser import parse_text
        return parse_text(path, data)
    if kind == "damaged-zip":
        raise UnreadableDocument("a damaged or truncated ZIP package: the .docx cannot be opened")
    if kind == "zip":
        raise UnreadableDocument("a ZIP archive that is not a Word document (it has no word/document.xml)")
    if kind == "ole":
        _check_ole(data)
    if kind in ("ole", "rtf", "odt"):
        from .convert import convert_to_docx
        from .docx_parser import parse_docx
        doc = parse_docx(path, convert_to_docx(data, kind, path=str(path)))
        doc.format = {"ole": "doc", "rtf": "rtf", "odt": "odt"}[kind]
        return doc
    if kind == "pdf":
        from .pdf import parse_pdf
        return parse_pdf(path, data)
    raise UnreadableDocument("not a document sarkit can read: binary data of an unknown format")
