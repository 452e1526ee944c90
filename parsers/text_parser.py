"""Plain text (the seed dumps, exported .txt) to ReportDocument: one paragraph per line."""

from __future__ import annotations

from .builder import ParagraphBuilder
from .encoding import decode_thai
from .model import Location, Paragraph, ReportDocument


def parse_text(path: str, data: bytes) -> ReportDocument:
    text, encoding = decode_thai(data)
    blocks = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        b = ParagraphBuilder()
        b.add_text(line)
        blocks.append(Paragraph(b.text(), b.marks, Location(f"line {n}", paragraph=n)))
    return ReportDocument(path=path, format="text", blocks=blocks, encoding=encoding)
