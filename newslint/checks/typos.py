"""Built-in typo rules (NL1xx), wrapping the spelling engine in :mod:`newslint.spelling`.

* NL101 misspelling: a word that is not English (nor a name, acronym,
  number, URL or cited term), with ranked suggestions; words on the reject
  list are always flagged.
* NL102 real-word-slip: a real word that the language model says is very
  likely a slip of a close word ("is repaired to" for "is prepared to").
* NL103 confusable-word: the same check, when the winning candidate is one of
  the curated confusable pairs in ``rules/data/confusables.toml``
  (affect/effect, their/there ...).

All three share one pass of the engine per document (kept in
``ctx.shared``), so selecting more of them costs nothing extra. Real-word
slips come in two strengths: a warning when the candidate is overwhelmingly
likelier, an info-level hint when it is only much likelier. The engine and its
data load on the first ``check``, never at import time.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, ClassVar

from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Document, TokenKind
from newslint.rule import Example, Rule, RuleContext, Scope

if TYPE_CHECKING:
    from newslint.document.quotes import Quote
    from newslint.spelling import SpellingIssue, WordInContext

_SHARED_KEY = "typos.issues"
# Blocks whose clipped grammar the language model never saw: non-words only.
_HEADLINES = frozenset(
    {BlockKind.HEADLINE, BlockKind.SUBHEAD, BlockKind.BYLINE, BlockKind.DATELINE, BlockKind.TABLE}
)
# A word glued to one of these on its left is part of an entity, code or
# markup residue ("B&#233;ziers", "path/to"), not prose.
_GLUE = frozenset("&#;/\\@_=+*~^|<>")


def _words_of(doc: Document) -> list[WordInContext]:
    """Turn the document's tokens into the engine's input, in order.

    A word broken across a line with a hyphen ("exam-" / "ple") becomes one
    token; words with digits ("mp3", "G8") count as numbers; a word inside a
    quotation of at most three words is a cited term. This runs once per
    word of every story, hence the hoisted names, the positional arguments
    and the ``for`` loop (a hyphen join skips the two tokens it swallowed).
    """
    from newslint.spelling import TokenClass, WordInContext

    WORD, NUMBER, PUNCT = TokenKind.WORD, TokenKind.NUMBER, TokenKind.PUNCT
    C_WORD, C_NUMBER, C_PUNCT, C_OTHER = (
        TokenClass.WORD,
        TokenClass.NUMBER,
        TokenClass.PUNCT,
        TokenClass.OTHER,
    )
    text = doc.text
    out: list[WordInContext] = []
    append = out.append
    # Quotation start -> whether it holds at most three words. The document's
    # word offsets, to count them, are gathered at the first quoted word only.
    short_quotes: dict[int, bool] = {}
    word_starts: list[int] | None = None

    def is_short(quote: Quote) -> bool:
        """Return True when ``quote`` holds at most three words (a cited term)."""
        nonlocal word_starts
        short = short_quotes.get(quote.start)
        if short is None:
            if word_starts is None:
                word_starts = [t.start for t in doc.tokens() if t.kind is WORD]
            found = bisect.bisect_left(word_starts, quote.end) - bisect.bisect_left(
                word_starts, quote.start
            )
            short = short_quotes[quote.start] = found <= 3
        return short

    # Words come in order, so the quotation around each is found by a sweep
    # (the same answer as doc.quote_at, without a search per word).
    quotes = doc.quotes
    qi = -1
    quote_end = -1  # end of quotes[qi]
    n_quotes = len(quotes)
    next_quote_start = quotes[0].start if quotes else len(text) + 1
    for paragraph in doc.paragraphs:
        headline = paragraph.kind in _HEADLINES
        for sentence in paragraph.sentences:
            tokens = sentence.tokens
            last = len(tokens) - 2  # a hyphen join needs two tokens after the word
            first_word = True
            skip = 0
            for i, tok in enumerate(tokens):
                if skip:
                    skip -= 1
                    continue
                kind = tok.kind
                if kind is WORD:
                    start, end, word = tok.start, tok.end, tok.text
                    # "exam-\nple": WORD, "-", WORD with the hyphen ending a line.
                    if i < last:
                        dash = tokens[i + 1]
                        if dash.text == "-" and dash.start == end:
                            nxt = tokens[i + 2]
                            if nxt.kind is WORD and "\n" in text[dash.end : nxt.start]:
                                word = word + "-\n" + nxt.text
                                end = nxt.end
                                skip = 2
                    cls = C_WORD
                    if not word.isalpha() and any(c.isdigit() for c in word):
                        cls = C_NUMBER
                    elif start and text[start - 1] in _GLUE:
                        cls = C_OTHER
                    while start >= next_quote_start:
                        qi += 1
                        quote_end = quotes[qi].end
                        next_quote_start = (
                            quotes[qi + 1].start if qi + 1 < n_quotes else len(text) + 1
                        )
                    quoted = end <= quote_end
                    append(
                        WordInContext(
                            word, start, end, cls, first_word and cls is C_WORD, quoted,
                            quoted and is_short(quotes[qi]), headline,
                        )
                    )  # fmt: skip
                    first_word = False
                elif kind is NUMBER:
                    append(WordInContext(tok.text, tok.start, tok.end, C_NUMBER))
                    first_word = False
                elif kind is PUNCT:
                    append(WordInContext(tok.text, tok.start, tok.end, C_PUNCT))
                else:
                    append(WordInContext(tok.text, tok.start, tok.end, C_OTHER))
            # Sentences end the model's context even without a full stop (headlines).
            append(WordInContext(".", sentence.end, sentence.end, C_PUNCT))
    return out


def _issues(doc: Document, ctx: RuleContext) -> list[SpellingIssue]:
    """Return the engine's findings for ``doc``, computed once per document."""
    cached: list[SpellingIssue] | None = ctx.shared.get(_SHARED_KEY)
    if cached is None:
        from newslint.spelling import SpellingOptions, check_words

        vocab = ctx.vocab
        options = SpellingOptions(
            accept=frozenset(vocab.accept - vocab.reject),
            reject=frozenset(vocab.reject),
        )
        cached = check_words(_words_of(doc), options)
        ctx.shared[_SHARED_KEY] = cached
    return cached


class _TypoRule(Rule):
    """Shared reporting for the NL1xx rules."""

    category = Category.TYPO
    scope = Scope.DOCUMENT
    fixable = True
    # Typos inside quotations are still typos; the engine makes their fixes
    # display-only, since editors do not rewrite speech.
    in_quotes = True
    wants: ClassVar[tuple[str, str]] = ("", "")  # (issue kind, issue source or "")

    def selects(self, issue: SpellingIssue) -> bool:
        """Return True when ``issue`` belongs to this rule."""
        kind, source = self.wants
        return issue.kind.value == kind and (not source or issue.source == source)

    def message(self, issue: SpellingIssue) -> str:
        """Return the finding's message."""
        raise NotImplementedError

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the engine's findings that belong to this rule."""
        for issue in _issues(unit, ctx):
            if not self.selects(issue):
                continue
            fix = None
            if issue.suggestions:
                fix = ctx.replace(
                    issue.start,
                    issue.end,
                    issue.suggestions[0],
                    safe=issue.safe_fix,
                    context=issue.context,
                )
            ctx.report(
                issue.start,
                issue.end,
                self.message(issue),
                suggestions=issue.suggestions,
                fix=fix,
                severity=None if issue.strong else Severity.INFO,
                data={
                    "confidence": issue.confidence,
                    "evidence": issue.evidence,
                    "source": issue.source,
                },
            )


class Misspelling(_TypoRule):
    """Flag a word that is not English, with ranked suggestions.

    ## What it flags
    A lower-case word that no English word list knows and that a much
    commoner word lies within two slips of ("ahve", "goverment",
    "recieve"), and any word on the newsroom's reject list. Names,
    capitalised words, acronyms, numbers with units (5km, 10bn, 1990s), URLs,
    handles, hashtags, words cited alone in quotation marks, words on the
    accept list and British or American spellings are never flagged. A
    hyphenated compound is checked part by part, a possessive without its
    `'s`, and a word broken across a line is joined first.

    ## Why
    Misspellings are the errors readers notice first, and the ones a
    reporter's spell-checker is turned off for in a hurry.

    ## Example
    `Analysts ahve welcomed the decision.`

    ## Use instead
    `Analysts have welcomed the decision.` The first suggestion is the
    likeliest fix (frequency and keyboard plausibility); the fix is safe only
    when that candidate is clearly ahead of the others and outside a quotation.
    Add house words to `accept` in the config or to `rules/vocab/`.
    """

    code = "NL101"
    name = "misspelling"
    summary = "A word that is not English, with suggestions."
    severity = Severity.WARNING
    wants = ("non-word", "")
    examples = (
        Example(
            "Analysts ahve welcomed the decision to cut rates.",
            expect=("ahve",),
            fixed="Analysts have welcomed the decision to cut rates.",
        ),
        Example("The organisation's colour scheme was chosen to honour the centre's founder."),
        Example("Ms Okonkwo-Brennan told the BBC that NATO had met in Reykjavik."),
    )

    def message(self, issue: SpellingIssue) -> str:
        """Return "Possible misspelling 'ahve': did you mean 'have'? (...)"."""
        if issue.source == "vocabulary":
            return f"'{issue.word}' is on the reject list."
        return (
            f"Possible misspelling '{issue.word}': did you mean '{issue.suggestions[0]}'? "
            f"({issue.evidence})"
        )


class RealWordSlip(_TypoRule):
    """Flag a real word that is very likely a slip for a close word.

    ## What it flags
    A correctly spelled word that the context says was meant to be another
    word one slip away (a letter added, dropped, changed, swapped or moved;
    or a sound-alike): "the U.S. is repaired to provide aid" for "prepared".
    A trigram language model scores the words around it with each candidate;
    the finding is a warning when the candidate is overwhelmingly likelier
    and an info-level hint when it is only much likelier. The message gives
    the evidence ("'is prepared to' is about 760x more likely than 'is
    repaired to'"). Only word pairs the model has seen count as evidence:
    where it saw neither word beside a neighbour, the candidate's lead is
    just that it is the commoner word, and that alone is never reported.
    Spelling variants (colour/color) and regular inflections
    (attention/attentions) are never candidates: those are style and grammar.
    Newsroom traps (`[[traps]]` in `rules/data/confusables.toml`: trail/trial,
    pubic/public, county/country, know/now ...) are hinted on weaker evidence
    (10x rather than 100x), unless the story uses the typed word again.

    ## Why
    Real-word slips pass every spell-checker, and they change the meaning of
    a sentence while looking like a deliberate word choice.

    ## Example
    `The council will hold a pubic meeting on Tuesday.`

    ## Use instead
    `The council will hold a public meeting on Tuesday.` The fix is safe only
    when one candidate is clearly ahead and the word is outside a quotation.
    """

    code = "NL102"
    name = "real-word-slip"
    summary = "A real word that is very likely a slip for another."
    severity = Severity.WARNING
    wants = ("real-word", "statistics")
    examples = (
        Example(
            "The council will hold a pubic meeting on Tuesday to discuss the plans.",
            expect=("pubic",),
            fixed="The council will hold a public meeting on Tuesday to discuss the plans.",
        ),
        Example("The trial, which is expected to last six weeks, continues on Monday."),
    )

    def message(self, issue: SpellingIssue) -> str:
        """Return "'repaired' may be a slip for 'prepared': <evidence>."."""
        return f"'{issue.word}' may be a slip for '{issue.suggestions[0]}': {issue.evidence}."


class ConfusableWord(_TypoRule):
    """Flag one of a classic confusable pair used in the wrong place.

    ## What it flags
    A word from a curated confusable set (affect/effect, their/there,
    lose/loose, council/counsel ... in `rules/data/confusables.toml`) where
    the language model finds its partner overwhelmingly likelier in context:
    "Their is no evidence", "the firm would loose jobs". The list only adds
    candidates with a higher prior to the statistical check of NL102; the
    context still decides.

    ## Why
    These pairs are the confusions style books warn about because writers
    keep making them, and no spell-checker can see them.

    ## Example
    `Their is no evidence that the scheme works.`

    ## Use instead
    `There is no evidence that the scheme works.`
    """

    code = "NL103"
    name = "confusable-word"
    summary = "A word from a confusable pair (affect/effect) used in the wrong place."
    severity = Severity.WARNING
    wants = ("real-word", "confusables")
    examples = (
        Example(
            "Their is no evidence that the scheme works, the minister said.",
            expect=("Their",),
            fixed="There is no evidence that the scheme works, the minister said.",
        ),
        Example("There is no evidence that their scheme works, the minister said."),
    )

    def message(self, issue: SpellingIssue) -> str:
        """Return "'loose' is often confused with 'lose': <evidence>."."""
        return f"'{issue.word}' is often confused with '{issue.suggestions[0]}': {issue.evidence}."


RULES: tuple[type[Rule], ...] = (Misspelling, RealWordSlip, ConfusableWord)
