"""What PDF text layers do to Thai glyphs, undone when text is normalised (the raw text keeps what
the file says): the C90 private-use variants of marks that legacy Thai fonts draw, sara am written
as nikhahit + sara aa (or doubled, where a text layer's /ActualText was ignored), and the "Ð" some
fonts map their dash to. Word's own damage, sara aa written as sara am, is `thai_repair`'s.
"""

from __future__ import annotations

import re

# Legacy Thai fonts place positional variants of marks in the private-use area (the C90 layout,
# shared/research/peers.md §3.2). One table, pinned and tested: variant -> the letter it draws.
C90 = {0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
       0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
       0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
       0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
       0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
       0xF719: "\u0e39", 0xF71A: "\u0e3a"}
_TABLE = str.maketrans({**C90, ord("Ð"): "–", 0x2010: "-", 0x2011: "-"})
_TOUCHED = re.compile("[\uf700-\uf71a\u00d0\u2010\u2011]|\u0e4d\u0e32|\u0e33\u0e32")


def repair_glyphs(text: str) -> str:
    """The glyph repairs, before NFC and PyThaiNLP put the marks in order."""
    if not _TOUCHED.search(text):
        return text
    return text.translate(_TABLE).replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
