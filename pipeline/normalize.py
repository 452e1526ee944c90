"""Make Thai text comparable. The raw text is always kept beside the result; nothing here is
applied to it.

Order matters: PDF glyph repairs (`pipeline.glyphs`: legacy private-use marks, sara am in two), NFC
(never NFKC: it splits sara am into nikhahit + sara aa), then the characters PyThaiNLP leaves alone
(ZWJ, BOM, soft hyphen, the no-break spaces), then PyThaiNLP's `normalize` (zero-width, mark order,
sara am, repeated vowels, duplicate spaces), then Thai digits.
Text damaged by Word's PDF text layers (า written ำ, ำ written " า") is repaired word by word
(`pipeline.thai_repair`) before PyThaiNLP sees it.
"""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from functools import lru_cache

from pythainlp.util import normalize as _thai_normalize

from .glyphs import repair_glyphs
from .thai_repair import repair as repair_word_pdf

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Invisible characters that survive copy-paste from Word and web pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000\u2002\u2003\u2004\u2005\u2006\u2008"), " ")
_WS = re.compile(r"\s+")
_ODD_CHARS = re.compile("[" + "".join(map(chr, list(_INVISIBLE) + list(_SPACES))) + "]")
_ODD_SPACE = re.compile(r"[^\S ]|  ")  # whitespace other than single spaces
_THAI_DIGIT = re.compile("[๐-๙]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_THAI_DIGITS)


# Set while one document whose text layer Word damaged is read (pipeline.assess): its cells with a
# single damaged word are repaired too. A context variable, so every reader of the document's text
# (structure, table views, choices) normalises alike without passing the flag through each call.
damaged_document: ContextVar[bool] = ContextVar("damaged_document", default=False)


def normalize_text(raw: str) -> str:
    """Raw text to its comparable form: one line, single spaces, Arabic digits."""
    return _normalize(raw, damaged_document.get())


@lru_cache(maxsize=65536)
def _normalize(raw: str, damaged: bool) -> str:
    """Cached: reports repeat their headings, labels and level descriptions many times."""
    s = unicodedata.normalize("NFC", repair_glyphs(raw))
    # Each step only where it has something to do: a dict-driven translate walks the whole string in
    # Python's slow path even when no character maps, and most paragraphs have nothing to change.
    if _ODD_CHARS.search(s):
        s = s.translate(_INVISIBLE).translate(_SPACES)
    if _ODD_SPACE.search(s):
        s = _WS.sub(" ", s)
    s = s.strip()
    if _THAI.search(s):
        s = repair_word_pdf(s, damaged)
        if _NEEDS_THAI_NORMALIZE.search(s):
            s = _thai_normalize(s)
    return thai_digits_to_arabic(s) if _THAI_DIGIT.search(s) else s


def _needs_thai_normalize() -> re.Pattern:
    """What PyThaiNLP's `normalize` can change in text that is already one line with single spaces
    and no zero-width characters: a doubled sara e, a tone mark or thanthakhat before a vowel above or
    below, nikhahit + sara aa, a follow vowel before a tone mark, lakkhangyao, a vowel or sign
    repeated (spaces between or not), repeated tone marks, and a mark with no letter under it (at
    the start, after a space). Text with none of these is returned as it is: its 36 regex passes
    were a third of a report's time in the flow. The character classes are PyThaiNLP's own; a test
    checks the shortcut against `normalize` on random strings of the letters and marks its rules concern."""
    import pythainlp as t

    tones, above, below, follow, lead = (t.thai_tonemarks, t.thai_above_vowels, t.thai_below_vowels,
                                         t.thai_follow_vowels, t.thai_lead_vowels)
    dangling = f"{above}{below}{tones}\u0e3a\u0e4c\u0e4d\u0e4e"
    norepeat = f"{follow}{lead}{above}{below}\u0e3a\u0e4c\u0e4d\u0e4e"
    return re.compile("|".join([
        "\u0e40\u0e40", f"[{tones}\u0e4c][{above}{below}]", f"\u0e4d[{tones}]*\u0e32", f"[{follow}][{tones}]",
        "[^\u0e24\u0e26]\u0e45", f"([{norepeat}]) *\\1", f"[{tones}]{{2,}}", f"^[{dangling}]", f" [{dangling}]"]))


_NEEDS_THAI_NORMALIZE = _needs_thai_normalize()
