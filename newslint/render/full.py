"""Annotated, compiler-style output for a person at a terminal (ruff's look).

::

    NL201 [*] Duplicated word 'the'
     --> story.md:3:19
      |
    3 | The council voted the the budget down.
      |                       ^^^ delete the second copy
      |
      = help: Delete 'the ' (safe fix: newslint check --fix)
      = note: first copy at 3:15
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from newslint.diagnostics import Applicability, Diagnostic, Severity
from newslint.runner import FileReport, Run

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
MAX_SNIPPET_LINES = 4


def _line_text(source: str, line: int) -> str:
    lines = source.split("\n")
    if 1 <= line <= len(lines):
        return lines[line - 1].rstrip("\r").expandtabs(1)
    return ""


def _snippet(d: Diagnostic, source: str) -> list[Text]:
    out: list[Text] = []
    first, last = d.start.line, d.end.line
    if d.end.column == 1 and last > first:
        last -= 1  # a span ending at a line start does not show that line
    shown = list(range(first, min(last, first + MAX_SNIPPET_LINES - 1) + 1))
    width = len(str(shown[-1] if shown else first))
    gutter = " " * width
    out.append(Text(f"{gutter} |", style="blue"))
    for n in shown:
        text = _line_text(source, n)
        line = Text(f"{n:>{width}} | ", style="blue")
        line.append(text)
        out.append(line)
        lo = d.start.column - 1 if n == first else len(text) - len(text.lstrip())
        hi = d.end.column - 1 if n == d.end.line else len(text)
        hi = max(hi, lo + 1)
        # Columns count code points; the terminal counts cells, and an emoji or
        # a CJK character takes two, so pad and underline by cell width.
        pad = cell_len(text[:lo])
        carets = max(cell_len(text[lo:hi]) + max(0, hi - max(lo, len(text))), 1)
        marker = Text(f"{gutter} | ", style="blue")
        marker.append(" " * pad + "^" * carets, style=_STYLE[d.severity])
        if n == shown[-1] and d.suggestions:
            marker.append(f" did you mean '{d.suggestions[0]}'?", style=_STYLE[d.severity])
        out.append(marker)
    if last > shown[-1]:
        out.append(Text(f"{gutter} | ...", style="blue"))
    out.append(Text(f"{gutter} |", style="blue"))
    if d.fix is not None:
        how = {
            Applicability.SAFE: "safe fix: newslint check --fix",
            Applicability.UNSAFE: "unsafe fix: newslint check --fix --unsafe-fixes",
            Applicability.DISPLAY: "suggestion only; edit by hand",
        }[d.fix.applicability]
        out.append(Text(f"{gutter} = help: {d.fix.title} ({how})", style="green"))
    elif len(d.suggestions) > 1:
        options = ", ".join(f"'{s}'" for s in d.suggestions[:5])
        out.append(Text(f"{gutter} = help: suggestions: {options}", style="green"))
    for r in d.related:
        where = f" at {r.start.line}:{r.start.column}" if r.start else ""
        context = ""
        if r.start is not None:
            context = f": {_line_text(source, r.start.line)[r.start.column - 1 :][:60]!r}"
        out.append(Text(f"{gutter} = note: {r.label}{where}{context}", style="cyan"))
    if d.external_id:
        out.append(Text(f"{gutter} = {d.source} rule: {d.external_id}", style="dim"))
    return out


def _file_block(report: FileReport) -> list[Text]:
    out: list[Text] = []
    source = report.source or ""
    for d in report.diagnostics:
        head = Text()
        head.append(f"{d.code}", style=_STYLE[d.severity])
        if d.fix and d.fix.applicability is Applicability.SAFE:
            head.append(" [*]", style="cyan")
        head.append(f" {d.message}", style="bold")
        head.append(f" ({d.name}, {d.severity.label})", style="dim")
        out.append(head)
        out.append(Text(f" --> {d.path}:{d.start.line}:{d.start.column}", style="blue"))
        out.extend(_snippet(d, source))
        out.append(Text(""))
    return out


def render_full(
    run: Run,
    *,
    color: bool = False,
    width: int | None = None,
    statistics: bool = False,
    quiet: bool = False,
    **_: Any,
) -> str:
    """Render annotated snippets, then a one-line summary (none when ``quiet``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        width=width or 100,
        highlight=False,
        soft_wrap=True,
    )
    counts: Counter[Severity] = Counter()
    fixable = 0
    for report in sorted(run.files, key=lambda r: r.path):
        for text in _file_block(report):
            console.print(text)
        for d in report.diagnostics:
            counts[d.severity] += 1
            if d.fix and d.fix.applicability is Applicability.SAFE:
                fixable += 1
    total = sum(counts.values())
    if quiet:
        pass
    elif total:
        parts = [
            f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}"
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if counts[s]
        ]
        summary = f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)})"
        summary += f" in {len(run.files)} file{'s' if len(run.files) != 1 else ''}."
        if fixable:
            summary += f" [*] {fixable} fixable with `newslint check --fix`."
        console.print(Text(summary, style="bold"))
    else:
        console.print(
            Text(
                f"All clear: no findings in {len(run.files)} "
                f"file{'s' if len(run.files) != 1 else ''}.",
                style="bold green",
            )
        )
    return buffer.getvalue()
