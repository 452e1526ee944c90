"""Builds one paragraph's raw text and its marks, shared by every parser.

Parsers feed it text pieces (with their font and weight) and explicit marks (form fields, inputs,
content controls); it writes a one-character glyph for each mark into the text, turns Unicode tick
characters and symbol-font letters into marks, and tracks whether every visible character is bold.
"""

from __future__ import annotations

import re

from .model import GLYPH_CHECKED, GLYPH_UNCHECKED, GLYPH_UNKNOWN, Mark, MarkState
from .symbols import (UNICODE_MARKS, is_private_use_symbol, is_symbol_char, is_symbol_font, lookup_symbol,
                      symbol_code, symbol_fallback)

_SPECIAL = re.compile("[" + "".join(re.escape(c) for c in UNICODE_MARKS) + "\uf020-\uf0ff]")
_GLYPH_FOR_STATE = {"checked": GLYPH_CHECKED, "unchecked": GLYPH_UNCHECKED, "unknown": GLYPH_UNKNOWN}


class ParagraphBuilder:
    __slots__ = ("_parts", "_len", "marks", "_bold_seen", "_plain_seen", "pua_font", "last")

    def __init__(self, pua_font: str | None = None) -> None:
        # The symbol font to read private-use codes in when their run names none (see html_parser)
        self.pua_font = pua_font
        self._parts: list[str] = []
        self._len = 0
        self.marks: list[Mark] = []
        # whether any visible character was bold / was not: all a paragraph's boldness needs
        self._bold_seen = False
        self._plain_seen = False
        self.last = ""  # the last character so far: what a parser joining pieces looks at, without a join

    def _append(self, s: str, bold: bool) -> None:
        if not s:
            return
        self._parts.append(s)
        self._len += len(s)
        self.last = s[-1]
        if bold:
            self._bold_seen = self._bold_seen or not s.isspace()
        else:
            self._plain_seen = self._plain_seen or not s.isspace()

    def add_text(self, text: str, font: str | None = None, bold: bool = False) -> None:
        """Add text as it stands in a run of `font`. Symbol-font letters and Unicode tick
        characters become marks; everything else is kept verbatim."""
        if not text:
            return
        if is_symbol_font(font):
            plain = []
            for ch in text:
                if ch.isspace() or not is_symbol_char(font, ch):
                    plain.append(ch)
                    continue
                if plain:
                    self._add_plain("".join(plain), bold)
                    plain = []
                self.add_symbol(font or "", ord(ch), method="font-letter", bold=bold)
            if plain:
                self._add_plain("".join(plain), bold)
            return
        self._add_plain(text, bold)

    def _add_plain(self, text: str, bold: bool) -> None:
        if not _SPECIAL.search(text):
            self._append(text, bold)  # the common case: no tick character, no private-use symbol
            return
        start = 0
        for i, ch in enumerate(text):
            state = UNICODE_MARKS.get(ch)
            if state is None and is_private_use_symbol(ch):
                # A symbol-font code in the private-use area, in a run whose font we do not know.
                self._append(text[start:i], bold)
                if self.pua_font:
                    self.add_symbol(self.pua_font, ord(ch), method="font-letter", bold=bold)
                else:
                    self.add_mark("unknown", "font-letter", glyph=GLYPH_UNKNOWN, code=f"{ord(ch):04X}",
                                  detail="private-use symbol in a run with no symbol font", bold=bold)
                start = i + 1
            elif state is not None:
                self._append(text[start:i], bold)
                self.add_mark(state, "unicode-glyph", glyph=ch, code=f"{ord(ch):04X}", bold=bold, own_char=ch)
                start = i + 1
        self._append(text[start:], bold)

    def add_symbol(self, font: str, code: int, method: str, bold: bool = False) -> None:
        glyph = lookup_symbol(font, code)
        hexcode = f"{symbol_code(code):02X}" if code < 0xF000 else f"{code:04X}"
        if glyph is None:
            kind, char = symbol_fallback(font, code)
            if kind == "text":
                self._append(char, bold)  # Greek typed in Symbol, a Webdings picture: text, never lost
            else:
                self.add_mark("unknown", method, glyph=GLYPH_UNKNOWN, font=font, code=hexcode, bold=bold)
        elif glyph.state is None:
            self._append(glyph.char, bold)  # a bullet or arrow: text, not a box
        else:
            self.add_mark(glyph.state, method, glyph=glyph.char, font=font, code=hexcode, bold=bold)

    def add_mark(self, state: MarkState, method: str, glyph: str = "", font: str | None = None,
                 code: str | None = None, detail: str = "", bold: bool = False, own_char: str | None = None) -> None:
        ch = own_char or _GLYPH_FOR_STATE[state]
        self.marks.append(Mark(state, method, self._len, glyph or ch, font, code, detail))
        self._parts.append(ch)
        self._len += 1
        self.last = ch

    @property
    def empty(self) -> bool:
        return self._len == 0

    def text(self) -> str:
        return "".join(self._parts)

    def bold(self) -> bool:
        return self._bold_seen and not self._plain_seen
