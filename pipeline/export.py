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

import csv
import json
import logging
import os
import re
import tempfile
from collections import Counter
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .columns import SCHEMA_VERSION, TABLES
from .dataset import Dataset, table_rows
from .formats import FORMATS, RECORDS, WORKBOOK
from .summary import LEVELS_HEADER, STATUS_HEADER, level_key, levels_rows, status_rows

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


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula, prefixed with ' (see the module's note)."""
    return "'" + text if _FORMULA_START.match(text) else text


def _xlsx_text(text: str) -> str:
    return _XLSX_ILLEGAL.sub("", neutralise(text))[:_XLSX_MAX_CELL]


# The tables are written from plain rows, not DataFrames: the batch's parent writes every chunk, and
# pandas there cost its import (0.4 s) and a frame per chunk on a core the workers need. A cell is
# typed as the contract says, as pandas' astype to the contract's dtypes would (None stays missing).
_CAST = {"string": lambda v: v if isinstance(v, str) else str(v), "Int64": int, "Float64": float, "boolean": bool}


@lru_cache(maxsize=None)
def _layout(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The table's contract columns, in order, and their dtypes."""
    return tuple(c.name for c in TABLES[table]), tuple(c.dtype for c in TABLES[table])


def _cells(rows: list[dict], table: str) -> list[tuple]:
    """Each row as a tuple of the contract's columns, typed (a record's further keys are dropped)."""
    names, kinds = _layout(table)
    casts = [_CAST[k] for k in kinds]
    out = []
    for r in rows:
        values = []
        for name, cast in zip(names, casts):
            v = r.get(name)
            values.append(None if v is None or (isinstance(v, float) and v != v) else cast(v))
        out.append(tuple(values))
    return out


_PANDAS_TYPES = {"string": ("unicode", "string"), "Int64": ("int64", "Int64"), "Float64": ("float64", "Float64"),
                 "boolean": ("bool", "boolean")}


@lru_cache(maxsize=None)
def _arrow_schema(table: str):
    """The Parquet schema of a table, with the pandas metadata that makes nullable integers read back
    as Int64 (not float) however many chunks the file was written in. The metadata is written here
    from pandas' documented format ("Storing pandas DataFrame objects in Apache Parquet format"), so
    that the writer needs no pandas; a test holds it equal to what pandas itself writes."""
    import pyarrow as pa

    arrow = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_()}
    names, kinds = _layout(table)
    meta = {"index_columns": [], "column_indexes": [],
            "columns": [{"name": n, "field_name": n, "pandas_type": _PANDAS_TYPES[k][0],
                         "numpy_type": _PANDAS_TYPES[k][1], "metadata": None} for n, k in zip(names, kinds)],
            "attributes": {}, "creator": {"library": "pyarrow", "version": pa.__version__},
            "pandas_version": version("pandas")}
    return pa.schema([(n, arrow[k]) for n, k in zip(names, kinds)], metadata={"pandas": json.dumps(meta)})


class TableWriter:
    """Tables written a chunk of documents at a time; see the module's note."""

    def __init__(self, out_dir: str | Path, formats: tuple[str, ...] = FORMATS):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.formats = formats
        self._tmp: dict[Path, str] = {}
        self._files: list = []  # open CSV files, closed at the end
        self._csv: dict[str, object] = {}  # table -> csv writer
        self._parquet: dict[str, object] = {}
        self._jsonl = None
        self._xlsx: _Workbook | None = None
        try:
            for name in TABLES:
                if "csv" in formats:  # as pandas' to_csv wrote them: BOM, \n, quoted where needed
                    fh = open(self._start(f"{name}.csv"), "w", encoding="utf-8-sig", newline="")
                    self._files.append(fh)
                    self._csv[name] = csv.writer(fh, lineterminator="\n")
                    self._csv[name].writerow(_layout(name)[0])
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

    def _start(self, name: str) -> str:
        path = self.out / name
        self._tmp[path] = _temporary(path)
        return self._tmp[path]

    def add(self, records: list[dict]) -> None:
        """Append a chunk of documents (their nested records) to every format."""
        for name, dicts in table_rows(records).items():
            rows = _cells(dicts, name)
            if name in self._csv:
                strings = [j for j, k in enumerate(_layout(name)[1]) if k == "string"]
                self._csv[name].writerows(_neutralised(rows, strings))
            if name in self._parquet and rows:
                import pyarrow as pa

                schema = _arrow_schema(name)
                columns = list(zip(*rows))
                self._parquet[name].write_table(pa.Table.from_arrays(
                    [pa.array(col, type=f.type) for col, f in zip(columns, schema)], schema=schema))
            if self._xlsx is not None:
                self._xlsx.add(name, rows)
        if self._jsonl is not None:
            for rec in records:
                self._jsonl.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")

    def close(self) -> list[Path]:
        """Finish every file and rename it into place."""
        try:
            for fh in self._files:
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
        for fh in [*self._files, self._jsonl]:
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
    """A Dataset in memory (`pipeline.extract`) written in one chunk, from its records."""
    writer = TableWriter(out_dir, formats)
    writer.add(ds.records)
    return writer.close()


def _neutralised(rows: list[tuple], strings: list[int]) -> list[tuple]:
    """Rows with their text cells neutralised (only rows that need it are copied)."""
    out = []
    for row in rows:
        if any(isinstance(row[j], str) and _FORMULA_START.match(row[j]) for j in strings):
            row = tuple(neutralise(v) if j in strings and isinstance(v, str) else v for j, v in enumerate(row))
        out.append(row)
    return out


def _width(name: str, values: list) -> float:
    """A column wide enough for its header and most of its first rows (Thai is narrow per code point:
    its marks take no width), capped so that long evidence does not push the rest off-screen."""
    sample = [str(v) for v in values[:200] if v is not None]
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

    def add(self, table: str, rows: list[tuple]) -> None:
        names, kinds = _layout(table)
        if table == "documents":
            k = names.index("status")
            self.status.update(r[k] for r in rows if r[k] is not None)
        elif table == "indicators":
            at = [names.index(c) for c in ("framework", "part", "standard", "level")]
            self.levels.update(level_key(*(r[j] for j in at)) for r in rows)
        state = self.sheets[table]
        for row in rows:
            if state[1] >= EXCEL_MAX_ROWS:
                self._finish(table)
                self._new_sheet(table, state[2] + 1)
                log.warning("sarkit.xlsx: %s has more rows than one Excel sheet holds; it continues on sheet "
                            "%s (%d)", table, table, state[2] + 1)
                state = self.sheets[table]
            if not state[4]:  # widths from the first rows the sheet gets
                for j, c in enumerate(names):
                    state[0].set_column(j, j, _width(c, [r[j] for r in rows[:200]]))
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
        for title, header, rows in (("เอกสารตามสถานะ / documents by status", STATUS_HEADER, status_rows(self.status)),
                                    ("ระดับคุณภาพของตัวบ่งชี้ตามมาตรฐาน / indicator levels by standard", LEVELS_HEADER,
                                     levels_rows(self.levels))):
            ws.write(r, 0, title, head)
            ws.write_row(r + 1, 0, header, head)
            r += 1
            for row in rows:
                r += 1
                ws.write_row(r, 0, row)
            r += 2


def _write_row(ws, i: int, row: tuple, kinds: tuple[str, ...], number) -> None:
    for j, v in enumerate(row):
        if v is None:
            continue
        k = kinds[j]
        if k == "string":
            ws.write_string(i, j, _xlsx_text(v))
        elif k == "Float64":
            ws.write_number(i, j, v, number)
        elif k == "boolean":
            ws.write_boolean(i, j, v)
        else:
            ws.write_number(i, j, v)
