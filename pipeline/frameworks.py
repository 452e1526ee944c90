"""The framework catalogue (schemas/frameworks/*.yaml) and matching a report to it.

A framework file that is malformed stops the program at start-up with its file and line, never a
traceback deep in a batch. A report is matched by what it cites, then by its headings and year,
with a confidence; a report whose framework is unknown is still extracted as usual.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from schemas import SCHEMAS_DIR, yaml_loader

FRAMEWORKS_DIR = SCHEMAS_DIR / "frameworks"


class FrameworkError(Exception):
    """A framework file that cannot be used; the message names the file and the line."""


@dataclass(slots=True)
class FIndicator:
    number: str
    name: str
    weight: float | None = None
    confirmed: bool = True  # its name is published: a report naming it otherwise gets a warning
    listed: bool = True  # that it exists is published: a report missing it gets a warning


@dataclass(slots=True)
class FStandard:
    number: str
    name: str
    weight: float | None = None
    confirmed: bool = True
    complete: bool = True
    as_a_whole: bool = False
    indicators: list[FIndicator] = field(default_factory=list)


@dataclass(slots=True)
class Framework:
    id: str
    name: str
    kind: str
    year_be: int
    in_use_be: tuple[int, int]
    year_kind: str
    scale: str
    numbering: str
    complete: bool
    scoring: dict
    standards: list[FStandard]
    path: str

    def standard(self, number: str) -> FStandard | None:
        return next((s for s in self.standards if s.number == number), None)

    def indicator(self, standard: str, number: str) -> FIndicator | None:
        s = self.standard(standard)
        return next((i for i in s.indicators if i.number == number), None) if s else None

    def keys(self) -> set[tuple[str, str]]:
        return {(s.number, i.number) for s in self.standards for i in s.indicators}


def load_framework(path: Path) -> Framework:
    from pydantic import ValidationError

    from .framework_schema import FrameworkSpec, effective

    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml_loader())
        raw = yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise FrameworkError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(raw, dict):
        raise FrameworkError(f"{path} line 1: a framework file must be a mapping of keys")
    try:
        spec = FrameworkSpec.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        what = ".".join(str(p) for p in loc) or "the file"
        raise FrameworkError(f"{path} line {_line_at(node, loc)}: {what}: {err['msg']}") from exc
    standards = []
    for s in spec.standards:
        sp = effective(spec, s)
        inds = []
        for i in s.indicators:
            ip = effective(spec, s, i)
            inds.append(FIndicator(i.number, i.name, i.weight, ip["names"].kind == "published",
                                   ip["structure"].kind == "published"))
        standards.append(FStandard(s.number, s.name, s.weight, sp["structure"].kind == "published",
                                   spec.complete if s.complete is None else s.complete, s.assessed_as_a_whole, inds))
    return Framework(spec.id, spec.name, spec.kind, spec.year_be, spec.in_use_be, spec.year_kind, spec.scale,
                     spec.numbering, spec.complete, spec.scoring.model_dump(), standards, str(path))


def _line_at(node: yaml.Node, loc: list) -> int:
    """The line of the YAML node at pydantic's error location (keys and list indexes)."""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if nxt is None:
                break
            line, node = nxt[0].start_mark.line + 1, nxt[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def load_catalogue(directory: str | None = None) -> dict[str, Framework]:
    """The frameworks in `directory`, else in $SARKIT_FRAMEWORKS, else the bundled schemas/frameworks."""
    return _load(directory or os.environ.get("SARKIT_FRAMEWORKS") or str(FRAMEWORKS_DIR))


@lru_cache(maxsize=4)
def _load(directory: str) -> dict[str, Framework]:
    folder = Path(directory)
    if not folder.is_dir():
        raise FrameworkError(f"{folder}: no such folder of framework files")
    out: dict[str, Framework] = {}
    for path in sorted(folder.glob("*.yaml")):
        fw = load_framework(path)
        if fw.id in out:
            raise FrameworkError(f"{path} line 1: the id '{fw.id}' is already used by {out[fw.id].path}")
        out[fw.id] = fw
    return out


# -- matching ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class Match:
    framework: Framework | None
    confidence: float
    basis: str  # cited, structure, year …, or why there is none


def match_framework(cited: str, year: int | None, keys: set[tuple[str, str]], scale: str,
                    catalogue: dict[str, Framework], names: dict[tuple[str, str], str] | None = None) -> Match:
    """`cited`: the id the report cites ("esa-2557") or ""; `keys`: (standard, indicator) found;
    `names`: their names as the report writes them. Numbers alone do not tell school-2554 (1.1 …
    15.2) from esa-2551 (1.1 … 5.2) for the items they share: the names do."""
    names = names or {}
    if cited:
        fw = catalogue.get(cited)
        if fw is not None:
            agree = _structure(fw, keys)
            return Match(fw, 0.9 if agree >= 0.5 or not keys else 0.7, "cited" + ("" if agree >= 0.5 or not keys
                                                                                   else ", headings differ"))
        return Match(None, 0.0, f"cites {cited}, which is not in the catalogue")
    best, best_score, best_basis = None, 0.0, ""
    for fw in catalogue.values():
        structure = _structure(fw, keys)
        named = _names(fw, names)
        in_period = year is not None and fw.in_use_be[0] <= year <= fw.in_use_be[1]
        score = 0.6 * structure + (0.25 if in_period else 0.0) + (0.1 if scale == fw.scale and structure else 0.0)
        score += 0.3 * named
        if score > best_score:
            best, best_score = fw, score
            best_basis = ", ".join(b for b, on in (("headings", structure >= 0.5), ("names", named >= 0.5),
                                                    ("year", in_period)) if on)
    if best is None or best_score < 0.55:
        return Match(None, 0.0, "no framework in the catalogue fits its headings and year")
    return Match(best, round(min(best_score, 0.85), 2), best_basis)


def _structure(fw: Framework, keys: set[tuple[str, str]]) -> float:
    """Share of the report's (standard, indicator) numbers that the framework has, discounted when the
    framework's numbering style differs."""
    if not keys:
        return 0.0
    known = fw.keys() | {(s.number, s.number) for s in fw.standards if s.as_a_whole}
    return sum(1 for k in keys if k in known) / len(keys)


def _names(fw: Framework, names: dict[tuple[str, str], str]) -> float:
    """Share of the report's named items whose name is the framework's name for that number."""
    if not names:
        return 0.0
    known = {(s.number, i.number): i.name for s in fw.standards for i in s.indicators}
    known |= {(s.number, s.number): s.name for s in fw.standards}
    return sum(1 for k, n in names.items() if k in known and name_similarity(n, known[k], 0.7) >= 0.7) / len(names)


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def name_similarity(a: str, b: str, floor: float = 0.0) -> float:
    """Names compared without spaces (reports space Thai freely) and without a trailing "(ต่อ)".
    Below `floor` the answer may be any value below it: the cheap upper bounds of difflib decide
    most unlike pairs without the full comparison (framework matching compares every name)."""
    a = _SPACE.sub("", re.sub(r"\(ต่อ\)", "", a))
    b = _SPACE.sub("", b)
    if not a or not b:
        return 1.0
    if a == b:
        return 1.0
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if floor and (m.real_quick_ratio() < floor or m.quick_ratio() < floor):
        return 0.0
    return m.ratio()
