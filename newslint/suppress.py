"""Inline suppression comments in Markdown and HTML.

Directives (codes required, prefixes allowed, ``all`` spelled out)::

    <!-- newslint-disable NL201, NL3 -->   ... <!-- newslint-enable NL201, NL3 -->
    <!-- newslint-disable-next-line NL201 -->
    <!-- newslint-disable-file NL5 -->

A ``disable`` without a matching ``enable`` runs to the end of the file.
A directive that suppresses nothing is itself reported (NL002), and one that
cannot be parsed is reported as NL003: a stale suppression hides the next
real error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from newslint.diagnostics import Diagnostic
from newslint.document import Document

_DIRECTIVE_RE = regex.compile(
    r"^newslint-(disable-next-line|disable-file|disable|enable)(?![\w-])\s*(.*)$", regex.S
)
_CODE_RE = regex.compile(r"^(?:[A-Z]{1,4}\d{0,3}|all)$", regex.I)


@dataclass
class Suppression:
    """One directive's effect: codes silenced over a source range."""

    src_start: int
    src_end: int
    codes: tuple[str, ...]
    directive_start: int
    directive_end: int
    text: str
    used: bool = False

    def covers(self, diag: Diagnostic) -> bool:
        """Return True when this suppression silences ``diag``."""
        if not (self.src_start <= diag.span.start < self.src_end):
            return False
        return any(c == "ALL" or diag.code.startswith(c) for c in self.codes)


@dataclass
class Directives:
    """The suppressions of one document and the malformed directives."""

    suppressions: list[Suppression] = field(default_factory=list)
    malformed: list[tuple[int, int, str]] = field(default_factory=list)


def _codes(raw: str) -> list[str] | None:
    parts = [p for p in regex.split(r"[\s,]+", raw.strip()) if p]
    if not parts or not all(_CODE_RE.match(p) for p in parts):
        return None
    return [p.upper() for p in parts]


def parse_directives(doc: Document) -> Directives:
    """Turn the document's ``newslint-*`` comments into suppressions."""
    result = Directives()
    open_ranges: dict[str, tuple[int, int, int, str]] = {}
    source = doc.source
    for d in doc.directives:
        m = _DIRECTIVE_RE.match(d.body)
        if m is None:
            if d.body.lower().startswith("newslint"):
                result.malformed.append((d.src_start, d.src_end, "unknown newslint directive"))
            continue
        action, raw = m.group(1), m.group(2)
        codes = _codes(raw)
        if codes is None:
            result.malformed.append(
                (d.src_start, d.src_end, "directive needs rule codes (or 'all')")
            )
            continue
        if action == "disable-file":
            result.suppressions.append(
                Suppression(0, len(source), tuple(codes), d.src_start, d.src_end, d.body)
            )
        elif action == "disable-next-line":
            line_end = source.find("\n", d.src_end)
            start = len(source) if line_end == -1 else line_end + 1
            # Skip blank lines: the directive governs the next line with text.
            while start < len(source):
                nl = source.find("\n", start)
                stop = len(source) if nl == -1 else nl
                if source[start:stop].strip():
                    break
                start = stop + 1
            nl = source.find("\n", start)
            end = len(source) if nl == -1 else nl
            result.suppressions.append(
                Suppression(start, end, tuple(codes), d.src_start, d.src_end, d.body)
            )
        elif action == "disable":
            for code in codes:
                open_ranges[code] = (d.src_end, d.src_start, d.src_end, d.body)
        else:
            for code in codes:
                opened = open_ranges.pop(code, None)
                if opened is None:
                    result.malformed.append(
                        (d.src_start, d.src_end, f"'enable {code}' without a matching disable")
                    )
                    continue
                start, ds, de, body = opened
                result.suppressions.append(Suppression(start, d.src_start, (code,), ds, de, body))
    for code, (start, ds, de, body) in open_ranges.items():
        result.suppressions.append(Suppression(start, len(source), (code,), ds, de, body))
    return result
