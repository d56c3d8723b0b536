"""The definition reader behind NL442 (unused-abbreviation)."""

from __future__ import annotations

import pytest

from newslint.checks.acronyms import expansion_start


@pytest.mark.parametrize(
    ("text", "abbr", "expansion"),
    [
        (
            "the Organisation for Security and Co-operation in Europe",
            "OSCE",
            "Organisation for Security and Co-operation in Europe",
        ),
        ("signed the Nuclear Non-Proliferation Treaty", "NNPT", "Nuclear Non-Proliferation Treaty"),
        ("sales of personal digital assistants", "PDA", "personal digital assistants"),
        ("the Disasters Emergency Committee's", "DEC", "Disasters Emergency Committee's"),
        ("the Department of Energy", "DOE", "Department of Energy"),
        ("Procter & Gamble", "P&G", "Procter & Gamble"),
    ],
)
def test_the_words_an_abbreviation_stands_for_are_found(
    text: str, abbr: str, expansion: str
) -> None:
    start = expansion_start(text, len(text), abbr)
    assert start is not None
    assert text[start:] == expansion


@pytest.mark.parametrize(
    ("text", "abbr"),
    [
        ("the company", "BT"),  # not its initials
        ("a match that went to extra time", "AET"),  # "went" breaks the run of initials
        ("Europe", "OSCE"),  # too few words
    ],
)
def test_a_bracket_that_is_not_a_definition_is_not_read_as_one(text: str, abbr: str) -> None:
    assert expansion_start(text, len(text), abbr) is None
