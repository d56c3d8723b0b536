"""Newswire-aware tokenizer and sentence splitter.

Rules never re-derive word boundaries with a regex ``\\b``: that splits
``don't`` and ``state-run``, which must stay one token each. They use the
tokens made here instead.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

import regex

__all__ = ["Token", "TokenKind", "split_sentences", "tokenize"]


class TokenKind(enum.Enum):
    """What a token is."""

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    URL = "url"
    EMAIL = "email"
    HANDLE = "handle"
    HASHTAG = "hashtag"


# Not frozen: a frozen dataclass's __init__ costs three times as much, and a
# long article makes hundreds of thousands of tokens. Treat tokens as
# immutable all the same (they are hashed and shared between rules).
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A token of the prose view: ``start``/``end`` are prose-view offsets.

    ``norm`` is the case-folded text with curly apostrophes straightened,
    computed once here because nearly every rule compares normalised words.
    """

    kind: TokenKind
    start: int
    end: int
    text: str
    norm: str = ""

    @property
    def is_word(self) -> bool:
        """Return True for WORD tokens."""
        return self.kind is TokenKind.WORD


def normalise(text: str) -> str:
    """Return ``text`` case-folded with curly apostrophes straightened."""
    if "\u2019" in text or "\u2018" in text:
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    return text.casefold()


_APOS = "'\u2019"
# Email runs are matched possessively and only from the start of a run, and
# dotted abbreviations possessively (backing off can never succeed): a long run
# of dots, dashes or "a.a.a." is then tokenized in linear time.
_URL = r"(?P<url>(?:https?://|www\.)[^\s<>\"\u201c\u201d]+[^\s<>\"\u201c\u201d.,;:!?)\]'\u2019])"
_EMAIL = r"(?P<email>(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+)"
_HANDLE = r"(?P<handle>(?<![\w@])@\w{1,30})"
_HASHTAG = r"(?P<hashtag>(?<![\w#])\#\p{L}\w*)"
# The plain grammar, in order of preference. ``{L}``, ``{M}``, ``{D}`` and
# ``{S}`` are the contents of a character class (letters, marks, digits,
# spaces), so one text serves both the ``regex`` module's Unicode properties
# and the explicit classes of the fast path below.
_PLAIN_BRANCHES = (
    ("abbr", r"(?:[{L}]\.){{2,}}+(?![{L}])"),
    ("number", r"[$£€¥]?[{D}]+(?:[.,:/][{D}]+)*(?:[{L}%]+)?"),
    ("word", r"[{L}][{L}{M}{D}]*(?:(?:[-'\u2019]|\.(?=[{L}]))[{L}{M}{D}]+)*"),
    ("punct", r"[^{S}{L}{D}]"),
)
_PROPERTIES = {"L": r"\p{L}", "M": r"\p{M}", "D": r"\d", "S": r"\s"}
_REST = " | ".join(f"(?P<{name}>{body.format(**_PROPERTIES)})" for name, body in _PLAIN_BRANCHES)
_TOKEN_RE = regex.compile(f"{_URL} | {_EMAIL} | {_HANDLE} | {_HASHTAG} | {_REST}", regex.VERBOSE)
# Most paragraphs hold no "@", "#", "://" or "www.": then the URL, e-mail,
# handle and hashtag branches cannot match, and trying them at every word
# (the e-mail branch reads each word twice) is most of the tokenizer's time.
_PLAIN_TOKEN_RE = regex.compile(_REST, regex.VERBOSE)


def _char_class(chars: list[str]) -> str:
    """Return the contents of a character class matching exactly ``chars``, as ranges."""
    parts: list[str] = []
    codes = sorted(map(ord, chars))
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\U{codes[i]:08x}" if i == j else f"\\U{codes[i]:08x}-\\U{codes[j]:08x}")
        i = j + 1
    return "".join(parts)


# The fast path. The stdlib ``re`` engine runs the plain grammar about twice
# as fast as ``regex`` but knows no Unicode properties, so over the characters
# of Western news copy (Latin scripts and their combining accents, general
# punctuation, currency and letterlike signs) the properties are spelled out
# as explicit classes, taken from ``regex`` itself so both engines agree on
# every character. A paragraph with any other character takes the ``regex``
# path. (Each block added here costs start-up time: ``re`` compiles wide
# classes slowly.)
_FAST_SPANS = (
    (0x0000, 0x0250),
    (0x0300, 0x0370),
    (0x1E00, 0x1F00),
    (0x2000, 0x20D0),
    (0x2100, 0x2150),
)
_FAST_CHARS = "".join(chr(c) for lo, hi in _FAST_SPANS for c in range(lo, hi))
_BEYOND_FAST_RE = re.compile(
    "[^" + "".join(f"\\U{lo:08x}-\\U{hi - 1:08x}" for lo, hi in _FAST_SPANS) + "]"
)
_FAST_CLASSES = {key: regex.findall(f"[{prop}]", _FAST_CHARS) for key, prop in _PROPERTIES.items()}
_FAST_LETTERS = frozenset(_FAST_CLASSES["L"])
_FAST_DIGITS = frozenset(_FAST_CLASSES["D"])
_FAST_SPACES = frozenset(_FAST_CLASSES["S"])


@functools.cache
def _fast_plain_re() -> re.Pattern[str]:
    """Return the fast plain grammar: leading spaces, then one token.

    The gaps between plain tokens are only spaces (every other character
    starts a branch), so ``findall`` yields every token with its offset
    implied by the lengths, and no match objects are made. Compiled on first
    use: it takes a few milliseconds.
    """
    classes = {key: _char_class(chars) for key, chars in _FAST_CLASSES.items()}
    branches = " | ".join(f"(?:{body.format(**classes)})" for _, body in _PLAIN_BRANCHES)
    return re.compile(f"([{classes['S']}]*+)({branches})", re.VERBOSE)


def _token_re(text: str, start: int, end: int) -> regex.Pattern[str]:
    """Return the cheapest ``regex`` pattern that tokenizes ``text[start:end]`` correctly."""
    for marker in ("@", "#", "://", "www."):
        if text.find(marker, start, end) >= 0:
            return _TOKEN_RE
    return _PLAIN_TOKEN_RE


_KINDS: dict[str | None, TokenKind] = {
    None: TokenKind.PUNCT,
    "url": TokenKind.URL,
    "email": TokenKind.EMAIL,
    "handle": TokenKind.HANDLE,
    "hashtag": TokenKind.HASHTAG,
    "abbr": TokenKind.WORD,
    "number": TokenKind.NUMBER,
    "word": TokenKind.WORD,
    "punct": TokenKind.PUNCT,
}


def _plain_kind(word: str) -> TokenKind:
    """Return the kind of ``word`` when the fast plain grammar made it.

    The text alone decides it there: a word or abbreviation starts with a
    letter, a number with a digit or a currency sign and a digit, and
    punctuation is one character that is neither.
    """
    first = word[0]
    if first in _FAST_LETTERS:
        return TokenKind.WORD
    if first in _FAST_DIGITS or len(word) > 1:
        return TokenKind.NUMBER
    return TokenKind.PUNCT


def _shared(word: str) -> tuple[str, str, TokenKind]:
    """Return the shared (text, norm, plain kind) of ``word``, filling the cache."""
    norm = normalise(word)
    # One string object per distinct word, and the word itself as its norm
    # when folding changes nothing: a 50 MB file has millions of tokens but a
    # small vocabulary. The kind is only read on the fast path.
    shared = _WORDS[word] = (word, word if norm == word else norm, _plain_kind(word))
    return shared


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of ``text[start:end]`` with offsets into ``text``."""
    if end is None:
        end = len(text)
    out: list[Token] = []
    append = out.append
    words = _WORDS
    if len(words) > _WORDS_MAX:
        words.clear()
    pattern = _token_re(text, start, end)
    if pattern is _PLAIN_TOKEN_RE and _BEYOND_FAST_RE.search(text, start, end) is None:
        # Trailing spaces would be rescanned from each position (quadratic).
        while end > start and text[end - 1] in _FAST_SPACES:
            end -= 1
        pos = start
        for spaces, word in _fast_plain_re().findall(text, start, end):
            shared = words.get(word) or _shared(word)
            tok_start = pos + len(spaces)
            pos = tok_start + len(word)
            append(Token(shared[2], tok_start, pos, shared[0], shared[1]))
        return out
    kinds = _KINDS
    for m in pattern.finditer(text, start, end):
        word = m.group()
        shared = words.get(word) or _shared(word)
        s, e = m.span()
        append(Token(kinds[m.lastgroup], s, e, shared[0], shared[1]))
    return out


# Distinct token texts seen so far -> (shared text, shared norm, kind under
# the fast plain grammar). Cleared when it grows past the bound, so odd input
# cannot make it grow without limit.
_WORDS: dict[str, tuple[str, str, TokenKind]] = {}
_WORDS_MAX = 200_000


# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "cpl",
        "pvt",
        "st",
        "rev",
        "fr",
        "jr",
        "sr",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "bros",
        "no",
        "nos",
        "vs",
        "v",
        "etc",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "ft",
        "mt",
        "ave",
        "blvd",
        "rd",
    ]
)

# After a dotted abbreviation such as "U.S." a sentence ends only when the
# next word is one that typically starts a sentence.
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "there",
        "when",
        "while",
        "after",
        "before",
        "if",
        "as",
        "mr",
        "mrs",
        "ms",
        "dr",
        "however",
        "meanwhile",
        "officials",
        "some",
        "many",
        "most",
        "one",
        "two",
        "three",
        "what",
        "why",
        "how",
    ]
)

# Possessive runs, tried only from the start of a run of marks: a megabyte of
# "!!!" or "..." must not be rescanned from every position (quadratic).
_BOUNDARY_RE = regex.compile(
    r"""(?:(?<![.!?])[.!?]++|\u2026)["'\u201d\u2019)\]]*+(?=\s|$)""", regex.VERBOSE
)
# The run of letters and dots that ends where the terminal mark starts (or
# just before a newline there). Searched in reverse: a forward search
# ``([\p{L}.]+)\.?$`` finds the same run but retries it from every position
# of the 40-character window, ten times slower.
_WORD_BEFORE_RE = regex.compile(r"(?r)([\p{L}.]+)$")
_NEXT_RE = regex.compile(r"""\s+["'\u201c\u2018(\[]*(\S+)""")


def _is_boundary(text: str, dot_start: int, dot_end: int, end: int) -> bool:
    """Decide whether the terminal punctuation at ``dot_start`` ends a sentence."""
    nxt = _NEXT_RE.match(text, dot_end, end)
    if nxt is None:
        return True
    following = nxt.group(1)
    first = following[0]
    mark = text[dot_start]
    if mark in "!?":
        # "Why?" she asked. -> a lower-case continuation is the same sentence.
        return not first.islower()
    if text[dot_start:dot_end].startswith("..") or mark == "\u2026":
        return first.isupper() or first.isdigit()
    if first.islower():
        return False
    if first.isdigit() or first in "$£€":
        # "No. 10", "Jan. 5": handled by the abbreviation test below.
        pass
    before = _WORD_BEFORE_RE.search(text, max(0, dot_start - 40), dot_start)
    if before is None:
        return True
    word = before.group(1)
    bare = word.rstrip(".").lower()
    if "." in word.rstrip("."):
        # A dotted abbreviation ("U.S.", "a.m."): ends a sentence only when the
        # next word is a typical sentence opener.
        return following.strip("\"'\u201c\u2018(").lower().rstrip(",.;:") in (_SENTENCE_STARTERS)
    if bare in _ABBREVIATIONS:
        return False
    # A single capital letter is an initial ("J. Smith"), not a sentence end.
    return not (len(bare) == 1 and word[0].isupper())


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return sentence spans inside ``text[start:end]`` (offsets into ``text``).

    Spans are trimmed of surrounding whitespace; a closing quote or bracket
    after the terminal punctuation stays with its sentence.
    """
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if not _is_boundary(text, m.start(), m.end(), end):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
