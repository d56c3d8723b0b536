"""Compiled lookups over the knowledge base: organisation names and titles.

Both are :class:`~newslint.facts.text.PhraseIndex` word tries keyed by
:func:`~newslint.facts.text.fold`, built on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from newslint.facts.records import Office, Organisation
from newslint.facts.text import PhraseIndex, fold, is_respelling


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
        self._phrases: PhraseIndex[NameForm] = PhraseIndex(hyphens=True)
        for org in organisations:
            self._add(org.name, NameForm(org, wrong=False, respelling=False))
            for form in org.wrong:
                self._add(form, NameForm(org, wrong=True, respelling=is_respelling(form, org.name)))
                self._wrong[form] = org.name

    def _add(self, written: str, form: NameForm) -> None:
        self._forms[fold(written)] = form
        self._phrases.add(written, form)

    @property
    def wrong_to_official(self) -> Mapping[str, str]:
        """Return each wrong form, as written in the data, with its official name."""
        return self._wrong

    def lookup(self, written: str) -> NameForm | None:
        """Return what ``written`` is, or None when it is no known name."""
        return self._forms.get(fold(written))

    def finditer(self, text: str) -> Iterator[NameMatch]:
        """Yield every known name in ``text``, official or wrong, left to right."""
        for start, end, form in self._phrases.finditer(text):
            yield NameMatch(start, end, text[start:end], form)


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
    """Specific and generic titles of every office, found word by word."""

    def __init__(self, offices: Iterable[Office]) -> None:
        specific: dict[str, Office] = {}
        generic: dict[str, list[Office]] = {}
        self._phrases: PhraseIndex[str] = PhraseIndex(hyphens=False)
        for office in offices:
            for title in office.titles:
                specific[fold(title, hyphens=False)] = office
                self._phrases.add(title, title)
            for title in office.generic_titles:
                generic.setdefault(fold(title, hyphens=False), []).append(office)
                self._phrases.add(title, title)
        self._specific = specific
        self._generic = {k: tuple(v) for k, v in generic.items()}

    def resolve(self, title: str) -> TitleMatch | None:
        """Return the office(s) ``title`` names, or None for an unknown title."""
        return self._match(0, len(title), title)

    def finditer(self, text: str) -> Iterator[TitleMatch]:
        """Yield every known title in ``text``, longest first at each position."""
        for start, end, _title in self._phrases.finditer(text):
            found = self._match(start, end, text[start:end])
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
