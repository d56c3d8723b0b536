"""Find and reason about dates and weekdays in news copy.

Pure functions over a string; every mention carries half-open code-point
spans into that string, so rules can report exactly the text they checked.

Handled forms: AP ("Dec. 21, 2021", "Sept. 5", "Tuesday, Dec. 21"), spelled
out months ("December 21, 2021"), British day-first order ("21 December 2021",
"Tuesday 21 December", "21st of December"), ordinals ("Dec. 21st"), wire
datelines ("LONDON, Dec 21 (Reuters) -") and ISO dates in metadata. Numeric
dates such as 12/11/2021 are ambiguous between US and British order and are
deliberately not read.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newslint.screen import WordScreen

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Month names must be capitalised: "may" and "march" are common words.
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June|Jun\.?"
    r"|July|Jul\.?|Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?"
    r"|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"[12]\d{3}"

_DATE_RE = re.compile(
    rf"(?<![\w.])(?:(?P<wd>{_WEEKDAY}),?\s+(?:the\s+)?)?"
    rf"(?:(?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})(?![\w%])(?:,?\s+(?P<md_year>{_YEAR})(?!\d))?"
    rf"|(?P<dm_day>{_DAY})(?:\s+of)?\s+(?P<dm_month>{_MONTH})(?:,?\s+(?P<dm_year>{_YEAR})(?!\d))?)"
    r"(?![\w])"
)
# ISO dates with an optional time and zone, also as Jekyll writes them in front
# matter: "2025-06-03", "2025-06-03T14:30:00Z", "2025-06-03 14:30:00 -0500".
_ISO_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?\s*$"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date written in the text, with its optional weekday.

    ``start``/``end`` span the whole expression; ``date_start`` is where the
    calendar part begins (after "Tuesday, "). ``year`` is None when the copy
    leaves it out, as AP does for dates in the current year.
    """

    start: int
    end: int
    date_start: int
    month: int
    day: int
    year: int | None
    weekday: int | None
    day_first: bool

    @property
    def possible(self) -> bool:
        """Return False for a date no calendar has (Feb. 30; Feb. 29, 2023)."""
        return is_possible_date(self.year, self.month, self.day)

    def resolve(self, story: date | None) -> date | None:
        """Return the calendar date meant, using the story date for a missing year.

        None when the date is impossible, or has no year and no story date.
        """
        if not self.possible:
            return None
        if self.year is not None:
            return date(self.year, self.month, self.day)
        if story is None:
            return None
        return nearest_occurrence(self.month, self.day, story)


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    """A weekday standing alone ("said Tuesday"), with any modifier.

    ``modifier`` is one of "last", "next", "this", "this past", "this coming",
    "of last week", "of next week", or None; the span covers it.
    """

    start: int
    end: int
    weekday: int
    modifier: str | None


def month_number(name: str) -> int:
    """Return the month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[name.rstrip(".").lower()]


def is_possible_date(year: int | None, month: int, day: int) -> bool:
    """Return True when ``day`` exists in ``month`` (of ``year`` if given).

    Without a year, Feb. 29 counts as possible: it exists in leap years.
    """
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        return day <= longest
    return day <= calendar.monthrange(year, month)[1]


def nearest_occurrence(month: int, day: int, around: date) -> date | None:
    """Return the date with this month and day closest to ``around``.

    A story dated Dec. 30 that mentions "Jan. 4" means the coming January;
    one dated Jan. 2 that mentions "Dec. 28" means the past December.
    """
    candidates = [
        date(year, month, day)
        for year in (around.year - 1, around.year, around.year + 1)
        if is_possible_date(year, month, day)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - around).days), d))


# Every date names a month, and every month name starts with one of these
# (matched with case, as _MONTH is): text without them holds no date.
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def find_dates(text: str) -> list[DateMention]:
    """Return every calendar date (with day and month) in ``text``, in order."""
    if not any(stem in text for stem in _MONTH_STEMS):
        return []
    found = []
    for m in _DATE_RE.finditer(text):
        day_first = m.group("dm_day") is not None
        prefix = "dm_" if day_first else "md_"
        day = int(re.sub(r"\D", "", m.group(prefix + "day")))
        year_text = m.group(prefix + "year")
        weekday = WEEKDAYS.index(m.group("wd")) if m.group("wd") else None
        date_start = m.start(prefix + "day") if day_first else m.start(prefix + "month")
        found.append(
            DateMention(
                start=m.start(),
                end=m.end(),
                date_start=date_start,
                month=month_number(m.group(prefix + "month")),
                day=day,
                year=int(year_text) if year_text else None,
                weekday=weekday,
                day_first=day_first,
            )
        )
    return found


# Weekdays that are part of a name, not a reference to a day of this week.
_NAMED_DAY_PREFIXES = frozenset(
    {
        "good", "black", "cyber", "super", "ash", "maundy", "holy", "easter", "palm",
        "shrove", "whit", "bloody", "blue", "mothering", "remembrance", "low", "giving",
        "small", "plough",
    }
)  # fmt: skip
_WEEKDAY_RE = re.compile(
    rf"(?:(?P<pre>this\s+past|this\s+coming|last|next|this)\s+)?"
    rf"(?<![\w'’-])(?P<wd>{_WEEKDAY})(?![\w-])"
    r"(?P<post>\s+of\s+(?:last|next)\s+week)?",
    re.IGNORECASE,
)
# Every weekday name ends in "day".
_WEEKDAY_SCREEN = WordScreen("day")


# A capitalised word after a weekday makes it part of a name ("Sunday Times"),
# unless the word is a month ("Tuesday March 3").
_NAME_AFTER_RE = re.compile(r"\s+(?!(?:" + _MONTH + r")\b)[A-Z][a-z]")
_LONGEST_NAMED_DAY_PREFIX = max(len(w) for w in _NAMED_DAY_PREFIXES)


def _word_before(text: str, pos: int) -> str | None:
    """Return the whitespace-delimited word that ends before ``pos`` (skipping spaces).

    None when there is none, or when it is longer than any named-day prefix
    ("" then: it cannot be one). Reads only the word and the spaces after it.
    """
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    limit = max(0, end - _LONGEST_NAMED_DAY_PREFIX - 1)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    if start == end:
        return None
    if start > 0 and not text[start - 1].isspace():
        return ""  # longer than the limit
    return text[start:end]


def find_weekdays(text: str) -> list[WeekdayMention]:
    """Return weekdays that stand alone, not inside a date or a name.

    Skipped: weekdays inside a :class:`DateMention` ("Tuesday, Dec. 21"),
    plurals ("on Tuesdays"), named days ("Good Friday", "Super Tuesday"), and
    weekdays starting a proper name ("Sunday Times", "Monday Night Football").
    """
    if not _WEEKDAY_SCREEN.may_match(text):
        return []
    matches = list(_WEEKDAY_RE.finditer(text))
    if not matches:
        return []
    dates = find_dates(text)
    date_starts = [d.start for d in dates]
    found = []
    for m in matches:
        wd = m.group("wd")
        if wd[0].islower():
            continue
        # Dates do not overlap: only the last one starting before can hold it.
        k = bisect.bisect_right(date_starts, m.start("wd")) - 1
        if k >= 0 and m.start("wd") < dates[k].end:
            continue
        before = _word_before(text, m.start("wd"))
        if before and before.lower() in _NAMED_DAY_PREFIXES and before[0].isupper():
            continue
        if _NAME_AFTER_RE.match(text, m.end("wd")) and not m.group("post"):
            continue
        modifier = None
        start = m.start("wd")
        if m.group("pre"):
            modifier = " ".join(m.group("pre").lower().split())
            start = m.start("pre")
        end = m.end("wd")
        if m.group("post"):
            modifier = " ".join(m.group("post").lower().split())
            end = m.end("post")
        found.append(WeekdayMention(start, end, WEEKDAYS.index(wd.capitalize()), modifier))
    return found


def resolve_weekday(
    weekday: int, story: date, modifier: str | None = None, tense: str | None = None
) -> date:
    """Return the date a weekday reference most plausibly means.

    A bare weekday means the one within the week around the story date:
    the past one for past tense ("said Tuesday"), the coming one for future
    tense ("will meet Tuesday"), otherwise the nearest. "last" and "next"
    skip the story's own day; "of last week"/"of next week" name a day in the
    previous or following Monday-to-Sunday week.
    """
    back = (story.weekday() - weekday) % 7
    ahead = (weekday - story.weekday()) % 7
    if modifier == "of last week":
        monday = story - timedelta(days=story.weekday() + 7)
        return monday + timedelta(days=weekday)
    if modifier == "of next week":
        monday = story - timedelta(days=story.weekday()) + timedelta(days=7)
        return monday + timedelta(days=weekday)
    if modifier in {"last", "this past"}:
        return story - timedelta(days=back or 7)
    if modifier in {"next", "this coming"}:
        return story + timedelta(days=ahead or 7)
    if tense == "past":
        return story - timedelta(days=back)
    if tense == "future":
        return story + timedelta(days=ahead)
    return story - timedelta(days=back) if back <= ahead else story + timedelta(days=ahead)


def parse_date(value: str) -> date | None:
    """Return the date a metadata value or CLI argument names, or None.

    Accepts ISO dates and date-times ("2021-12-21", "2021-12-21T09:30:00Z")
    and a single written date with a year ("Dec. 21, 2021", "21 December 2021").
    """
    m = _ISO_RE.match(value)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return date(year, month, day) if is_possible_date(year, month, day) else None
    mentions = find_dates(value.strip())
    if len(mentions) == 1:
        mention = mentions[0]
        if mention.year is not None and mention.end - mention.start == len(value.strip()):
            return mention.resolve(None)
    return None


_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]+[A-Z.](?:,\s+[A-Z][\w.' ]+)?),\s+"
    rf"(?P<date>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)"
    r"(?P<tail>\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014:]|\s*\()"
)


def find_dateline(text: str, *, year: int | None = None) -> tuple[DateMention, date] | None:
    """Return the date of a wire dateline at the start of a paragraph.

    Reuters and UPI datelines carry the date ("LONDON, Dec 21 (Reuters) -");
    most omit the year, so ``year`` (say, from file metadata) supplies it. AP
    datelines carry no date and yield None.
    """
    for paragraph in re.finditer(r"(?m)^.+$", text):
        m = _DATELINE_RE.match(paragraph.group())
        if not m:
            continue
        mentions = find_dates(m.group("date"))
        if not mentions:
            continue
        offset = paragraph.start() + m.start("date")
        mention = mentions[0]
        shifted = DateMention(
            mention.start + offset,
            mention.end + offset,
            mention.date_start + offset,
            mention.month,
            mention.day,
            mention.year,
            None,
            mention.day_first,
        )
        chosen_year = mention.year if mention.year is not None else year
        if chosen_year is None or not is_possible_date(chosen_year, mention.month, mention.day):
            return None
        return shifted, date(chosen_year, mention.month, mention.day)
    return None
