"""Normalising names and building patterns that find them in copy.

A name in the knowledge base must match the ways copy legitimately writes the
same name: any run of whitespace (hard-wrapped text), "U.S." or "US",
curly or straight apostrophes, "&" or "and", letters with or without their
accents, and any letter case. It must *not* erase the differences that make a
form wrong ("Co-operation" vs "Cooperation"), so hyphens stay significant
in organisation names. :func:`fold` defines the equivalences, and
:class:`PhraseIndex` finds names in text by comparing folded words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def strip_accents(text: str) -> str:
    """Return ``text`` without combining accents ("Médecins" -> "Medecins")."""
    if text.isascii():
        return text  # ASCII has no accents and no compatibility forms: NFKD keeps it
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str, *, hyphens: bool = True) -> str:
    """Return the lookup key of a name: case, accents, dots and spacing erased.

    With ``hyphens=False`` a hyphen counts as a space, which suits titles and
    person names ("Secretary-General", "Ki-moon") but not organisation names.
    """
    text = strip_accents(text.translate(_APOSTROPHES)).casefold()
    text = text.replace("&", " and ").replace(".", " ")
    if not hyphens:
        text = text.replace("-", " ")
    # Initials written with or without dots and spaces are the same name:
    # "J.D. Vance", "JD Vance"; "K. R. Narayanan", "K.R. Narayanan".
    merged: list[str] = []
    initials = False
    for word in text.split():
        single = len(word) == 1 and word.isalpha()
        if single and initials:
            merged[-1] += word
        else:
            merged.append(word)
            initials = single
    return " ".join(merged)


# Words of a name. With ``hyphens=True`` a hyphenated compound is one word
# ("Co-operation"); otherwise a hyphen separates words ("Secretary-General").
# A possessive "'s" is not part of the word, and an abbreviation keeps its
# final full stop ("U.S."), so "the U.S. Census Bureau's" yields "U.S.",
# "Census", "Bureau", "s".
_APOS_NOT_S = r"['\u2019](?![sS]\b)"
_WORD_JOINED = re.compile(rf"[^\W_]+(?:(?:{_APOS_NOT_S}|[.&\-])[^\W_]+)*(?:(?<=\.[^\W_])\.)?|&")
_WORD_SPLIT = re.compile(rf"[^\W_]+(?:(?:{_APOS_NOT_S}|[.&])[^\W_]+)*(?:(?<=\.[^\W_])\.)?|&")
# What may stand between two words of one name: spaces, line breaks, a comma,
# the apostrophe of a possessive, a hyphen (where hyphens split words).
_GAP = re.compile(r"\s*,?\s+|\s*,\s*|[\-\u2010\u2011'\u2019]")
# After a short capitalised abbreviation ("St.", "Ft.") a full stop is a gap too.
_ABBREVIATION_GAP = re.compile(r"\.\s+")
_SHORT_ACRONYM = "\x00"
# How many distinct written words an index remembers before it starts afresh.
_MAX_SEEN = 100_000


def _word_keys(raw: str, *, hyphens: bool) -> tuple[str, ...]:
    """Return the lookup keys of one written word.

    Acronyms of two or three letters keep their case ("WHO chief" is not "who
    chief", "US" is not "us"); longer ones may be written "Nato" or "Unicef".
    """
    if raw.isascii() and raw.isalnum():
        # Nine words in ten: no accents, apostrophes, dots or hyphens, so
        # fold() would only lower the case. Every index learns every word of
        # every text, so skipping fold's general path here is worth it.
        if 2 <= len(raw) <= 3 and raw.isalpha() and raw.isupper():
            return (_SHORT_ACRONYM + raw, raw.lower())
        return (raw.lower(),)
    letters = raw.replace(".", "")
    folded = fold(raw, hyphens=hyphens)
    if 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper():
        return (_SHORT_ACRONYM + letters, folded)
    return (folded,)


class PhraseIndex(Generic[T]):
    """Find any of many multi-word phrases in text, longest match first.

    Phrases and text are split into words the same way and compared word by
    word through :func:`fold`, so the index honours exactly the equivalences
    of :func:`fold` and needs no regular expression: building it costs a
    dictionary insert per word, which keeps the linter's start-up fast.
    """

    def __init__(self, *, hyphens: bool = True) -> None:
        self._hyphens = hyphens
        self._words = _WORD_JOINED if hyphens else _WORD_SPLIT
        self._root: dict[str, Any] = {}
        # Written word -> lookup keys, bounded (see finditer).
        self._keys: dict[str, tuple[str, ...]] = {}
        # Written words whose keys start a phrase, and every written word
        # looked at so far: set tests on a text's words reject the many
        # paragraphs that hold no phrase without a Python loop over words.
        self._starters: set[str] = set()
        self._seen: set[str] = set()

    def add(self, phrase: str, value: T) -> None:
        """Add ``phrase``; a later value for the same words replaces the earlier."""
        node = self._root
        for m in self._words.finditer(phrase):
            node = node.setdefault(_word_keys(m.group(), hyphens=self._hyphens)[0], {})
        node[_END] = value
        self._starters.clear()
        self._seen.clear()

    def finditer(self, text: str) -> Iterator[tuple[int, int, T]]:
        """Yield ``(start, end, value)`` for each phrase in ``text``, left to right."""
        raws: list[str] = self._words.findall(text)
        if len(self._seen) > _MAX_SEEN:
            self._seen.clear()
            self._starters.clear()
            self._keys.clear()
        words = set(raws)
        new = words - self._seen
        if new:
            self._learn(new)
        starters = self._starters
        if starters.isdisjoint(words):
            return
        # Most words start no phrase: one set probe each rejects them. Of the
        # rest ("US", "world", "new"), most are not followed by a word that
        # continues a phrase; checking the next word's keys, before the text
        # is scanned again for word offsets, rejects them too.
        starts = [i for i, w in enumerate(raws) if w in starters]
        starts = [i for i in starts if self._may_start(raws, i)]
        if not starts:
            return
        matches = list(self._words.finditer(text))
        resume = 0
        for i in starts:
            if i < resume:
                continue  # inside the phrase just found
            found = self._longest(text, matches, raws, i)
            if found is None:
                continue
            end, value = found
            yield matches[i].start(), matches[end].end(), value
            resume = end + 1

    def _learn(self, new: set[str]) -> None:
        """Note which of the written words ``new``, not seen before, start a phrase."""
        self._seen |= new
        starters = self._starters
        root, hyphens = self._root, self._hyphens
        for w in new:
            # Keys worked out, not stored: few of these words start a phrase.
            if any(k in root for k in _word_keys(w, hyphens=hyphens)):
                starters.add(w)

    def _may_start(self, raws: list[str], i: int) -> bool:
        """Return False when word ``i`` surely starts no phrase, judged on words alone.

        The word must lead into the trie, and either end a phrase itself or
        be followed by a word that continues one; _longest decides the rest.
        """
        node = _step(self._root, self._key(raws[i]))
        if node is None:
            return False
        if _END in node:
            return True
        return i + 1 < len(raws) and _step(node, self._key(raws[i + 1])) is not None

    def _key(self, w: str) -> tuple[str, ...]:
        k = self._keys.get(w)
        if k is None:
            k = self._keys[w] = _word_keys(w, hyphens=self._hyphens)
        return k

    def _longest(
        self,
        text: str,
        matches: list[re.Match[str]],
        raws: list[str],
        i: int,
    ) -> tuple[int, T] | None:
        node: dict[str, Any] | None = self._root
        best: tuple[int, T] | None = None
        j = i
        while node is not None and j < len(raws):
            if j > i and not _joins(text, matches[j - 1].end(), raws[j - 1], matches[j].start()):
                break
            node = _step(node, self._key(raws[j]))
            if node is not None and _END in node:
                best = (j, node[_END])
            j += 1
        return best


# Marks where a phrase ends in the trie. Not "": a written word can fold to
# nothing (a lone combining mark such as U+037A), and its key must not read
# as the end of a phrase. No word's key holds a control character.
_END = "\x01"


def _step(node: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """Return the trie node a word with ``keys`` leads to from ``node`` (first key first)."""
    for k in keys:
        if k in node:
            return node[k]
    return None


def _joins(text: str, previous_end: int, word: str, start: int) -> bool:
    """Return True when the text between two words (``word`` first) lets them be one name."""
    if _GAP.fullmatch(text, previous_end, start):
        return True
    short = len(word) <= 3 and word[:1].isupper()
    return short and _ABBREVIATION_GAP.fullmatch(text, previous_end, start) is not None


_SPELLING_PAIRS = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"\bco-(?=op|ord)"), "co"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"centre"), "center"),
    (re.compile(r"defence"), "defense"),
    (re.compile(r"labour"), "labor"),
)


def spelling_key(name: str) -> str:
    """Return ``name`` folded with British/American spelling differences erased."""
    key = fold(name)
    for pattern, replacement in _SPELLING_PAIRS:
        key = pattern.sub(replacement, key)
    return key


def is_respelling(form: str, official: str) -> bool:
    """Return True when ``form`` differs from ``official`` only in house spelling.

    "Organization for Security and Cooperation in Europe" respells the OSCE's
    own "Co-operation"; "International Olympics Committee" changes a word.
    The distinction lets a newsroom accept its house spelling of official
    names while still flagging wrong words.
    """
    if fold(form) == fold(official):
        return False
    key, target = spelling_key(form), spelling_key(official)
    # "US Department of Defence": the country qualifier is not part of the name.
    for qualifier in ("us ", "united states "):
        if key.startswith(qualifier) and not target.startswith(qualifier):
            key = key[len(qualifier) :]
    return key == target
