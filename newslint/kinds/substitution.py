"""``substitution``: flag a phrase and suggest its replacement from a swap table."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from newslint.document import Sentence
from newslint.kinds.base import (
    DeclarativeRule,
    PhraseIndex,
    SpecError,
    match_case,
    phrase_key,
    sentence_norms,
    sentence_tokens,
)
from newslint.rule import RuleContext


class SubstitutionRule(DeclarativeRule):
    """Report a listed phrase and offer the phrase that replaces it."""

    kind_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {"swap": dict}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """Require a ``[swap]`` table of strings (a value may list alternatives)."""
        swap = data.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise SpecError("'swap' must be a non-empty table", "swap")
        clean: dict[str, list[str]] = {}
        for key, value in swap.items():
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise SpecError(f"swap value for {key!r} must be a string or list", "swap")
            clean[key] = values
        return {"swap": clean}

    @classmethod
    def default_advice(cls) -> str:
        """Return generic advice."""
        return "Use the suggested replacement."

    @cached_property
    def index(self) -> PhraseIndex:
        """Return the compiled swap index."""
        ic = self.spec.ignore_case
        return PhraseIndex({phrase_key(k, ic): v for k, v in self.spec.data["swap"].items()}, ic)

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report each phrase of the swap table with its replacement."""
        tokens = sentence_tokens(unit)
        norms = sentence_norms(unit, ctx.shared, self.spec.ignore_case)
        for i, j, replacements in self.index.find(tokens, norms):
            start, end = tokens[i].start, tokens[j - 1].end
            text = ctx.doc.text[start:end]
            if self.excepted(ctx.doc.text, start, end):
                continue
            suggestions = [match_case(r, text) for r in replacements]
            fix = None
            if self.spec.fix != "none" and len(suggestions) == 1:
                fix = ctx.replace(start, end, suggestions[0], safe=self.spec.fix == "safe")
            ctx.report(
                start,
                end,
                self.format_message(match=text, replacement=" or ".join(suggestions)),
                suggestions=suggestions,
                fix=fix,
            )
