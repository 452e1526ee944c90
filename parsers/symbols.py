"""What a tick glyph means: symbol-font codes and Unicode characters mapped to a box state.

Word stores a symbol either as `w:sym w:font="Wingdings" w:char="F0FE"` or as an ordinary letter
typed in a run whose font is Wingdings ("þ" = 0xFE). Both name the same glyph: (font, code), with
the code either plain (0xFE) or moved to the private-use area (0xF0FE). No library maps these to a
box state, so the table is ours. Codes are those of the fonts' published charts: see
shared/research/peers.md §2.2 for the sources and where the public tables disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import MarkState


@dataclass(frozen=True, slots=True)
class Glyph:
    state: MarkState | None  # None: a symbol that is not a tick box (bullet, arrow): kept as text
    char: str  # its Unicode look-alike


_C, _U = "checked", "unchecked"

# (font, code) -> glyph. Font names are compared case-insensitively.
SYMBOL_FONTS: dict[str, dict[int, Glyph]] = {
    "wingdings": {
        0xA8: Glyph(_U, "\u2610"),  # empty box (🞎)
        0x6F: Glyph(_U, "\u2610"),  # empty square (🞏)
        0x70: Glyph(_U, "\u2610"),  # empty square, bold frame
        0x71: Glyph(_U, "\u2751"),  # ❑ shadowed box
        0x72: Glyph(_U, "\u2752"),  # ❒ shadowed box
        0xFE: Glyph(_C, "\u2611"),  # box with check (🗹)
        0xFD: Glyph(_C, "\u2612"),  # box with X (🗷)
        0xFC: Glyph(_C, "\u2713"),  # ✓
        0xFB: Glyph(_C, "\u2717"),  # ✗
        0x78: Glyph(_C, "\u2327"),  # ⌧ X in a square
        0x6E: Glyph(_C, "\u25a0"),  # ■ filled square
        # not tick boxes: common bullets and arrows
        0x9F: Glyph(None, "\u2022"),
        0xA7: Glyph(None, "\u25aa"),
        0x6C: Glyph(None, "\u25cf"),
        0x76: Glyph(None, "\u2756"),
        0xD8: Glyph(None, "\u27a2"),
        0xE0: Glyph(None, "\u2192"),
        0xE8: Glyph(None, "\u2794"),
        0xF0: Glyph(None, "\u21e8"),
        0x4A: Glyph(None, "\u263a"),
        0x20: Glyph(None, " "),
    },
    "wingdings 2": {
        0xA3: Glyph(_U, "\u2610"),  # □
        0x2A: Glyph(_U, "\u2610"),  # □ (the box Word inserts from its Wingdings 2 chart)
        0x52: Glyph(_C, "\u2611"),  # ☑
        0x54: Glyph(_C, "\u2612"),  # ☒
        0x53: Glyph(_C, "\u2612"),  # crossed box (⮽); pandoc maps it to ☒
        0x50: Glyph(_C, "\u2713"),  # ✓
        0x4F: Glyph(_C, "\u2717"),  # ✗
        0x20: Glyph(None, " "),
    },
    "webdings": {
        0x61: Glyph(_C, "\u2713"),  # ✓
        0x72: Glyph(_C, "\u2715"),  # ✕
        0x20: Glyph(None, " "),
    },
    "symbol": {
        0xD6: Glyph(_C, "\u221a"),  # √ radical, widely typed as a tick
        0xB4: Glyph(_C, "\u00d7"),  # × used as a cross
        0xB7: Glyph(None, "\u2022"),
        0x20: Glyph(None, " "),
    },
}

# The Symbol font's characters that are not ticks are text: Adobe's published Symbol encoding (the
# PDF reference, appendix D) to Unicode, codes 0x20-0x7E and 0xA0-0xFE in order ("?" where the
# encoding has no character). "abp" typed in Symbol reads "αβπ", never "⍰⍰⍰".
_SYMBOL_LOW = (" !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼")
_SYMBOL_HIGH = ("€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪?〉∫⌠⎮⌡"
                "⎞⎟⎠⎤⎥⎦⎫⎬⎭")
SYMBOL_TEXT: dict[int, str] = {**{0x20 + k: c for k, c in enumerate(_SYMBOL_LOW)},
                               **{0xA0 + k: c for k, c in enumerate(_SYMBOL_HIGH) if c != "?"}}

# Codes of the dingbat fonts near their boxes and ticks that our table does not name: one of them
# may be a box variant, so it is a mark of unknown state (flagged) rather than text. Every other
# code of these fonts is a picture (a house, a plane): text, kept as its private-use character.
_NEAR_BOXES = {
    "wingdings": set(range(0x6E, 0x79)) | set(range(0xA1, 0xAA)) | set(range(0xFB, 0xFF)),
    "wingdings 2": set(range(0x2A, 0x2C)) | set(range(0x4F, 0x57)) | set(range(0xA2, 0xAA)),
    "webdings": set(range(0x60, 0x74)),
}


def symbol_fallback(font: str, code: int) -> tuple[str, str]:
    """For a symbol code our box table does not name: ("text", the character to write) or
    ("unknown", "") when it may be a box we cannot read."""
    family, code = font_family(font), symbol_code(code)
    if family == "symbol":
        return "text", SYMBOL_TEXT.get(code, chr(0xF000 + code))
    if code in _NEAR_BOXES.get(family, ()):
        return "unknown", ""
    return "text", chr(0xF000 + code)


# Unicode characters that are tick boxes or tick marks when they stand in ordinary text.
UNICODE_MARKS: dict[str, MarkState] = {
    "\u2610": _U,  # ☐
    "\u25a1": _U,  # □
    "\u25fb": _U,  # ◻
    "\u2b1c": _U,  # ⬜
    "\U0001f78e": _U,  # 🞎
    "\u274f": _U,  # ❏ (Zapf Dingbats' boxes, as pdfium maps the base-14 font)
    "\u2750": _U,  # ❐
    "\u2751": _U,  # ❑
    "\u2752": _U,  # ❒
    "\u2611": _C,  # ☑
    "\u2612": _C,  # ☒
    "\u2713": _C,  # ✓
    "\u2714": _C,  # ✔
    "\u2717": _C,  # ✗
    "\u2718": _C,  # ✘
    "\u2715": _C,  # ✕
    "\u2716": _C,  # ✖
    "\u221a": _C,  # √
    "\u25a0": _C,  # ■
    "\u25fc": _C,  # ◼
    "\u25a3": _C,  # ▣
    "\u2327": _C,  # ⌧
    "\U0001f5f9": _C,  # 🗹
    "\U0001f5f8": _C,  # 🗸
    "\U0001f5f7": _C,  # 🗷
}


# LibreOffice's HTML export writes a Wingdings box as its bare private-use code (U+F0FE, U+F0A8) with no
# font at all. When a page's unnamed codes are only the Wingdings box codes, checked and empty ones both,
# they are read in Wingdings under this name, and a level they decide is flagged for a person to confirm.
# The codes are the Wingdings table's boxes, less ■ (0x6E): it is as often a square bullet, so it cannot
# show the page's font.
NOT_RECORDED = "Wingdings (font not recorded)"
_UNNAMED_BOXES = {0xF000 + code: glyph.state for code, glyph in SYMBOL_FONTS["wingdings"].items()
                  if glyph.state is not None and code != 0x6E}


_PRIVATE_USE_SYMBOL = re.compile("[\uf020-\uf0ff]")  # is_private_use_symbol, for a whole page at C speed


def unnamed_wingdings(text: str) -> bool:
    """The private-use codes of `text` are the Wingdings box codes, a checked one and an empty one."""
    codes = {ord(c) for c in _PRIVATE_USE_SYMBOL.findall(text)}
    states = {_UNNAMED_BOXES.get(code) for code in codes}
    return states == {_C, _U}


# LibreOffice, lacking Wingdings, writes its PDFs with OpenSymbol but keeps the Wingdings code
# (U+F0FE stays U+F0FE): read those codes with the Wingdings table.
FONT_ALIASES = {"opensymbol": "wingdings", NOT_RECORDED.lower(): "wingdings", "wingdings regular": "wingdings",
                "wingdings2": "wingdings 2", "wingdings-2": "wingdings 2", "wingdings3": "wingdings 3", "symbolmt": "symbol"}


@lru_cache(maxsize=1024)  # a document names a handful of fonts, thousands of times
def font_family(font: str | None) -> str:
    """"ABCDEF+Wingdings-Regular" -> "wingdings": the family a PDF or Word font name stands for."""
    if not font:
        return ""
    name = font.split("+", 1)[1] if len(font) > 7 and font[6] == "+" else font
    name = name.strip().strip("'\"").lower()
    for suffix in ("-regular", ",regular", "-bold", ",bold", "-italic", ",italic", " regular"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return FONT_ALIASES.get(name, name)


def is_symbol_font(font: str | None) -> bool:
    return font_family(font) in SYMBOL_FONTS


def is_symbol_char(font: str | None, ch: str) -> bool:
    """Whether `ch` in `font` is a symbol code to look up. OpenSymbol's own characters are real
    Unicode (bullets, arrows); only the private-use codes it carries for Wingdings are symbols."""
    if not is_symbol_font(font):
        return False
    if "opensymbol" in (font or "").lower():
        return 0xF000 <= ord(ch) <= 0xF0FF
    return True


def symbol_code(ch_or_code: str | int) -> int:
    """The font code of a symbol: Word writes it plain (0xFE) or in the private-use area (0xF0FE)."""
    code = ord(ch_or_code) if isinstance(ch_or_code, str) else ch_or_code
    return code - 0xF000 if 0xF000 <= code <= 0xF0FF else code


def lookup_symbol(font: str, code: int) -> Glyph | None:
    return SYMBOL_FONTS.get(font_family(font), {}).get(symbol_code(code))


def is_private_use_symbol(ch: str) -> bool:
    return 0xF020 <= ord(ch) <= 0xF0FF
