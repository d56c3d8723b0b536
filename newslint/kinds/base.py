"""Shared machinery of the declarative kinds: the spec, phrase matching, casing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Sentence, Token
from newslint.document.segment import tokenize
from newslint.rule import Example, Rule, RuleDocs, Scope

# Keys every rule file may carry, with the Python type they must have.
COMMON_KEYS: dict[str, type | tuple[type, ...]] = {
    "code": str,
    "name": str,
    "kind": str,
    "category": str,
    "severity": str,
    "summary": str,
    "description": str,
    "why": str,
    "advice": str,
    "link": str,
    "message": str,
    "scope": str,
    "blocks": list,
    "in_quotes": bool,
    "ignore_case": bool,
    "fix": str,
    "enabled": bool,
    "exceptions": list,
    "examples": dict,
    "skip_headline": bool,
}


class SpecError(ValueError):
    """A rule file is malformed; ``key`` names the offending key."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class RuleSpec:
    """The validated common part of a rule file."""

    code: str
    name: str
    kind: str
    category: Category
    severity: Severity
    summary: str
    description: str
    why: str
    advice: str
    link: str
    message: str
    scope: Scope
    blocks: frozenset[BlockKind]
    in_quotes: bool
    ignore_case: bool
    fix: str
    enabled: bool
    exceptions: tuple[str, ...]
    examples: tuple[Example, ...]
    skip_headline: bool
    pack: str
    path: str
    data: Mapping[str, Any] = field(default_factory=dict)


Phrase = tuple[str, ...]


def phrase_key(text: str, ignore_case: bool) -> Phrase:
    """Return the normalised token tuple of a phrase from a rule file."""
    toks = tokenize(text)
    out = []
    for t in toks:
        out.append(t.norm if ignore_case else t.text.replace("\u2019", "'"))
    return tuple(out)


class PhraseIndex:
    """Find listed phrases in token streams with one dict lookup per token.

    Phrases are token tuples; the index is keyed by first token so the cost
    does not grow with the length of the list (proselint's giant regex
    alternations are the anti-example).
    """

    def __init__(self, phrases: Mapping[Phrase, Any], ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self._by_first: dict[str, list[tuple[Phrase, Any]]] = {}
        for phrase, value in phrases.items():
            if phrase:
                self._by_first.setdefault(phrase[0], []).append((phrase, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(
        self, tokens: Sequence[Token], norms: Sequence[str] | None = None
    ) -> Iterator[tuple[int, int, Any]]:
        """Yield (first token index, last index + 1, value), longest match first.

        ``norms`` are the tokens' keys as :func:`token_norms` makes them, when
        the caller has them already.
        """
        if norms is None:
            norms = token_norms(tokens, self.ignore_case)
        by_first = self._by_first
        if by_first.keys().isdisjoint(norms):
            return  # most sentences hold no listed first word: one C-level test
        i = 0
        n = len(tokens)
        while i < n:
            entries = by_first.get(norms[i])
            matched = 0
            if entries:
                for phrase, value in entries:
                    k = len(phrase)
                    if i + k <= n and tuple(norms[i : i + k]) == phrase:
                        yield i, i + k, value
                        matched = k
                        break
            i += matched or 1


def match_case(replacement: str, original: str) -> str:
    """Carry the capitalisation of ``original`` over to ``replacement``."""
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1 and not replacement.isupper():
        return replacement.upper()
    if original[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def inside_phrase(
    text: str, start: int, end: int, phrases: Iterable[str], ignore_case: bool = True
) -> bool:
    """Return True when ``text[start:end]`` lies inside one of ``phrases`` in ``text``.

    Only an occurrence of the phrase that covers this very span counts, so
    "Kiev ... chicken Kiev" still flags the first "Kiev".
    """
    for phrase in phrases:
        lo = max(0, start - len(phrase))
        window = text[lo : end + len(phrase)]
        hay = window.casefold() if ignore_case else window
        needle = phrase.casefold() if ignore_case else phrase
        pos = hay.find(needle)
        while pos >= 0:
            if lo + pos <= start and end <= lo + pos + len(phrase):
                return True
            pos = hay.find(needle, pos + 1)
    return False


class DeclarativeRule(Rule):
    """A rule instance defined by a TOML file."""

    spec: ClassVar[RuleSpec]
    # Kind-specific keys and their types, checked by the loader.
    kind_keys: ClassVar[dict[str, type | tuple[type, ...]]] = {}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """Check kind-specific keys; return the parsed kind data."""
        return dict(data)

    @classmethod
    def engine_scope(cls, spec: RuleSpec) -> Scope:
        """Return the unit the engine calls ``check`` with (the file's ``scope`` by default).

        A kind may take the whole document and walk the file's units itself,
        when one call per document is cheaper than one per sentence.
        """
        return spec.scope

    @classmethod
    def docs(cls) -> RuleDocs:
        """Return docs assembled from the rule file."""
        spec = cls.spec
        invalid = [e for e in spec.examples if not e.valid]
        example = ""
        if invalid:
            ex = invalid[0]
            example = f"{ex.text}\n\nflags: {', '.join(repr(m) for m in ex.expect)}"
            if ex.fixed is not None:
                example += f"\n\nfixed: {ex.fixed}"
        return RuleDocs(
            what=spec.description or spec.summary,
            why=spec.why,
            example=example,
            fix=spec.advice or cls.default_advice(),
        )

    @classmethod
    def default_advice(cls) -> str:
        """Return fix advice when the file gives none."""
        return ""

    def excepted(self, text: str, start: int, end: int) -> bool:
        """Return True when ``text[start:end]`` lies inside a listed exception phrase."""
        return inside_phrase(text, start, end, self.spec.exceptions, self.spec.ignore_case)

    def format_message(self, **values: str) -> str:
        """Fill the rule's message template."""
        try:
            return self.spec.message.format(**values)
        except (KeyError, IndexError):
            return self.spec.message


def sentence_tokens(sentence: Sentence) -> list[Token]:
    """Return the word and number tokens phrase rules match against."""
    return sentence.content_tokens


def token_norms(tokens: Sequence[Token], ignore_case: bool) -> list[str]:
    """Return the keys phrase indexes compare: case-folded, or as written."""
    if ignore_case:
        return [t.norm for t in tokens]
    return [t.text.replace("\u2019", "'") for t in tokens]


_NORMS_KEY = {True: "kinds.norms.folded", False: "kinds.norms.written"}


def sentence_norms(sentence: Sentence, shared: dict[str, Any], ignore_case: bool) -> list[str]:
    """Return the keys of a sentence's :func:`sentence_tokens`, made once per document.

    Every phrase rule looks at every sentence; sharing the keys through
    ``ctx.shared`` builds each sentence's list once instead of once per rule.
    """
    cache: dict[Sentence, list[str]] = shared.setdefault(_NORMS_KEY[ignore_case], {})
    norms = cache.get(sentence)
    if norms is None:
        norms = cache[sentence] = token_norms(sentence_tokens(sentence), ignore_case)
    return norms
