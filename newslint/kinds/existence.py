"""``existence``: flag any phrase from a list."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from newslint.document import Sentence
from newslint.kinds.base import (
    DeclarativeRule,
    PhraseIndex,
    SpecError,
    phrase_key,
    sentence_norms,
    sentence_tokens,
)
from newslint.rule import RuleContext


class ExistenceRule(DeclarativeRule):
    """Report every occurrence of a listed word or phrase."""

    kind_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {"tokens": list}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """Require a non-empty ``tokens`` list of strings."""
        tokens = data.get("tokens")
        if not tokens or not all(isinstance(t, str) and t.strip() for t in tokens):
            raise SpecError("'tokens' must be a non-empty list of strings", "tokens")
        return {"tokens": list(tokens)}

    @cached_property
    def index(self) -> PhraseIndex:
        """Return the compiled phrase index."""
        ic = self.spec.ignore_case
        return PhraseIndex({phrase_key(t, ic): t for t in self.spec.data["tokens"]}, ic)

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report each listed phrase in the sentence."""
        tokens = sentence_tokens(unit)
        norms = sentence_norms(unit, ctx.shared, self.spec.ignore_case)
        for i, j, _ in self.index.find(tokens, norms):
            start, end = tokens[i].start, tokens[j - 1].end
            text = ctx.doc.text[start:end]
            if self.excepted(ctx.doc.text, start, end):
                continue
            fix = None
            if self.spec.fix != "none":
                fix = ctx.delete(start, end, safe=self.spec.fix == "safe")
            ctx.report(start, end, self.format_message(match=text), fix=fix)
