"""The headline-figure reader behind NL514: what counts, values, rounding and support."""

from __future__ import annotations

import pytest

from newslint.facts.headline_numbers import (
    MAX_HEADLINE_CHARS,
    body_figures,
    headline_figures,
    read_figures,
    supports,
    unsupported_figures,
)


def _texts(headline: str) -> list[str]:
    return [f.text for f in headline_figures(headline)]


def _supported(headline: str, body: str) -> bool:
    """Return True when every figure the headline states is supported by ``body``."""
    assert headline_figures(headline), f"no figure read in {headline!r}"
    return unsupported_figures(headline, 0, [(body, 0)]) == []


def test_offsets_select_the_figure() -> None:
    headline = "Council backs £40m plan as seven quit"
    found = headline_figures(headline, offset=50)
    assert [(f.start, f.end) for f in found] == [(64, 68), (77, 82)]
    assert [headline[f.start - 50 : f.end - 50] for f in found] == ["£40m", "seven"]
    assert found[0].value == 40_000_000 and found[0].currency == "£"
    assert found[1].value == 7 and found[1].word


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Twenty-one hurt as coach overturns", ["Twenty-one"]),
        ("Firm wins 2.5 million orders worth $6bn", ["2.5 million", "$6bn"]),
        ("Fares rise 12% while 3.5 per cent is forecast", ["12%", "3.5 per cent"]),
        ("Seven Dead In Factory Fire", ["Seven"]),  # title case: the first word still counts
        ("Boy, 12, rescued from river", ["12"]),  # a comma cuts the figure off from "Boy"
        ("Labour's four pledges", ["four"]),  # a possessive is not part of a name
        ("A dozen held after raid", ["A dozen"]),
    ],
)
def test_quantities_are_read(headline: str, expected: list[str]) -> None:
    assert _texts(headline) == expected


@pytest.mark.parametrize(
    "headline",
    [
        "Sales worst since 1987",  # a year
        "Rovers 19-33 Wasps",  # a score
        "Champion wins 6-4 6-4",
        "Village marks 50th fete and 3rd win",  # ordinals
        "Mayor's six-figure pay and 10-year deal",  # hyphenated compounds
        "Free travel for 18s and over-60s in 1990s revival",  # plurals and age groups
        "Studio delays Quest 2 as Channel 4 and Windows 7 wait",  # a capitalised word before
        "Phone maker bets on 5G and 4x4 fleet with F1 and G8",  # glued to letters
        "Rapper 50 Cent ends feud",  # a capitalised word after
        "No one hurt as one of the cranes falls",  # "one"
        "Strike called for 5 March and March 9",  # days beside a month
        "Polls close at 10pm and results come at 10.30 GMT",  # times
        "Two thirds back plan as sales rise three times",  # fractions and multiples
        "Two held after raid",  # a bare two
        "Route 66 reopens at number 10 as top 20 revealed",  # labels
        "Striker gets a high five",  # set phrases
        "One in five pupils and 1 in 4 teachers absent",
        "Flood town rebuilt 20 years on",
        "Five things we learned from the budget",
        "Agent 007 returns",  # a leading zero
    ],
)
def test_what_may_not_be_a_quantity_is_left_out(headline: str) -> None:
    assert _texts(headline) == []


def test_a_long_first_line_is_not_a_headline() -> None:
    line = "Seven dead " * (MAX_HEADLINE_CHARS // 11 + 1)
    assert len(line) > MAX_HEADLINE_CHARS
    assert headline_figures(line) == []
    assert _texts(line[:MAX_HEADLINE_CHARS]) != []


@pytest.mark.parametrize(
    "body",
    [
        "It approved £40 million.",
        "It approved 40m pounds.",
        "It approved £40,000,000.",
        "It approved a £40-million scheme.",
        "It approved £40million.",
        "It approved £0.04bn.",
        "It approved about £38m.",
        "It approved more than £35m.",  # "more than" reaches up to twice the figure
        "It approved between £30m and £45m.",
    ],
)
def test_values_are_compared_not_spellings(body: str) -> None:
    assert _supported("Council approves £40m budget", body)


@pytest.mark.parametrize(
    "body",
    [
        "It approved £14m.",
        "It approved $40m.",  # another currency
        "It approved £37m.",  # 40 rounds 38 to 42, not 37
        "It approved 40%.",  # a percentage is not money
        "It approved £40,000.",
    ],
)
def test_other_values_do_not_support(body: str) -> None:
    assert not _supported("Council approves £40m budget", body)


def test_number_words_and_figures_are_one_value() -> None:
    assert _supported("Seven dead in fire", "Police said 7 people died.")
    assert _supported("Fire kills 7", "Seven people died.")
    assert not _supported("Seven dead in fire", "Six people died.")


def test_rounding_at_the_headline_precision() -> None:
    assert _supported("Club reports $36m loss", "It lost $35.7m.")
    assert _supported("Club reports $36m loss", "It lost $36.4 million.")
    assert not _supported("Club reports $36m loss", "It lost $35.4m.")
    assert _supported("Rates cut to 3.5%", "The rate is now 3.54%.")
    assert not _supported("Rates cut to 3.5%", "The rate is now 3.6%.")


def test_a_qualifier_widens_either_figure() -> None:
    assert _supported("Over 300 flee floods", "Some 340 people left.")
    assert _supported("Nearly 90 hurt", "Officials said 60 people were hurt.")
    assert _supported("Storm hits 300 homes", "The storm damaged more than 280 homes.")
    assert not _supported("Storm hits 300 homes", "The storm damaged 280 homes.")


def test_a_glued_m_without_currency_may_be_a_unit() -> None:
    assert _supported("Sprinter wins 100m final", "She won the 100 metres final.")
    assert not _supported("Firm raises £100m", "It raised 100 pounds.")


def test_body_ranges_and_collectives() -> None:
    assert _supported("Storm hits 35 homes", "Between 30 and 40 homes were hit.")
    assert _supported("Storm hits 35 homes", "Some 30-40 homes were hit.")
    # A season is not a range that covers every count below 2005.
    assert not _supported("Storm hits 35 homes", "It was the worst storm of 2004-05.")
    [both] = [f for f in body_figures("Both men were hurt.") if f.text == "Both"]
    [two] = read_figures("2 men")
    assert supports(both, two)


def test_the_body_figure_of_the_same_kind_is_named_when_there_is_one() -> None:
    [one] = unsupported_figures("Council backs £40m plan", 0, [("It voted £14m and 3 posts.", 30)])
    assert one.nearest is not None and one.nearest.text == "£14m" and one.nearest.start == 39
    [two] = unsupported_figures("Council backs £40m plan", 0, [("It voted £14m, then £12m.", 30)])
    assert two.nearest is None
    [count] = unsupported_figures("Seven dead in fire", 0, [("Six died.", 30)])
    assert count.nearest is None  # counts are too many to guess which one the headline means


def test_the_body_is_read_only_when_the_headline_has_a_figure() -> None:
    def body() -> list[tuple[str, int]]:
        raise AssertionError("body read")

    assert unsupported_figures("Council backs tram plan", 0, iter(body, None)) == []
