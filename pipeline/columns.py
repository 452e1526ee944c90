"""The output contract: every column of every table, its type, meaning (English and Thai), unit and
allowed values. One source for the DataFrames' dtypes (`pipeline.dataset`), the JSON Schemas under
`schemas/output/`, the column tables in `outputs/README.md` and the workbook's column sheet.

`python -m pipeline.columns` rewrites the generated files; a test fails when they drift from here.
Bump SCHEMA_VERSION when a column is added, removed, renamed or changes meaning (minor: added;
major: removed or changed); it is written into every `documents` row and every JSON Lines record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = "2.0"
STATUSES = ("ok", "needs_review", "no_assessment", "error", "missing_tool")
SEVERITIES = ("error", "warning", "info")
LEVELS = (1, 2, 3, 4, 5)
# Document facts repeated on every standards and indicators row, so that either table pivots alone.
REPEATED = ("organisation", "fiscal_year_be", "academic_year_be", "framework")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype: string, Int64, Float64, boolean
    en: str
    th: str
    unit: str = ""
    allowed: tuple = ()


def _c(name, dtype, en, th, unit="", allowed=()) -> Column:
    return Column(name, dtype, en, th, unit, tuple(allowed))


_FILE = _c("file", "string", "path of the input file as given (a name that is not UTF-8 is escaped: \\xca\\xd3)",
           "ไฟล์ต้นฉบับ")
_PART = _c("part", "string", "part of a school report (ปฐมวัย, ขั้นพื้นฐาน); empty in a report of one part",
           "ระดับการศึกษา (ส่วนของรายงาน)")
_STANDARD = _c("standard", "string", "standard number as the report numbers it, Arabic digits", "มาตรฐานที่")
_INDICATOR = _c("indicator", "string", "indicator number as the report numbers it (\"2\" or \"1.2\")", "ตัวบ่งชี้ที่")
_INDICATOR_ID = _c("indicator_id", "string", "join key of indicators and findings: full number (\"1.2\"), prefixed "
                   "\"part/\" in a report of parts", "รหัสตัวบ่งชี้ (ใช้เชื่อมตาราง)")
_ORG = _c("organisation", "string", "school or office that wrote the report, as the report names it", "หน่วยงาน")
_FY = _c("fiscal_year_be", "Int64", "fiscal year the report covers", "ปีงบประมาณ", "year B.E. (พ.ศ.)")
_AY = _c("academic_year_be", "Int64", "academic year the report covers", "ปีการศึกษา", "year B.E. (พ.ศ.)")
_FW = _c("framework", "string", "framework id from the catalogue (esa-2557, school-2561 …); empty when none fits",
         "กรอบมาตรฐานที่ใช้ประเมิน")
_LEVEL = _c("level", "Int64", "quality level the report gives; empty when none or when sources disagree",
            "ระดับคุณภาพ", "level 1-5", LEVELS)
_LABEL = _c("level_label", "string", "the scale's own label for the level (canonical, for pivots)",
            "ชื่อระดับคุณภาพ (มาตรฐาน)")
_LABEL_W = _c("level_label_as_written", "string", "the level's label as the report writes it (OCR misspellings "
              "stay here)", "ชื่อระดับคุณภาพตามที่เขียนในรายงาน")
_SCORE = _c("score", "Float64", "score the report gives", "คะแนนที่ได้", "points, as the report counts them")
_METHOD = _c("method", "string", "every source that gave the value, joined by + (prose-statement+table-tick:…)",
             "วิธีที่อ่านค่าได้")
_EVIDENCE = _c("evidence", "string", "text the value was read from", "ข้อความที่เป็นหลักฐาน")
_LOCATION = _c("location", "string", "where the evidence stands: page › table › row › cell", "ตำแหน่งในเอกสาร")
_REVIEW = _c("needs_review", "boolean", "the value needs a person's look", "ต้องตรวจสอบ")
_REASON = _c("review_reason", "string", "why it needs review; reasons joined by \"; \"", "เหตุที่ต้องตรวจสอบ")
_ALSO = _c("also_at", "string", "other paths with the same content (read once); joined by \"; \"",
           "ไฟล์อื่นที่เนื้อหาเหมือนกัน")

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": (
        _FILE,
        _c("sha256", "string", "SHA-256 of the file's bytes", "ค่าแฮชของไฟล์"),
        _c("format", "string", "format told by content (docx, doc, pdf, html, text …)", "รูปแบบไฟล์"),
        _c("status", "string", "ok: read, checks clean; needs_review: read, something needs a look; "
           "no_assessment: no result in the report; error: cannot be read; missing_tool: a system tool "
           "the file needs is not installed", "สถานะ", "", STATUSES),
        _c("error", "string", "why the file could not be read", "สาเหตุที่อ่านไม่ได้"),
        _ORG, _FY, _AY, _FW,
        _c("framework_cited", "string", "the framework as the report cites it", "มาตรฐานที่รายงานอ้างถึง"),
        _c("framework_confidence", "Float64", "confidence of the framework match", "ความเชื่อมั่น", "0-1"),
        _c("framework_basis", "string", "how the framework was matched (cited, headings, year) or why none fits",
           "ที่มาของการจับคู่มาตรฐาน"),
        _c("scale", "string", "label set the report uses", "ชุดชื่อระดับคุณภาพ", "", ("esa", "school")),
        _c("pages", "Int64", "pages in the file (when the format has pages)", "จำนวนหน้า", "pages"),
        _c("standards_found", "Int64", "standards found", "จำนวนมาตรฐานที่พบ", "count"),
        _c("indicators_found", "Int64", "indicators found", "จำนวนตัวบ่งชี้ที่พบ", "count"),
        _c("levels_found", "Int64", "indicators with a level", "จำนวนตัวบ่งชี้ที่มีระดับ", "count"),
        _c("indicators_needing_review", "Int64", "indicators flagged for review", "ตัวบ่งชี้ที่ต้องตรวจสอบ", "count"),
        _c("standards_stated", "Int64", "standards the report says it has (\"รวม 3 มาตรฐาน\")",
           "จำนวนมาตรฐานที่รายงานระบุ", "count"),
        _c("indicators_stated", "Int64", "indicators the report says it has", "จำนวนตัวบ่งชี้ที่รายงานระบุ", "count"),
        _c("total_score_stated", "Float64", "total score the report states", "คะแนนรวมที่รายงานระบุ", "points"),
        _c("total_level_stated", "Int64", "overall level the report states", "ระดับรวมที่รายงานระบุ", "level 1-5",
           LEVELS),
        _c("total_label_stated", "string", "overall level's label as written", "ชื่อระดับรวมที่รายงานระบุ"),
        _c("findings", "Int64", "rows of this document in findings", "จำนวนข้อค้นพบ", "count"),
        _c("finding_checks", "string", "distinct checks among its findings, joined by \"; \"",
           "ประเภทข้อค้นพบ"),
        _c("schema_version", "string", "version of this output schema", "รุ่นของโครงสร้างตาราง"),
        _ALSO,
    ),
    "standards": (
        _FILE, _PART, _STANDARD, _c("name", "string", "standard's name as written", "ชื่อมาตรฐาน"),
        _SCORE, _LEVEL, _LABEL, _LABEL_W, _METHOD, _EVIDENCE, _LOCATION, _REVIEW, _REASON, _ORG, _FY, _AY, _FW,
    ),
    "indicators": (
        _FILE, _PART, _STANDARD, _INDICATOR, _INDICATOR_ID,
        _c("name", "string", "indicator's name as written", "ชื่อตัวบ่งชี้"),
        _LEVEL, _LABEL, _LABEL_W, _SCORE, _METHOD, _EVIDENCE, _LOCATION, _REVIEW, _REASON, _ORG, _FY, _AY, _FW,
    ),
    "findings": (
        _FILE, _PART, _STANDARD, _INDICATOR, _INDICATOR_ID,
        _c("check", "string", "name of the check (counts.indicators, ticks.multiple …)", "รหัสการตรวจ"),
        _c("check_th", "string", "the check's title in Thai", "ชื่อการตรวจ"),
        _c("severity", "string", "error and warning make the document needs_review; info is a note",
           "ความรุนแรง", "", SEVERITIES),
        _c("message", "string", "what was found, in English", "รายละเอียด (อังกฤษ)"),
        _c("message_th", "string", "what was found, in Thai", "รายละเอียด"),
        _c("expected", "string", "what the report or the framework leads one to expect", "ค่าที่ควรเป็น"),
        _c("actual", "string", "what was found", "ค่าที่พบ"),
        _LOCATION,
    ),
}


def dtypes(table: str) -> dict[str, str]:
    return {c.name: c.dtype for c in TABLES[table]}


_JSON_TYPE = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean"}


def json_schema(table: str) -> dict:
    """A row of `table` (a CSV row, a Parquet row, a documents record of documents.jsonl)."""
    props = {}
    for c in TABLES[table]:
        p: dict = {"type": [_JSON_TYPE[c.dtype], "null"], "description": c.en, "title": c.th}
        if c.allowed:
            p["enum"] = [*c.allowed, *([""] if c.dtype == "string" else []), None]  # empty: "" or null
        if c.unit:
            p["x-unit"] = c.unit
        props[c.name] = p
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://sarkit.invalid/schemas/output/{table}.schema.json",
        "title": f"sarkit {table} row",
        "x-schema-version": SCHEMA_VERSION,
        "type": "object",
        "properties": props,
        "required": [c.name for c in TABLES[table] if c.name != "also_at"],
    }


def jsonl_schema() -> dict:
    """One line of documents.jsonl: a documents row with its standards, indicators and findings inside
    (their rows without `file` and without the document facts the flat tables repeat)."""
    doc = json_schema("documents")
    for part in ("standards", "indicators", "findings"):
        row = json_schema(part)
        row.pop("$schema"), row.pop("$id")
        for name in ("file", *REPEATED):
            row["properties"].pop(name, None)
        row["required"] = [n for n in row["required"] if n in row["properties"]]
        doc["properties"][part] = {"type": "array", "items": row}
    doc["$id"] = "https://sarkit.invalid/schemas/output/documents.jsonl.schema.json"
    doc["title"] = "sarkit documents.jsonl record"
    return doc


def validate_schema() -> dict:
    """`sarkit validate --json`: one verdict (or a list of them for several files): the JSON Lines record
    plus the exit code the verdict gives."""
    rec = jsonl_schema()
    rec["$id"] = "https://sarkit.invalid/schemas/output/validate.schema.json"
    rec["title"] = "sarkit validate --json verdict"
    rec["properties"]["exit_code"] = {"type": "integer", "enum": [0, 1, 2, 3],
                                      "description": "0 clean, 1 findings, 2 cannot be read, 3 a system tool missing"}
    rec["required"] = [*rec["required"], "exit_code"]
    return {"$schema": rec.pop("$schema"), "$id": rec.pop("$id"), "title": rec["title"],
            "x-schema-version": SCHEMA_VERSION,
            "oneOf": [rec, {"type": "array", "items": rec}]}


def schema_files() -> dict[str, str]:
    out = {f"{t}.schema.json": json_schema(t) for t in TABLES}
    out["documents.jsonl.schema.json"] = jsonl_schema()
    out["validate.schema.json"] = validate_schema()
    return {name: json.dumps(s, ensure_ascii=False, indent=2) + "\n" for name, s in out.items()}


def markdown() -> str:
    """The column tables of outputs/README.md."""
    lines = [f"Output schema version {SCHEMA_VERSION} (column `schema_version` of `documents`; JSON Schemas in "
             "`schemas/output/`). Every column may be empty (null) unless said otherwise.", ""]
    for table, cols in TABLES.items():
        lines += [f"### `{table}`", "", "| column | type | meaning | ความหมาย | unit / allowed values |",
                  "|---|---|---|---|---|"]
        for c in cols:
            allowed = ", ".join(str(a) for a in c.allowed)
            extra = "; ".join(x for x in (c.unit, allowed and f"one of {allowed}") if x)
            lines.append(f"| `{c.name}` | {_JSON_TYPE[c.dtype]} | {c.en.replace('|', '/')} | {c.th} | {extra} |")
        lines.append("")
    return "\n".join(lines)


ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- columns: generated by python -m pipeline.columns -->", "<!-- end of columns -->"


def write_generated(root: Path = ROOT) -> list[Path]:
    """Rewrite schemas/output/*.json and the column section of outputs/README.md."""
    written = []
    out = root / "schemas" / "output"
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    readme = root / "outputs" / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{BEGIN}\n{markdown()}{END}{tail}", encoding="utf-8")
    return [*written, readme]


if __name__ == "__main__":
    for p in write_generated():
        print(p)
