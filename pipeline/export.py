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

FORMATS = ("csv", "parquet", "xlsx", "jsonl")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses control characters
_XLSX_MAX_CELL = 32767
EXCEL_MAX_ROWS = 1_048_576 - 1  # one row is the header
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
    too_long = [n for n, df in tables.items() if len(df) >= EXCEL_MAX_ROWS]
    if "xlsx" in formats and too_long:
        # Excel cannot open a sheet this long; CSV and Parquet hold every row.
        log.warning("sarkit.xlsx not written: %s has more rows than Excel's %d; use the CSV or Parquet files",
                    ", ".join(too_long), EXCEL_MAX_ROWS)
    elif "xlsx" in formats:
        p = out / "sarkit.xlsx"

        def write_xlsx(tmp: str) -> None:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                for name, df in tables.items():
                    _xlsx_safe(df).to_excel(xw, sheet_name=name, index=False)

        _atomic(p, write_xlsx)
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
