"""Story dates, title-name pairing and the number readers behind NL502-NL508."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.facts.kb import KnowledgeBase, load_kb
from newslint.facts.numbers import (
    find_counts,
    parse_number,
    percentages_over_whole,
    sentence_allows_change,
    vague_clashes,
)
from newslint.facts.people import titled_names
from newslint.facts.story import story_date

DAY = dt.date(2021, 12, 21)
LEDE = "Headline\n\nLONDON, Dec 20 (Reuters) - Ministers met.\n"


def test_story_date_prefers_the_option() -> None:
    found = story_date(LEDE, {"date": "2020-01-01", "file_date": DAY}, dt.date(2019, 5, 5))
    assert found is not None and (found.day, found.source) == (dt.date(2019, 5, 5), "option")


def test_story_date_then_front_matter_in_any_form() -> None:
    for value in ("2020-01-01", dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 9, 30)):
        found = story_date(LEDE, {"date": value}, None)
        assert found is not None and found.day == dt.date(2020, 1, 1)
        assert found.source == "front matter" and not found.weak


def test_story_date_then_dateline_with_the_file_year() -> None:
    found = story_date(LEDE, {"file_date": DAY}, None)
    assert found is not None and (found.day, found.source) == (dt.date(2021, 12, 20), "dateline")
    # A dateline in late December read from a file saved in early January.
    early = story_date(LEDE, {"file_date": dt.date(2022, 1, 3)}, None)
    assert early is not None and early.day == dt.date(2021, 12, 20)


def test_story_date_falls_back_to_the_weak_file_date() -> None:
    found = story_date("No dateline here.", {"file_date": DAY}, None)
    assert found is not None and found.weak and "file date" in found.describe()
    assert story_date("No dateline here.", {}, None) is None


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def pairs(kb: KnowledgeBase, text: str) -> list[tuple[str, str, bool]]:
    return [(p.title.text, p.name, bool(p.persons)) for p in titled_names(text, 0, len(text), kb)]


@pytest.mark.parametrize(
    "text",
    [
        "former NATO Secretary General Jens Stoltenberg",
        "then-NATO Secretary General Jens Stoltenberg",
        "the then Prime Minister Tony Blair",
        "Deputy Prime Minister John Prescott",
        "President-elect Joe Biden",
        "Ukrainian President Volodymyr Zelensky",
        "company president Lee Scott",
        "acting Attorney General Matthew Whitaker",
    ],
)
def test_pairings_that_are_not_claims_of_office(kb: KnowledgeBase, text: str) -> None:
    assert pairs(kb, f"He met {text} on Friday.") == []


def test_pairing_reads_full_names_initials_and_possessives(kb: KnowledgeBase) -> None:
    text = "U.S. President George W. Bush's aide met German Chancellor Gerhard Schroeder."
    assert pairs(kb, text) == [
        ("U.S. President", "George W. Bush", True),
        ("German Chancellor", "Gerhard Schroeder", True),
    ]


def test_pairing_after_a_sentence_end(kb: KnowledgeBase) -> None:
    assert pairs(kb, "It rained in Washington. Prime Minister Tony Blair left.") == [
        ("Prime Minister", "Tony Blair", True)
    ]


def test_unknown_names_need_two_words_that_are_not_offices(kb: KnowledgeBase) -> None:
    assert pairs(kb, "NATO Secretary General Jane Holloway spoke.") == [
        ("NATO Secretary General", "Jane Holloway", False)
    ]
    assert pairs(kb, "The UN Secretary General Special Envoy spoke.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("12,000", 12000), ("1.5 million", 1_500_000), ("twenty-one", 21), ("x", None)],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_counts_and_their_categories() -> None:
    sentence = "The blast killed 12 people and injured 30, and five soldiers were wounded."
    found = [(c.value, c.category, c.noun, c.exact) for c in find_counts(sentence)]
    assert found == [(12, "dead", "people", True), (30, "injured", "people", True),
                     (5, "injured", "soldiers", True)]  # fmt: skip
    assert find_counts("He was arrested 2 days ago.") == []
    assert not find_counts("At least 12 people died.")[0].exact


def test_change_words_allow_different_counts() -> None:
    assert sentence_allows_change("The death toll rose to 15.")
    assert not sentence_allows_change("The 13 dead were commuters.")


def test_percentages_over_whole_only_for_shares() -> None:
    assert percentages_over_whole("In the vote, 60% backed it and 45% opposed it.")
    assert percentages_over_whole("In the vote, 55% backed it and 45% opposed it.") is None
    assert percentages_over_whole("Prices rose 60% and wages 45% in the poll year.") is None


def test_vague_clash_needs_the_same_noun() -> None:
    text = "Tens of thousands of troops massed; 12,000 tanks were seen."
    assert vague_clashes(text) == []
