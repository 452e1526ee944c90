"""The line-start cues of schemas/layout.yaml, compiled once: where a wrapped line cannot continue the
paragraph above it. The words are data; this module only reads them."""

from __future__ import annotations

import re
from functools import lru_cache

from schemas import SCHEMAS_DIR, yaml_loader


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern]:
    import yaml

    data = yaml.load((SCHEMAS_DIR / "layout.yaml").read_text(encoding="utf-8"), Loader=yaml_loader())
    headings = list(data["heading_start"])
    starts = headings + list(data["paragraph_start"])
    return (re.compile(r"^\s*(?:" + "|".join(headings) + ")"), re.compile(r"^\s*(?:" + "|".join(starts) + ")"))


def starts_heading(text: str) -> bool:
    return _cues()[0].match(text) is not None


def starts_paragraph(text: str) -> bool:
    return _cues()[1].match(text) is not None
