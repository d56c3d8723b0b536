"""The facts knowledge base: load, validate across files, answer lookups.

Rows come from ``rules/facts/**/*.toml`` plus any paths a newsroom names in
its config (``facts = [...]``). Files are merged before the checks that span
rows run, so a newsroom file may add terms to a built-in office or aliases to
a built-in person. Any problem stops loading with every problem listed: a
fact table that is quietly half-loaded would make the linter emit false
corrections with confidence.

Loading happens only when a fact rule first asks for the knowledge base, and
compiled indexes are built only when first used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.facts.index import NameIndex, TitleIndex, TitleMatch
from newslint.facts.records import (
    KnowledgeBaseError,
    Office,
    Organisation,
    Origin,
    Person,
    Problem,
    Term,
)
from newslint.facts.text import fold

if TYPE_CHECKING:
    # The file reader is needed only when the data cache misses: imported then.
    from newslint.facts.loader import FileRows


class KnowledgeBase:
    """Validated facts and the lookups the fact rules need."""

    def __init__(
        self,
        organisations: Iterable[Organisation],
        offices: Iterable[Office],
        terms: Iterable[Term],
        persons: Iterable[Person] = (),
    ) -> None:
        """Validate the rows together; raise :class:`KnowledgeBaseError` if any is wrong."""
        self.organisations = tuple(organisations)
        office_list = tuple(offices)
        self.terms = tuple(sorted(terms, key=lambda t: (t.office, t.start)))
        problems: list[Problem] = []
        problems += _check_organisations(self.organisations)
        self.offices = _index_offices(office_list, problems)
        problems += _check_titles(office_list)
        problems += _check_terms(self.terms, self.offices)
        self.persons = _merge_persons(persons, self.terms, problems)
        if problems:
            raise KnowledgeBaseError(problems)
        self._by_office: dict[str, list[Term]] = {}
        for term in self.terms:
            self._by_office.setdefault(term.office, []).append(term)

    @classmethod
    def from_rows(cls, rows: FileRows) -> KnowledgeBase:
        """Build from rows read from files; file-level problems are raised first."""
        if rows.problems:
            raise KnowledgeBaseError(rows.problems)
        return cls(rows.organisations, rows.offices, rows.terms, rows.persons)

    # -- organisations ---------------------------------------------------

    def official_name_variants(self) -> NameIndex:
        """Return the index from every known form (wrong or official) to its body."""
        return self._names

    @cached_property
    def _names(self) -> NameIndex:
        return NameIndex(self.organisations)

    # -- offices and holders ---------------------------------------------

    @cached_property
    def titles(self) -> TitleIndex:
        """Return the index of specific and generic titles."""
        return TitleIndex(self.offices.values())

    def resolve_title(self, title: str) -> TitleMatch | None:
        """Return the office(s) a title as written in copy refers to."""
        return self.titles.resolve(title)

    def office(self, key: str) -> Office:
        """Return an office by id or by one of its specific titles."""
        if key in self.offices:
            return self.offices[key]
        found = self.resolve_title(key)
        if found is None or not found.specific:
            raise KeyError(f"no office with id or specific title {key!r}")
        return found.offices[0]

    def terms_of(self, office: str) -> tuple[Term, ...]:
        """Return every term of an office (id or specific title), oldest first."""
        return tuple(self._by_office.get(self.office(office).id, ()))

    def holders_on(self, office: str, day: date) -> tuple[Term, ...]:
        """Return the term(s) covering ``day`` for an office (id or specific title)."""
        return tuple(t for t in self.terms_of(office) if t.covers(day))

    def people_named(self, name: str) -> tuple[Person, ...]:
        """Return the people whose full name or an alias is ``name``."""
        names = self._people_by_key.get(fold(name, hyphens=False), ())
        return tuple(self.persons[n] for n in names)

    @cached_property
    def _people_by_key(self) -> dict[str, tuple[str, ...]]:
        keys: dict[str, list[str]] = {}
        for person in self.persons.values():
            for written in (person.name, *person.aliases):
                names = keys.setdefault(fold(written, hyphens=False), [])
                if person.name not in names:
                    names.append(person.name)
        return {k: tuple(v) for k, v in keys.items()}

    def offices_held_by(self, person: str) -> tuple[Term, ...]:
        """Return every term held by anyone called ``person`` (name or alias).

        An alias shared by several people ("Clinton") returns all their terms:
        callers that must decide should treat any match as good enough.
        """
        names = {p.name for p in self.people_named(person)}
        return tuple(sorted((t for t in self.terms if t.holder in names), key=lambda t: t.start))

    @cached_property
    def as_of(self) -> date:
        """Return the earliest ``as_of`` of a current term: how fresh the data is."""
        current = [t.as_of for t in self.terms if t.end is None]
        return min(current) if current else max((t.as_of for t in self.terms), default=date.min)


def _problem(origin: Origin, key: str | None, message: str) -> Problem:
    return Problem(origin.path, origin.line, key, message)


def _check_organisations(orgs: tuple[Organisation, ...]) -> list[Problem]:
    """Names must be unambiguous: one key, one body, one meaning."""
    problems: list[Problem] = []
    official: dict[str, Organisation] = {}
    for org in orgs:
        key = fold(org.name)
        if key in official:
            other = official[key]
            problems.append(
                _problem(org.origin, "name", f"'{org.name}' is already listed at {other.origin}")
            )
        official[key] = org
    wrong: dict[str, Organisation] = {}
    for org in orgs:
        for form in org.wrong:
            key = fold(form)
            if key == fold(org.name):
                problems.append(
                    _problem(
                        org.origin, "wrong", f"wrong form '{form}' is the official name itself"
                    )
                )
            elif key in official:
                problems.append(
                    _problem(
                        org.origin,
                        "wrong",
                        f"wrong form '{form}' is the official name of the body at "
                        f"{official[key].origin}",
                    )
                )
            elif key in wrong and wrong[key].name != org.name:
                problems.append(
                    _problem(
                        org.origin,
                        "wrong",
                        f"wrong form '{form}' is also listed for '{wrong[key].name}' "
                        f"at {wrong[key].origin}",
                    )
                )
            wrong[key] = org
    return problems


def _index_offices(offices: tuple[Office, ...], problems: list[Problem]) -> dict[str, Office]:
    by_id: dict[str, Office] = {}
    for office in offices:
        if office.id in by_id:
            problems.append(
                _problem(
                    office.origin,
                    "id",
                    f"office id '{office.id}' is already defined at {by_id[office.id].origin}",
                )
            )
            continue
        by_id[office.id] = office
    return by_id


def _check_titles(offices: tuple[Office, ...]) -> list[Problem]:
    """A specific title names one office; it may not be generic anywhere else."""
    problems: list[Problem] = []
    specific: dict[str, Office] = {}
    generic: dict[str, Office] = {}
    for office in offices:
        for title in office.titles:
            key = fold(title, hyphens=False)
            other = specific.get(key)
            if other is not None and other.id != office.id:
                problems.append(
                    _problem(
                        office.origin,
                        "titles",
                        f"title '{title}' also names office '{other.id}' at {other.origin}",
                    )
                )
            specific[key] = office
        for title in office.generic_titles:
            generic.setdefault(fold(title, hyphens=False), office)
    for key, office in specific.items():
        if key in generic:
            problems.append(
                _problem(
                    office.origin,
                    "titles",
                    f"title '{key}' is specific here but generic for office "
                    f"'{generic[key].id}' at {generic[key].origin}",
                )
            )
    return problems


def _check_terms(terms: tuple[Term, ...], offices: dict[str, Office]) -> list[Problem]:
    """Dates must be in order, assertable on ``as_of``, and never overlap."""
    problems: list[Problem] = []
    previous: Term | None = None
    for term in terms:  # sorted by office, then start
        office = offices.get(term.office)
        if office is None:
            problems.append(_problem(term.origin, "office", f"unknown office '{term.office}'"))
        if term.end is not None and term.end <= term.start:
            problems.append(
                _problem(term.origin, "end", f"end {term.end} is not after start {term.start}")
            )
        if term.start > term.as_of:
            problems.append(
                _problem(term.origin, "start", f"start {term.start} is after as_of {term.as_of}")
            )
        if term.end is not None and term.end > term.as_of:
            problems.append(
                _problem(
                    term.origin,
                    "end",
                    f"end {term.end} is after as_of {term.as_of}: a term cannot be "
                    "asserted to have ended before it did",
                )
            )
        if (
            office is not None
            and office.abolished is not None
            and (term.end is None or term.end > office.abolished)
        ):
            problems.append(
                _problem(
                    term.origin,
                    "end",
                    f"term runs past the office's abolition on {office.abolished}",
                )
            )
        if (
            previous is not None
            and previous.office == term.office
            and (previous.end is None or previous.end > term.start)
        ):
            problems.append(
                _problem(
                    term.origin,
                    "start",
                    f"term of {term.holder} from {term.start} overlaps the term of "
                    f"{previous.holder} at {previous.origin} (ends "
                    f"{previous.end or 'never'}) in office '{term.office}'",
                )
            )
        previous = term
    for office in offices.values():
        if not any(t.office == office.id for t in terms):
            problems.append(_problem(office.origin, "id", f"office '{office.id}' has no terms"))
    return problems


def _merge_persons(
    persons: Iterable[Person], terms: tuple[Term, ...], problems: list[Problem]
) -> dict[str, Person]:
    """Give every holder a person; merge rows naming the same person."""
    holders = {t.holder for t in terms}
    merged: dict[str, Person] = {}
    for person in persons:
        if person.name not in holders and person.origin is not None:
            problems.append(
                _problem(
                    person.origin,
                    "name",
                    f"person '{person.name}' holds no term (a misspelt holder?)",
                )
            )
        old = merged.get(person.name)
        aliases = (
            person.aliases
            if old is None
            else (*old.aliases, *(a for a in person.aliases if a not in old.aliases))
        )
        merged[person.name] = Person(person.name, tuple(aliases), person.origin)
    for holder in sorted(holders - set(merged)):
        merged[holder] = Person(holder, (), None)
    return merged


def builtin_facts_dir() -> Path:
    """Return the folder of the fact files that ship with newslint."""
    from newslint.data import rules_root

    return rules_root() / "facts"


def load_kb(paths: Iterable[str | Path] = (), *, builtin: bool = True) -> KnowledgeBase:
    """Load the built-in facts plus extra files or folders, cached per path set."""
    key = tuple(str(Path(p)) for p in paths)
    return _load_cached(key, builtin)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...], builtin: bool) -> KnowledgeBase:
    from newslint.datacache import cached
    from newslint.facts.loader import iter_fact_files

    sources = [builtin_facts_dir()] if builtin else []
    sources += [Path(p) for p in paths]
    # The data cache keeps the validated knowledge base with its indexes built,
    # keyed by every fact file's content: a run reads one pickle instead of
    # parsing and checking every table. Invalid files raise and are not cached.
    files = iter_fact_files(sources)
    return cached("facts", files, lambda: _build(sources), salt=repr((paths, builtin)))


def _build(sources: list[Path]) -> KnowledgeBase:
    """Read, validate and index the fact files (what the data cache stores)."""
    from newslint.facts.loader import read_files

    kb = KnowledgeBase.from_rows(read_files(sources))
    # Build the lazily computed indexes now, so the cached copy carries them.
    kb.official_name_variants()
    _ = kb.titles, kb._people_by_key, kb.as_of
    return kb
