"""The rules: each reads one kind of evidence and emits candidates into the scope where it stands.

- `prose`: values stated in words (headings with their values, levels in words, totals);
- `ticks`: ticked level tables, lines of boxes, level matrices (and a rubric row shown only by
  bold or shading);
- `table_rows`: summary tables with result / target / previous-year columns and total rows.
`pipeline.readers` holds the readers they share. No rule decides: `pipeline.resolve` does.
"""

from __future__ import annotations

from ..candidates import Candidate, TotalCandidate
from ..structure import Structure, TextUnit
from .prose import prose_candidates
from .table_rows import summary_candidates
from .ticks import tick_candidates


def collect(structure: Structure) -> list[Candidate | TotalCandidate]:
    out: list[Candidate | TotalCandidate] = []
    for u in structure.units:
        if isinstance(u, TextUnit):
            out.extend(prose_candidates(u))
        else:
            out.extend(summary_candidates(u))
    out.extend(tick_candidates(structure.units))
    return out
