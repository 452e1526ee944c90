"""The figures a person looks at first, computed once for the workbook's summary sheet and for
`sarkit report`: documents by status, and the level distribution per framework and standard."""

from __future__ import annotations

import pandas as pd

from .columns import STATUSES

STATUS_TH = {
    "ok": "ผ่าน", "needs_review": "ต้องตรวจสอบ", "no_assessment": "ไม่พบผลการประเมิน",
    "error": "อ่านไม่ได้", "missing_tool": "ขาดโปรแกรมที่จำเป็น",
}
LEVEL_COLUMNS = ["1", "2", "3", "4", "5", "no level"]


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """status, สถานะ, documents: every status listed, zero or not, in the contract's order."""
    counts = documents["status"].value_counts() if len(documents) else pd.Series(dtype="int64")
    return pd.DataFrame({"status": list(STATUSES), "สถานะ": [STATUS_TH[s] for s in STATUSES],
                         "documents": [int(counts.get(s, 0)) for s in STATUSES]})


def levels_by_standard(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators per (framework, part, standard) and level 1–5, plus those without a level."""
    keys = ["framework", "part", "standard"]
    if indicators.empty:
        return pd.DataFrame(columns=[*keys, *LEVEL_COLUMNS, "indicators"])
    df = indicators[keys + ["level"]].copy()
    for k in keys:
        df[k] = df[k].fillna("").astype(str)
    df["level"] = df["level"].astype("Int64").astype(str).replace({"<NA>": "no level"})
    table = pd.crosstab([df[k] for k in keys], df["level"])
    table = table.reindex(columns=LEVEL_COLUMNS, fill_value=0)
    table["indicators"] = table.sum(axis=1)
    out = table.reset_index()
    out["_n"] = pd.to_numeric(out["standard"], errors="coerce")
    return out.sort_values(["framework", "part", "_n", "standard"]).drop(columns="_n").reset_index(drop=True)


def levels_by_framework(indicators: pd.DataFrame) -> pd.DataFrame:
    by_std = levels_by_standard(indicators)
    if by_std.empty:
        return by_std.drop(columns=["part", "standard"])
    return by_std.groupby("framework", as_index=False)[[*LEVEL_COLUMNS, "indicators"]].sum()
