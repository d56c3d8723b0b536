"""The JSON contract read by the corpus scorer and users' scripts.

Shape (more keys may be added, none removed)::

    {"newslint": VERSION, "schema_version": 1,
     "files": [{"path": ..., "findings": [{"rule", "name", "category", "severity",
                "message", "start", "end", "line", "column", "end_line",
                "end_column", "text", "suggestions", "source", ...}]}],
     "summary": {...}}

Offsets are 0-based code points into the decoded file; lines and columns are
1-based; ``end`` and ``end_column`` are exclusive.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from newslint import __version__
from newslint.diagnostics import Category, Diagnostic, Severity
from newslint.render.jsontext import dumps_readable
from newslint.runner import Run

SCHEMA_VERSION = 1

# Enum values by member: reading ``.value``/``.label`` goes through enum's
# descriptors, a measurable share of rendering a cached run.
_CATEGORY = {c: c.value for c in Category}
_SEVERITY = {s: s.label for s in Severity}


def finding_to_dict(d: Diagnostic) -> dict[str, Any]:
    """Return one finding in the documented JSON shape."""
    out: dict[str, Any] = {
        "rule": d.code,
        "name": d.name,
        "category": _CATEGORY[d.category],
        "severity": _SEVERITY[d.severity],
        "message": d.message,
        "start": d.span.start,
        "end": d.span.end,
        "line": d.start.line,
        "column": d.start.column,
        "end_line": d.end.line,
        "end_column": d.end.column,
        "text": d.text,
        "suggestions": list(d.suggestions),
        "source": d.source,
    }
    if d.external_id:
        out["external_id"] = d.external_id
    if d.fix is not None:
        out["fix"] = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": [
                {"start": e.span.start, "end": e.span.end, "replacement": e.replacement}
                for e in d.fix.edits
            ],
        }
        if d.fix.context is not None:
            # What the rule read to choose the edits (see newslint.fix).
            out["fix"]["context"] = {"start": d.fix.context.start, "end": d.fix.context.end}
    if d.related:
        out["related"] = [
            {
                "start": r.span.start,
                "end": r.span.end,
                "line": r.start.line if r.start else None,
                "column": r.start.column if r.start else None,
                "message": r.label,
            }
            for r in d.related
        ]
    if d.data:
        out["data"] = d.data
    return out


def run_to_dict(run: Run) -> dict[str, Any]:
    """Return the whole run as JSON-ready data."""
    files = []
    by_severity: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for report in sorted(run.files, key=lambda r: r.path):
        entry: dict[str, Any] = {
            "path": report.path,
            "findings": [
                finding_to_dict(d) for d in sorted(report.diagnostics, key=lambda d: d.sort_key)
            ],
        }
        if report.error:
            entry["error"] = report.error
        if report.fixes_applied:
            entry["fixes_applied"] = report.fixes_applied
        for key, value in report.file_data.items():
            entry.setdefault(key, value)
        files.append(entry)
        for d in report.diagnostics:
            by_severity[_SEVERITY[d.severity]] += 1
            by_category[_CATEGORY[d.category]] += 1
            by_rule[d.code] += 1
    return {
        "newslint": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": files,
        "summary": {
            "files": len(run.files),
            "files_with_errors": sum(1 for f in run.files if f.error),
            "findings": sum(by_severity.values()),
            "by_severity": dict(sorted(by_severity.items())),
            "by_category": dict(sorted(by_category.items())),
            "by_rule": dict(sorted(by_rule.items())),
            "words": sum(f.word_count for f in run.files),
        },
    }


def render_json(run: Run, **_: Any) -> str:
    """Render the run as JSON."""
    # One finding per line: run -> files -> file -> findings -> finding.
    return dumps_readable(run_to_dict(run), flat_depth=4) + "\n"
