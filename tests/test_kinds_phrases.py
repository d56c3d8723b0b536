"""The declarative kinds' phrase index: shared keys and the first-word screen."""

from __future__ import annotations

import pytest

from newslint.document import Document
from newslint.kinds.base import PhraseIndex, phrase_key, sentence_norms, sentence_tokens

PHRASES = ["in order to", "at this point in time", "Kiev", "don't", "per cent"]
TEXT = (
    "We met in order to talk. At this point in time, nothing. In Kiev they don\u2019t. "
    "It rose 5 per cent. Nothing listed here at all. kiev is lower case."
)


def brute(phrases: list[str], words: list[str], ignore_case: bool) -> list[tuple[int, int]]:
    keys = sorted((phrase_key(p, ignore_case) for p in phrases), key=len, reverse=True)
    out, i = [], 0
    while i < len(words):
        hit = next((k for k in keys if tuple(words[i : i + len(k)]) == k), None)
        if hit:
            out.append((i, i + len(hit)))
            i += len(hit)
        else:
            i += 1
    return out


@pytest.mark.parametrize("ignore_case", [True, False])
def test_shared_keys_find_what_a_brute_search_finds(ignore_case: bool) -> None:
    doc = Document(TEXT, "x.txt")
    index = PhraseIndex({phrase_key(p, ignore_case): p for p in PHRASES}, ignore_case)
    shared: dict[str, object] = {}
    total = 0
    for sentence in doc.sentences():
        tokens = sentence_tokens(sentence)
        norms = sentence_norms(sentence, shared, ignore_case)
        assert sentence_norms(sentence, shared, ignore_case) is norms  # made once
        got = [(i, j) for i, j, _ in index.find(tokens, norms)]
        assert got == [(i, j) for i, j, _ in index.find(tokens)]
        assert got == brute(PHRASES, norms, ignore_case)
        total += len(got)
    assert total == (6 if ignore_case else 4)
