"""Consistency checks on one Assessment: what the report states against what was found.

Every check is a named rule that appends `Finding` rows; all of them run, none stops at the first.
Findings of severity error or warning turn an `ok` document into `needs_review`.
"""

from __future__ import annotations

from .model import STATUS_OK, STATUS_REVIEW, Assessment, Finding


def check_stated_counts(a: Assessment) -> list[Finding]:
    stated = a.stated
    if stated is None:
        return []
    out = []
    found_std = len(a.standards)
    found_ind = len(a.indicators)
    if stated.standards is not None and stated.standards != found_std:
        out.append(Finding("counts.standards", "warning",
                           f"the report states {stated.standards} standards but {found_std} were found",
                           str(stated.standards), str(found_std), stated.location))
    if stated.indicators is not None and stated.indicators != found_ind:
        out.append(Finding("counts.indicators", "warning",
                           f"the report states {stated.indicators} indicators but {found_ind} were found",
                           str(stated.indicators), str(found_ind), stated.location))
    return out


CHECKS = [check_stated_counts]


def run_checks(a: Assessment) -> Assessment:
    for check in CHECKS:
        a.findings.extend(check(a))
    if a.status == STATUS_OK and any(f.severity in ("error", "warning") for f in a.findings):
        a.status = STATUS_REVIEW
    return a
