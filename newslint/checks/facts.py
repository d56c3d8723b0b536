"""Built-in fact rules (NL5xx).

* NL501 official-name: a wrong form of an organisation's official name.
* NL502 office-holder-on-date: a title paired with someone who did not hold
  that office on the story's date.
* NL503 office-never-held: a title paired with someone who never held it.
* NL504-NL505, NL509-NL510: dates and weekdays, in :mod:`newslint.checks.facts_dates`.
* NL506-NL508, NL512-NL514: numbers that disagree, in :mod:`newslint.checks.facts_numbers`.
* NL511 border-direction: in :mod:`newslint.checks.facts_geography`.

The facts themselves are data in ``rules/facts/`` (see its README); these
rules only compare copy against them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from newslint.checks.facts_common import (
    date_severity,
    knowledge_base,
    note_missing_date,
    story_date,
    titled_names,
)
from newslint.checks.facts_dates import RULES as DATE_RULES
from newslint.checks.facts_geography import RULES as GEOGRAPHY_RULES
from newslint.checks.facts_numbers import RULES as NUMBER_RULES
from newslint.diagnostics import Category, Severity
from newslint.document import Document
from newslint.facts.kb import KnowledgeBase
from newslint.facts.people import TitledName
from newslint.facts.records import Office, Term
from newslint.rule import Example, Rule, RuleContext, Scope

# Words that may stand before a wrong form without making it part of a longer name.
_NAME_OPENERS = frozenset({"The", "A", "An", "US", "U.S.", "American", "UN", "U.N."})
# Days either side of a recorded handover within which copy is not contradicted:
# stories written on the day of a transition legitimately use either holder.
GRACE_DAYS = 2


class OfficialName(Rule):
    """Flag an organisation's name written in a form the body itself never uses.

    ## What it flags
    A wrong form of an official name listed in `rules/facts/organisations.toml`:
    wrong words ("International Olympics Committee", "Drug Enforcement Agency",
    "Federal Open Markets Committee") and the body's name respelled in another
    house spelling ("Organization for Security and Cooperation in Europe" for
    the OSCE's own "Co-operation"; "World Health Organisation"). A form that is
    part of a longer name ("Liberia Drug Enforcement Agency") is left alone.

    ## Why
    Proper names are facts: style guides that otherwise respell words keep an
    organisation's own spelling (the BBC keeps "World Health Organization").
    A wrong name can also point at a different body.

    ## Example
    `talks within the Organization for Security and Cooperation in Europe`

    ## Use instead
    `talks within the Organization for Security and Co-operation in Europe`.
    Respellings get a safe fix; a wrong word gets the official name as an
    unsafe fix, because the editor may prefer a short form.

    ## Options
    `respellings` (default true): also flag house-spelling variants of official
    names. Set it to false for a house style that respells proper names.
    """

    code = "NL501"
    name = "official-name"
    category = Category.FACT
    summary = "Organisation name in a form the body does not use."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    option_defaults: ClassVar[Mapping[str, Any]] = {"respellings": True}
    examples = (
        Example(
            "Talks involve the Organization for Security and Cooperation in Europe.",
            expect=("Organization for Security and Cooperation in Europe",),
            fixed="Talks involve the Organization for Security and Co-operation in Europe.",
        ),
        Example(
            "The International Olympics Committee met.",
            expect=("International Olympics Committee",),
        ),
        Example("The Federal Reserve Bank of New York and the World Health Organization agreed."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report every wrong form of a known official name."""
        index = knowledge_base(ctx).official_name_variants()
        text = unit.text
        for paragraph in unit.paragraphs:
            for found in index.finditer(paragraph.text):
                start, end = found.start + paragraph.start, found.end + paragraph.start
                form = found.form
                if not form.wrong or (form.respelling and not self.options["respellings"]):
                    continue
                if _inside_longer_name(text, paragraph.start, start, end):
                    continue
                official = found.official
                replacement = _keep_qualifier(found.text, official)
                if form.respelling:
                    message = (
                        f"The body's own name is '{official}' ({_word_change(found.text, official)}"
                        "); keep its spelling even where house style differs."
                    )
                else:
                    message = f"Wrong name: the official name is '{official}'."
                ctx.report(
                    start,
                    end,
                    message,
                    suggestions=[replacement],
                    fix=ctx.replace(start, end, replacement, safe=form.respelling),
                    data={"source": form.organisation.source},
                )


def _inside_longer_name(text: str, floor: int, start: int, end: int) -> bool:
    """Return True when capitalised words around a match make it part of another name."""
    before = re.search(r"([\w.'’]+)[ \t]+$", text[floor:start])
    if before is not None:
        word = before.group(1)
        sentence_end = word.endswith(".") and word not in _NAME_OPENERS
        if word[:1].isupper() and word not in _NAME_OPENERS and not sentence_end:
            return True
    return re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[end : end + 40]) is not None


def _word_change(written: str, official: str) -> str:
    """Return "'Co-operation', not 'Cooperation'" for the words that differ."""
    ours = written.split()
    theirs = official.split()
    if len(ours) == len(theirs):
        pairs = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
        if pairs:
            return ", ".join(f"'{b}', not '{a}'" for a, b in pairs)
    return f"not '{written}'"


def _keep_qualifier(written: str, official: str) -> str:
    """Return the official name, keeping a leading "US"/"U.S." the copy used."""
    m = re.match(r"(U\.?S\.?|United States)\s+", written)
    if m and not official.startswith(("U.S.", "United States")):
        return f"{m.group(1)} {official}"
    return official


class OfficeHolderOnDate(Rule):
    """Flag a title paired with someone who did not hold the office on the story's date.

    ## What it flags
    A title directly before a name ("NATO Secretary General Jens Stoltenberg",
    "Prime Minister Tony Blair") when the knowledge base in `rules/facts/`
    records that the person was not in that office on the story date. Shared
    titles such as "Prime Minister" are checked only for people who held an
    office with that title. Titles after "former", "then-", "acting", "Deputy"
    and the like, and titles of monarchs, are not checked. Handovers get two
    days' grace either way. A sentence set in a year of the person's term
    ("In 2009, President Barack Obama traveled ...") uses the title of then
    and is not flagged.

    ## Why
    Copy filed or reused after a change of office-holder keeps the old title:
    "NATO Secretary General Jens Stoltenberg" was right until Oct. 1, 2024 and
    wrong after it. The story date comes from `--date`, front matter or a
    dateline; a date taken only from the file's modification time gives an
    info finding, because files are copied and checked out long after they
    were written.

    ## Example
    In a story dated June 1, 2025: `NATO Secretary General Jens Stoltenberg said`.

    ## Use instead
    `NATO Secretary General Mark Rutte said`, or `former NATO Secretary General
    Jens Stoltenberg said` if the story means him.
    """

    code = "NL502"
    name = "office-holder-on-date"
    category = Category.FACT
    summary = "Title given to someone not in that office on the story date."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "NATO Secretary General Jens Stoltenberg said the alliance would respond.",
            expect=("NATO Secretary General Jens Stoltenberg",),
            metadata={"date": dt.date(2025, 6, 1)},
        ),
        Example(
            "NATO Secretary General Jens Stoltenberg said the alliance would respond.",
            metadata={"date": dt.date(2020, 6, 1)},
        ),
        Example(
            "Former NATO Secretary General Jens Stoltenberg spoke.",
            metadata={"date": dt.date(2025, 6, 1)},
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report pairings whose person was out of office on the story date."""
        pairs = [p for p in titled_names(ctx) if p.persons]
        if not pairs:
            return
        kb = knowledge_base(ctx)
        story = story_date(ctx)
        seen: set[tuple[str, ...]] = set()
        for pair in pairs:
            offices = _offices_meant(pair, kb)
            if not offices or any(o.titles_persist for o in offices):
                continue
            if story is None:
                note_missing_date(ctx, pair.start, pair.end, "titles against office holders")
                return
            day = story.day
            if any(day < o.complete_since for o in offices):
                continue
            names = {p.name for p in pair.persons}
            terms = [t for o in offices for t in kb.terms_of(o.id) if t.holder in names]
            if any(t.days_outside(day) <= GRACE_DAYS for t in terms):
                continue
            years = _sentence_years(unit, pair.start)
            if any(_term_meets_year(t, y) for t in terms for y in years):
                continue  # "In 2009, President Barack Obama traveled ...": the title of then
            office = min(offices, key=lambda o: _distance(terms, o, day))
            key = (office.id, *sorted(names))
            if story.weak and key in seen:
                continue  # a guessed date: say it once per person and office
            seen.add(key)
            holders = [t.holder for t in kb.holders_on(office.id, day)]
            own = "; ".join(_span(t, len(names) > 1) for t in terms if t.office == office.id)
            held = f"held the office {own}" if own else "did not hold the office"
            message = (
                f"{pair.name} {held}, not on the story date {story.describe()}: "
                f"{office.name} then was {' and '.join(holders) or 'not recorded'}. "
                "Write 'former' if the story means the past holder."
            )
            ctx.report(
                pair.start,
                pair.end,
                message,
                suggestions=holders,
                severity=date_severity(story, self.severity),
                data={"office": office.id},
            )


# A time the sentence is set in: "In 2009, ...", "in March 2012", "on Jan. 5, 2010",
# "during 2011". A year used as a modifier ("who signed the 2010 law") does not
# set the sentence in that year, so it does not count.
_YEAR_RE = re.compile(
    r"(?:\b(?:[Ii]n|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Tt]hrough|[Ss]ince)\s+"
    r"(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?)?"
    r"|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+)"
    r"(19\d\d|20\d\d)\b"
)


def _sentence_years(doc: Document, offset: int) -> list[int]:
    """Return the years written in the sentence holding prose offset ``offset``."""
    paragraph = doc.paragraph_at(offset)
    if paragraph is None:
        return []
    for sentence in paragraph.sentences:
        if sentence.start <= offset < sentence.end:
            return [int(m.group(1)) for m in _YEAR_RE.finditer(sentence.text)]
    return []


def _term_meets_year(term: Term, year: int) -> bool:
    """Return True when ``term`` was running at some point in ``year``."""
    last = (term.end - dt.timedelta(days=1)).year if term.end is not None else 10_000
    return term.start.year <= year <= last


def _offices_meant(pair: TitledName, kb: KnowledgeBase) -> list[Office]:
    """Return the offices a pairing can refer to: specific, or generic ones the person held."""
    if pair.title.specific:
        return list(pair.title.offices)
    held = {t.office for p in pair.persons for t in kb.offices_held_by(p.name)}
    return [o for o in pair.title.offices if o.id in held]


def _distance(terms: list[Term], office: Office, day: dt.date) -> int:
    own = [t.days_outside(day) for t in terms if t.office == office.id]
    return min(own, default=10**6)


def _span(term: Term, named: bool = False) -> str:
    """Return "from 2014-10-01 to 2024-10-01", prefixed with the holder if ``named``."""
    who = f"{term.holder} " if named else ""
    if term.end is None:
        return f"{who}from {term.start.isoformat()}"
    return f"{who}from {term.start.isoformat()} to {term.end.isoformat()}"


class OfficeNeverHeld(Rule):
    """Flag a title paired with someone who never held that office.

    ## What it flags
    A title that names one office ("NATO Secretary General", "U.S. Secretary of
    State") directly before a name that is not among the office's holders in
    `rules/facts/`, whatever the story date. A person the knowledge base knows
    from another office is an error; an unknown full name is a warning, since
    the data may lack a brand-new or acting holder. Shared titles such as
    "President" are never checked this way.

    ## Why
    Mixing up offices ("Secretary of State Lloyd Austin") or people is a
    correction waiting to happen, and spell-checkers cannot see it.

    ## Example
    `U.S. Secretary of State Lloyd Austin arrived in Brussels.`

    ## Use instead
    `U.S. Defense Secretary Lloyd Austin arrived in Brussels.`
    """

    code = "NL503"
    name = "office-never-held"
    category = Category.FACT
    summary = "Title given to someone who never held that office."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "U.S. Secretary of State Lloyd Austin arrived in Brussels.",
            expect=("U.S. Secretary of State Lloyd Austin",),
        ),
        Example("U.S. Defense Secretary Lloyd Austin arrived in Brussels."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report specific titles paired with someone who never held them."""
        pairs = [p for p in titled_names(ctx) if p.title.specific]
        if not pairs:
            return
        kb = knowledge_base(ctx)
        story = story_date(ctx)
        for pair in pairs:
            office = pair.title.offices[0]
            if office.titles_persist or (story and story.day < office.complete_since):
                continue
            names = {p.name for p in pair.persons}
            if any(t.holder in names for t in kb.terms_of(office.id)):
                continue
            since = office.complete_since.year
            severity = self.severity if pair.persons else Severity.WARNING
            if story is not None and story.day > office.as_of:
                severity = Severity.INFO  # a new holder may postdate the data
            holders = [t.holder for t in kb.holders_on(office.id, story.day)] if story else []
            known = "" if pair.persons else " (if this is a new or acting holder, add a term)"
            ctx.report(
                pair.start,
                pair.end,
                f"{pair.name} is not among the holders of the office of {office.name} "
                f"listed since {since}{known}.",
                suggestions=holders,
                severity=severity,
                data={"office": office.id},
            )


RULES: tuple[type[Rule], ...] = (
    OfficialName,
    OfficeHolderOnDate,
    OfficeNeverHeld,
    *DATE_RULES,
    *NUMBER_RULES,
    *GEOGRAPHY_RULES,
)
