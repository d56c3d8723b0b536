"""The date a story is written as of, and how far to trust it.

Sources, strongest first: ``--date`` (or ``date`` in config), a ``date`` in
front matter, a wire dateline that carries a date, and the file's
modification time. The last is weak: it records when the file was saved,
copied or checked out, not when the story was written, so checks that rely
on it lower their severity to info and say where the date came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from newslint.facts.dates import find_dateline, nearest_occurrence, parse_date


@dataclass(frozen=True, slots=True)
class StoryDate:
    """The story's date and where it came from."""

    day: dt.date
    source: str  # "option", "front matter", "dateline", "file date"

    @property
    def weak(self) -> bool:
        """Return True when the date is only the file's modification time."""
        return self.source == "file date"

    def describe(self) -> str:
        """Return "2021-12-21 (from the dateline)" for messages."""
        return f"{self.day.isoformat()} (from the {self.source})"


def story_date(text: str, metadata: dict[str, Any], option: dt.date | None) -> StoryDate | None:
    """Return the story date from the strongest source that has one."""
    if option is not None:
        return StoryDate(option, "option")
    front = _as_date(metadata.get("date"))
    if front is not None:
        return StoryDate(front, "front matter")
    file_day = _as_date(metadata.get("file_date"))
    # A dateline rarely carries the year; the file date supplies it, and
    # the nearest such date to the file date is taken.
    year = file_day.year if file_day else None
    found = find_dateline(_head(text), year=year)
    if found is not None:
        mention, day = found
        if mention.year is None and file_day is not None:
            day = _nearest(day, file_day)
        return StoryDate(day, "dateline")
    if file_day is not None:
        return StoryDate(file_day, "file date")
    return None


def _head(text: str) -> str:
    """Return the top of a story, where a dateline can be (headline + lede)."""
    return text[:1500]


def _nearest(day: dt.date, around: dt.date) -> dt.date:
    return nearest_occurrence(day.month, day.day, around) or day


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None
