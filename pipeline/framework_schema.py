"""The schema of a framework file (schemas/frameworks/*.yaml), validated with pydantic at load.

Every framework says where its items come from, per kind of fact, and any standard or indicator may
say otherwise for itself:
    provenance:
      structure: {kind: published, source: "…"}   # which standards and indicators there are
      names:     {kind: derived, source: "seed 000 …"}
      weights:   {kind: derived, source: "… by what arithmetic"}
`kind` is `published` (read in a public source, named), `derived` (worked out from our documents:
which ones, and how) or `assumed` (neither; said why). Only what is published makes a warning; the
rest gives notes. A scoring rule listed under `scoring.derived` is derived likewise.
Errors name the file and the line (pipeline.frameworks maps pydantic's location to the YAML node).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Kind = Literal["published", "derived", "assumed"]
FACTS = ("structure", "names", "weights")


class Provenance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Kind
    source: str = Field(min_length=3)


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: str
    name: str = Field(min_length=1)
    weight: float | None = None
    confirmed: bool | None = None  # older files: false = the name is not published
    note: str | None = None
    provenance: dict[Literal["structure", "names", "weights"], Provenance] = {}

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, v):
        return str(v) if isinstance(v, (int, float)) else v


class IndicatorSpec(_Item):
    pass


class StandardSpec(_Item):
    complete: bool | None = None
    assessed_as_a_whole: bool = False
    indicators: list[IndicatorSpec] = []
    considerations: list[IndicatorSpec] = []


class ScoringSpec(BaseModel):
    model_config = ConfigDict(extra="allow")  # rules: indicator_score, standard_score, total_max …
    confidence: str | None = None
    derived: list[str] = []


class FrameworkSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    kind: str
    year_be: int
    in_use_be: tuple[int, int]
    year_kind: Literal["fiscal", "academic"] = "fiscal"
    scale: str
    numbering: str
    complete: bool = True
    cited_as: list[str] = []
    sources: list[str] = Field(min_length=1)
    provenance: dict[Literal["structure", "names", "weights"], Provenance]
    scoring: ScoringSpec = ScoringSpec()
    standards: list[StandardSpec]

    @field_validator("provenance")
    @classmethod
    def _needs_structure_and_names(cls, v):
        missing = [k for k in ("structure", "names") if k not in v]
        if missing:
            raise ValueError(f"provenance must say where the {' and '.join(missing)} come from")
        return v


def effective(spec: FrameworkSpec, *chain: _Item) -> dict[str, Provenance]:
    """The provenance of each fact for the last item of `chain` (a standard, or a standard and one of
    its indicators): the framework's, where a standard's `structure` (its list of indicators) passes
    to its indicators and `names` / `weights` are the item's own. An older `confirmed: false` item
    with no provenance of its own for its name is assumed."""
    out = dict(spec.provenance)
    for k, item in enumerate(chain):
        own = item.provenance if k == len(chain) - 1 else {f: p for f, p in item.provenance.items() if f == "structure"}
        out.update(own)
    last = chain[-1] if chain else None
    if last is not None and last.confirmed is False and "names" not in last.provenance:
        out["names"] = Provenance(kind="assumed", source=last.note or "marked unconfirmed in the catalogue")
    return out
