"""Read fact files and check each row against its schema.

tomllib reports no line numbers for parsed values, so a problem found in a row
is located by scanning the file text for the row's ``[[table]]`` header and
then for the key inside it. Rows are validated one by one here; checks that
need every file at once (overlapping terms, duplicate titles, references
between rows) live in :mod:`newslint.facts.kb`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newslint.facts.records import Office, Organisation, Origin, Person, Problem, Term

TABLES = ("organisation", "office", "term", "person")

# Key -> (kind, required). Kinds: str, date, bool, strlist.
SCHEMAS: dict[str, dict[str, tuple[str, bool]]] = {
    "organisation": {
        "name": ("str", True),
        "abbreviation": ("str", False),
        "wrong": ("strlist", False),
        "source": ("url", True),
        "as_of": ("date", True),
        "note": ("str", False),
    },
    "office": {
        "id": ("str", True),
        "name": ("str", True),
        "titles": ("strlist", True),
        "generic_titles": ("strlist", False),
        "complete_since": ("date", True),
        "titles_persist": ("bool", False),
        "abolished": ("date", False),
        "source": ("url", True),
        "as_of": ("date", True),
        "note": ("str", False),
    },
    "term": {
        "office": ("str", True),
        "holder": ("str", True),
        "start": ("date", True),
        "end": ("date", False),
        "acting": ("bool", False),
        "source": ("url", True),
        "as_of": ("date", True),
        "note": ("str", False),
    },
    "person": {
        "name": ("str", True),
        "aliases": ("strlist", False),
        "note": ("str", False),
    },
}

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[")


@dataclass
class FileRows:
    """The valid rows of one or more fact files, plus every problem found."""

    organisations: list[Organisation] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Locator:
    """Find the line of the n-th ``[[table]]`` row, or of a key inside it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            m = _HEADER.match(line)
            if m:
                self.headers.setdefault(m.group(1), []).append(number)

    def row(self, table: str, index: int) -> int | None:
        starts = self.headers.get(table, [])
        return starts[index] if index < len(starts) else None

    def key(self, table: str, index: int, key: str) -> int | None:
        start = self.row(table, index)
        if start is None:
            return self.top(key)
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _TABLE_HEADER.match(line):
                break
            if pattern.match(line):
                return number
        return start

    def top(self, key: str) -> int | None:
        """Return the first line that assigns ``key`` or opens it as a table."""
        pattern = re.compile(
            rf"^\s*(?:\[+\s*{re.escape(key)}\s*\]+|[\"']?{re.escape(key)}[\"']?\s*=)"
        )
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None


def iter_fact_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories to the ``*.toml`` files under them, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.toml") if p.is_file()))
        else:
            files.append(path)
    return files


def read_files(paths: Iterable[Path]) -> FileRows:
    """Read every fact file under ``paths`` and return their rows and problems."""
    rows = FileRows()
    for path in iter_fact_files(paths):
        read_file(path, rows)
    return rows


def read_file(path: Path, rows: FileRows) -> None:
    """Read one fact file into ``rows``; problems are recorded, not raised."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        rows.problems.append(Problem(shown, None, None, f"cannot read fact file: {exc}"))
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
        rows.problems.append(Problem(shown, line, None, f"invalid TOML: {exc}"))
        return
    locator = _Locator(text)
    for key, value in data.items():
        if key not in SCHEMAS:
            rows.problems.append(
                Problem(
                    shown,
                    locator.top(key),
                    key,
                    f"unknown table '{key}' (expected one of: {', '.join(TABLES)})",
                )
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            rows.problems.append(
                Problem(shown, locator.top(key), key, f"'{key}' must be written as [[{key}]] rows")
            )
            continue
        for index, raw in enumerate(value):
            _read_row(shown, locator, key, index, raw, rows)


def _read_row(
    path: str, locator: _Locator, table: str, index: int, raw: dict[str, Any], rows: FileRows
) -> None:
    schema = SCHEMAS[table]
    problems: list[Problem] = []

    def fail(key: str | None, message: str) -> None:
        line = locator.key(table, index, key) if key else locator.row(table, index)
        problems.append(Problem(path, line, key, message))

    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in schema:
            fail(key, f"unknown key '{key}' in [[{table}]] (allowed: {', '.join(schema)})")
            continue
        kind = schema[key][0]
        checked = _check_value(kind, value)
        if isinstance(checked, Invalid):
            fail(key, checked.message)
        else:
            values[key] = checked
    for key, (_, required) in schema.items():
        if required and key not in raw:
            fail(None, f"[[{table}]] row is missing required key '{key}'")
    if problems:
        rows.problems.extend(problems)
        return
    origin = Origin(path, locator.row(table, index) or 1)
    record = _build(table, values, origin)
    getattr(rows, _PLURAL[table]).append(record)


_PLURAL = {
    "organisation": "organisations",
    "office": "offices",
    "term": "terms",
    "person": "persons",
}


@dataclass(frozen=True, slots=True)
class Invalid:
    """Why a value does not fit its key's kind."""

    message: str


def _check_value(kind: str, value: Any) -> Any:
    """Return the value converted to its kind, or :class:`Invalid`."""
    if kind in {"str", "url"}:
        if not isinstance(value, str):
            return Invalid(f"expected a string, got {type(value).__name__}")
        if not value.strip():
            return Invalid("must not be empty")
        if kind == "url" and not re.match(r"^https?://\S+$", value.strip()):
            return Invalid(f"source must be an http(s) URL, got {value!r}")
        return value.strip()
    if kind == "date":
        return _as_date(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return Invalid(f"expected true or false, got {value!r}")
    if not isinstance(value, list):
        return Invalid(f"expected a list of strings, got {type(value).__name__}")
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return Invalid(f"list items must be non-empty strings, got {item!r}")
        items.append(item.strip())
    return tuple(items)


def _as_date(value: Any) -> date | Invalid:
    """Return ``value`` as a date, or :class:`Invalid`.

    TOML dates arrive as :class:`datetime.date`; a quoted ISO date is accepted
    too. A date-time is refused: a term starts on a day, not at an instant.
    """
    if isinstance(value, datetime):
        return Invalid(f"expected a date (YYYY-MM-DD), got a date-time {value.isoformat()}")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return Invalid(f"not a valid date: {value!r} (expected YYYY-MM-DD)")
    return Invalid(f"expected a date (YYYY-MM-DD), got {type(value).__name__}")


def _build(table: str, v: dict[str, Any], origin: Origin) -> Any:
    if table == "organisation":
        return Organisation(
            name=v["name"],
            abbreviation=v.get("abbreviation"),
            wrong=v.get("wrong", ()),
            source=v["source"],
            as_of=v["as_of"],
            origin=origin,
        )
    if table == "office":
        return Office(
            id=v["id"],
            name=v["name"],
            titles=v["titles"],
            generic_titles=v.get("generic_titles", ()),
            complete_since=v["complete_since"],
            titles_persist=v.get("titles_persist", False),
            abolished=v.get("abolished"),
            source=v["source"],
            as_of=v["as_of"],
            origin=origin,
        )
    if table == "term":
        return Term(
            office=v["office"],
            holder=v["holder"],
            start=v["start"],
            end=v.get("end"),
            acting=v.get("acting", False),
            source=v["source"],
            as_of=v["as_of"],
            origin=origin,
        )
    return Person(name=v["name"], aliases=v.get("aliases", ()), origin=origin)
