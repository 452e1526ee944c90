"""PDF to ReportDocument, in parts: `text` (pdfium's characters to runs and lines, Thai marks in order),
`thai` (what extraction does to Thai, undone), `pages` (paragraphs and page joins), `geometry` (ticks,
drawn boxes, ruled tables), `forms` (AcroForm check boxes), `ocr` (scanned pages), and `document`, which
routes each page to them."""

from .document import parse_pdf

__all__ = ["parse_pdf"]
