"""What extraction produces: an `Assessment` per file. Every value carries its evidence (the text
it came from, where that text stands) and the method that found it; an unclear value carries a
review flag with reasons a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_OK = "ok"
STATUS_REVIEW = "needs_review"
STATUS_NONE = "no_assessment"
STATUS_ERROR = "error"
STATUS_MISSING_TOOL = "missing_tool"  # a system tool the file needs is not installed: not a bad file


@dataclass(slots=True, kw_only=True)
class Judged:
    """What indicators and standards share: the candidates the rules found for them and the one
    value resolved from those (by pipeline.resolve), with the reasons it needs review."""

    part: str = ""  # ปฐมวัย, ขั้นพื้นฐาน …: empty for a report of one part
    candidates: list = field(default_factory=list)  # pipeline.candidates.Candidate
    level: int | None = None
    level_label: str = ""  # the scale's own label for the level (canonical: joins and pivots)
    level_label_as_written: str = ""  # the label as the report writes it (an OCR misspelling stays here)
    score: float | None = None
    full_marks: float | None = None  # คะแนนเต็ม the report states beside the score
    method: str = ""
    evidence: str = ""
    location: str = ""
    review_reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


def display_path(path: str) -> str:
    """A path as the tables and the manifest hold it. A name that is not valid UTF-8 (an archive copied
    from an old Windows share names files in cp874) comes from os.listdir with surrogate escapes, which
    no CSV, Parquet or SQLite text can hold: its bytes are kept in a readable escaped form ("\\xca\\xd3").
    The file itself is still opened by its real name."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def indicator_number(standard: str, indicator: str) -> str:
    """An indicator's full number: "1.2" stays "1.2" (N.M numbering); indicator "2" of standard 1 is "1.2"."""
    return indicator if "." in indicator or not standard else f"{standard}.{indicator}"


def indicator_id(part: str, standard: str, indicator: str) -> str:
    num = indicator_number(standard, indicator) if indicator else standard
    return f"{part}/{num}" if part else num


@dataclass(slots=True)
class Indicator(Judged):
    standard: str
    indicator: str  # as numbered in the report, Arabic digits: "2" or "1.2"
    name: str = ""
    heading_location: str = ""
    # (name, location) of a heading with the same number but another name: a duplicate for checks
    other_headings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.standard, self.indicator)

    @property
    def indicator_id(self) -> str:
        """The join key of `indicators` and `findings`: "1.2", or "ปฐมวัย/1.2" in a report of parts."""
        return indicator_id(self.part, self.standard, self.indicator)

    @property
    def label(self) -> str:
        where = f" ({self.part})" if self.part else ""
        return f"indicator {indicator_number(self.standard, self.indicator)}{where}"

    @property
    def label_th(self) -> str:
        where = f" (ระดับ{self.part})" if self.part else ""
        return f"ตัวบ่งชี้ที่ {indicator_number(self.standard, self.indicator)}{where}"


@dataclass(slots=True)
class Standard(Judged):
    standard: str
    name: str = ""
    heading_location: str = ""

    @property
    def label(self) -> str:
        return f"standard {self.standard}" + (f" ({self.part})" if self.part else "")

    @property
    def label_th(self) -> str:
        return f"มาตรฐานที่ {self.standard}" + (f" (ระดับ{self.part})" if self.part else "")


@dataclass(slots=True)
class StatedTotals:
    """What the report says about itself: "รวม 3 มาตรฐาน 17 ตัวบ่งชี้ คะแนนที่ได้รับ 95.00 ระดับคุณภาพดีเยี่ยม"."""

    standards: int | None
    indicators: int | None
    score: float | None
    level: int | None
    label: str
    evidence: str
    location: str
    part: str = ""


@dataclass(slots=True)
class Finding:
    check: str
    severity: str  # error, warning, info
    message: str
    expected: str = ""
    actual: str = ""
    location: str = ""
    part: str = ""  # the scope the finding is about, when it is about one: join keys of the tables
    standard: str = ""
    indicator: str = ""  # as in `indicators.indicator`
    indicator_id: str = ""
    message_th: str = ""  # the detail in Thai, beside the English message


@dataclass(slots=True)
class Assessment:
    file: str
    sha256: str = ""
    format: str = ""
    status: str = STATUS_OK
    error: str = ""
    organisation: str = ""
    organisation_evidence: str = ""
    fiscal_year_be: int | None = None
    academic_year_be: int | None = None
    framework: str = ""  # catalogue id such as "esa-2557": cited by the report, or matched by checks
    framework_cited: str = ""  # the citation as written
    framework_confidence: float | None = None
    framework_basis: str = ""  # cited, headings, year … or why no framework fits
    scale: str = ""  # esa or school: which label set the report uses
    pages: int | None = None
    assessed: bool = False  # results, or signs of results (a ticked table, a result heading), were found
    standards: list[Standard] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    totals: list[StatedTotals] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def stated(self) -> StatedTotals | None:
        """What the report states about its totals, merged over every total statement in reading
        order (a table's total row gives the score, a prose line the counts). Statements that
        disagree are a finding of their own (totals.disagree); here the first one stands."""
        if not self.totals:
            return None
        merged = StatedTotals(None, None, None, None, "", "", "")
        for t in self.totals:
            for attr in ("standards", "indicators", "score", "level"):
                if getattr(merged, attr) is None and getattr(t, attr) is not None:
                    setattr(merged, attr, getattr(t, attr))
            merged.label = merged.label or t.label
            merged.evidence = merged.evidence or t.evidence
        merged.location = "; ".join(dict.fromkeys(t.location for t in self.totals if t.location))
        return merged
