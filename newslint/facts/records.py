"""The rows of the facts knowledge base, as immutable values.

Every row remembers where it came from (:class:`Origin`) so that a problem
found after merging several files (an overlapping term, a duplicate title)
can still name the file and line a newsroom editor has to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Origin:
    """The file and 1-based line a row was read from."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a fact file is invalid, located as precisely as possible."""

    path: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


class KnowledgeBaseError(Exception):
    """The fact files are invalid; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"invalid facts data ({len(self.problems)} problem(s)):\n{lines}")


@dataclass(frozen=True, slots=True)
class Organisation:
    """A body's official name and the wrong forms copy gives it."""

    name: str
    abbreviation: str | None
    wrong: tuple[str, ...]
    source: str
    as_of: date
    origin: Origin


@dataclass(frozen=True, slots=True)
class Office:
    """An office whose holders the knowledge base tracks.

    ``titles`` name this office alone ("NATO Secretary General"); a
    ``generic_titles`` entry ("Secretary General", "President") is shared by
    several offices and only identifies one together with a holder's name.
    The list of holders is complete from ``complete_since``; before that a
    missing name proves nothing. ``titles_persist`` marks offices whose title
    stays part of the holder's name for life (monarchs, emperors).
    """

    id: str
    name: str
    titles: tuple[str, ...]
    generic_titles: tuple[str, ...]
    complete_since: date
    titles_persist: bool
    abolished: date | None
    source: str
    as_of: date
    origin: Origin


@dataclass(frozen=True, slots=True)
class Term:
    """One continuous stretch of one person in one office.

    Terms are half-open: the holder is in office on ``start`` and no longer on
    ``end``. ``end`` is None for a holder still in office on ``as_of``.
    """

    office: str
    holder: str
    start: date
    end: date | None
    acting: bool
    source: str
    as_of: date
    origin: Origin

    def covers(self, day: date) -> bool:
        """Return True when the holder was in office on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)

    def days_outside(self, day: date) -> int:
        """Return how many days ``day`` lies outside the term (0 if inside)."""
        if day < self.start:
            return (self.start - day).days
        if self.end is not None and day >= self.end:
            return (day - self.end).days + 1
        return 0


@dataclass(frozen=True, slots=True)
class Person:
    """A holder and the other names news copy calls them by."""

    name: str
    aliases: tuple[str, ...]
    origin: Origin | None
