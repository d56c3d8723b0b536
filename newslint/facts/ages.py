"""A person's age, stated beside their name, that disagrees with itself in one story.

News copy states ages in two fixed shapes: an appositive after the name
("Ana Ortiz, 45, said", "Ms Ortiz, aged 45,") and a compound before it ("the
45-year-old Ana Ortiz", "45-year-old teacher Ana Ortiz"). Both are read off
the people model's name mentions, so two people who share a surname keep
their own ages. A sentence that speaks of another time ("when she was 12",
"turned 46", "in 1998") may give another age on purpose and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.people import People

__all__ = ["StatedAge", "find_age_clashes"]

_AFTER = re.compile(r",\s+(?:aged\s+)?(?P<age>\d{1,3})(?=[,.;])(?!\.\d)")
_BEFORE = re.compile(r"(?P<age>\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}$")
# Words that put an age in another time than the story's.
_OTHER_TIME = re.compile(
    r"\b(?:when|then|turned|turns|turning|birthday|aged\s+\d+\s+(?:at|in|when)|at\s+the\s+time"
    r"|years?\s+ago|in\s+(?:19|20)\d\d|until|since|former|formerly|once|earlier|later|by\s+the\s+time)\b",
    re.I,
)
_MAX_AGE = 120


@dataclass(frozen=True, slots=True)
class StatedAge:
    """An age given to a person: the figure's span and the person's name mention."""

    start: int
    end: int
    age: int
    person: int
    name: str


def find_age_clashes(people: People) -> list[tuple[StatedAge, StatedAge]]:
    """Return (earlier, later) pairs where a person's stated age changes within the story."""
    doc = people.doc
    text = doc.text
    first: dict[int, StatedAge] = {}
    clashes: list[tuple[StatedAge, StatedAge]] = []
    for mention in people.mentions:
        if mention.kind == "pronoun" or mention.person < 0 or mention.headline:
            continue
        for stated in _ages_beside(text, mention.start, mention.end, mention.person, mention.text):
            if _OTHER_TIME.search(doc.sentence_text_at(stated.start)):
                continue
            earlier = first.setdefault(stated.person, stated)
            if earlier.age != stated.age:
                clashes.append((earlier, stated))
    return clashes


def _ages_beside(text: str, start: int, end: int, person: int, name: str) -> list[StatedAge]:
    """Return the ages written right after or right before one name mention."""
    out = []
    after = _AFTER.match(text, end)
    if after is not None:
        out.append(_stated(after, person, name))
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        out.append(_stated(before, person, name))
    return [a for a in out if 0 < a.age <= _MAX_AGE]


def _stated(m: re.Match[str], person: int, name: str) -> StatedAge:
    return StatedAge(m.start("age"), m.end("age"), int(m.group("age")), person, name)
