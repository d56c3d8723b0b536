"""Date and weekday parsing for news copy."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.facts.dates import (
    WEEKDAYS,
    find_dateline,
    find_dates,
    find_weekdays,
    is_possible_date,
    nearest_occurrence,
    parse_date,
    resolve_weekday,
)


def spans(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks began Dec. 21, 2021, in Geneva", ("Dec. 21, 2021", 12, 21, 2021, None)),
        ("on Tuesday, Dec. 21, the council", ("Tuesday, Dec. 21", 12, 21, None, 1)),
        ("held on 21 December 2021 in London", ("21 December 2021", 12, 21, 2021, None)),
        ("Tuesday 21 December", ("Tuesday 21 December", 12, 21, None, 1)),
        ("due Dec. 21st", ("Dec. 21st", 12, 21, None, None)),
        ("the 21st of December", ("21st of December", 12, 21, None, None)),
        ("since Sept. 5, 2019", ("Sept. 5, 2019", 9, 5, 2019, None)),
        ("since Sep 5 2019", ("Sep 5 2019", 9, 5, 2019, None)),
        ("from August 3", ("August 3", 8, 3, None, None)),
    ],
)
def test_find_dates_reads_news_forms(
    text: str, expected: tuple[str, int, int, int | None, int | None]
) -> None:
    [mention] = find_dates(text)
    written, month, day, year, weekday = expected
    assert text[mention.start : mention.end] == written
    assert (mention.month, mention.day, mention.year, mention.weekday) == (
        month,
        day,
        year,
        weekday,
    )


def test_date_start_skips_the_weekday() -> None:
    text = "Tuesday, Dec. 21"
    [mention] = find_dates(text)
    assert text[mention.date_start : mention.end] == "Dec. 21"


@pytest.mark.parametrize(
    "text",
    ["in March 2021", "you may 5 times", "the 1990s", "Room 21", "5 miles", "Theresa May said"],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_spans_are_code_points_after_astral_characters() -> None:
    text = "🙂🙂 Dec. 21, 2021"
    [mention] = find_dates(text)
    assert mention.start == 3 and text[mention.start : mention.end] == "Dec. 21, 2021"


@pytest.mark.parametrize(
    ("text", "possible"),
    [("Feb. 30", False), ("April 31", False), ("Feb. 29, 2023", False), ("Feb. 29, 2024", True),
     ("Feb. 29", True), ("Dec. 32", False), ("June 0", False), ("Jan. 31", True)],
)  # fmt: skip
def test_impossible_dates(text: str, possible: bool) -> None:
    [mention] = find_dates(text)
    assert mention.possible is possible
    if not possible:
        assert mention.resolve(date(2024, 1, 1)) is None


def test_resolve_uses_the_nearest_year() -> None:
    [mention] = find_dates("Jan. 4")
    assert mention.resolve(date(2021, 12, 30)) == date(2022, 1, 4)
    assert mention.resolve(None) is None
    [dated] = find_dates("Jan. 4, 2019")
    assert dated.resolve(date(2021, 12, 30)) == date(2019, 1, 4)


def test_nearest_occurrence_of_feb_29() -> None:
    assert nearest_occurrence(2, 29, date(2023, 3, 1)) == date(2024, 2, 29)
    assert nearest_occurrence(2, 30, date(2023, 3, 1)) is None


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_every_real_date_round_trips(day: date) -> None:
    month = day.strftime("%B")
    text = f"{WEEKDAYS[day.weekday()]}, {month} {day.day}, {day.year}"
    [mention] = find_dates(text)
    assert mention.resolve(None) == day
    assert mention.weekday == day.weekday()
    assert is_possible_date(day.year, day.month, day.day)
    assert parse_date(day.isoformat()) == day


def test_find_weekdays_skips_dates_names_and_plurals() -> None:
    text = (
        "Officials said Tuesday that the Good Friday accord, the Sunday Times and "
        "Tuesday, Dec. 21, meetings held on Mondays would resume next Monday."
    )
    found = [(text[w.start : w.end], w.weekday, w.modifier) for w in find_weekdays(text)]
    assert found == [("Tuesday", 1, None), ("next Monday", 0, "next")]


def test_find_weekdays_reads_trailing_modifiers() -> None:
    text = "It happened Friday of last week."
    [mention] = find_weekdays(text)
    assert text[mention.start : mention.end] == "Friday of last week"
    assert mention.modifier == "of last week"


@pytest.mark.parametrize(
    ("modifier", "tense", "expected"),
    [
        (None, "past", date(2021, 12, 20)),  # "said Monday" in a Wednesday story
        (None, "future", date(2021, 12, 27)),  # "will meet Monday"
        (None, None, date(2021, 12, 20)),
        ("last", None, date(2021, 12, 20)),
        ("next", None, date(2021, 12, 27)),
        ("of last week", None, date(2021, 12, 13)),
        ("of next week", None, date(2021, 12, 27)),
    ],
)
def test_resolve_weekday(modifier: str | None, tense: str | None, expected: date) -> None:
    story = date(2021, 12, 22)  # a Wednesday
    assert resolve_weekday(0, story, modifier, tense) == expected


def test_last_weekday_on_that_weekday_is_a_week_back() -> None:
    story = date(2021, 12, 21)  # a Tuesday
    assert resolve_weekday(1, story, "last") == date(2021, 12, 14)
    assert resolve_weekday(1, story, None, "past") == story


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-21", date(2021, 12, 21)),
        ("2021-12-21T09:30:00Z", date(2021, 12, 21)),
        ("2021-12-21 09:30:00+01:00", date(2021, 12, 21)),
        ("Dec. 21, 2021", date(2021, 12, 21)),
        ("21 December 2021", date(2021, 12, 21)),
        ("Dec. 21", None),
        ("2021-02-30", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_find_dateline() -> None:
    text = "Headline here\n\nLONDON, Dec 21 (Reuters) - Britain said on Tuesday"
    found = find_dateline(text, year=2021)
    assert found is not None
    mention, day = found
    assert day == date(2021, 12, 21)
    assert text[mention.start : mention.end] == "Dec 21"
    assert find_dateline(text) is None  # no year anywhere
    assert find_dateline("WASHINGTON (AP) — The Senate voted.", year=2021) is None
    dated = find_dateline("WASHINGTON, Dec. 21, 2021 — The Senate voted.")
    assert dated is not None and dated[1] == date(2021, 12, 21)
