"""AcroForm check boxes and radio buttons (pdfplumber's annotations)."""

from __future__ import annotations

from ..model import Mark
from .text import Item


def widgets(page) -> list[Item]:
    """AcroForm check boxes and radio buttons. /AS is the appearance every viewer draws and a print
    shows; /V is the field's value. When both are there and disagree, neither wins: one of them is
    stale (a flattening or PDF/A tool updated only one), so the box is `unknown` and gets flagged."""
    out = []
    for a in page.annots:
        d = a.get("data") or {}
        if _name(d.get("Subtype")) != "Widget":
            continue
        parent = _resolve(d.get("Parent"))
        ft = _name(d.get("FT")) or _name(parent.get("FT") if parent else None)
        if ft != "Btn":
            continue
        as_ = _name(d.get("AS"))
        v = _name(d.get("V")) or _name(parent.get("V") if parent else None)
        on_as = None if as_ is None else as_ != "Off"
        on_v = None if v is None else v != "Off"
        if on_as is not None and on_v is not None and on_as != on_v:
            state, detail = "unknown", f"form field: /AS {as_} but /V {v}"
        else:
            state = "checked" if (on_as if on_as is not None else bool(on_v)) else "unchecked"
            detail = f"form field: /AS {as_}, /V {v}"
        out.append(Item("", a["x0"], a["x1"], a["top"], a["bottom"], mark=Mark(state, "pdf-form", 0, detail=detail)))
    return out


def _name(value) -> str | None:
    if value is None:
        return None
    value = _resolve(value)
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return str(name).lstrip("/")


def _resolve(ref):
    try:
        return ref.resolve() if hasattr(ref, "resolve") else ref
    except Exception:  # a broken reference in a damaged form: no value
        return None
