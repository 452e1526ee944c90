"""Write a Dataset: CSV (UTF-8 with BOM, for Excel), Parquet, one XLSX workbook, JSON Lines.

Each file is written to a temporary name in the output folder and renamed into place, so a reader
never sees half a table; it gets the permissions the user's umask gives (mkstemp's 0600 would hide
it from colleagues on a shared server).

Text cells of the CSV files and the workbook are neutralised against spreadsheet formula injection
(OWASP's rule): a cell that begins with = + - @, a tab or a carriage return gets a leading ' so that
Excel shows it as text and runs nothing (a report's text "=HYPERLINK(…)" stays text). Numbers stay
numbers. Parquet and JSON Lines, read by programs, keep the text exactly.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from .dataset import Dataset

from .formats import FORMATS
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses control characters
_XLSX_MAX_CELL = 32767
EXCEL_MAX_ROWS = 1_048_576 - 1  # one row is the header
_MAX_WIDTH = 60
log = logging.getLogger("sarkit")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with ' (see the module's note)."""
    out = df.copy()
    for col in out.columns:
        if str(out[col].dtype) == "string":
            out[col] = out[col].str.replace(_FORMULA_START, lambda m: "'" + m.group(0), regex=True)
    return out


def _xlsx_safe(df: pd.DataFrame) -> pd.DataFrame:
    out = neutralise(df)
    for col in out.columns:
        if str(out[col].dtype) == "string":
            out[col] = out[col].str.replace(_XLSX_ILLEGAL, "", regex=True).str.slice(0, _XLSX_MAX_CELL)
    return out


def write_dataset(ds: Dataset, out_dir: str | Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    tables = ds.tables()
    if "csv" in formats:
        for name, df in tables.items():
            p = out / f"{name}.csv"
            _atomic(p, lambda tmp, df=df: neutralise(df).to_csv(tmp, index=False, encoding="utf-8-sig"))
            written.append(p)
    if "parquet" in formats:
        for name, df in tables.items():
            p = out / f"{name}.parquet"
            _atomic(p, lambda tmp, df=df: df.to_parquet(tmp, index=False))
            written.append(p)
    if "xlsx" in formats:
        p = out / "sarkit.xlsx"
        _atomic(p, lambda tmp: write_workbook(tables, tmp))
        written.append(p)
    if "jsonl" in formats:
        p = out / "documents.jsonl"

        def write_jsonl(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                for rec in ds.records:
                    fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")

        _atomic(p, write_jsonl)
        written.append(p)
    return written


def _width(name: str, values: pd.Series) -> float:
    """A column wide enough for its header and most of its first rows (Thai is narrow per code point:
    its marks take no width), capped so that long evidence wraps off-screen instead of hiding the rest."""
    sample = values.head(200).dropna().astype(str)
    longest = max([len(name), *(len(_STRIP_MARKS.sub("", v)) for v in sample)])
    return min(_MAX_WIDTH, max(8, longest + 2))


_STRIP_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # Thai vowels and tones above/below the line


def write_workbook(tables: dict[str, pd.DataFrame], path: str) -> None:
    """The workbook an analyst opens: a summary sheet first, one sheet per table (bold, frozen, filtered
    header; widths; numbers as numbers, text as text), a sheet explaining every column in Thai and
    English. xlsxwriter's constant-memory mode writes row by row, so the workbook costs no more memory
    than the tables. A table longer than Excel's 1,048,576 rows continues on "name (2)", "name (3)" …"""
    import xlsxwriter

    from .columns import SCHEMA_VERSION, TABLES
    from .summary import levels_by_standard, status_counts

    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                    "strings_to_urls": False, "nan_inf_to_errors": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    title = wb.add_format({"bold": True, "font_size": 14})
    number = wb.add_format({"num_format": "0.##"})

    def sheet(name: str, df: pd.DataFrame, widths: dict[str, float] | None = None) -> None:
        ws = wb.add_worksheet(name)
        cols = list(df.columns)
        for j, c in enumerate(cols):
            ws.set_column(j, j, (widths or {}).get(c) or _width(c, df[c]))
        ws.write_row(0, 0, cols, head)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(df), 1), max(len(cols) - 1, 0))
        kinds = [str(df[c].dtype) for c in cols]
        for i, row in enumerate(df.itertuples(index=False, name=None), start=1):
            for j, v in enumerate(row):
                if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                    continue
                k = kinds[j]
                if k in ("Int64", "int64"):
                    ws.write_number(i, j, int(v))
                elif k in ("Float64", "float64"):
                    ws.write_number(i, j, float(v), number)
                elif k == "boolean":
                    ws.write_boolean(i, j, bool(v))
                else:
                    ws.write_string(i, j, str(v))

    # summary first: what an analyst looks at before any row
    ws = wb.add_worksheet("summary")
    ws.set_column(0, 0, 22)
    ws.set_column(1, 9, 14)
    docs = tables["documents"]
    ws.write(0, 0, "sarkit: สรุปผล / summary", title)
    ws.write_row(1, 0, ["documents / เอกสาร", len(docs)])
    ws.write_row(2, 0, ["schema version", SCHEMA_VERSION])
    r = 4
    ws.write(r, 0, "เอกสารตามสถานะ / documents by status", head)
    r += 1
    st = status_counts(docs)
    ws.write_row(r, 0, list(st.columns), head)
    for row in st.itertuples(index=False, name=None):
        r += 1
        ws.write_row(r, 0, row)
    r += 2
    ws.write(r, 0, "ระดับคุณภาพของตัวบ่งชี้ตามมาตรฐาน / indicator levels by standard", head)
    r += 1
    lv = levels_by_standard(tables["indicators"])
    ws.write_row(r, 0, list(lv.columns), head)
    for row in lv.itertuples(index=False, name=None):
        r += 1
        ws.write_row(r, 0, [x if not isinstance(x, str) else x for x in row])

    for name, df in tables.items():
        safe = _xlsx_safe(df)
        widths = {c: _width(c, safe[c]) for c in safe.columns}
        chunks = range(0, max(len(safe), 1), EXCEL_MAX_ROWS)
        for n, start in enumerate(chunks, start=1):
            sheet(name if n == 1 else f"{name} ({n})", safe.iloc[start:start + EXCEL_MAX_ROWS], widths)
        if len(chunks) > 1:
            log.warning("sarkit.xlsx: %s has %d rows, more than one Excel sheet holds; it continues on sheets "
                        "%s (2) … (%d)", name, len(safe), name, len(chunks))

    cols = pd.DataFrame([{"table": t, "column": c.name, "type": c.dtype, "meaning": c.en, "ความหมาย": c.th,
                          "unit / allowed values": "; ".join(x for x in (c.unit, ", ".join(map(str, c.allowed))) if x)}
                         for t, cs in TABLES.items() for c in cs]).astype("string")
    sheet("columns", cols, {"meaning": 60, "ความหมาย": 40, "unit / allowed values": 30})
    wb.close()
