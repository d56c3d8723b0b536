"""GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import Any

from newslint.diagnostics import Severity
from newslint.runner import Run

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(run: Run, **_: Any) -> str:
    """Render ``::error file=...,line=...::message`` lines."""
    lines = []
    for report in sorted(run.files, key=lambda r: r.path):
        if report.error:
            lines.append(
                f"::error file={_escape_property(report.path)},"
                f"title=newslint::{_escape_data(report.error)}"
            )
        for d in report.diagnostics:
            props = (
                f"file={_escape_property(d.path)},line={d.start.line},col={d.start.column},"
                f"endLine={d.end.line},endColumn={d.end.column},"
                f"title={d.code}"
            )
            message = d.message
            if d.suggestions:
                message += f" Suggestion: {d.suggestions[0]}"
            lines.append(f"::{_LEVEL[d.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
