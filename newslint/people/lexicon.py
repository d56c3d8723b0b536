"""The name lexicon (``rules/data/people.toml``), loaded once on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newslint.data import load_data


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word sets the mention detector consults (all lower-case)."""

    honorifics: dict[str, str]  # word -> implied gender ("m", "f" or "")
    formal_titles: frozenset[str]
    title_prefixes: frozenset[str]
    rank_modifiers: frozenset[str]
    person_nouns: frozenset[str]
    org_capable_nouns: frozenset[str]
    title_adjectives: frozenset[str]
    particles: frozenset[str]
    demonyms: frozenset[str]
    suffixes: frozenset[str]
    not_initials: frozenset[str]
    non_person_words: frozenset[str]
    stop_words: frozenset[str]
    calendar_words: frozenset[str]
    given_gender: dict[str, str]  # given name (lower-case) -> "m", "f" or ""
    speech_verbs: frozenset[str]
    core_speech_verbs: frozenset[str]

    def is_given(self, word: str) -> bool:
        """Return True when ``word`` is a known given name."""
        return word.casefold() in self.given_gender


def _words(table: dict[str, list[str]], key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in table.get(key, []))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the lexicon, loading ``rules/data/people.toml`` on first call."""
    data = load_data("data/people.toml")
    speech = load_data("data/attribution.toml")["speech"]
    words = data["words"]
    given: dict[str, str] = {}
    names = data["given_names"]
    for key, gender in (("male", "m"), ("female", "f"), ("unisex", "")):
        for name in names.get(key, []):
            given[name.casefold()] = gender
    return Lexicon(
        honorifics={k.casefold(): v for k, v in data["honorifics"].items()},
        formal_titles=_words(words, "formal_titles"),
        title_prefixes=_words(words, "title_prefixes"),
        rank_modifiers=_words(words, "rank_modifiers"),
        person_nouns=_words(words, "person_nouns"),
        org_capable_nouns=_words(words, "org_capable_nouns"),
        title_adjectives=_words(words, "title_adjectives"),
        particles=_words(words, "particles"),
        demonyms=_words(words, "demonyms"),
        suffixes=_words(words, "suffixes"),
        not_initials=_words(words, "not_initials"),
        non_person_words=_words(words, "non_person_words"),
        stop_words=_words(words, "stop_words"),
        calendar_words=_words(words, "calendar_words"),
        given_gender=given,
        speech_verbs=frozenset(w.casefold() for w in speech["verbs"]),
        core_speech_verbs=frozenset(w.casefold() for w in speech["core"]),
    )
