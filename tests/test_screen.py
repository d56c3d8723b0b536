"""Word screens must never skip text their expression could match."""

from __future__ import annotations

import re

import pytest

from newslint.facts import dates, numbers
from newslint.screen import WordScreen

# Text an expression matches, some with characters re.IGNORECASE equates
# with ASCII letters ("ı", "İ", "ſ", the Kelvin sign).
MATCHING = [
    ("killed", "Twelve people were KILLED."),
    ("killed", "Twelve people were K\u0130LLED."),
    ("killed", "Twelve people were k\u0131lled."),
    ("killed", "Twelve people were \u212aILLED."),
    ("missing", "Twelve people were mi\u017f\u017fing."),
    ("missing", "Twelve people were MISSING."),
]


@pytest.mark.parametrize(("word", "text"), MATCHING)
def test_screen_passes_whatever_re_ignorecase_matches(word: str, text: str) -> None:
    assert re.search(word, text, re.I)
    assert WordScreen(word).may_match(text)


def test_screen_rejects_text_without_the_words() -> None:
    screen = WordScreen("kill", "dead")
    assert not screen.may_match("The talks ended on Tuesday.")
    assert not screen.may_match("Les négociations ont pris fin.")


def test_screen_words_must_be_lower_case_ascii() -> None:
    with pytest.raises(ValueError):
        WordScreen("Killed")
    with pytest.raises(ValueError):
        WordScreen("ﬁre")


@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were killed.",
        "KILLING 12 PEOPLE, the attack ...",
        "The death toll rose to 14.",
        "Police arrested 30 people and detained 4 others.",
        "Three soldiers were k\u0131lled and 4 m\u0131\u017f\u017fing.",
    ],
)
def test_count_screen_passes_every_count(text: str) -> None:
    expected = [m.group() for p in numbers._COUNT_RES for m in p.finditer(text)]
    assert expected
    assert numbers._COUNT_SCREEN.may_match(text)


@pytest.mark.parametrize("text", ["55% backed it and 52% opposed", "55 per cent and 52 PERCENT"])
def test_percent_screen_passes_every_percentage(text: str) -> None:
    assert len(numbers._PERCENT_RE.findall(text)) == 2
    assert "%" in text or numbers._CENT_SCREEN.may_match(text)


@pytest.mark.parametrize("text", ["TENS OF THOUSANDS of troops", "dozens of people"])
def test_vague_screen_passes_every_vague_quantity(text: str) -> None:
    assert numbers._VAGUE_RE.search(text)
    assert numbers._VAGUE_SCREEN.may_match(text)


@pytest.mark.parametrize("text", ["He resigned last TUESDAY.", "It opens this coming Friday."])
def test_weekday_screen_passes_every_weekday(text: str) -> None:
    assert dates._WEEKDAY_RE.search(text)
    assert dates.find_weekdays(text)


def test_dates_need_a_month_stem() -> None:
    assert dates.find_dates("It opened Sept. 5 and closed 21st of December 2021.")
    assert dates.find_dates("It opened on 5 5.") == []
