"""Apply fixes: right to left, overlapping edits skipped.

A fix whose edits would overlap one already taken is left for the next pass
(the engine re-lints up to five times), so two rules never fight over text.
"""

from __future__ import annotations

from collections.abc import Iterable

from newslint.diagnostics import Applicability, Diagnostic, Edit


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Return True when ``diagnostic`` has a fix the run may apply."""
    fix = diagnostic.fix
    if fix is None:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_edits(
    source: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False
) -> tuple[str, int]:
    """Return (new source, number of fixes applied)."""
    chosen: list[tuple[Edit, ...]] = []
    taken: list[tuple[int, int]] = []
    for diag in sorted(diagnostics, key=lambda d: d.span.start):
        if not applicable(diag, unsafe):
            continue
        assert diag.fix is not None
        edits = diag.fix.edits
        if any(_clash(e.span.start, e.span.end, s, t) for e in edits for s, t in taken):
            continue
        chosen.append(edits)
        taken.extend((e.span.start, e.span.end) for e in edits)
    all_edits = sorted(
        (e for group in chosen for e in group), key=lambda e: e.span.start, reverse=True
    )
    out = source
    for edit in all_edits:
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out, len(chosen)


def _clash(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:
        return b_start <= a_start <= b_end or a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end
