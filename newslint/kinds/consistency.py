"""``consistency``: one story, one spelling; report the minority form."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from newslint.document import Document, Token
from newslint.kinds.base import (
    DeclarativeRule,
    PhraseIndex,
    SpecError,
    match_case,
    phrase_key,
    sentence_norms,
    sentence_tokens,
)
from newslint.rule import RuleContext, Scope


class ConsistencyRule(DeclarativeRule):
    """Report the less frequent spelling when a story uses two of a set."""

    kind_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {"either": list}
    scope = Scope.DOCUMENT

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """Require ``either`` as a list of lists of two or more strings."""
        either = data.get("either")
        ok = (
            isinstance(either, list)
            and either
            and all(
                isinstance(group, list)
                and len(group) >= 2
                and all(isinstance(x, str) for x in group)
                for group in either
            )
        )
        if not ok:
            raise SpecError("'either' must be a list of lists of 2+ strings", "either")
        return {"either": [list(g) for g in either or []]}

    @classmethod
    def default_advice(cls) -> str:
        """Return generic advice."""
        return "Use the form the rest of the story uses."

    @cached_property
    def index(self) -> PhraseIndex:
        """Map every variant to (group number, variant number)."""
        ic = self.spec.ignore_case
        table = {}
        for g, group in enumerate(self.spec.data["either"]):
            for v, form in enumerate(group):
                table[phrase_key(form, ic)] = (g, v)
        return PhraseIndex(table, ic)

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Count each variant across the story and report the minority uses."""
        seen: dict[int, dict[int, list[tuple[int, int]]]] = {}
        for paragraph in unit.paragraphs:
            if paragraph.kind not in self.blocks:
                continue
            for sentence in paragraph.sentences:
                tokens: list[Token] = sentence_tokens(sentence)
                norms = sentence_norms(sentence, ctx.shared, self.spec.ignore_case)
                for i, j, (g, v) in self.index.find(tokens, norms):
                    start, end = tokens[i].start, tokens[j - 1].end
                    if not self.in_quotes and unit.overlaps_quote(start, end):
                        continue
                    seen.setdefault(g, {}).setdefault(v, []).append((start, end))
        for g, variants in seen.items():
            if len(variants) < 2:
                continue
            # Majority wins; on a tie the form used first wins.
            ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
            major_v, major_spans = ranked[0]
            major = self.spec.data["either"][g][major_v]
            first = major_spans[0]
            for _v, spans in ranked[1:]:
                for start, end in spans:
                    text = unit.text[start:end]
                    replacement = match_case(major, text)
                    fix = None
                    if self.spec.fix != "none":
                        fix = ctx.replace(start, end, replacement, safe=self.spec.fix == "safe")
                    ctx.report(
                        start,
                        end,
                        self.format_message(match=text, majority=major),
                        suggestions=[replacement],
                        fix=fix,
                        related=[ctx.related(first[0], first[1], f"'{major}' used here")],
                    )
