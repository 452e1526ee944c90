"""What PDF text extraction does to Thai, undone at the source: C90 private-use variants of marks,
spaces before combining marks, nikhahit + sara aa and the doubled sara am. (Word's own text-layer damage,
sara aa written as sara am, is repaired later, word by word, in pipeline/thai_repair.py.)"""

from __future__ import annotations

import re
import unicodedata

# Legacy Thai fonts place positional variants of marks in the private-use area (the C90 layout,
# shared/research/peers.md §3.2). One table, pinned and tested: variant -> the letter it draws.
C90 = {0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
       0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
       0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
       0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
       0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
       0xF719: "\u0e39", 0xF71A: "\u0e3a"}
_MARKS = "\u0e31\u0e33\u0e34-\u0e3a\u0e47-\u0e4e"
_SPACE_BEFORE_MARK = re.compile(f"[ \u00a0]+(?=[{_MARKS}])")
_DASHES = str.maketrans({"Ð": "–", "\u2010": "-", "\u2011": "-"})
# Anything the repair would change: most runs have none, and are returned as they are.
_TOUCHED = re.compile(f"[\uf700-\uf71a\u00d0\u2010\u2011]|[ \u00a0][{_MARKS}]|\u0e4d\u0e32|\u0e33\u0e32")


def thai_repair(text: str) -> str:
    """What PDF text extraction does to Thai, undone: C90 private-use variants, spaces before
    combining marks ("มโี ครงการ" → "มีโครงการ" needs the marks in order too, which NFC and the
    normaliser see to), nikhahit + sara aa and the doubled "ำา" that ignoring /ActualText produces,
    and the "Ð" some fonts map their dash to."""
    if not text or (_TOUCHED.search(text) is None and unicodedata.is_normalized("NFC", text)):
        return text
    text = text.translate(C90).translate(_DASHES)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    return unicodedata.normalize("NFC", text)
