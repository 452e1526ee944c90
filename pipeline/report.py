"""`sarkit report OUT_DIR`: one self-contained HTML page over the tables of a run — the summary, charts
of documents by status and of levels per standard and per framework (SVG drawn by matplotlib when the
page is written, text kept as text so the browser's Thai fonts draw it), and every flagged value with
its reason, evidence and location, filterable by document. Nothing is fetched: no network, no fonts,
no scripts from elsewhere (a Content-Security-Policy says so to the browser too).

Every piece of document text is escaped (html.escape) before it enters the page: a report whose text
holds `<script>` or `onerror=` shows them as text.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import pandas as pd

from .columns import SCHEMA_VERSION, dtypes
from .summary import LEVEL_COLUMNS, STATUS_TH, levels_by_framework, levels_by_standard, status_counts

_TABLES = ("documents", "standards", "indicators", "findings")
# Only what the page shows is read: a run of a million documents has tens of millions of indicator rows.
_COLUMNS = {
    "documents": ["file", "status", "organisation", "academic_year_be", "fiscal_year_be", "framework",
                  "levels_found", "findings", "error"],
    "standards": ["file", "standard", "level", "needs_review", "review_reason", "evidence", "location"],
    "indicators": ["file", "framework", "part", "standard", "indicator_id", "level", "needs_review", "review_reason",
                   "evidence", "location"],
    "findings": ["file", "standard", "severity", "check_th", "message", "actual", "location"],
}
MAX_ROWS = 20_000  # flagged values and documents listed on the page; the tables hold the rest
_SNIPPET = 160
_LEVEL_COLOURS = ["#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850", "#bdbdbd"]
_STATUS_COLOURS = {"ok": "#1a9850", "needs_review": "#fdae61", "no_assessment": "#9e9e9e", "error": "#d73027",
                   "missing_tool": "#7b3294"}


class ReportError(Exception):
    """The folder holds no tables of a run."""


def load_tables(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The four tables of a run, from Parquet (types kept) or else CSV."""
    out = Path(out_dir)
    tables = {}
    for name in _TABLES:
        pq, csv = out / f"{name}.parquet", out / f"{name}.csv"
        try:
            if pq.exists():
                tables[name] = pd.read_parquet(pq, columns=_COLUMNS[name])
            elif csv.exists():
                tables[name] = _typed(pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False,
                                                  usecols=_COLUMNS[name]), name)
        except (KeyError, ValueError) as exc:  # pyarrow's and pandas' "no such column"
            raise ReportError(f"{out / name} lacks columns this page needs ({exc}); it was written by another "
                              f"version of sarkit (output schema {SCHEMA_VERSION} now): run `sarkit extract` "
                              "again into this folder") from exc
        if name not in tables:
            raise ReportError(f"{out} holds no {name}.parquet or {name}.csv: run `sarkit extract … --out {out}` first "
                              "(with --formats csv or parquet)")
    return tables


def _typed(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """CSV cells back to the contract's types (numbers were written as text, empty is missing)."""
    for col, dtype in dtypes(table).items():
        if col not in df:
            continue
        if dtype in ("Int64", "Float64"):
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce").astype(dtype)
        elif dtype == "boolean":
            df[col] = df[col].map({"True": True, "False": False, "true": True, "false": False}).astype("boolean")
    return df


def _e(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _svg(fig) -> str:
    import warnings

    buf = io.StringIO()
    with warnings.catch_warnings():  # Thai labels: measured with a Latin font, drawn by the browser's Thai one
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and doctype: the SVG sits inside HTML


def _charts(st: pd.DataFrame, indicators: pd.DataFrame) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # text stays text in the SVG: the page's CSS gives it a Thai font, matplotlib needs none of its own
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    charts = []
    fig, ax = plt.subplots(figsize=(6.5, 2.6))
    ax.barh(st["status"], st["documents"], color=[_STATUS_COLOURS[s] for s in st["status"]])
    for y, n in enumerate(st["documents"]):
        ax.text(n, y, f" {n}", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("documents")
    ax.spines[["top", "right"]].set_visible(False)
    charts.append(("เอกสารตามสถานะ / documents by status", _svg(fig)))

    for title, table, keys in (
            ("ระดับคุณภาพของตัวบ่งชี้ ตามมาตรฐาน / indicator levels per standard", levels_by_standard(indicators),
             ["framework", "part", "standard"]),
            ("ระดับคุณภาพของตัวบ่งชี้ ตามกรอบมาตรฐาน / indicator levels per framework", levels_by_framework(indicators),
             ["framework"])):
        if table.empty:
            continue
        labels = [" / ".join(str(r[k]) or "—" for k in keys) for _, r in table.iterrows()]
        fig, ax = plt.subplots(figsize=(6.5, 0.8 + 0.32 * len(labels)))
        left = [0] * len(labels)
        for col, colour in zip(LEVEL_COLUMNS, _LEVEL_COLOURS):
            vals = table[col].tolist()
            ax.barh(labels, vals, left=left, color=colour, label=col if col == "no level" else f"level {col}")
            left = [a + b for a, b in zip(left, vals)]
        ax.invert_yaxis()
        ax.set_xlabel("indicators")
        ax.legend(ncol=6, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        charts.append((title, _svg(fig)))
    return charts


def _flagged(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every value that needs a look: indicator and standard rows flagged, with reason, evidence and place;
    and findings about the document as a whole (no row of their own)."""
    rows = []
    for kind in ("indicators", "standards"):
        df = tables[kind]
        flag = df["needs_review"].astype(str).str.lower().isin(["true", "1"])
        for _, r in df[flag].iterrows():
            item = r.get("indicator_id") if kind == "indicators" else r.get("standard")
            rows.append({"file": r["file"], "what": ("ตัวบ่งชี้ " if kind == "indicators" else "มาตรฐาน ") + _e(item),
                         "level": r.get("level"), "reason": r.get("review_reason"), "evidence": r.get("evidence"),
                         "location": r.get("location")})
    f = tables["findings"]
    whole = f[(f["standard"].fillna("") == "") & f["severity"].isin(["error", "warning"])]
    for _, r in whole.iterrows():
        rows.append({"file": r["file"], "what": "เอกสาร", "level": None,
                     "reason": f"{r.get('check_th') or ''} — {r.get('message') or ''}", "evidence": r.get("actual"),
                     "location": r.get("location")})
    return pd.DataFrame(rows, columns=["file", "what", "level", "reason", "evidence", "location"])


_STYLE = """
body{font-family:Garuda,Loma,"Noto Sans Thai",Tahoma,sans-serif;margin:1.5rem;color:#222;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.9rem;width:100%}th,td{border:1px solid #ddd;padding:.25rem .4rem;
vertical-align:top;text-align:left}th{background:#eef3fa;position:sticky;top:0}
.num{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.charts figure{margin:0}
figcaption{font-weight:bold;margin-bottom:.3rem}.evidence{color:#555;max-width:32rem}
.controls{margin:.5rem 0}svg text{font-family:Garuda,Loma,"Noto Sans Thai",Tahoma,sans-serif !important}select,input{font:inherit;padding:.2rem}
"""

_SCRIPT = """
(function(){
  var sel=document.getElementById('doc'), q=document.getElementById('q'), n=document.getElementById('shown');
  function apply(){
    var d=sel.value, t=q.value.toLowerCase(), k=0;
    document.querySelectorAll('#flagged tbody tr').forEach(function(tr){
      var ok=(!d||tr.getAttribute('data-file')===d)&&(!t||tr.textContent.toLowerCase().indexOf(t)>=0);
      tr.style.display=ok?'':'none'; if(ok)k++;});
    n.textContent=k;
  }
  sel.addEventListener('change',apply); q.addEventListener('input',apply); apply();
})();
"""


def render(tables: dict[str, pd.DataFrame]) -> str:
    docs, ind = tables["documents"], tables["indicators"]
    st = status_counts(docs)
    flagged = _flagged(tables)
    files = sorted(set(flagged["file"].dropna().astype(str)))
    parts = [
        "<!DOCTYPE html>", '<html lang="th"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        'script-src \'unsafe-inline\'; img-src data:">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>sarkit: รายงานผลการอ่าน / run report</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>sarkit: รายงานผลการอ่านรายงานการประเมินตนเอง / run report</h1>",
        f"<p>{len(docs)} เอกสาร / documents · {len(ind)} ตัวบ่งชี้ / indicators · "
        f"{int(ind['level'].notna().sum()) if len(ind) else 0} ระดับ / levels · "
        f"{len(flagged)} ค่าที่ต้องตรวจสอบ / values to review · schema {SCHEMA_VERSION}</p>",
        "<h2>สรุป / summary</h2><table><thead><tr><th>status</th><th>สถานะ</th><th class=num>documents</th></tr>"
        "</thead><tbody>",
    ]
    for _, r in st.iterrows():
        parts.append(f"<tr><td>{_e(r['status'])}</td><td>{_e(STATUS_TH[r['status']])}</td>"
                     f"<td class=num>{int(r['documents'])}</td></tr>")
    parts.append("</tbody></table><h2>แผนภูมิ / charts</h2><div class=charts>")
    for title, svg in _charts(st, ind):
        parts.append(f"<figure><figcaption>{_e(title)}</figcaption>{svg}</figure>")
    parts.append("</div>")

    parts.append(f"<h2>ค่าที่ต้องตรวจสอบ / values to review (<span id=shown>{len(flagged)}</span>)</h2>"
                 "<div class=controls><label>เอกสาร / document: <select id=doc><option value=''>ทั้งหมด / all"
                 "</option>")
    for f in files:
        parts.append(f"<option value=\"{_e(f)}\">{_e(f)}</option>")
    parts.append("</select></label> <label>ค้นหา / search: <input id=q type=search></label></div>"
                 "<table id=flagged><thead><tr><th>file</th><th>item</th><th>level</th><th>เหตุ / reason</th>"
                 "<th>หลักฐาน / evidence</th><th>ตำแหน่ง / location</th></tr></thead><tbody>")
    for _, r in flagged.head(MAX_ROWS).iterrows():
        ev = "" if r["evidence"] is None or r["evidence"] is pd.NA else str(r["evidence"])
        ev = ev if len(ev) <= _SNIPPET else ev[:_SNIPPET] + "…"
        parts.append(f"<tr data-file=\"{_e(r['file'])}\"><td>{_e(r['file'])}</td><td>{r['what']}</td>"
                     f"<td class=num>{_e(r['level'])}</td><td>{_e(r['reason'])}</td>"
                     f"<td class=evidence>{_e(ev)}</td><td>{_e(r['location'])}</td></tr>")
    parts.append("</tbody></table>")
    if len(flagged) > MAX_ROWS:
        parts.append(f"<p>… {len(flagged) - MAX_ROWS} more values to review are in indicators.csv / standards.csv "
                     "(needs_review = True) and findings.csv.</p>")

    parts.append("<h2>เอกสาร / documents</h2><table><thead><tr><th>file</th><th>status</th><th>organisation</th>"
                 "<th>year</th><th>framework</th><th class=num>levels</th><th class=num>findings</th><th>error</th>"
                 "</tr></thead><tbody>")
    for _, r in docs.head(MAX_ROWS).iterrows():
        year = r.get("academic_year_be") if _e(r.get("academic_year_be")) else r.get("fiscal_year_be")
        parts.append(f"<tr><td>{_e(r['file'])}</td><td>{_e(r['status'])}</td><td>{_e(r.get('organisation'))}</td>"
                     f"<td>{_e(year)}</td><td>{_e(r.get('framework'))}</td><td class=num>{_e(r.get('levels_found'))}</td>"
                     f"<td class=num>{_e(r.get('findings'))}</td><td>{_e(r.get('error'))}</td></tr>")
    parts.append("</tbody></table>")
    if len(docs) > MAX_ROWS:
        parts.append(f"<p>… {len(docs) - MAX_ROWS} more documents are in documents.csv.</p>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def write_report(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise ReportError(f"{out} is not a folder of sarkit outputs")
    from .export import _atomic  # same atomic write and umask as the tables

    page = render(load_tables(out))
    path = out / "report.html"
    _atomic(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return path
