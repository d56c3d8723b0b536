"""The NL8xx rules: LanguageTool's findings reported through newslint's engine.

Going through the engine (instead of building diagnostics here) gives
LanguageTool's findings everything newslint's own findings get: mapping from
the prose view to the source, dropping spans in code, URLs and front matter,
selection by code, severity overrides, inline suppression, dedupe and order.

NL801 is grammar, punctuation and style; it skips direct quotations, because
editors do not correct what a speaker said. NL802 is spelling (LanguageTool's
issue type ``misspelling``); it runs inside quotations too, like newslint's
typo rules, and words on the newsroom's accept list are never flagged.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from newslint.diagnostics import Category, Diagnostic, Severity
from newslint.rule import Example, Rule, RuleContext, Scope

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.languagetool.backend import DocumentMatch

SHARED_KEY = "languagetool.matches"


def document_matches(doc: Document, ctx: RuleContext) -> list[DocumentMatch]:
    """Return the active backend's matches for ``doc``, fetched once for both NL8xx rules."""
    cached = ctx.shared.get(SHARED_KEY)
    if cached is None:
        # Only activate() in the backend module can make a backend active, so
        # when that module was never imported LanguageTool is off: skip the
        # import (http.client, ssl) on built-in-only runs.
        module = sys.modules.get("newslint.languagetool.backend")
        backend = module.active_backend() if module is not None else None
        cached = backend.document_matches(doc) if backend is not None else []
        ctx.shared[SHARED_KEY] = cached
    matches: list[DocumentMatch] = cached
    return matches


def _report(found: DocumentMatch, ctx: RuleContext) -> None:
    m = found.match
    replacements = m.replacements
    fix = None
    if len(replacements) == 1 and found.start < found.end:
        # LanguageTool's suggestions are guesses: never applied without --unsafe-fixes.
        fix = ctx.replace(found.start, found.end, replacements[0], safe=False)
    ctx.report(
        found.start,
        found.end,
        m.message,
        suggestions=replacements,
        fix=fix,
        data={
            "source": "languagetool",
            "external_id": m.rule_id,
            "languagetool": {
                "rule_id": m.rule_id,
                "sub_id": m.sub_id,
                "category": m.category_id,
                "issue_type": m.issue_type,
                "url": m.url,
            },
        },
    )


class LanguageToolGrammar(Rule):
    """Report LanguageTool's grammar, punctuation and usage findings.

    ## What it flags
    Whatever LanguageTool's English rules find outside spelling: subject-verb
    agreement ("He go"), wrong articles ("a apple"), confused words, doubled
    punctuation. The LanguageTool rule id is kept as the finding's
    `external_id`. Rules that contradict AP style or misfire on news copy are
    off by default (`rules/languagetool.toml` lists each with its reason).

    ## Why
    LanguageTool's few thousand hand-written English rules catch grammar
    slips that word lists cannot.

    ## Example
    `He go to the council meeting every Tuesday.`

    ## Use instead
    `He goes to the council meeting every Tuesday.` Findings inside direct
    quotations are not reported: editors do not correct what a speaker said.
    """

    code = "NL801"
    name = "languagetool-grammar"
    category = Category.GRAMMAR
    summary = "Grammar and usage findings from LanguageTool."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    in_quotes = False
    examples: ClassVar[tuple[Example, ...]] = (Example("The council meets on Tuesday."),)

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the document's non-spelling LanguageTool matches."""
        for found in document_matches(unit, ctx):
            if not found.match.is_spelling:
                _report(found, ctx)


class LanguageToolSpelling(Rule):
    """Report words LanguageTool's English dictionary does not know.

    ## What it flags
    LanguageTool's spelling matches (issue type `misspelling`): words missing
    from its dictionary for the configured variant (en-US by default, where
    British spellings such as "colour" count as errors, as in AP style).

    ## Why
    A second, large dictionary behind newslint's own typo rules.

    ## Example
    `The mayor will recieve the report on Tuesday.`

    Capitalised words (names) are skipped unless the option
    `check_capitalised = true` is set in `[tool.newslint.rules.NL802]`.

    ## Use instead
    `The mayor will receive the report on Tuesday.` Add names and house
    spellings to the newsroom vocabulary (`accept = [...]`): accepted words
    are never flagged.
    """

    code = "NL802"
    name = "languagetool-spelling"
    category = Category.TYPO
    summary = "Spelling findings from LanguageTool's dictionary."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    in_quotes = True
    examples: ClassVar[tuple[Example, ...]] = (Example("The mayor will receive the report."),)
    # News copy is full of names LanguageTool's dictionary lacks ("Okonkwo",
    # "Reddick"): capitalised words are skipped unless this option is on.
    # newslint's own rules cover names (NL301 name variants, NL1xx typos).
    option_defaults: ClassVar[dict[str, object]] = {"check_capitalised": False}

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the document's spelling matches, except accepted words and names."""
        check_capitalised = bool(self.options["check_capitalised"])
        for found in document_matches(unit, ctx):
            if not found.match.is_spelling:
                continue
            word = unit.text[found.start : found.end]
            if ctx.vocab.is_accepted(word):
                continue
            if not check_capitalised and word[:1].isupper():
                continue
            _report(found, ctx)


RULES: tuple[type[Rule], ...] = (LanguageToolGrammar, LanguageToolSpelling)
CODES = frozenset(rule.code for rule in RULES)


def drop_already_flagged(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Drop NL8xx findings whose span overlaps a finding of a newslint rule.

    The engine calls this after resolving spans: when newslint already says
    something about "the the" or "recieve", LanguageTool saying it again is
    noise, and newslint's message is the one tuned for news copy.
    """
    own = [d.span for d in diagnostics if d.code not in CODES]
    kept: list[Diagnostic] = []
    for d in diagnostics:
        if d.code in CODES and any(_touches(d.span.start, d.span.end, s.start, s.end) for s in own):
            continue
        kept.append(d)
    return kept


def _touches(start: int, end: int, other_start: int, other_end: int) -> bool:
    # Zero-length spans (a missing comma) count when they sit inside the other span.
    if start == end:
        return other_start <= start <= other_end
    return start < other_end and other_start < end
