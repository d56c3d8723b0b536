"""Core value types shared by every part of newslint.

There is one coordinate system: a :class:`Span` is a half-open range of Unicode
code-point offsets into the decoded source file (BOM removed, newlines untouched).
Lines, columns and UTF-16 positions are derived from it at the edges by
:class:`newslint.document.lines.LineIndex`; nothing else computes positions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that comparisons work."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Return the severity named by ``value`` (``info``/``warning``/``error``)."""
        key = value.strip().lower()
        aliases = {"suggestion": "info", "warn": "warning", "err": "error"}
        key = aliases.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected info, warning or error)"
            ) from None

    @property
    def label(self) -> str:
        """Return the lower-case name used in output."""
        return self.name.lower()


class Category(enum.StrEnum):
    """The finding categories that the JSON contract promises."""

    TYPO = "typo"
    REPETITION = "repetition"
    ATTRIBUTION = "attribution"
    FACT = "fact"
    STYLE = "style"
    GRAMMAR = "grammar"
    BOILERPLATE = "boilerplate"


class Applicability(enum.StrEnum):
    """Whether a fix may be applied automatically."""

    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied by --fix --unsafe-fixes
    DISPLAY = "display"  # shown as help only (crosses markup or a quotation)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open ``[start, end)`` range of code-point offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        """Return True when the spans share at least one code point."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Return True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved position; built only by ``LineIndex``."""

    offset: int  # code points from the start of the source, 0-based
    line: int  # 1-based
    column: int  # 1-based, in code points
    utf16_column: int  # 1-based, for SARIF and LSP consumers


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at ``span`` (source coordinates) with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together correct one finding.

    ``context`` is the source text the rule read to choose the edits, when
    that reaches beyond them: a real-word slip is judged by its neighbours.
    Another fix that edits inside it in the same pass could make the choice
    wrong ("they one" -> "the" + "won", each right alone, wrong together), so
    :func:`newslint.fix.apply_edits` leaves such a pair for the next pass.
    """

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str
    context: Span | None = None

    def with_applicability(self, applicability: Applicability) -> Fix:
        """Return a copy with a different applicability."""
        return Fix(self.edits, applicability, self.title, self.context)


@dataclass(frozen=True, slots=True)
class Related:
    """A secondary span that explains a finding ("first spelled here")."""

    span: Span
    label: str
    start: Location | None = None
    end: Location | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, fully resolved to source coordinates."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    path: str
    span: Span
    start: Location
    end: Location
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    source: str = "newslint"
    external_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[str, int, str, int]:
        """Return the documented output order: path, start, rule, end."""
        return (self.path, self.span.start, self.code, self.span.end)
