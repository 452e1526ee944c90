"""Decoding Thai text files whose encoding is declared wrongly or not at all.

Office web sites of the 2000s served TIS-620 / windows-874 pages, often without a declaration or
declaring ISO-8859-1. Valid UTF-8 with non-ASCII bytes is almost never anything else, so it wins;
otherwise the declaration, then windows-874 (a superset of TIS-620 that Python's `tis_620` codec
lacks the 0x80-0x9F punctuation of).
"""

from __future__ import annotations

import re

from .model import UnreadableDocument

_THAI_ALIASES = {"tis-620", "tis620", "tis_620", "iso-8859-11", "iso8859-11", "windows-874", "x-windows-874",
                 "cp874", "ms874", "x-mac-thai", "thai"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _thai_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0e00" <= ch <= "\u0e7f") / len(letters)


def decode_thai(data: bytes) -> tuple[str, str]:
    """Bytes to text and the name of the encoding used. Raises UnreadableDocument when no
    encoding gives text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        text = data.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared not in _THAI_ALIASES and declared not in ("utf-8", "utf8"):
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            text = None
        # A Latin declaration on a Thai page is the classic mistake: trust the bytes instead.
        if text is not None and not _looks_thai_in_cp874(data):
            return text, declared
    try:
        return data.decode("cp874"), "windows-874"
    except UnicodeDecodeError:
        pass
    raise UnreadableDocument("the text cannot be decoded: it is neither UTF-8 nor Thai windows-874/TIS-620")


def _looks_thai_in_cp874(data: bytes) -> bool:
    try:
        return _thai_share(data.decode("cp874")) > 0.3
    except UnicodeDecodeError:
        return False
