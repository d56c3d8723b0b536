"""Built-in repetition rules (NL2xx).

* NL201 duplicated-word: "the the", also across a line break or markup.
* NL202 repeated-phrase: a time, place or attribution phrase said twice in
  one sentence ("on Tuesday ... on Tuesday").
* NL203 repeated-sentence: a sentence or paragraph pasted twice.
* NL204 word-echo (info, off by default): an uncommon word used twice in
  close succession.

Word lists and exceptions live in ``rules/data/repetition.toml``; the phrase
grammar is in :mod:`newslint.checks.repetition_phrases`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from newslint.checks.repetition_phrases import Item, Phrase, grammar, items_of, may_repeat
from newslint.data import load_data
from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Document, Paragraph, Sentence, Token, TokenKind
from newslint.rule import Example, Rule, RuleContext, Scope

_DATA_FILE = "data/repetition.toml"
_WORD = TokenKind.WORD
# Cheap pre-test (run in C): some word followed, after white space, by itself.
_DOUBLE_RE = re.compile(r"(?<![\w'.-])(\w[\w'.-]*)\s+\1(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _DoubleData:
    legitimate: frozenset[tuple[str, str]]
    after: dict[str, frozenset[str]]
    names: frozenset[tuple[str, str]]
    function_words: frozenset[str]


@lru_cache(maxsize=1)
def _double_data() -> _DoubleData:
    d = load_data(_DATA_FILE)["duplicate_word"]

    def pair(s: str) -> tuple[str, str]:
        a, b = s.casefold().split()
        return (a, b)

    return _DoubleData(
        legitimate=frozenset(pair(s) for s in d["legitimate"]),
        after={k.casefold(): frozenset(w.casefold() for w in v) for k, v in d["after"].items()},
        names=frozenset(pair(s) for s in d["names"]["names"]),
        function_words=frozenset(w.casefold() for w in d["function_words"]),
    )


def _word_alone_elsewhere(doc: Document, norm: str, shared: dict[str, Any]) -> bool:
    """Return True when ``norm`` occurs in ``doc`` at least once not doubled."""
    cache: dict[str, bool] = shared.setdefault("repetition.alone", {})
    if norm in cache:
        return cache[norm]
    text = doc.text
    alone = False
    for p in doc.paragraphs:
        toks = [t for t in p.tokens if t.kind is _WORD]
        for i, t in enumerate(toks):
            if t.norm != norm:
                continue
            before = (
                i > 0 and toks[i - 1].norm == norm and text[toks[i - 1].end : t.start].isspace()
            )
            after = (
                i + 1 < len(toks)
                and toks[i + 1].norm == norm
                and text[t.end : toks[i + 1].start].isspace()
            )
            if not before and not after:
                alone = True
                break
        if alone:
            break
    cache[norm] = alone
    return alone


class DuplicatedWord(Rule):
    """Flag a word typed twice in a row.

    ## What it flags
    The same word twice in a row with only white space between the copies,
    ignoring case, line breaks (a repeat that starts the next line of
    hard-wrapped text) and inline markup (`the *the*` in Markdown). Doubles
    that are grammatical are left alone: "had had", "that that", "told her her
    name", "carry on on Monday", interjections such as "bye bye", and
    reduplicated names such as "Duran Duran" (a doubled capitalised word that
    the story never uses alone is taken to be a name). The exceptions are data
    in `rules/data/repetition.toml`. Doubles inside quotations are reported too:
    a typed double in a quote is still a typo, but the fix is not applied there.

    ## Why
    Doubled words are the commonest keyboard slip, survive spell-checkers and
    are easy to miss when the copies sit at the end of one line and the start
    of the next.

    ## Example
    `The council voted to to approve the budget.`

    ## Use instead
    `The council voted to approve the budget.` The safe fix deletes the second
    copy and the space before it.
    """

    code = "NL201"
    name = "duplicated-word"
    category = Category.REPETITION
    summary = "Same word twice in a row."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    fixable = True
    in_quotes = True
    examples = (
        Example("The the council met.", expect=("the",), fixed="The council met."),
        Example("She had had enough of the delays."),
        Example("Duran Duran played two shows."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report each word whose previous word is the same word."""
        if _DOUBLE_RE.search(unit.text.replace("\u2019", "'")) is None:
            return
        doc = ctx.doc
        text = doc.text
        toks = unit.tokens
        first_word = next((i for i, t in enumerate(toks) if t.kind is _WORD), -1)
        for i in range(1, len(toks)):
            b = toks[i]
            a = toks[i - 1]
            if (
                b.kind is not _WORD
                or a.kind is not _WORD
                or len(a.text) != len(b.text)
                or a.norm != b.norm
            ):
                continue
            gap_start, gap_end = a.end, b.start
            if gap_end <= gap_start or not text[gap_start:gap_end].isspace():
                continue
            if doc.ignored and doc.is_ignored(gap_start, gap_end):
                continue
            if self._legitimate(toks, i, i - 1 == first_word, ctx):
                continue
            ctx.report(
                b.start,
                b.end,
                f"Duplicated word '{b.text}'.",
                fix=ctx.delete(a.end, b.end, safe=True, title=f"Delete the second '{b.text}'"),
                related=[ctx.related(a.start, a.end, "first copy")],
            )

    @staticmethod
    def _legitimate(toks: list[Token], i: int, sentence_initial: bool, ctx: RuleContext) -> bool:
        data = _double_data()
        a, b = toks[i - 1], toks[i]
        w = b.norm
        if (w, w) in data.legitimate:
            return True
        before = toks[i - 2] if i >= 2 and toks[i - 2].kind is _WORD else None
        if before is not None and w in data.after and before.norm in data.after[w]:
            return True
        if a.text[:1].isupper() and b.text[:1].isupper():
            if (w, w) in data.names:
                return True
            if w in data.function_words:
                # "The The" mid-sentence is the band; at the start it is a slip.
                return not sentence_initial
            if not b.text.isalpha() or (len(b.text) > 1 and b.text.isupper()):
                return False  # "U.S. U.S.", "EU EU": abbreviations are not reduplicated names
            # A doubled name ("Bafana Bafana") is never used alone in the story.
            return not _word_alone_elsewhere(ctx.doc, w, ctx.shared)
        return False


def _in_sure_quote(doc: Document, span: tuple[int, int]) -> bool:
    """Return True when ``span`` lies in a quotation whose extent is known.

    A quotation that is never closed (and is not a running quote) runs to the
    end of its paragraph only by guesswork, so it is not trusted here.
    """
    if not doc.quotes:
        return False
    q = doc.quote_at(*span)
    return q is not None and (q.closed or q.continued)


def _span(items: list[Item], p: Phrase) -> tuple[int, int]:
    return items[p.start].token.start, items[p.end - 1].token.end


class RepeatedPhrase(Rule):
    """Flag a time, place or attribution phrase repeated in one sentence.

    ## What it flags
    A second copy of an adverbial phrase inside the same sentence: a time or
    date ("on Tuesday", "last week", "in January", "earlier this year", "on 1
    April"), a place ("in London", "in the United States") or an attribution
    ("he said ... , he said,"). Phrases are recognised by shape (preposition or
    time word plus a time noun, date or proper name), not from a list of
    phrases, and compared in full, so "in December" and "in December 2003"
    differ. Not flagged: parallel structure where both copies end their clause
    ("born in London and died in London") or the repeat is part of a longer
    repeated frame; fixed expressions ("from time to time", "year on year");
    and repeats that both sit inside a quotation, where the speaker may repeat
    on purpose.

    ## Why
    When two editors each add the dateline detail, a sentence ends up saying
    "In a speech on Tuesday, the president on Tuesday blamed ...". The second
    copy adds nothing and reads as a slip.

    ## Example
    `In a speech on Tuesday, the president on Tuesday blamed the West.`

    ## Use instead
    `In a speech on Tuesday, the president blamed the West.` The fix (unsafe,
    since the copy to keep is a judgement call) deletes the second copy.
    """

    code = "NL202"
    name = "repeated-phrase"
    category = Category.REPETITION
    summary = "Time, place or attribution phrase repeated in one sentence."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    fixable = True
    in_quotes = True
    examples = (
        Example("On Tuesday the president on Tuesday blamed the West.", expect=("on Tuesday",)),
        Example("In London, shares in London fell 3%.", expect=("in London",)),
        Example("She was born in London and died in London."),
        Example("Sales rose in December after falling in December 2003."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Group the sentence's phrases by wording and report later copies."""
        if not may_repeat(unit.text):
            return
        items = items_of(unit)
        g = grammar()
        phrases = g.phrases(items)
        if len(phrases) >= 2:
            self._check_adverbials(unit, items, phrases, ctx)
        attributions = g.attributions(items)
        if len(attributions) >= 2:
            self._check_attributions(unit, items, attributions, ctx)

    def _check_adverbials(
        self, unit: Sentence, items: list[Item], phrases: list[Phrase], ctx: RuleContext
    ) -> None:
        groups: dict[tuple[str, ...], list[Phrase]] = {}
        for p in phrases:
            groups.setdefault(p.key, []).append(p)
        if all(len(v) < 2 for v in groups.values()):
            return
        g = grammar()
        fixed = g.fixed_spans(items)
        starts = {p.start for p in phrases}
        doc = ctx.doc
        for group in groups.values():
            if len(group) < 2:
                continue
            a = group[0]
            for b in group[1:]:
                if any(s < p.end and p.start < e for p in (a, b) for s, e in fixed):
                    continue
                a_span, b_span = _span(items, a), _span(items, b)
                if _in_sure_quote(doc, a_span) and _in_sure_quote(doc, b_span):
                    continue  # the speaker repeated it
                if (
                    a.start > 0
                    and not items[a.start].gap_before
                    and not items[b.start].gap_before
                    and items[a.start - 1].norm == items[b.start - 1].norm
                ):
                    continue  # a longer repeated frame: parallel clauses
                a_ends = g.ends_clause(items, a.end, starts)
                b_ends = g.ends_clause(items, b.end, starts)
                if a_ends and b_ends:
                    continue  # parallel structure: "born in London and died in London"
                if a_ends == b_ends and g.parallel_slots(items, a, b):
                    continue  # "sales in January rose, while costs in January fell"
                self._report(unit, a_span, b_span, "phrase", ctx)

    def _check_attributions(
        self, unit: Sentence, items: list[Item], attributions: list[Phrase], ctx: RuleContext
    ) -> None:
        g = grammar()
        doc = ctx.doc
        seen: dict[tuple[str, ...], Phrase] = {}
        for p in attributions:
            a = seen.get(p.key)
            if a is None:
                seen[p.key] = p
                continue
            b = p
            a_span, b_span = _span(items, a), _span(items, b)
            if doc.quotes and (doc.overlaps_quote(*a_span) or doc.overlaps_quote(*b_span)):
                continue
            if (
                a.start > 0
                and not items[a.start].gap_before
                and items[a.start - 1].norm in g.lex.embedding
            ):
                continue  # "which he said ..." is a clause, not the attribution
            parenthetical = items[b.start].gap_before and (
                b.end >= len(items) or items[b.end].gap_before
            )
            if not parenthetical:
                continue
            self._report(unit, a_span, b_span, "attribution", ctx)

    @staticmethod
    def _report(
        unit: Sentence,
        a_span: tuple[int, int],
        b_span: tuple[int, int],
        what: str,
        ctx: RuleContext,
    ) -> None:
        text = ctx.doc.text
        first = text[a_span[0] : a_span[1]]
        second = text[b_span[0] : b_span[1]]
        del_start, del_end = _deletion(unit, b_span)
        label = "attribution" if what == "attribution" else "phrase"
        as_first = "" if first == second else f" as '{first}'"
        ctx.report(
            b_span[0],
            b_span[1],
            f"Repeated {label}: '{second}' already appears earlier in this sentence{as_first}.",
            fix=ctx.delete(del_start, del_end, safe=False, title=f"Delete the second '{second}'"),
            related=[ctx.related(a_span[0], a_span[1], "first copy")],
        )


def _deletion(unit: Sentence, span: tuple[int, int]) -> tuple[int, int]:
    """Return the range that removes the phrase at ``span`` and one separator."""
    toks = unit.tokens
    starts = [t.start for t in toks]
    i = bisect.bisect_left(starts, span[0])
    j = bisect.bisect_left(starts, span[1])
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if prev is None:
        end = nxt.start if nxt is not None else span[1]
        return span[0], end
    if prev.kind is TokenKind.PUNCT and prev.text in ",;":
        if nxt is not None and nxt.kind is TokenKind.PUNCT and nxt.text == ",":
            return prev.start, nxt.end  # "the plan, he said, would" -> "the plan would"
        if nxt is None or nxt.kind is TokenKind.PUNCT:
            return prev.start, span[1]  # "a rise, in November." -> "a rise."
    return prev.end, span[1]


_REPEAT_BLOCKS = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})
_TERMINAL = ".!?\u2026"


_CLOSERS = "\"')]\u201d\u2019"


def _unit_key(text: str) -> str:
    """Return ``text`` with case, spacing, line breaks and quote styles folded."""
    folded = (
        text.replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2018", "'")
        .replace("\u2019", "'")
    )
    return " ".join(folded.casefold().split())


class RepeatedSentence(Rule):
    """Flag a sentence or paragraph that appears twice in a story.

    ## What it flags
    A body paragraph, or a sentence, whose words and punctuation (ignoring case,
    line breaks and spacing) repeat an earlier one in the same document. A
    repeated paragraph is reported once, not sentence by sentence. Short lines
    without a full stop (fixture lists, "Winners meet in final") need at least
    `min_words` words (default 8); full sentences need 4.

    ## Why
    Copy-and-paste while restructuring a story often leaves a paragraph or a
    sentence in twice. Readers notice at once; editors skimming do not.

    ## Example
    `The mayor resigned on Friday. ... The mayor resigned on Friday.`

    ## Use instead
    Delete one copy. The fix (unsafe) deletes the second copy.
    """

    code = "NL203"
    name = "repeated-sentence"
    category = Category.REPETITION
    summary = "Same sentence or paragraph twice in a story."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    in_quotes = True
    option_defaults: ClassVar[Mapping[str, Any]] = {"min_words": 8, "min_sentence_words": 4}
    examples = (
        Example(
            "Budget approved\n\nThe council approved the new budget on Monday.\n\n"
            "It will take effect in April.\n\n"
            "The council approved the new\nbudget on Monday.\n",
            expect=("The council approved the new\nbudget on Monday.",),
        ),
        Example("Winners meet in final\n\nSome text here.\n\nWinners meet in final\n"),
    )

    def _long_enough(self, key: str) -> bool:
        words = key.count(" ") + 1
        if words >= int(self.options["min_words"]):
            return True
        terminal = key.rstrip(_CLOSERS)[-1:] in _TERMINAL
        return terminal and words >= int(self.options["min_sentence_words"])

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the later copy of each repeated paragraph or sentence."""
        all_paragraphs = unit.paragraphs
        seen_paras: dict[str, Paragraph] = {}
        seen_sents: dict[str, Sentence] = {}
        for p in all_paragraphs:
            if p.kind not in _REPEAT_BLOCKS:
                continue
            key = _unit_key(p.text)
            first_para = seen_paras.get(key)
            if first_para is not None and self._long_enough(key):
                start = all_paragraphs[p.index - 1].end if p.index > 0 else p.start
                ctx.report(
                    p.start,
                    p.end,
                    "Repeated paragraph: this paragraph already appears above.",
                    fix=ctx.delete(start, p.end, safe=False, title="Delete the repeated paragraph"),
                    related=[ctx.related(first_para.start, first_para.end, "first copy")],
                )
                continue
            seen_paras.setdefault(key, p)
            sentences = p.sentences
            for i, s in enumerate(sentences):
                skey = _unit_key(s.text)
                first = seen_sents.get(skey)
                if first is not None and self._long_enough(skey):
                    if i > 0:
                        d0, d1 = sentences[i - 1].end, s.end
                    elif i + 1 < len(sentences):
                        d0, d1 = s.start, sentences[i + 1].start
                    else:
                        d0, d1 = s.start, s.end
                    ctx.report(
                        s.start,
                        s.end,
                        "Repeated sentence: this sentence already appears above.",
                        fix=ctx.delete(d0, d1, safe=False, title="Delete the repeated sentence"),
                        related=[ctx.related(first.start, first.end, "first copy")],
                    )
                else:
                    seen_sents.setdefault(skey, s)


@dataclass(frozen=True, slots=True)
class _EchoData:
    common: frozenset[str]
    min_length: int
    fixed: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def _echo_data() -> _EchoData:
    data = load_data(_DATA_FILE)
    e = data["echo"]
    return _EchoData(
        common=frozenset(w.casefold() for w in e["common_words"])
        | frozenset(w.casefold() for w in data["duplicate_word"]["function_words"]),
        min_length=int(e["min_length"]),
        fixed=tuple(tuple(x.casefold().split()) for x in data["phrase"]["fixed_expressions"]),
    )


class WordEcho(Rule):
    """Flag an uncommon word used twice in close succession.

    ## What it flags
    The same content word (ignoring case) twice within `window` words
    (default 12) of one sentence, when the word is at least five letters long,
    is not a common word or a proper name, is not part of a fixed expression
    such as "step by step", and appears no more than `max_uses` times (default
    2) in the whole story (a word used more often is the topic, not an echo).
    Off by default and informational: echoes are a matter of style.

    ## Why
    An unusual word used twice in a breath ("a dramatic rescue ... dramatic
    scenes") makes the reader notice the word instead of the story.

    ## Example
    `The dramatic rescue ended with dramatic scenes on the quay.`

    ## Use instead
    Use a different word for one of the copies, or drop it: `The dramatic
    rescue ended with chaotic scenes on the quay.`
    """

    code = "NL204"
    name = "word-echo"
    category = Category.REPETITION
    summary = "Uncommon word used twice in close succession."
    severity = Severity.INFO
    scope = Scope.SENTENCE
    default_enabled = False
    option_defaults: ClassVar[Mapping[str, Any]] = {"window": 12, "max_uses": 2}
    blocks = _REPEAT_BLOCKS
    examples = (
        Example("Dramatic scenes followed the dramatic rescue.", expect=("dramatic",)),
        Example("The talks went step by step towards a deal."),
    )

    @staticmethod
    def _uses(doc: Document, shared: dict[str, Any]) -> dict[str, int]:
        counts: dict[str, int] | None = shared.get("repetition.word_uses")
        if counts is None:
            counts = {}
            for t in doc.tokens():
                if t.kind is _WORD:
                    w = t.norm
                    counts[w] = counts.get(w, 0) + 1
            shared["repetition.word_uses"] = counts
        return counts

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report the second copy of a word seen within the window."""
        data = _echo_data()
        window = int(self.options["window"])
        max_uses = int(self.options["max_uses"])
        words = [t for t in unit.tokens if t.kind is _WORD]
        if len(words) < 3:
            return
        norms = [t.norm for t in words]
        uses = self._uses(ctx.doc, ctx.shared)
        in_fixed = [False] * len(words)
        for expr in data.fixed:
            m = len(expr)
            for i, w in enumerate(norms):
                if w == expr[0] and tuple(norms[i : i + m]) == expr:
                    for k in range(i, i + m):
                        in_fixed[k] = True
        last_seen: dict[str, int] = {}
        for i, t in enumerate(words):
            w = norms[i]
            if (
                len(w) < data.min_length
                or w in data.common
                or in_fixed[i]
                or (i > 0 and t.text[:1].isupper())
                or not w.isalpha()
                or uses.get(w, 0) > max_uses
            ):
                continue
            j = last_seen.get(w)
            last_seen[w] = i
            if j is None or i - j > window:
                continue
            first = words[j]
            ctx.report(
                t.start,
                t.end,
                f"'{t.text}' echoes '{first.text}' {i - j} words earlier.",
                related=[ctx.related(first.start, first.end, "first use")],
            )


RULES: tuple[type[Rule], ...] = (DuplicatedWord, RepeatedPhrase, RepeatedSentence, WordEcho)
