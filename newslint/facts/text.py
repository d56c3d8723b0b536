"""Normalising names and building patterns that find them in copy.

A name in the knowledge base must match the ways copy legitimately writes the
same name: any run of whitespace (hard-wrapped text), "U.S." or "US",
curly or straight apostrophes, "&" or "and", letters with or without their
accents, and any letter case. It must *not* erase the differences that make a
form wrong ("Co-operation" vs "Cooperation"), so hyphens stay significant
in organisation names. :func:`fold` and :func:`phrase_pattern` implement the
same equivalences, one as a lookup key and one as a regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,}$")


def strip_accents(text: str) -> str:
    """Return ``text`` without combining accents ("Médecins" -> "Medecins")."""
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


def _char_class(char: str) -> str:
    base = strip_accents(char)
    if base != char and base:
        return f"[{re.escape(char)}{re.escape(base)}]"
    return re.escape(char)


def _token_pattern(token: str, *, hyphens: bool) -> str:
    if token in {"&", "and"}:
        return "(?:&|and)"
    if _ACRONYM.match(token):
        letters = [c for c in token if c != "."]
        # Acronyms keep their case: "WHO chief" must not match "who chief".
        return "(?-i:" + "".join(f"{c}\\.?" for c in letters) + ")"
    parts = []
    for char in token:
        if char in "'\u2019\u2018":
            parts.append("['\u2019\u2018]")
        elif char == "-" and not hyphens:
            parts.append(r"[\s\-\u2010\u2011]+")
        elif char == ".":
            parts.append(r"\.?")
        else:
            parts.append(_char_class(char))
    return "".join(parts)


def phrase_pattern(phrase: str, *, hyphens: bool = True) -> str:
    """Return a regex source matching ``phrase`` as copy may write it.

    The pattern is meant to be compiled with ``re.IGNORECASE``; acronyms are
    matched case-sensitively through an inline group. It carries no word
    boundaries: :func:`compile_phrases` adds them once around the alternation.
    """
    separator = r"\s+" if hyphens else r"[\s\-\u2010\u2011]+"
    return separator.join(_token_pattern(token, hyphens=hyphens) for token in phrase.split())


def compile_phrases(phrases: Iterable[str], *, hyphens: bool = True) -> re.Pattern[str]:
    """Compile one regex that finds any of ``phrases``, preferring the longest.

    The phrases are merged into a word trie first. Python tries alternatives
    one by one at every position, so a flat alternation of a few hundred
    names is slow; a trie tries each distinct first word once. At every node
    a longer continuation is tried before stopping, which makes "Federal
    Reserve Bank of New York" win over a shorter form starting at the same
    place.
    """
    separator = r"\s+" if hyphens else r"[\s\-\u2010\u2011]+"
    trie: _Trie = {}
    for phrase in set(phrases):
        node = trie
        for token in phrase.split():
            node = node.setdefault(_token_pattern(token, hyphens=hyphens), {})
        node[_END] = {}
    body = _emit(trie, separator) if trie else r"(?!x)x"
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w])", re.IGNORECASE)


_END = ""
_Trie = dict[str, "_Trie"]


def _emit(node: _Trie, separator: str) -> str:
    """Return the alternation for the tokens that may follow ``node``."""
    branches = []
    for token in sorted(k for k in node if k != _END):
        child = node[token]
        rest = {k: v for k, v in child.items() if k != _END}
        if not rest:
            branches.append(token)
        elif _END in child:
            branches.append(f"{token}(?:{separator}{_emit(rest, separator)})?")
        else:
            branches.append(f"{token}{separator}{_emit(rest, separator)}")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


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
