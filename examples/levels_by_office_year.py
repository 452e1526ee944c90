"""Load sarkit's tables and pivot the indicator levels by office and year — the notebook an analyst
starts from. Run it after `make run` (or any `sarkit extract … --out DIR`):

    python examples/levels_by_office_year.py outputs/

Every step is plain pandas; paste the cells into Jupyter as they are.
"""

import sys
from pathlib import Path

import pandas as pd

out = Path(sys.argv[1] if len(sys.argv) > 1 else "outputs")

# %% the tables: Parquet keeps the types ("1.2" stays text, levels stay integers)
documents = pd.read_parquet(out / "documents.parquet")
indicators = pd.read_parquet(out / "indicators.parquet")
findings = pd.read_parquet(out / "findings.parquet")
print(documents["status"].value_counts().to_string(), "\n")

# %% only values a person can rely on: read, and not flagged for review
trusted = indicators[indicators["level"].notna() & ~indicators["needs_review"]].copy()
# the year a report covers: academic year (schools) or fiscal year (offices), both B.E.
trusted["year_be"] = trusted["academic_year_be"].fillna(trusted["fiscal_year_be"]).astype("Int64")
trusted["office"] = trusted["organisation"].replace("", pd.NA).fillna("(not stated)")
trusted["level"] = trusted["level"].astype(float)  # means of levels are fractions

# %% the pivot: mean level per office and year, and how many indicators it rests on
pivot = trusted.pivot_table(index="office", columns="year_be", values="level", aggfunc="mean").round(2)
counts = trusted.pivot_table(index="office", columns="year_be", values="level", aggfunc="count")
print("mean indicator level (1-5) by office and year (B.E.):")
print(pivot.to_string(na_rep="—"), "\n")
print("indicators behind each mean:")
print(counts.to_string(na_rep="—"), "\n")

# %% level distribution per framework (the canonical label joins across reports)
dist = trusted.pivot_table(index="framework", columns="level_label", values="level", aggfunc="count", fill_value=0)
print(dist.to_string(), "\n")

# %% what still needs a look, joined to its indicator (findings and indicators join on file + indicator_id)
review = findings.merge(indicators, on=["file", "indicator_id"], how="inner", suffixes=("", "_ind"))
print(f"{len(review)} findings about single indicators; by check:")
print(review["check"].value_counts().to_string())

pivot.to_csv(out / "levels_by_office_year.csv", encoding="utf-8-sig")
print(f"\nwrote {out / 'levels_by_office_year.csv'}")
