"""The pure engine: a Document and rule instances in, resolved findings out.

Pipeline (textlint/flake8 order): run rules -> drop findings in ignored text
and, for rules that skip them, in quotations -> map spans and fixes to the
source -> inline suppressions (and NL002 for unused ones) -> dedupe -> sort.
No I/O happens here.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from newslint.diagnostics import (
    Applicability,
    Category,
    Diagnostic,
    Edit,
    Fix,
    Related,
    Severity,
    Span,
)
from newslint.document import Document
from newslint.document.formats import Directive
from newslint.document.lines import LineIndex
from newslint.rule import RawFinding, Rule, RuleContext, TextFix, units_of
from newslint.suppress import parse_directives
from newslint.vocab import Vocabulary

INTERNAL_ERROR_CODE = "NL000"
UNUSED_SUPPRESSION_CODE = "NL002"
MALFORMED_DIRECTIVE_CODE = "NL003"


class SourceText(Protocol):
    """What the suppression step reads: a :class:`Document`, or a whole chunked file."""

    @property
    def path(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def directives(self) -> list[Directive]: ...

    @property
    def lines(self) -> LineIndex: ...


@dataclass
class LintResult:
    """What linting one document produced."""

    path: str
    diagnostics: list[Diagnostic]
    file_data: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class Linter:
    """Run a fixed set of rule instances over documents."""

    def __init__(
        self,
        rules: Sequence[Rule],
        *,
        vocab: Vocabulary | None = None,
        settings: Any = None,
        severity_overrides: Mapping[str, Severity] | None = None,
        meta_codes: frozenset[str] = frozenset({UNUSED_SUPPRESSION_CODE, MALFORMED_DIRECTIVE_CODE}),
    ) -> None:
        self.rules = list(rules)
        self.vocab = vocab or Vocabulary()
        self.settings = settings
        self.severity_overrides = dict(severity_overrides or {})
        self.meta_codes = meta_codes

    def lint(self, doc: Document, *, finish: bool = True) -> LintResult:
        """Lint one document (``finish=False``: resolved findings, not yet suppressed)."""
        raw: list[RawFinding] = []
        shared: dict[str, Any] = {}
        file_data: dict[str, Any] = {}
        errors: list[str] = []
        for rule in self.rules:
            ctx = RuleContext(
                doc,
                rule,
                raw,
                vocab=self.vocab,
                settings=self.settings,
                shared=shared,
                file_data=file_data,
            )
            try:
                for unit in units_of(rule, doc):
                    rule.check(unit, ctx)
            except Exception as exc:  # one broken rule must not lose the others' findings
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                errors.append(f"{doc.path}: rule {rule.code} ({rule.name}) failed: {detail}")
        diagnostics = [d for d in (self._resolve(doc, f) for f in raw) if d is not None]
        if finish:
            diagnostics = self.finish(doc, diagnostics)
        return LintResult(doc.path, diagnostics, file_data, errors)

    def finish(self, doc: SourceText, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Apply inline suppressions (and NL002/NL003), drop LanguageTool repeats, dedupe, sort.

        ``lint(doc, finish=False)`` leaves this step out so that the findings
        of a file linted in chunks (:mod:`newslint.chunking`) are finished
        once, over the whole file, with every directive in force.
        """
        diagnostics = self._suppress(doc, diagnostics)
        if any(d.source != "newslint" for d in diagnostics):
            from newslint.languagetool.rules import drop_already_flagged

            diagnostics = drop_already_flagged(diagnostics)
        unique: dict[tuple[str, int, int], Diagnostic] = {}
        for d in diagnostics:
            unique.setdefault((d.code, d.span.start, d.span.end), d)
        return sorted(unique.values(), key=lambda d: d.sort_key)

    def _resolve(self, doc: Document, f: RawFinding) -> Diagnostic | None:
        rule = f.rule
        start, end = f.start, f.end
        if doc.ignored and start < end and doc.is_ignored(start, end):
            return None
        if not rule.in_quotes and doc.quotes and doc.overlaps_quote(start, max(end, start + 1)):
            return None
        src_start, src_end = doc.to_source(start, end)
        # Severity.INFO is 0, so test for None rather than truth.
        severity = self.severity_overrides.get(rule.code)
        if severity is None:
            severity = f.severity if f.severity is not None else rule.severity
        related = tuple(
            Related(
                Span(*doc.to_source(r.start, r.end)),
                r.label,
                doc.lines.location(doc.to_source(r.start, r.end)[0]),
                doc.lines.location(doc.to_source(r.start, r.end)[1]),
            )
            for r in f.related
        )
        return Diagnostic(
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=f.message,
            path=doc.path,
            span=Span(src_start, src_end),
            start=doc.lines.location(src_start),
            end=doc.lines.location(src_end),
            text=doc.source[src_start:src_end],
            suggestions=f.suggestions,
            fix=self._map_fix(doc, f.fix),
            related=related,
            source=f.data.pop("source", "newslint"),
            external_id=f.data.pop("external_id", None),
            data=f.data,
        )

    @staticmethod
    def _map_fix(doc: Document, fix: TextFix | None) -> Fix | None:
        """Map a prose-view fix to the source, downgrading what cannot be written."""
        if fix is None:
            return None
        applicability = Applicability.SAFE if fix.safe else Applicability.UNSAFE
        edits = []
        for e in fix.edits:
            if not doc.smap.is_exact(e.start, e.end):
                applicability = Applicability.DISPLAY
            if doc.quotes and doc.overlaps_quote(e.start, max(e.end, e.start + 1)):
                # Never rewrite a direct quotation.
                applicability = Applicability.DISPLAY
            s, t = doc.to_source(e.start, e.end)
            edits.append(Edit(Span(s, t), e.replacement))
        context = None
        if fix.context is not None:
            context = Span(*doc.to_source(*fix.context))
        return Fix(tuple(edits), applicability, fix.title, context)

    def _suppress(self, doc: SourceText, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not doc.directives:
            return diagnostics
        # parse_directives reads only ``directives`` and ``source``.
        directives = parse_directives(cast(Document, doc))
        kept = []
        for d in diagnostics:
            hit = False
            for s in directives.suppressions:
                if s.covers(d):
                    s.used = True
                    hit = True
            if not hit:
                kept.append(d)
        if UNUSED_SUPPRESSION_CODE in self.meta_codes:
            for s in directives.suppressions:
                if not s.used:
                    kept.append(
                        self._meta(
                            doc,
                            UNUSED_SUPPRESSION_CODE,
                            "unused-suppression",
                            s.directive_start,
                            s.directive_end,
                            f"Suppression '{s.text}' silences no finding; remove it.",
                        )
                    )
        if MALFORMED_DIRECTIVE_CODE in self.meta_codes:
            for start, end, why in directives.malformed:
                kept.append(
                    self._meta(
                        doc,
                        MALFORMED_DIRECTIVE_CODE,
                        "malformed-directive",
                        start,
                        end,
                        f"Malformed newslint directive: {why}.",
                    )
                )
        return kept

    def _meta(
        self, doc: SourceText, code: str, name: str, start: int, end: int, message: str
    ) -> Diagnostic:
        return Diagnostic(
            code=code,
            name=name,
            category=Category.STYLE,
            severity=self.severity_overrides.get(code, Severity.WARNING),
            message=message,
            path=doc.path,
            span=Span(start, end),
            start=doc.lines.location(start),
            end=doc.lines.location(end),
            text=doc.source[start:end],
        )
