"""Measure the repair of Thai damaged by Word's PDF text layers (pipeline.thai_repair), per file.

    python bench/bench_thai_repair.py [PDF ...]      (default: ../shared/realdocs/*.pdf)

For each PDF: paragraphs, paragraphs showing the damage, damaged words before and after the repair,
the replacements made (most common first, to read through), and the time. Then the control: every
text-layer document of corpus/ (genuine Thai, none damaged) through the same repair: the number of
paragraphs it changes must be 0 — a changed genuine paragraph is a word wrongly changed.
"""

from __future__ import annotations

import collections
import glob
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import UnreadableDocument, parse  # noqa: E402
from pipeline.thai_repair import (AM, _lexicon, damaged_words, document_is_damaged, is_damaged,  # noqa: E402
                                  repair)


def texts_of(path: str) -> list[str]:
    return [p.text for p in parse(path).iter_paragraphs() if p.origin != "ocr" and p.text.strip()]


def measure(path: str) -> None:
    from pythainlp.tokenize import word_tokenize

    texts = texts_of(path)
    t = time.perf_counter()
    damaged = document_is_damaged(texts)
    fixed = [repair(x, damaged) for x in texts]
    elapsed = time.perf_counter() - t
    before = sum(damaged_words(x) for x in texts)
    after = sum(damaged_words(x) for x in fixed)
    lex = _lexicon()
    made = collections.Counter()
    for x in texts:
        if is_damaged(x, damaged):
            for tok in word_tokenize(x.replace(" \u0e32", AM), custom_dict=lex.trie, engine="newmm"):
                if tok in lex.damaged:
                    made[f"{tok}→{lex.damaged[tok]}"] += 1
    print(f"{Path(path).name}: {len(texts)} paragraphs, {sum(is_damaged(x, damaged) for x in texts)} damaged; "
          f"damaged words {before} → {after}; document damaged: {damaged}; {elapsed:.2f} s")
    print("   most common: " + ", ".join(f"{k} ×{n}" for k, n in made.most_common(12)))


def control() -> None:
    changed, paragraphs, files = 0, 0, 0
    for path in sorted(glob.glob(str(ROOT / "corpus" / "*"))):
        if path.endswith((".json", ".py", ".md")) or "/bad_" in path or "scan" in path:
            continue
        try:
            texts = texts_of(path)
        except UnreadableDocument:
            continue
        files += 1
        paragraphs += len(texts)
        damaged = document_is_damaged(texts)
        changed += sum(1 for x in texts if repair(x, damaged) != x)
    print(f"control: {files} genuine corpus documents, {paragraphs} paragraphs, changed by the repair: {changed}")


if __name__ == "__main__":
    for p in sys.argv[1:] or sorted(glob.glob(str(ROOT.parent / "shared" / "realdocs" / "*.pdf"))):
        measure(p)
    control()
