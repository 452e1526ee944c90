"""AcroForm check boxes and radio buttons, from the widget annotations `shapes.annotations` reads."""

from __future__ import annotations

from ..model import Mark
from .text import Item


def widgets(annots: list[dict]) -> list[Item]:
    """AcroForm check boxes and radio buttons. /AS is the appearance every viewer draws and a print
    shows; /V is the field's value. When both are there and disagree, neither wins: one of them is
    stale (a flattening or PDF/A tool updated only one), so the box is `unknown` and gets flagged."""
    out = []
    for a in annots:
        ft = a.get("FT") or a.get("parent_FT")
        if ft != "Btn":
            continue
        as_ = a.get("AS")
        v = a.get("V") or a.get("parent_V")
        on_as = None if as_ is None else as_ != "Off"
        on_v = None if not v else v != "Off"
        if on_as is not None and on_v is not None and on_as != on_v:
            state, detail = "unknown", f"form field: /AS {as_} but /V {v}"
        else:
            state = "checked" if (on_as if on_as is not None else bool(on_v)) else "unchecked"
            detail = f"form field: /AS {as_}, /V {v or None}"
        out.append(Item("", a["x0"], a["x1"], a["top"], a["bottom"], mark=Mark(state, "pdf-form", 0, detail=detail)))
    return out
