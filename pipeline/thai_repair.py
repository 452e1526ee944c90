"""Thai that Microsoft Word's PDF text layers damage, repaired word by word with PyThaiNLP's dictionary.

Word writes PDFs whose text layer, for TH SarabunPSK / TH Sarabun New / Angsana / Cordia, maps sara aa
(า) to sara am (ำ) — "มำตรฐำนกำรอำชีวศึกษำ" — or loses the nikhahit of sara am, leaving " า" —
"ส าเร็จ", "ด าเนิน". A keyword (มาตรฐาน) or a label (ดีมาก, ปานกลาง) is then never found.

What is done, and why it never changes a genuine word:
- Only a paragraph that shows the damage is touched: more ำ than า (in Thai prose า is about ten
  times as frequent as ำ), or a " า" after a Thai letter (า never begins a word); in a document
  whose text layer is damaged (three such paragraphs), also a cell with a single ำ ("มำก"). The
  gate spares genuine text the tokeniser; the dictionary is what keeps words.
- " า" after a Thai letter is a sara am that lost its nikhahit: it becomes ำ.
- The paragraph is cut into words by PyThaiNLP's newmm over the dictionary plus every word's
  damaged form (each า written ำ). A piece that is a damaged form, and not itself a word, is
  replaced by its word. A form that two words share, or that is a word too (ค่ำ is a word and the
  damaged ค่า), is left as it is: it cannot be told, and a genuine ำ word (ทำ, สำนัก, จำนวน) is never
  changed.
PyThaiNLP tokenises; this module only builds the damaged-form lexicon, which no library has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

AA, AM = "\u0e32", "\u0e33"
_LOST_NIKHAHIT = re.compile(r"(?<=[\u0e01-\u0e2e\u0e48-\u0e4b]) \u0e32")
_AA_NOT_AFTER_SPACE = re.compile(r"(?<! )\u0e32")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: frozenset
    damaged: dict  # damaged form -> the one word it stands for
    trie: object


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    words = frozenset(thai_words())
    damaged: dict[str, str] = {}
    shared: set[str] = set()
    for w in words:
        if AA not in w:
            continue
        d = w.replace(AA, AM)
        if d in words:
            continue  # both are words: never guessed
        if d in damaged and damaged[d] != w:
            shared.add(d)
        damaged[d] = w
    for d in shared:
        del damaged[d]
    return _Lexicon(words, damaged, Trie(list(words) + list(damaged)))


def is_damaged(text: str, in_damaged_document: bool = False) -> bool:
    """The signature of a damaged text layer in one paragraph: a " า" after a Thai letter, or more
    ำ than า — at least two ำ, unless the document's text layer is known to be damaged (then a
    cell "มำก" with one ำ is too; alone, "ยำสมุนไพร" is a genuine word the dictionary lacks)."""
    am = text.count(AM)
    if _LOST_NIKHAHIT.search(text):
        return True
    return am >= (1 if in_damaged_document else 2) and am > len(_AA_NOT_AFTER_SPACE.findall(text))


def document_is_damaged(texts) -> bool:
    """Word damaged this document's text layer: three paragraphs or more show it on their own."""
    return sum(1 for t in texts if is_damaged(t)) >= 3


def repair(text: str, in_damaged_document: bool = False) -> str:
    """`text` with Word's PDF damage undone where the dictionary is sure; unchanged otherwise."""
    if not is_damaged(text, in_damaged_document):
        return text
    from pythainlp.tokenize import word_tokenize

    lex = _lexicon()
    text = _LOST_NIKHAHIT.sub(AM, text)
    if AM not in text:
        return text
    out = []
    for token in word_tokenize(text, custom_dict=lex.trie, engine="newmm", keep_whitespace=True):
        out.append(lex.damaged.get(token, token) if AM in token else token)
    return "".join(out)


def damaged_words(text: str) -> int:
    """How many words of `text` are damaged forms (for measuring the repair): pieces that are the
    damaged form of a word, and " า" after a Thai letter."""
    if AM not in text and not _LOST_NIKHAHIT.search(text):
        return 0
    from pythainlp.tokenize import word_tokenize

    lex = _lexicon()
    lost = len(_LOST_NIKHAHIT.findall(text))
    return lost + sum(1 for t in word_tokenize(text, custom_dict=lex.trie, engine="newmm") if t in lex.damaged)
