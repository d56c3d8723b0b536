"""Compiled lookups over the knowledge base: organisation names and titles.

Both indexes pair one compiled regex (to find candidates in copy) with a dict
keyed by :func:`~newslint.facts.text.fold` (to say what a candidate is). They
are built on first use, because compiling a few hundred alternatives costs
more than the linter's start-up budget allows for rules that may never run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from newslint.facts.records import Office, Organisation
from newslint.facts.text import compile_phrases, fold, is_respelling


@dataclass(frozen=True, slots=True)
class NameForm:
    """What a written organisation name is: the official name or a wrong form."""

    organisation: Organisation
    wrong: bool
    respelling: bool


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An organisation name found in text, with its code-point span."""

    start: int
    end: int
    text: str
    form: NameForm

    @property
    def official(self) -> str:
        """Return the body's official name."""
        return self.form.organisation.name


class NameIndex:
    """Every official name and wrong form, and a regex that finds them all.

    Official names are in the regex too: the longest match wins, so the
    official "Federal Reserve Bank of New York" consumes its text before a
    shorter wrong form could claim part of it.
    """

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        self._forms: dict[str, NameForm] = {}
        self._wrong: dict[str, str] = {}
        phrases: list[str] = []
        for org in organisations:
            self._forms[fold(org.name)] = NameForm(org, wrong=False, respelling=False)
            phrases.append(org.name)
            for form in org.wrong:
                self._forms[fold(form)] = NameForm(
                    org, wrong=True, respelling=is_respelling(form, org.name)
                )
                self._wrong[form] = org.name
                phrases.append(form)
        self._pattern = compile_phrases(phrases, hyphens=True)

    @property
    def wrong_to_official(self) -> Mapping[str, str]:
        """Return each wrong form, as written in the data, with its official name."""
        return self._wrong

    def lookup(self, written: str) -> NameForm | None:
        """Return what ``written`` is, or None when it is no known name."""
        return self._forms.get(fold(written))

    def finditer(self, text: str) -> Iterator[NameMatch]:
        """Yield every known name in ``text``, official or wrong, left to right."""
        for m in self._pattern.finditer(text):
            form = self._forms.get(fold(m.group()))
            if form is not None:
                yield NameMatch(m.start(), m.end(), m.group(), form)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found in text (or resolved from a string).

    ``specific`` titles name exactly one office; generic ones ("President")
    list every office that uses them and need a holder's name to decide.
    """

    start: int
    end: int
    text: str
    offices: tuple[Office, ...]
    specific: bool


class TitleIndex:
    """Specific and generic titles of every office, and a regex for them."""

    def __init__(self, offices: Iterable[Office]) -> None:
        specific: dict[str, Office] = {}
        generic: dict[str, list[Office]] = {}
        phrases: list[str] = []
        for office in offices:
            for title in office.titles:
                specific[fold(title, hyphens=False)] = office
                phrases.append(title)
            for title in office.generic_titles:
                generic.setdefault(fold(title, hyphens=False), []).append(office)
                phrases.append(title)
        self._specific = specific
        self._generic = {k: tuple(v) for k, v in generic.items()}
        self._pattern = compile_phrases(phrases, hyphens=False)

    def resolve(self, title: str) -> TitleMatch | None:
        """Return the office(s) ``title`` names, or None for an unknown title."""
        return self._match(0, len(title), title)

    def finditer(self, text: str) -> Iterator[TitleMatch]:
        """Yield every known title in ``text``, longest first at each position."""
        for m in self._pattern.finditer(text):
            found = self._match(m.start(), m.end(), m.group())
            if found is not None:
                yield found

    def _match(self, start: int, end: int, written: str) -> TitleMatch | None:
        key = fold(written, hyphens=False)
        office = self._specific.get(key)
        if office is not None:
            return TitleMatch(start, end, written, (office,), specific=True)
        offices = self._generic.get(key)
        if offices:
            return TitleMatch(start, end, written, offices, specific=False)
        return None
