"""SARIF 2.1.0 for code-scanning dashboards.

Columns are reported in UTF-16 code units (SARIF's default
``columnKind: utf16CodeUnits``), which :class:`Location` already carries; the
exact code-point span is kept in ``charOffset``/``charLength``.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from newslint import __version__
from newslint.diagnostics import Diagnostic, Severity
from newslint.render.jsontext import dumps_readable
from newslint.runner import Run

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """Return ``path`` as a SARIF ``uri`` (an RFC 3986 URI reference, %-escaped)."""
    return quote(path.replace(os.sep, "/"), safe="/")


def _region(d: Diagnostic) -> dict[str, Any]:
    return {
        "startLine": d.start.line,
        "startColumn": d.start.utf16_column,
        "endLine": d.end.line,
        "endColumn": d.end.utf16_column,
        "charOffset": d.span.start,
        "charLength": d.span.end - d.span.start,
        "snippet": {"text": d.text},
    }


def _result(d: Diagnostic, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index[d.code],
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": _region(d)}}
        ],
        "properties": {"category": d.category.value, "name": d.name, "source": d.source},
    }
    if d.external_id:
        result["properties"]["external_id"] = d.external_id
    if d.suggestions:
        result["properties"]["suggestions"] = list(d.suggestions)
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": r.label},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": {
                        "charOffset": r.span.start,
                        "charLength": len(r.span),
                        **(
                            {"startLine": r.start.line, "startColumn": r.start.utf16_column}
                            if r.start
                            else {}
                        ),
                    },
                },
            }
            for i, r in enumerate(d.related)
        ]
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": d.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": e.span.start,
                                    "charLength": len(e.span),
                                },
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def run_to_sarif(run: Run) -> dict[str, Any]:
    """Return the run as a SARIF log object."""
    from newslint.runner import LinterFactory

    diagnostics = run.diagnostics
    used = sorted({d.code for d in diagnostics})
    registry = LinterFactory(run.settings).registry
    rules = []
    for code in used:
        cls = registry.lookup(code)
        entry: dict[str, Any] = {"id": code}
        if cls is not None:
            entry["name"] = cls.name
            entry["shortDescription"] = {"text": cls.summary}
            docs = cls.docs()
            if docs.what:
                entry["fullDescription"] = {"text": docs.what}
            entry["defaultConfiguration"] = {"level": _LEVEL[cls.severity]}
            entry["properties"] = {"category": cls.category.value}
        rules.append(entry)
    index = {code: i for i, code in enumerate(used)}
    notifications = [{"level": "error", "message": {"text": f.error}} for f in run.files if f.error]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/newslint/",
                        "rules": rules,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "invocations": [
                    {
                        "executionSuccessful": not any(f.error for f in run.files),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "artifacts": [
                    {"location": {"uri": _uri(f.path)}}
                    for f in sorted(run.files, key=lambda f: f.path)
                ],
                "results": [
                    _result(d, index) for d in sorted(diagnostics, key=lambda d: d.sort_key)
                ],
            }
        ],
    }


def render_sarif(run: Run, **_: Any) -> str:
    """Render the run as SARIF 2.1.0 JSON."""
    # Each result and each rule on its own lines (log -> runs -> run -> results -> result).
    return dumps_readable(run_to_sarif(run), flat_depth=5) + "\n"
