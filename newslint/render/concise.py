"""One line per finding: ``path:line:col: CODE [*] message``; ``[*]`` marks a safe fix."""

from __future__ import annotations

from typing import Any

from newslint.diagnostics import Applicability
from newslint.runner import Run


def render_concise(run: Run, **_: Any) -> str:
    """Render the run in the concise format."""
    lines = []
    for report in sorted(run.files, key=lambda r: r.path):
        for d in report.diagnostics:
            mark = " [*]" if d.fix and d.fix.applicability is Applicability.SAFE else ""
            hint = f" (did you mean '{d.suggestions[0]}'?)" if d.suggestions else ""
            if d.suggestions and d.suggestions[0] in d.message:
                hint = ""
            origin = f" [{d.source}: {d.external_id}]" if d.external_id else ""
            lines.append(
                f"{d.path}:{d.start.line}:{d.start.column}: {d.code}{mark} {d.message}{hint}"
                f"{origin}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
