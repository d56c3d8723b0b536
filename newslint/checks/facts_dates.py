"""Fact rules about dates and weekdays (NL504, NL505, NL509, NL510).

Dates are read by :mod:`newslint.facts.dates`; the story date comes from
:mod:`newslint.facts.story` through :func:`facts_common.story_date`.
"""

from __future__ import annotations

import datetime as dt
import re

from newslint.checks.facts_common import (
    ap_date,
    date_severity,
    is_future_context,
    note_missing_date,
    story_date,
)
from newslint.diagnostics import Category, Severity
from newslint.document import Document
from newslint.facts.dates import WEEKDAYS, DateMention, find_dates, find_weekdays, resolve_weekday
from newslint.rule import Example, Rule, RuleContext, Scope

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


def _dates(ctx: RuleContext) -> list[DateMention]:
    """Return every date in the story, with document offsets (cached)."""
    if "facts.dates" not in ctx.shared:
        found = []
        for p in ctx.doc.paragraphs:
            for d in find_dates(p.text):
                found.append(
                    DateMention(
                        d.start + p.start, d.end + p.start, d.date_start + p.start,
                        d.month, d.day, d.year, d.weekday, d.day_first,
                    )
                )  # fmt: skip
        ctx.shared["facts.dates"] = found
    dates: list[DateMention] = ctx.shared["facts.dates"]
    return dates


class WeekdayDateMismatch(Rule):
    """Flag a weekday that does not fall on the date written next to it.

    ## What it flags
    "Tuesday, Dec. 22, 2021" when Dec. 22, 2021 was a Wednesday. A date
    without a year is placed in the year that puts it nearest the story date;
    with no story date such dates are not checked (an info note says so), and
    with only the file's modification time the finding is info.

    ## Why
    One of the two is wrong, and readers plan around both.

    ## Example
    `The vote is set for Tuesday, Dec. 22, 2021.`

    ## Use instead
    Check which is right: `Wednesday, Dec. 22, 2021` or `Tuesday, Dec. 21, 2021`.
    """

    code = "NL504"
    name = "weekday-date-mismatch"
    category = Category.FACT
    summary = "Weekday does not match the date beside it."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    examples = (
        Example("The vote is set for Tuesday, Dec. 22, 2021.", expect=("Tuesday, Dec. 22, 2021",)),
        Example("The vote is set for Wednesday, Dec. 22, 2021."),
        Example("It ended Tuesday, 21 December.", metadata={"date": dt.date(2021, 12, 20)}),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report weekday-date pairs that disagree."""
        story = None
        for mention in _dates(ctx):
            if mention.weekday is None or not mention.possible:
                continue
            severity = self.severity
            if mention.year is None:
                story = story or story_date(ctx)
                if story is None:
                    note_missing_date(ctx, mention.start, mention.end, "a weekday against its date")
                    continue
                severity = date_severity(story, self.severity)
            day = mention.resolve(story.day if story else None)
            if day is None or day.weekday() == mention.weekday:
                continue
            actual = WEEKDAYS[day.weekday()]
            year = f", {day.year}" if mention.year is None else ""
            ctx.report(
                mention.start,
                mention.end,
                f"{ap_date(day, year=True)} is a {actual}, not a {WEEKDAYS[mention.weekday]}"
                f"{' (year taken from the story date' + year + ')' if year else ''}.",
                suggestions=[actual],
                severity=severity,
            )


class WeekdayOutsideWeek(Rule):
    """Flag a weekday reference that lands more than six days from the story date.

    ## What it flags
    "last Tuesday" in a story dated Tuesday (a week back), "Friday of last
    week", "next Monday" in a Monday story: weekday references that, read
    against the story date, fall seven or more days away. Plain "said
    Tuesday" always means a day within the week and is not flagged.

    ## Why
    Wire style uses a weekday only for the seven days around the story date
    and the calendar date beyond that; a weekday a week or more away is
    ambiguous to readers who see the story later.

    ## Example
    In a story dated Tuesday, Dec. 21, 2021: `The minister resigned last Tuesday.`

    ## Use instead
    `The minister resigned Dec. 14.`
    """

    code = "NL505"
    name = "weekday-outside-week"
    category = Category.FACT
    summary = "Weekday reference a week or more from the story date."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "The minister resigned last Tuesday.",
            expect=("last Tuesday",),
            metadata={"date": dt.date(2021, 12, 21)},
        ),
        Example("The minister resigned Tuesday.", metadata={"date": dt.date(2021, 12, 21)}),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report modified weekday references a week or more away."""
        story = None
        sentence_around = ctx.doc.sentence_text_at
        for p in unit.paragraphs:
            for mention in find_weekdays(p.text):
                if mention.modifier in {None, "this"}:
                    continue
                start, end = mention.start + p.start, mention.end + p.start
                story = story or story_date(ctx)
                if story is None:
                    note_missing_date(ctx, start, end, "weekday references")
                    return
                tense = "future" if is_future_context(sentence_around(start)) else "past"
                day = resolve_weekday(mention.weekday, story.day, mention.modifier, tense)
                gap = abs((day - story.day).days)
                if gap <= 6:
                    continue
                ctx.report(
                    start,
                    end,
                    f"'{unit.text[start:end]}' is {gap} days from the story date "
                    f"{story.describe()}: beyond a week, give the date ({ap_date(day)}).",
                    suggestions=[ap_date(day)],
                    severity=date_severity(story, self.severity),
                )


class ImpossibleDate(Rule):
    """Flag a date that does not exist.

    ## What it flags
    Feb. 30, April 31, Feb. 29 in a year that is not a leap year, day 0 or a
    day past 31.

    ## Why
    An impossible date is always a typo, and the right date cannot be guessed.

    ## Example
    `The deadline is Feb. 30.`

    ## Use instead
    The real date, checked with the source: `The deadline is March 2.`
    """

    code = "NL509"
    name = "impossible-date"
    category = Category.FACT
    summary = "A date that no calendar has."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    examples = (
        Example("The deadline is Feb. 30.", expect=("Feb. 30",)),
        Example("It was founded on 29 February 2023.", expect=("29 February 2023",)),
        Example("It was founded on Feb. 29, 2024."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report dates with no such day."""
        for mention in _dates(ctx):
            if mention.possible:
                continue
            month = _MONTH_NAMES[mention.month - 1]
            year = f" {mention.year}" if mention.year else ""
            ctx.report(
                mention.date_start,
                mention.end,
                f"There is no day {mention.day} in {month}{year}.",
            )


_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|died|killed|happened|took\s+place|held|met|announced|signed"
    r"|voted|won|lost|arrived|left|began|ended|opened|closed|launched|released|resigned"
    r"|occurred|attacked|collapsed|struck|fell|rose)\b",
    re.I,
)


class FutureDatePastTense(Rule):
    """Note a date after the story date described in the past tense.

    ## What it flags
    "The meeting was held Dec. 28" in a story dated Dec. 21. Only when the
    story date comes from `--date`, front matter or a dateline; info only,
    because tense is read from nearby verbs.

    ## Why
    Either the date or the tense is wrong, or the story date is; each is worth
    a second look before publication.

    ## Example
    In a story dated Dec. 21, 2021: `The talks were held Dec. 28.`

    ## Use instead
    The right date (`Dec. 18`), or the future tense (`will be held Dec. 28`).
    """

    code = "NL510"
    name = "future-date-past-tense"
    category = Category.FACT
    summary = "Date after the story date told in the past tense."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "The talks were held Dec. 28.",
            expect=("Dec. 28",),
            metadata={"date": dt.date(2021, 12, 21)},
        ),
        Example("The talks will be held Dec. 28.", metadata={"date": dt.date(2021, 12, 21)}),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report future dates in past-tense clauses."""
        dates = _dates(ctx)
        if not dates:
            return
        story = story_date(ctx)
        if story is None or story.weak:
            return  # info about a guessed date would be noise
        sentence_around = ctx.doc.sentence_text_at
        for mention in dates:
            day = mention.resolve(story.day)
            if day is None or day <= story.day:
                continue
            sentence = sentence_around(mention.date_start)
            before = unit.text[max(0, mention.start - 80) : mention.start]
            if is_future_context(sentence) or not _PAST_RE.search(before):
                continue
            ctx.report(
                mention.date_start,
                mention.end,
                f"{ap_date(day, year=True)} is after the story date {story.describe()} but "
                "is told in the past tense.",
            )


RULES: tuple[type[Rule], ...] = (
    WeekdayDateMismatch,
    WeekdayOutsideWeek,
    ImpossibleDate,
    FutureDatePastTense,
)
