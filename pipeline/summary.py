"""The figures a person looks at first, for the workbook's summary sheet and for `sarkit report`:
documents by status, and the level distribution per framework and standard. Counted as Counters, so
that the workbook can add them up chunk by chunk as rows stream past, and the report in one go."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .columns import STATUSES

if TYPE_CHECKING:
    import pandas as pd


STATUS_TH = {
    "ok": "ผ่าน", "needs_review": "ต้องตรวจสอบ", "no_assessment": "ไม่พบผลการประเมิน",
    "error": "อ่านไม่ได้", "missing_tool": "ขาดโปรแกรมที่จำเป็น",
}
LEVEL_COLUMNS = ["1", "2", "3", "4", "5", "no level"]
_KEYS = ["framework", "part", "standard"]


def status_count(documents: pd.DataFrame) -> Counter:
    return Counter(documents["status"].dropna().tolist())


STATUS_HEADER = ["status", "สถานะ", "documents"]


def status_rows(counts: Counter) -> list[list]:
    """status, สถานะ, documents: every status listed, zero or not, in the contract's order."""
    return [[s, STATUS_TH[s], int(counts.get(s, 0))] for s in STATUSES]


def status_table(counts: Counter) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(status_rows(counts), columns=STATUS_HEADER)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    return status_table(status_count(documents))


def level_key(framework, part, standard, level) -> tuple[str, str, str, str]:
    """An indicator's place in the level table: missing text as "", a missing level as "no level" (the
    workbook counts its rows with this as they stream past; `level_count` a whole table)."""
    return ("" if framework is None else str(framework), "" if part is None else str(part),
            "" if standard is None else str(standard), "no level" if level is None else str(int(level)))


def level_count(indicators: pd.DataFrame) -> Counter:
    """(framework, part, standard, level "1".."5" or "no level") -> indicators."""
    if indicators.empty:
        return Counter()
    # missing values as None (pandas 3 turns a missing Int64 into nan under astype(str), not "<NA>")
    cells = indicators[[*_KEYS, "level"]].astype(object)
    cells = cells.where(cells.notna(), None)
    return Counter(level_key(*row) for row in cells.itertuples(index=False, name=None))


LEVELS_HEADER = [*_KEYS, *LEVEL_COLUMNS, "indicators"]


def levels_rows(counts: Counter) -> list[list]:
    """Indicators per (framework, part, standard) and level 1–5, plus those without a level, standards
    in their numeric order."""
    groups = sorted({k[:3] for k in counts}, key=lambda g: (g[0], g[1], _number(g[2]), g[2]))
    rows = []
    for g in groups:
        levels = [counts.get((*g, lv), 0) for lv in LEVEL_COLUMNS]
        rows.append([*g, *levels, sum(levels)])
    return rows


def levels_table(counts: Counter) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(levels_rows(counts), columns=LEVELS_HEADER)


def levels_by_standard(indicators: pd.DataFrame) -> pd.DataFrame:
    return levels_table(level_count(indicators))


def levels_by_framework(indicators: pd.DataFrame) -> pd.DataFrame:
    by_std = levels_by_standard(indicators)
    if by_std.empty:
        return by_std.drop(columns=["part", "standard"])
    return by_std.groupby("framework", as_index=False)[[*LEVEL_COLUMNS, "indicators"]].sum()


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")
