"""Output formats `sarkit extract --formats` chooses from: here, apart from the writers, so that the
command line knows them without importing pandas (a fast `--help`)."""

FORMATS = ("csv", "parquet", "xlsx", "jsonl")
