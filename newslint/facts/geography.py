"""Which way one country lies from another, and borders named in copy.

A story that names a country's "eastern border" and, in the same sentence,
the neighbour across it says something checkable offline: the neighbour must
lie roughly east. The table (``rules/data/geography.toml``) holds each
country's geographic centre; directions are compared on an eight-point
compass and only a clear contradiction (135 degrees or more) counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from newslint.data import load_data

__all__ = [
    "BorderMention",
    "Country",
    "CountryMention",
    "angle_between",
    "bearing",
    "compass_word",
    "country_named",
    "find_borders",
    "find_countries",
]

# Compass words as copy writes them, and their bearings (degrees from north).
_POINTS = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
}
# A compass-named border, and a neighbour named after "with"; the owner is read
# from the words before it (see find_borders), so no pattern here runs back
# over a long run of capitalised words.
_NAME = r"\p{Lu}[\p{L}.]*(?:[ -]\p{Lu}[\p{L}.]*){0,3}"
_SIDE = regex.compile(
    r"(?<![\w-])(?P<dir>(?i:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?))"
    rf"\s+(?i:(?:land\s+)?(?:border|frontier)s?)\b(?:\s+with\s+(?P<with>{_NAME}))?"
)
_OWNER = regex.compile(rf"(?:(?<![\w'’])(?P<pronoun>its|their)|(?P<name>{_NAME})['’]s?)\s+$")


@dataclass(frozen=True)
class Country:
    """A country: the name to show and its geographic centre."""

    key: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class CountryMention:
    """A country named in a text (by name or by its capital), with offsets."""

    start: int
    end: int
    country: Country


@dataclass(frozen=True)
class BorderMention:
    """ "its eastern border": the owner as written, the direction and an explicit neighbour."""

    start: int
    end: int
    owner_start: int
    owner_end: int
    owner_word: str  # "its", "their" or the possessive name
    direction: str  # as written: "eastern", "north-east"
    direction_start: int
    direction_end: int
    bearing: int
    with_name: str | None  # "... border with Poland"
    with_start: int  # where ``with_name`` starts, or -1


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Country], regex.Pattern[str]]:
    """Load the table and one pattern that finds every name (longest first)."""
    rows = load_data("data/geography.toml")["country"]
    by_name: dict[str, Country] = {}
    for key, row in rows.items():
        names = row["names"]
        country = Country(key, row.get("name", names[0]), float(row["lat"]), float(row["lon"]))
        for name in names:
            by_name[name] = country
    alternation = "|".join(regex.escape(n) for n in sorted(by_name, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\w.])(?:{alternation})(?![\w]|\.\w)")
    return by_name, pattern


def find_countries(text: str) -> list[CountryMention]:
    """Return the countries ``text`` names, in order."""
    by_name, pattern = _table()
    return [CountryMention(m.start(), m.end(), by_name[m.group()]) for m in pattern.finditer(text)]


def country_named(name: str) -> Country | None:
    """Return the country ``name`` stands for, or None."""
    return _table()[0].get(name)


def find_borders(text: str) -> list[BorderMention]:
    """Return the borders ``text`` names by compass side ("its eastern border")."""
    out = []
    for m in _SIDE.finditer(text):
        key = m.group("dir").lower().replace("-", "").replace(" ", "").removesuffix("ern")
        if key not in _POINTS:
            continue
        window_start = max(0, m.start() - 80)
        owner_match = _OWNER.search(text, window_start, m.start())
        if owner_match is None:
            continue
        if owner_match.group("pronoun"):
            owner, owner_start = owner_match.group("pronoun"), owner_match.start("pronoun")
        else:
            owner, owner_start = _country_suffix(owner_match.group("name"), owner_match.start())
        with_name = m.group("with")
        out.append(
            BorderMention(
                owner_match.start(),
                m.end(),
                owner_start,
                owner_start + len(owner),
                owner,
                m.group("dir"),
                m.start("dir"),
                m.end("dir"),
                _POINTS[key],
                with_name,
                m.start("with") if with_name else -1,
            )
        )
    return out


def _country_suffix(name: str, start: int) -> tuple[str, int]:
    """Return the longest tail of ``name`` that names a country ("Analysts Said Poland")."""
    words = name.split(" ")
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if country_named(tail) is not None:
            return tail, start + len(name) - len(tail)
    return name, start


def bearing(origin: Country, target: Country) -> float:
    """Return the direction from ``origin`` to ``target`` in degrees from north.

    A flat approximation (longitude scaled by the cosine of the mean
    latitude): good enough for eight compass points between neighbours.
    """
    mean_lat = math.radians((origin.lat + target.lat) / 2)
    dx = ((target.lon - origin.lon + 540) % 360 - 180) * math.cos(mean_lat)
    dy = target.lat - origin.lat
    return math.degrees(math.atan2(dx, dy)) % 360


def angle_between(a: float, b: float) -> float:
    """Return the smaller angle between two bearings, in degrees (0 to 180)."""
    d = abs(a - b) % 360
    return 360 - d if d > 180 else d


def compass_word(degrees: float, like: str) -> str:
    """Return the eight-point compass word for ``degrees``, written the way ``like`` is.

    ``like`` is the word the copy used: its "-ern" ending and a hyphen
    ("north-eastern", British) carry over; without one the word is closed
    up, as AP writes it ("northeastern").
    """
    names = list(_POINTS)
    point = names[round(degrees / 45) % 8]
    if len(point) > 5 and "-" in like:
        point = f"{point[:5]}-{point[5:]}"
    if like.lower().endswith("ern"):
        point += "ern"
    return point
