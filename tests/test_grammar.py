"""Unit tests of the word readings behind NL701 (the cases themselves are fixtures)."""

from __future__ import annotations

import pytest

from newslint.checks.grammar import bare_form, is_verb


@pytest.mark.parametrize(
    "word", ["resign", "pay", "withdraw", "roll", "apologise", "meet", "respect"]
)
def test_verbs_are_read_as_verbs(word: str) -> None:
    assert is_verb(word)


@pytest.mark.parametrize("word", ["government", "court", "school", "alliance", "minister"])
def test_nouns_are_not_verbs_even_after_to(word: str) -> None:
    assert not is_verb(word)


@pytest.mark.parametrize(
    ("typed", "bare"),
    [("resigns", "resign"), ("applies", "apply"), ("pushes", "push"), ("goes", "go")],
)
def test_bare_form_of_an_s_verb(typed: str, bare: str) -> None:
    assert bare_form(typed) == bare


@pytest.mark.parametrize("word", ["troops", "members", "press", "status", "this", "is"])
def test_words_that_are_not_s_verbs(word: str) -> None:
    assert bare_form(word) is None
