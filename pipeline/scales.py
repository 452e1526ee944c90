"""Quality-level scales, loaded from schemas/scales.yaml: label <-> level number."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from schemas import SCHEMAS_DIR, yaml_loader


class ScaleError(Exception):
    """schemas/scales.yaml cannot be used; the message names the file. Library code raises this, never
    SystemExit: the command line turns it into a message and an exit code."""


@lru_cache(maxsize=1)
def scales() -> dict[str, dict[int, list[str]]]:
    path = SCHEMAS_DIR / "scales.yaml"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())
        return {name: {int(k): list(v) for k, v in spec["levels"].items()} for name, spec in raw.items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ScaleError(f"the scale file {path} is malformed: {exc}") from exc


@lru_cache(maxsize=1)
def label_levels() -> dict[str, tuple[int, str]]:
    """label -> (level, scale). "ดี" is 3 on both scales, so the first scale's entry stands."""
    out: dict[str, tuple[int, str]] = {}
    for scale, levels in scales().items():
        for level, labels in levels.items():
            for label in labels:
                out.setdefault(label, (level, scale))
    return out


def canonical_label(level: int | None, scale: str | None) -> str:
    if level is None:
        return ""
    return scales().get(scale or "esa", scales()["esa"]).get(level, [""])[0]


@lru_cache(maxsize=1)
def label_pattern() -> str:
    """Regex alternation of every label, longest first, so "ดี" never matches inside "ดีมาก" or
    "ดีเยี่ยม". A bare "ดี" must end the word (or run straight into a keyword, as prose does)."""
    alts = []
    for label in sorted(label_levels(), key=len, reverse=True):
        if label == "ดี":
            alts.append("ดี(?:(?=ตัว|มาตรฐาน|คะแนน|รวม|ประเด็น|ระดับ)|(?![\u0e01-\u0e4e]))")
        else:
            alts.append(re.escape(label))
    return "(?:" + "|".join(alts) + ")"
