"""Decide whether a paragraph (or a sentence) is web-page residue.

Two kinds of evidence, combined per paragraph:

* **phrases** from ``rules/data/boilerplate.toml``: a paragraph is residue
  when known residue phrases cover it from end to end (several may follow
  one another, separated only by punctuation), so "Sorry, something went
  wrong. Please refresh the page." is residue but a sentence that merely
  mentions cookies is not;
* **structure**: lines with no sentence punctuation that end in a dangling
  word, carry a pipe separator, a copyright sign, a trailing credit in
  brackets, a "Label: Headline" shape, a price with deal words, or read as a
  title-case headline, section label or bare name sitting alone among
  paragraphs of copy.

Everything here works on plain strings; the rules map results to spans.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from newslint.data import load_data

DATA_FILE = "data/boilerplate.toml"

_MACRO_RE = re.compile(r"\{([a-z_]+)\}")
# Simple patterns use the standard library's re, which is faster for them.
_BULLET_RE = re.compile(r"(?m)^[ \t]*[•·▪◦‣►▶*+-](?=[ \t])")
_BULLETS = tuple("•·▪◦‣►▶*+-")
_WORD_RE = re.compile(r"(?:[^\W_]|[$£€¥©@#])(?:[^\W_]|['’.&@$£€%-])*")
# Punctuation that may separate residue phrases on one line.
_SEP = r"[\s.!?:;,|•·–—\-…*/>»«<()\[\]\"'“”]"
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a piece of text is (or may be) residue."""

    kind: str  # widget, ad, cta, social, caption, related, timestamp, byline, ...
    label: str  # human description of the kind
    strong: bool  # True: certain enough to warn and delete; False: worth a look
    reason: str  # the evidence, for the message


@dataclass(frozen=True, slots=True)
class _PhraseSet:
    """One compiled matcher: 'covered end to end by residue phrases'.

    All patterns go into one expression with a named group per kind
    (``k_<kind>``, and ``b_<kind>`` for patterns allowed only on a line
    without sentence punctuation). After a match the groups that took part
    tell which kinds cover the text.
    """

    pattern: Any  # re.Pattern[str], for one line of text
    groups: dict[str, str]  # group name -> kind
    multiline: str  # the expression for text with line breaks (never normalised text)

    def match(self, text: str) -> list[str] | None:
        """Return the kinds covering ``text``, the first one first, or None."""
        pattern = self.pattern if "\n" not in text else _compiled(self.multiline)
        if len(text) <= _UNGUARDED_CHARS:
            m = pattern.fullmatch(text)
        else:
            try:
                with _time_limit(MATCH_SECONDS):
                    m = pattern.fullmatch(text)
            except _MatchTimeout:
                return None  # a line this hard to read as phrases is not residue
        if m is None:
            return None
        # Each group keeps its last capture; the kind whose capture starts
        # first is (nearly always) the one the line starts with.
        found = sorted(
            (m.start(name), kind) for name, kind in self.groups.items() if m.group(name) is not None
        )
        return list(dict.fromkeys(kind for _, kind in found))


# Lines up to this long match in microseconds whatever they hold. Longer ones
# made of many open-ended phrases ("more: more: ... " and a long tail) can
# make the matcher try exponentially many ways to split them into phrases, so
# their match runs under a time limit (``re`` checks for signals while it
# backtracks). Real residue lines are short: the longest in the corpus is 92.
_UNGUARDED_CHARS = 150
MATCH_SECONDS = 0.25


class _MatchTimeout(Exception):
    """The phrase matcher ran out of time on one line."""


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise _MatchTimeout


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_MatchTimeout` in the block after ``seconds`` (where signals allow).

    Only the main thread can take signals, and a timer someone else set is
    left alone: there the block runs unguarded, as it did before.
    """
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=2)
def _compiled(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Structure:
    """Word lists for the structural checks."""

    dangling: frozenset[str]
    credit: frozenset[str]
    section: frozenset[str]
    deal: frozenset[str]
    small: frozenset[str]


@dataclass(frozen=True, slots=True)
class ResidueData:
    """Compiled boilerplate data."""

    labels: dict[str, str]
    phrases: _PhraseSet
    inline_kinds: frozenset[str]  # kinds that may form a whole sentence inside copy
    inline_search: Any  # re.Pattern[str]: unmistakable residue anywhere
    inline_keywords: tuple[str, ...]  # one of them is in every inline_search match
    structure: Structure


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 8:
        raise ValueError(f"{DATA_FILE}: macro recursion too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"{DATA_FILE}: unknown macro {{{name}}} in {pattern!r}")
        return "(?:" + _expand(macros[name], macros, depth + 1) + ")"

    return _MACRO_RE.sub(sub, pattern)


# Patterns allowed only on a line with no sentence punctuation at its end. The
# test is made once, at the start: a lookahead that runs to the end of the
# line sets the group when the line ends a sentence, and each such pattern
# fails when it is set. (The lookahead in front of each pattern, as the test
# used to be made, ran to the end of the line from every position the
# pattern was tried at: quadratic in the line's length. No such pattern can
# start after the sentence punctuation, among closing quotes and brackets,
# so the two tests agree.)
_SENTENCE_END = r"[.!?…][\"'”’)\]]*$"
_ENDS_SENTENCE = rf"(?:(?=(?P<ends_sentence>.*{_SENTENCE_END})))?+"
_BARE_GUARD = "(?(ends_sentence)(?!))"
# The same test as a lookahead per pattern, for text of several lines, where
# it looks at the end of the line the pattern starts on.
_BARE_GUARD_MULTILINE = rf"(?!.*{_SENTENCE_END})"


def _phrase_set(raw: dict[str, Any], macros: dict[str, str]) -> _PhraseSet:
    alts = []
    groups = {}
    for kind, spec in raw.items():
        for prefix, key in (("k", "patterns"), ("b", "bare_patterns")):
            patterns = spec.get(key, [])
            if not patterns:
                continue
            name = f"{prefix}_{kind}"
            body = "|".join(_expand(p, macros) for p in patterns)
            alts.append((name, f"(?:{body})"))
            groups[name] = kind

    def sequence(guard: str) -> str:
        alternatives = "|".join(
            f"(?P<{name}>{guard if name.startswith('b_') else ''}{body})" for name, body in alts
        )
        return rf"{_SEP}*(?:(?<!\w)(?:{alternatives})(?!\w){_SEP}*)+"

    # Some 19,000 characters: compiling costs more than linting an article.
    return _PhraseSet(
        re.compile(_ENDS_SENTENCE + sequence(_BARE_GUARD), re.IGNORECASE),
        groups,
        sequence(_BARE_GUARD_MULTILINE),
    )


@lru_cache(maxsize=1)
def residue_data() -> ResidueData:
    """Load and compile the boilerplate data (once per process)."""
    raw = load_data(DATA_FILE)
    macros: dict[str, str] = raw["macros"]
    kinds: dict[str, Any] = raw["kinds"]
    labels = {kind: spec["label"] for kind, spec in kinds.items()}
    inline = frozenset(kind for kind, spec in kinds.items() if spec.get("inline", False))
    anywhere = [f"(?i:{_expand(p, macros)})" for p in raw["inline"]["phrases"]]
    anywhere += [re.escape(p) for p in raw["inline"]["caps"]]
    inline_search = re.compile(r"\b(?:" + "|".join(anywhere) + r")\b")
    st = raw["structure"]
    structure = Structure(
        dangling=frozenset(st["dangling_words"]),
        credit=frozenset(st["credit_words"]),
        section=frozenset(st["section_nouns"]),
        deal=frozenset(st["deal_words"]),
        small=frozenset(st["title_small_words"]),
    )
    return ResidueData(
        labels=labels,
        phrases=_phrase_set(kinds, macros),
        inline_kinds=inline,
        inline_search=inline_search,
        inline_keywords=tuple(raw["inline"]["keywords"]),
        structure=structure,
    )


def normalise(text: str) -> str:
    """Drop list bullets, straighten apostrophes and collapse whitespace."""
    # A substring search per bullet character is faster than a set test per
    # character of the text.
    if any(b in text for b in _BULLETS):
        text = _BULLET_RE.sub("", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def word_count(norm: str) -> int:
    """Return the number of space-separated words of normalised text."""
    return norm.count(" ") + 1 if norm else 0


def words_of(text: str) -> list[str]:
    """Return the word-like tokens of normalised text."""
    return _WORD_RE.findall(text)


def ends_sentence(text: str) -> bool:
    """Return True when ``text`` ends with sentence punctuation."""
    return _SENTENCE_END_RE.search(text) is not None


# Longest text tried against the phrases. Residue is short (the longest in the
# corpus is under 100 characters; 80 words is the paragraph limit), and the
# matcher costs about 15 us per character of a line that does not match, so
# a megabyte "line" of quotation marks (a single word) would take seconds.
MAX_PHRASE_CHARS = 1000


def phrase_verdict(text: str, *, inline: bool = False) -> Verdict | None:
    """Return a verdict when residue phrases cover normalised ``text`` entirely.

    With ``inline``, ``text`` is a sentence inside a paragraph of copy and
    only the kinds marked ``inline`` count.
    """
    if len(text) > MAX_PHRASE_CHARS:
        return None
    data = residue_data()
    kinds = data.phrases.match(text)
    if not kinds:
        return None
    if inline and not data.inline_kinds.issuperset(kinds):
        return None
    kind = kinds[0]
    return Verdict(kind, data.labels[kind], True, "known residue phrase")


_PIPE_RE = re.compile(r"\s\|(?:\s|$)|^\|\s|\s\|$")
_CREDIT_PAREN_RE = re.compile(
    r"\((?:(?:image|photo|picture|pic|credit|source|photograph|illustration|video|footage)s?"
    r"\s*:[^()]{0,60}|(?:getty(?: images)?|afp|ap|reuters|epa|pa|shutterstock|alamy|handout"
    r"|file(?: photo)?|supplied|pictured|stock image)(?:/[^()]{0,40})?)\s*\)$",
    re.IGNORECASE,
)
_PRICE_RE = re.compile(r"[$£€¥]\s?\d|\d\s?%\s?off\b|\b\d+(?:\.\d\d)?\s?(?:dollars|pounds|euros)\b")
_LABEL_HEAD_RE = regex.compile(r"^(\p{Lu}[^:]{0,40}):\s+(\S.*)$")
_PAREN_NUMBER_RE = re.compile(r"\(\d")  # "(71)": a line-up or results list
# A personal name alone on a line (optionally after "By").
_NAME_LINE_RE = regex.compile(r"(?:By )?\p{Lu}[\p{L}'.-]+(?: (?:\p{Lu}\.|\p{Lu}[\p{L}'.-]+)){1,3}")
# A subhead may end in a preposition ("Who to vote for"); widget text does not ask.
_QUESTION_WORDS = frozenset({"what", "who", "whom", "where", "when", "why", "how", "which"})


def _capitalised(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or first in "$£€¥©@#"


def is_title_case(words: list[str], small: frozenset[str]) -> bool:
    """Return True when every word but small function words is capitalised."""
    if not words or not _capitalised(words[0]):
        return False
    return all(_capitalised(w) or w.lower() in small for w in words[1:])


def structural_verdict(text: str, *, alone: bool, after_headline: bool = False) -> Verdict | None:
    """Return a verdict from the shape of a line with no sentence punctuation.

    ``text`` is normalised. ``alone`` says the paragraph sits among
    paragraphs of copy (not in a run of short unpunctuated lines, which is a
    list or table). ``after_headline`` says it directly follows the story
    headline, where a bare name is a byline.
    """
    if ends_sentence(text) or text.endswith(":") or text[:1] in "\"'“‘(":
        return None
    words = words_of(text)
    n = len(words)
    if n == 0 or n > 30:
        return None
    st = residue_data().structure
    lower = [w.lower() for w in words]
    if n <= 20 and _PIPE_RE.search(text):
        return Verdict("byline", "byline or navigation line", True, "'|' separators")
    if _CREDIT_PAREN_RE.search(text):
        return Verdict("caption", "image caption with its credit", True, "trailing credit")
    if n <= 25 and "©" in text:
        return Verdict("caption", "photo credit", True, "copyright sign")
    if (
        2 <= n <= 12
        and lower[-1] in st.dangling
        and lower[0] not in _QUESTION_WORDS
        and not text.endswith(("-", "–", "—"))
    ):
        return Verdict(
            "widget", "truncated widget text", True, f"ends with the dangling word '{words[-1]}'"
        )
    if n <= 25 and _PRICE_RE.search(text) and sum(w in st.deal for w in lower) >= 2:
        return Verdict("ad", "shopping or deal promotion", True, "a price with deal wording")
    title = is_title_case(words, st.small)
    if 2 <= n <= 4 and title and lower[-1] in st.section:
        return Verdict("related", "section or navigation label", True, "a title-case label")
    m = _LABEL_HEAD_RE.match(text)
    if m and alone and n <= 25:
        head = words_of(m.group(1))
        tail = words_of(m.group(2))
        tail_lower = sum(1 for w in tail if w[0].islower())
        if (
            1 <= len(head) <= 4
            and len(tail) >= 3
            and tail_lower >= 2
            and m.group(2).count(",") <= 1
            and not _PAREN_NUMBER_RE.search(m.group(2))
        ):
            # Also the shape of a labelled subhead ("Timeline: How it unfolded").
            return Verdict(
                "related",
                "possible related-story link",
                False,
                "a 'Label: Headline' line without a full stop",
            )
    if not alone:
        return None
    if n <= 10 and any(w in st.credit for w in lower):
        return Verdict("caption", "possible photo credit", False, "a credit word")
    if after_headline and _NAME_LINE_RE.fullmatch(text):
        return Verdict("byline", "bare byline", True, "a name alone under the headline")
    if n <= 20 and title:
        return Verdict(
            "related",
            "stray headline, byline or label",
            False,
            "a title-case line with no sentence punctuation",
        )
    return None


def inline_hits(text: str) -> list[tuple[int, int]]:
    """Return spans of unmistakable residue phrases inside ``text``."""
    data = residue_data()
    low = text.lower()
    if not any(k in low for k in data.inline_keywords):
        return []
    # Same length: offsets stay valid while line breaks and curly
    # apostrophes match the phrases' spaces and straight apostrophes.
    flat = text.translate(_FLATTEN)
    return [(m.start(), m.end()) for m in data.inline_search.finditer(flat)]


_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u2019": "'", "\u2018": "'"})
