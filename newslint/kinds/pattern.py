"""``pattern``: the escape hatch, a regular expression run with a timeout."""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

import regex

from newslint.document import Document
from newslint.kinds.base import DeclarativeRule, RuleSpec, SpecError
from newslint.rule import RuleContext, Scope

# Seconds one rule's expression may run over one document (all its sentences
# together) before the rule is stopped; documents over a megabyte get this
# much per megabyte. A per-search limit alone would let an expression that
# takes 0.9 s on every sentence run for hours on a long story.
REGEX_TIMEOUT = 1.0
_MEGABYTE = 1_000_000


class RegexTimeout(RuntimeError):
    """A rule's regular expression ran past its time budget."""


class PatternRule(DeclarativeRule):
    """Report every match of a regular expression (``regex`` module syntax)."""

    kind_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {
        "regex": str,
        "group": (int, str),
        "replacement": str,
    }

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """Compile the expression now so a bad one fails at load time."""
        pattern = data.get("regex")
        if not isinstance(pattern, str) or not pattern:
            raise SpecError("'regex' must be a non-empty string", "regex")
        flags = regex.V1 | (regex.IGNORECASE if data.get("ignore_case") else 0)
        try:
            compiled = regex.compile(pattern, flags)
        except regex.error as exc:
            raise SpecError(f"'regex' does not compile: {exc}", "regex") from None
        group = data.get("group", 0)
        if isinstance(group, int) and group > compiled.groups:
            raise SpecError(f"'group' {group} is not in the expression", "group")
        if isinstance(group, str) and group not in compiled.groupindex:
            raise SpecError(f"'group' {group!r} is not in the expression", "group")
        return {"regex": pattern, "group": group, "replacement": data.get("replacement")}

    @cached_property
    def compiled(self) -> Any:
        """Return the compiled expression."""
        flags = regex.V1 | (regex.IGNORECASE if self.spec.ignore_case else 0)
        return regex.compile(self.spec.data["regex"], flags)

    @classmethod
    def engine_scope(cls, spec: RuleSpec) -> Scope:
        """Take the whole document: :meth:`check` walks the file's units itself.

        An expression finds nothing in almost every sentence, so the cost
        that counts is the call per sentence; one call per document searches
        the same spans (each unit's bounds, exactly as before) for a fraction
        of it.
        """
        return Scope.DOCUMENT

    def _spans(self, doc: Document) -> list[tuple[int, int]]:
        """Return the ``[start, end)`` of each unit the rule file's ``scope`` names."""
        scope = self.spec.scope
        if scope is Scope.DOCUMENT:
            return [(0, len(doc.text))]
        paragraphs = [p for p in doc.paragraphs if p.kind in self.blocks]
        if scope is Scope.PARAGRAPH:
            return [(p.start, p.end) for p in paragraphs]
        return [(s.start, s.end) for p in paragraphs for s in p.sentences]

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each match inside the rule's units of ``unit``."""
        group = self.spec.data["group"]
        replacement = self.spec.data.get("replacement")
        text = ctx.doc.text
        budget = REGEX_TIMEOUT * max(1.0, len(text) / _MEGABYTE)
        finditer = self.compiled.finditer
        matches: list[Any] = []
        started = time.perf_counter()
        deadline = started + budget
        try:
            for lo, hi in self._spans(unit):
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError
                matches.extend(finditer(text, lo, hi, timeout=remaining))
        except TimeoutError:
            raise RegexTimeout(
                f"rule {self.code} ({self.name}) in {self.spec.path}: regex timed out "
                f"after {budget:g} s (catastrophic backtracking?)"
            ) from None
        for m in matches:
            start, end = m.span(group)
            if start < 0 or start == end:
                continue
            matched = text[start:end]
            if self.excepted(text, start, end):
                continue
            suggestions: list[str] = []
            fix = None
            if isinstance(replacement, str):
                full = m.expand(replacement)
                if group == 0:
                    # An empty replacement deletes the match: no suggestion to
                    # show, and the fix says so.
                    suggestions = [full] if full else []
                    if self.spec.fix != "none":
                        safe = self.spec.fix == "safe"
                        fix = (
                            ctx.replace(start, end, full, safe=safe)
                            if full
                            else ctx.delete(start, end, safe=safe)
                        )
            ctx.report(
                start,
                end,
                self.format_message(match=matched, replacement=", ".join(suggestions)),
                suggestions=suggestions,
                fix=fix,
            )
