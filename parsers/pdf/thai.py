"""Spaces pdfium puts before Thai marks, taken out while the page's text is read: a mark drawn on
a letter with a gap before it comes out as " ี" ("มโี ครงการ"). A layout matter, decided by the
characters alone. What fonts do to the glyphs themselves (legacy private-use variants of marks, sara
am written in two, Word's sara aa written as sara am) is repaired when the text is normalised
(pipeline/glyphs.py, pipeline/thai_repair.py): the raw text keeps what the file says."""

from __future__ import annotations

import re
import unicodedata

# Thai combining marks (and sara am, drawn partly over its letter), and the private-use variants
# legacy fonts draw them with (all of the C90 block but its two letters, U+F700 and U+F70F).
COMBINING = frozenset(map(chr, [0x0E31, 0x0E33, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F),
                                *range(0xF701, 0xF70F), *range(0xF710, 0xF71B)]))
_SPACE_BEFORE_MARK = re.compile("[ \u00a0]+(?=[" + "".join(sorted(COMBINING)) + "])")


def close_mark_gaps(text: str) -> str:
    """The spaces before marks out, then NFC."""
    if not text:
        return text
    if _SPACE_BEFORE_MARK.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", _SPACE_BEFORE_MARK.sub("", text))
