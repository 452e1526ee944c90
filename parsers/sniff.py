"""Recognise a file's format from its content, not its name.

Archives are full of HTML saved as `.doc`, RTF named `.doc`, and `.docx` files that are not ZIPs.
The extension is only a hint for plain text.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|meta|p|div|span|title)\b", re.I)


def sniff(data: bytes, name: str = "") -> str:
    """One of: empty, docx, odt, zip, damaged-zip, ole, pdf, rtf, html, text, binary."""
    if not data.strip():
        return "empty"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = data[:2048].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    if _HTML_HINT.search(data[:4096]):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "damaged-zip"
    if "word/document.xml" in names or any(n.endswith("/document.xml") for n in names):
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"
