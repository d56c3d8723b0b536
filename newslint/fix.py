"""Apply fixes: right to left, overlapping edits skipped.

A fix whose edits would overlap one already taken is left for the next pass
(the engine re-lints up to five times), so two rules never fight over text.
The same goes for a fix whose context (the text its rule read to choose it,
``Fix.context``) another taken fix edits, or whose edits fall in a taken
fix's context: each was chosen for text the other changes, so the next pass
judges the second one again on the corrected text.
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
    taken: list[tuple[int, int]] = []  # edits of the chosen fixes
    read: list[tuple[int, int]] = []  # contexts of the chosen fixes
    for diag in sorted(diagnostics, key=lambda d: d.span.start):
        if not applicable(diag, unsafe):
            continue
        fix = diag.fix
        assert fix is not None
        spans = [(e.span.start, e.span.end) for e in fix.edits]
        if _clashes(spans, taken) or _clashes(spans, read):
            continue
        context = fix.context
        if context is not None and _clashes([(context.start, context.end)], taken):
            continue
        chosen.append(fix.edits)
        taken.extend(spans)
        if context is not None:
            read.append((context.start, context.end))
    all_edits = sorted(
        (e for group in chosen for e in group), key=lambda e: e.span.start, reverse=True
    )
    out = source
    for edit in all_edits:
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out, len(chosen)


def _clashes(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    return any(_clash(a, b, s, t) for a, b in spans for s, t in others)


def _clash(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:
        return b_start <= a_start <= b_end or a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end
