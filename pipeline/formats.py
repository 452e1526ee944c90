"""Output formats `sarkit extract --formats` chooses from, and the files they make: here, apart from the
writers, so that the command line and the batch know them without importing pandas (a fast `--help`, a
batch whose workers start before pandas loads)."""

FORMATS = ("csv", "parquet", "xlsx", "jsonl")
WORKBOOK = "sarkit.xlsx"  # every table on a sheet of its own
RECORDS = "documents.jsonl"  # one nested record per document


def output_names(formats: tuple[str, ...], tables: tuple[str, ...]) -> list[str]:
    """The files a run writes for these formats: a CSV and a Parquet file per table, one workbook, one
    JSON Lines file."""
    names = [f"{table}.{fmt}" for fmt in ("csv", "parquet") if fmt in formats for table in tables]
    if "xlsx" in formats:
        names.append(WORKBOOK)
    if "jsonl" in formats:
        names.append(RECORDS)
    return names
