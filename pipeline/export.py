"""Write the tables: CSV (UTF-8 with BOM, for Excel), Parquet, one XLSX workbook, JSON Lines — as a
stream. `TableWriter.add` takes documents a chunk at a time and appends them to every format (Parquet
row groups through pyarrow's writer, CSV and JSON Lines appended, the workbook in xlsxwriter's
constant-memory mode), so writing a million documents costs the memory of one chunk.

Each file is written under a temporary name in the output folder and renamed into place at `close`,
so a reader never sees half a table; it gets the permissions the user's umask gives (mkstemp's 0600
would hide it from colleagues on a shared server). `abort` removes the temporary files.

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
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .columns import SCHEMA_VERSION, TABLES, dtypes
from .dataset import Dataset
from .formats import FORMATS, RECORDS, WORKBOOK
from .summary import level_count, levels_table, status_count, status_table

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # Excel refuses control characters
_XLSX_MAX_CELL = 32767
EXCEL_MAX_ROWS = 1_048_576 - 1  # one row is the header
_MAX_WIDTH = 60
log = logging.getLogger("sarkit")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary(path: Path) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return tmp


def _publish(tmp: str, path: Path) -> None:
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, path)


def _atomic(path: Path, write) -> None:
    tmp = _temporary(path)
    try:
        write(tmp)
        _publish(tmp, path)
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


def _contract(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """The table's contract columns, in order and typed: what every file holds (a Dataset in memory may
    carry more, such as a batch's worker ids)."""
    cols = dtypes(table)
    return df.reindex(columns=list(cols)).astype(cols)


@lru_cache(maxsize=None)
def _arrow_schema(table: str):
    """The Parquet schema of a table, with pandas' metadata so that nullable integers read back as Int64
    (not float) however many chunks the file was written in."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_()}
    plain = pa.schema([(c.name, kinds[c.dtype]) for c in TABLES[table]])
    empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes(table).items()})
    return pa.Table.from_pandas(empty, schema=plain, preserve_index=False).schema


class TableWriter:
    """Tables written a chunk of documents at a time; see the module's note."""

    def __init__(self, out_dir: str | Path, formats: tuple[str, ...] = FORMATS):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.formats = formats
        self._tmp: dict[Path, str] = {}
        self._csv: dict[str, object] = {}
        self._parquet: dict[str, object] = {}
        self._jsonl = None
        self._xlsx: _Workbook | None = None
        try:
            for name in TABLES:
                if "csv" in formats:
                    self._csv[name] = open(self._start(f"{name}.csv"), "w", encoding="utf-8-sig", newline="")
                if "parquet" in formats:
                    import pyarrow.parquet as pq

                    self._parquet[name] = pq.ParquetWriter(self._start(f"{name}.parquet"), _arrow_schema(name))
            if "jsonl" in formats:
                self._jsonl = open(self._start(RECORDS), "w", encoding="utf-8")
            if "xlsx" in formats:
                self._xlsx = _Workbook(self._start(WORKBOOK))
        except BaseException:
            self.abort()
            raise
        self._csv_header = {name: True for name in TABLES}

    def _start(self, name: str) -> str:
        path = self.out / name
        self._tmp[path] = _temporary(path)
        return self._tmp[path]

    def add(self, ds: Dataset) -> None:
        """Append a chunk of documents (a Dataset of them) to every format."""
        import pyarrow as pa

        for name, df in ds.tables().items():
            df = _contract(df, name)
            if name in self._csv:
                neutralise(df).to_csv(self._csv[name], header=self._csv_header[name], index=False)
                self._csv_header[name] = False
            if name in self._parquet and len(df):
                self._parquet[name].write_table(pa.Table.from_pandas(df, schema=_arrow_schema(name),
                                                                     preserve_index=False))
            if self._xlsx is not None:
                self._xlsx.add(name, df)
        if self._jsonl is not None:
            for rec in ds.records:
                self._jsonl.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")

    def close(self) -> list[Path]:
        """Finish every file and rename it into place."""
        try:
            for fh in self._csv.values():
                fh.close()
            for w in self._parquet.values():
                w.close()
            if self._jsonl is not None:
                self._jsonl.close()
            if self._xlsx is not None:
                self._xlsx.close()
            for path, tmp in self._tmp.items():
                _publish(tmp, path)
        except BaseException:
            self.abort()
            raise
        written = list(self._tmp)
        self._tmp = {}
        return written

    def abort(self) -> None:
        for fh in [*self._csv.values(), self._jsonl]:
            try:
                fh and fh.close()
            except OSError:
                pass
        for w in self._parquet.values():
            try:
                w.close()
            except Exception:  # noqa: BLE001 - a half-written file is removed next
                pass
        for tmp in self._tmp.values():
            Path(tmp).unlink(missing_ok=True)
        self._tmp = {}


def write_dataset(ds: Dataset, out_dir: str | Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """A Dataset in memory (`pipeline.extract`) written in one chunk."""
    writer = TableWriter(out_dir, formats)
    writer.add(ds)
    return writer.close()


def _width(name: str, values: pd.Series) -> float:
    """A column wide enough for its header and most of its first rows (Thai is narrow per code point:
    its marks take no width), capped so that long evidence does not push the rest off-screen."""
    sample = values.head(200).dropna().astype(str)
    longest = max([len(name), *(len(_STRIP_MARKS.sub("", v)) for v in sample)])
    return min(_MAX_WIDTH, max(8, longest + 2))


_STRIP_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # Thai vowels and tones above/below the line


class _Workbook:
    """The workbook an analyst opens: a summary sheet first, one sheet per table (bold, frozen, filtered
    header; widths; numbers as numbers, text as text), a sheet explaining every column in Thai and
    English. xlsxwriter's constant-memory mode writes row by row; the summary's figures are counted as
    rows go by and written at the end. A table longer than Excel's 1,048,576 rows continues on
    "name (2)", "name (3)" …"""

    def __init__(self, path: str):
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                             "strings_to_urls": False, "nan_inf_to_errors": True})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                        "valign": "top"})
        self.number = self.wb.add_format({"num_format": "0.##"})
        self.summary = self.wb.add_worksheet("summary")  # first tab; filled in at close
        self.sheets: dict[str, list] = {}  # table -> [worksheet, rows written, sheet number, columns]
        for name in TABLES:
            self._new_sheet(name, 1)
        self.status: Counter = Counter()
        self.levels: Counter = Counter()  # (framework, part, standard, level or "no level") -> indicators

    def _new_sheet(self, table: str, n: int) -> None:
        ws = self.wb.add_worksheet(table if n == 1 else f"{table} ({n})")
        cols = [c.name for c in TABLES[table]]
        ws.write_row(0, 0, cols, self.head)
        ws.freeze_panes(1, 0)
        self.sheets[table] = [ws, 0, n, cols, False]

    def add(self, table: str, df: pd.DataFrame) -> None:
        if table == "documents":
            self.status.update(status_count(df))
        elif table == "indicators":
            self.levels.update(level_count(df))
        if not len(df):
            return
        safe = _xlsx_safe(df)
        kinds = [str(safe[c].dtype) for c in safe.columns]
        state = self.sheets[table]
        for row in safe.itertuples(index=False, name=None):
            if state[1] >= EXCEL_MAX_ROWS:
                self._finish(table)
                self._new_sheet(table, state[2] + 1)
                log.warning("sarkit.xlsx: %s has more rows than one Excel sheet holds; it continues on sheet "
                            "%s (%d)", table, table, state[2] + 1)
                state = self.sheets[table]
            if not state[4]:  # widths from the first rows the sheet gets
                for j, c in enumerate(safe.columns):
                    state[0].set_column(j, j, _width(c, safe[c]))
                state[4] = True
            state[1] += 1
            _write_row(state[0], state[1], row, kinds, self.number)

    def _finish(self, table: str) -> None:
        ws, rows, _, cols, _ = self.sheets[table]
        ws.autofilter(0, 0, max(rows, 1), len(cols) - 1)

    def close(self) -> None:
        for table in TABLES:
            self._finish(table)
        cols = self.wb.add_worksheet("columns")
        header = ["table", "column", "type", "meaning", "ความหมาย", "unit / allowed values"]
        for j, w in enumerate((12, 26, 9, 60, 40, 30)):
            cols.set_column(j, j, w)
        cols.write_row(0, 0, header, self.head)
        cols.freeze_panes(1, 0)
        r = 0
        for t, cs in TABLES.items():
            for c in cs:
                r += 1
                extra = "; ".join(x for x in (c.unit, ", ".join(map(str, c.allowed))) if x)
                cols.write_row(r, 0, [t, c.name, c.dtype, c.en, c.th, extra])
        cols.autofilter(0, 0, r, len(header) - 1)
        self._write_summary()
        self.wb.close()

    def _write_summary(self) -> None:
        ws, head = self.summary, self.head
        ws.set_column(0, 0, 22)
        ws.set_column(1, 9, 14)
        ws.write(0, 0, "sarkit: สรุปผล / summary", self.wb.add_format({"bold": True, "font_size": 14}))
        ws.write_row(1, 0, ["documents / เอกสาร", sum(self.status.values())])
        ws.write_row(2, 0, ["schema version", SCHEMA_VERSION])
        r = 4
        for title, table in (("เอกสารตามสถานะ / documents by status", status_table(self.status)),
                             ("ระดับคุณภาพของตัวบ่งชี้ตามมาตรฐาน / indicator levels by standard",
                              levels_table(self.levels))):
            ws.write(r, 0, title, head)
            ws.write_row(r + 1, 0, list(table.columns), head)
            r += 1
            for row in table.itertuples(index=False, name=None):
                r += 1
                ws.write_row(r, 0, [x.item() if hasattr(x, "item") else x for x in row])
            r += 2


def _write_row(ws, i: int, row: tuple, kinds: list[str], number) -> None:
    for j, v in enumerate(row):
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            continue
        k = kinds[j]
        if k == "Int64":
            ws.write_number(i, j, int(v))
        elif k == "Float64":
            ws.write_number(i, j, float(v), number)
        elif k == "boolean":
            ws.write_boolean(i, j, bool(v))
        else:
            ws.write_string(i, j, str(v))
