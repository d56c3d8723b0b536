"""The geography reader behind NL511: names, borders, bearings, compass words."""

from __future__ import annotations

import pytest

from newslint.facts.geography import (
    Country,
    angle_between,
    bearing,
    compass_word,
    country_named,
    find_borders,
    find_countries,
)


def _country(name: str) -> Country:
    found = country_named(name)
    assert found is not None, name
    return found


def test_longest_name_wins_and_words_are_whole() -> None:
    text = "South Sudan, Sudan, Nigeria and Niger met; the USA's envoy and Moscow's too."
    names = [text[m.start : m.end] for m in find_countries(text)]
    assert names == ["South Sudan", "Sudan", "Nigeria", "Niger", "USA", "Moscow"]
    assert find_countries(text)[-1].country.name == "Russia"


@pytest.mark.parametrize(
    ("origin", "target", "expected"),
    [
        ("Poland", "Belarus", 90),
        ("United States", "Mexico", 180),
        ("United States", "Canada", 0),
        ("Russia", "Ukraine", 270),
        ("Israel", "Lebanon", 0),
        ("Chile", "Argentina", 90),
    ],
)
def test_bearing_between_neighbours(origin: str, target: str, expected: int) -> None:
    assert angle_between(bearing(_country(origin), _country(target)), expected) < 45


def test_angle_between_wraps_around_north() -> None:
    assert angle_between(350, 10) == 20
    assert angle_between(90, 270) == 180


@pytest.mark.parametrize(
    ("degrees", "like", "word"),
    [
        (90, "western", "eastern"),
        (45, "south-western", "north-eastern"),
        (45, "southwestern", "northeastern"),
        (225, "western", "southwestern"),
        (180, "north", "south"),
    ],
)
def test_compass_word_follows_the_copy(degrees: float, like: str, word: str) -> None:
    assert compass_word(degrees, like) == word


def test_borders_are_read_with_owner_direction_and_neighbour() -> None:
    text = "The US's southern border with Mexico and its north-eastern frontier were busy."
    first, second = find_borders(text)
    assert (first.owner_word, first.direction, first.bearing, first.with_name) == (
        "US",
        "southern",
        180,
        "Mexico",
    )
    assert text[first.owner_start : first.owner_end] == "US"
    assert (second.owner_word, second.direction, second.bearing) == ("its", "north-eastern", 45)
    assert text[second.direction_start : second.direction_end] == "north-eastern"
    assert find_borders("The border town's eastern suburbs grew.") == []
