"""Stylebook rules that need logic (NL401-NL413, NL437, NL441), part of the ``ap`` profile.

Every rule here sets ``pack = "ap"``: it runs only when the AP profile (or a
profile that extends it, such as ``reuters``) is in force, and a profile can
switch it off by name or code in its ``disable`` list. Word lists live in
``rules/data/style*.toml`` and are loaded on first use.

Messages name the stylebook entry they enforce in newslint's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from newslint.data import load_data
from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Paragraph, Sentence, Token, TokenKind
from newslint.kinds.base import inside_phrase
from newslint.rule import Example, Rule, RuleContext, Scope

WORD = TokenKind.WORD
NUMBER = TokenKind.NUMBER
PUNCT = TokenKind.PUNCT

# Running copy: stylebook rules on numbers, dates and names skip headlines,
# captions, bylines and datelines, which follow their own conventions.
COPY_BLOCKS = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})


# ---------------------------------------------------------------- data


def _prefix_matcher(words: Sequence[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Split a word list into exact words and ``stem*`` prefixes."""
    exact = frozenset(w.casefold() for w in words if not w.endswith("*"))
    prefixes = tuple(w[:-1].casefold() for w in words if w.endswith("*"))
    return exact, prefixes


@dataclass(frozen=True)
class StyleData:
    """The tables of ``rules/data/style.toml``, in lookup-ready form."""

    not_adverbs: frozenset[str]
    compass_points: dict[str, str]
    compass_regions: dict[tuple[str, str], str]
    spatial_before: frozenset[str]
    compass_places: frozenset[str]
    political_exact: frozenset[str]
    political_prefixes: tuple[str, ...]
    month_by_form: dict[str, dict[str, Any]]
    month_names: dict[str, dict[str, Any]]
    weekdays: frozenset[str]
    keep_on_after: frozenset[str]
    weekday_names_after: frozenset[str]
    number_words: dict[str, str]
    spelled_numbers: frozenset[str]
    units_after: frozenset[str]
    number_context_before: frozenset[str]
    tied_score_verbs: frozenset[str]
    body_abbreviations: dict[str, str]
    headline_abbreviations: dict[str, str]
    body_hint: regex.Pattern[str]
    headline_small_words: frozenset[str]
    figurative_days: tuple[str, ...]


@lru_cache(maxsize=1)
def style_data() -> StyleData:
    """Load and index ``rules/data/style.toml`` once."""
    raw = load_data("data/style.toml")
    compass = raw["compass"]
    regions = {}
    for phrase, form in compass["regions"].items():
        first, second = phrase.split()
        regions[(first, second)] = form
    political_exact, political_prefixes = _prefix_matcher(compass["political_context"])
    dates = raw["dates"]
    by_form: dict[str, dict[str, Any]] = {}
    by_name: dict[str, dict[str, Any]] = {}
    for month in dates["months"]:
        by_name[month["name"]] = month
        for form in month["forms"]:
            by_form[form] = month
    numbers = raw["numbers"]
    body = dict(raw["abbreviations"]["body"])
    return StyleData(
        not_adverbs=frozenset(w.casefold() for w in raw["ly_hyphen"]["not_adverbs"]),
        compass_points=dict(compass["points"]),
        compass_regions=regions,
        spatial_before=frozenset(compass["spatial_before"]),
        compass_places=frozenset(compass["places"]),
        political_exact=political_exact,
        political_prefixes=political_prefixes,
        month_by_form=by_form,
        month_names=by_name,
        weekdays=frozenset(dates["weekdays"]),
        keep_on_after=frozenset(dates["keep_on_after"]),
        weekday_names_after=frozenset(dates["weekday_names_after"]),
        number_words=dict(numbers["words"]),
        spelled_numbers=frozenset(numbers["spelled"]),
        units_after=frozenset(numbers["units_after"]),
        number_context_before=frozenset(numbers["context_before"]),
        tied_score_verbs=frozenset(numbers["tied_score_verbs"]),
        body_abbreviations=body,
        headline_abbreviations={v: k for k, v in body.items()},
        body_hint=regex.compile(r"\b(?:" + "|".join(map(regex.escape, body)) + r")\b"),
        headline_small_words=frozenset(raw["headlines"]["small_words"]),
        figurative_days=tuple(raw["relative_days"]["figurative"]),
    )


@dataclass(frozen=True)
class TitleData:
    """The tables of ``rules/data/style-titles.toml``."""

    formal: dict[str, list[tuple[str, ...]]]
    alone: frozenset[tuple[str, ...]]
    left_context: frozenset[str]
    determiners: frozenset[str]
    demonyms: frozenset[str]


def _phrase_index(phrases: Sequence[str]) -> dict[str, list[tuple[str, ...]]]:
    """Index lower-case phrases by their first word, lower case and capitalised."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        first = words[0]
        hyphened = "-".join(part[:1].upper() + part[1:] for part in first.split("-"))
        for form in {first, first[:1].upper() + first[1:], hyphened}:
            index.setdefault(form, []).append(words)
    for entries in index.values():
        entries.sort(key=len, reverse=True)
    return index


@lru_cache(maxsize=1)
def title_data() -> TitleData:
    """Load ``rules/data/style-titles.toml`` once."""
    raw = load_data("data/style-titles.toml")
    return TitleData(
        formal=_phrase_index(raw["formal"]),
        alone=frozenset(tuple(p.split()) for p in raw["alone"]),
        left_context=frozenset(raw["left_context"]),
        determiners=frozenset(raw["determiners"]),
        demonyms=frozenset(raw["demonyms"]),
    )


@lru_cache(maxsize=1)
def state_data() -> tuple[dict[str, str], dict[str, str]]:
    """Return (abbreviation -> state, postal code -> state)."""
    raw = load_data("data/style-states.toml")
    return dict(raw["abbreviations"]), dict(raw["postal"])


# ---------------------------------------------------------------- helpers


def _first_word_index(tokens: Sequence[Token]) -> int:
    """Return the index of the first word or number token (-1 if none)."""
    for i, t in enumerate(tokens):
        if t.kind is WORD or t.kind is NUMBER:
            return i
    return -1


def _adjacent(a: Token, b: Token) -> bool:
    """Return True when ``b`` follows ``a`` with no space between."""
    return a.end == b.start


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def _title_case(words: Sequence[str]) -> str:
    small = {"of", "the", "and", "for"}
    out = []
    for w in words:
        if w in small:
            out.append(w)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in w.split("-")))
    return " ".join(out)


def _period_safe(text: str, start: int, end: int, replacement: str) -> str:
    """Adjust ``replacement`` so a period shared with the sentence end survives.

    "in Feb." at the end of a sentence becomes "in February." (the period also
    ended the sentence), and "the UN." becomes "the U.N." (not "U.N..").
    """
    original = text[start:end]
    if replacement.endswith(".") and text[end : end + 1] == ".":
        return replacement[:-1]
    if original.endswith(".") and not replacement.endswith("."):
        rest = text[end : end + 40]
        stripped = rest.lstrip()
        if not stripped or rest[:1] == "\n" or stripped[0].isupper() or stripped[0] in '"\u201c(':
            return replacement + "."
    return replacement


# Cheap prefilters: a sentence without these characters cannot hold a finding,
# so the token loops run only where they might report something.
_HINT_COMPASS = regex.compile(r"(?i)west|east")
_HINT_ON_DATE = regex.compile(r"\bon\s+[A-Z0-9]")
_HINT_MONTH = regex.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_HINT_ORDINAL = regex.compile(r"\d(?:st|nd|rd|th)\b")
_HINT_DIGIT = regex.compile(r"\d")
_HINT_PERCENT = regex.compile(r"(?i)\bper\s?cent")
# ", Calif." / ", N.Y." / ", W.Va." / ", TX": a comma and an abbreviation's shape.
_HINT_STATE = regex.compile(r",\s+[A-Z](?:[a-z]{1,4}\.|\.[A-Z][a-z]?\.|[A-Z]\b)")


def _hint(pattern: regex.Pattern[str], unit: Sentence | Paragraph) -> bool:
    """Return True when ``pattern`` occurs in the unit's text."""
    return (
        pattern.search(
            unit.paragraph.doc.text if isinstance(unit, Sentence) else unit.doc.text,
            unit.start,
            unit.end,
        )
        is not None
    )


class _StyleRule(Rule):
    """Shared settings of the AP stylebook rules."""

    category = Category.STYLE
    pack = "ap"
    in_quotes = False


# ---------------------------------------------------------------- NL401


class LyHyphen(_StyleRule):
    """Flag a hyphen after an -ly adverb in a compound modifier.

    ## What it flags
    A hyphenated pair whose first part is an adverb ending in -ly:
    "widely-held", "highly-paid", "newly-elected". Words that end in -ly
    but are not adverbs ("family-owned", "early-morning", "fly-half") are
    listed in `rules/data/style.toml` and left alone.

    ## Why
    The stylebook's hyphen entry: an -ly adverb already tells the reader it
    modifies the next word, so the hyphen adds nothing. Most British and
    American stylebooks agree.

    ## Example
    the council's hastily-drafted budget plan

    ## Use instead
    the council's hastily drafted budget plan
    """

    code = "NL401"
    name = "ly-hyphen"
    summary = "Hyphen after an -ly adverb."
    severity = Severity.WARNING
    fixable = True
    examples = (
        Example(
            "The council backed the newly-elected mayor.",
            expect=("newly-elected",),
            fixed="The council backed the newly elected mayor.",
        ),
        Example("The family-owned firm ran an early-morning service."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report hyphenated words whose first part is an -ly adverb."""
        if "ly-" not in unit.text:
            return
        not_adverbs = style_data().not_adverbs
        tokens = unit.tokens
        first = _first_word_index(tokens)
        for i, t in enumerate(tokens):
            if t.kind is not WORD or "-" not in t.text:
                continue
            head, _, rest = t.text.partition("-")
            tail = rest.split("-", 1)[0]
            if len(head) < 4 or not head.endswith("ly") or not head.isalpha():
                continue
            if not tail.isalpha() or not tail.islower() or len(tail) < 2:
                continue
            if not head[1:].islower() or (head[0].isupper() and i != first):
                continue
            if head.casefold() in not_adverbs:
                continue
            hyphen = t.start + len(head)
            end = hyphen + 1 + len(tail)
            fixed = f"{head} {tail}"
            ctx.report(
                t.start,
                end,
                f"No hyphen after the -ly adverb '{head}': write '{fixed}' "
                "(stylebook: hyphens in compound modifiers).",
                suggestions=[fixed],
                fix=ctx.replace(hyphen, hyphen + 1, " ", title=f"Write '{fixed}'"),
            )


# ---------------------------------------------------------------- NL402


class CompassRegion(_StyleRule):
    """Flag a political region named by a compass point in lower case.

    ## What it flags
    "the west" or "the east" used for a political or cultural bloc (the
    sentence is about relations, blame, sanctions, alliances ...), and
    compass-point region names that are always capitalised ("middle east").
    Directions and map areas ("in the west of the country", "the west coast")
    are left alone.

    ## Why
    The stylebook's compass-points entry: directions are lower case, but a
    region or bloc that is a proper name takes a capital.

    ## Example
    The foreign minister blamed the west for the sanctions.

    ## Use instead
    The foreign minister blamed the West for the sanctions.
    """

    code = "NL402"
    name = "compass-region"
    summary = "Political region written as a lower-case compass point."
    severity = Severity.WARNING
    fixable = True
    examples = (
        Example(
            "The minister blamed the west for rising tensions.",
            expect=("west",),
            fixed="The minister blamed the West for rising tensions.",
        ),
        Example("Storms hit the west coast and rain spread to the west."),
    )

    def _political(self, tokens: Sequence[Token]) -> bool:
        data = style_data()
        for t in tokens:
            if t.kind is not WORD:
                continue
            norm = t.norm
            if norm in data.political_exact:
                return True
            if norm.startswith(data.political_prefixes):
                return True
        return False

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report lower-case bloc names and always-capitalised regions."""
        if not _hint(_HINT_COMPASS, unit):
            return
        data = style_data()
        words = [t for t in unit.tokens if t.kind is WORD or t.kind is NUMBER]
        political: bool | None = None
        for i, t in enumerate(words):
            text = t.text
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and (t.norm, nxt.norm) in data.compass_regions:
                region = data.compass_regions[(t.norm, nxt.norm)]
                if ctx.doc.text[t.start : nxt.end] != region and _adjacent_words(ctx, t, nxt):
                    ctx.report(
                        t.start,
                        nxt.end,
                        f"Capitalise the region: '{region}' (stylebook: compass points).",
                        suggestions=[region],
                        fix=ctx.replace(t.start, nxt.end, region),
                    )
                continue
            bare = text[:-2] if text.endswith(("'s", "\u2019s")) else text
            if bare not in data.compass_points or i == 0 or words[i - 1].norm != "the":
                continue
            if i >= 2 and words[i - 2].norm in data.spatial_before:
                continue
            # "the west coast", "the west of Scotland": a direction or an area.
            if (
                bare == text
                and nxt is not None
                and _adjacent_words(ctx, t, nxt)
                and (nxt.norm == "of" or nxt.norm in data.compass_places)
            ):
                continue
            # "the east and west coast": two compass points sharing one noun.
            if (
                nxt is not None
                and nxt.norm in ("and", "or")
                and i + 2 < len(words)
                and words[i + 2].norm in data.compass_points
            ):
                continue
            if political is None:
                political = self._political(words)
            if not political:
                continue
            proper = data.compass_points[bare]
            ctx.report(
                t.start,
                t.start + len(bare),
                f"'{proper}' takes a capital as a political region (stylebook: compass points).",
                suggestions=[proper],
                fix=ctx.replace(t.start, t.start + len(bare), proper),
            )


def _adjacent_words(ctx: RuleContext, a: Token, b: Token) -> bool:
    """Return True when only spaces separate two word tokens."""
    gap = ctx.doc.text[a.end : b.start]
    return gap.isspace() and "\n\n" not in gap


# ---------------------------------------------------------------- NL403


class FormalTitleCase(_StyleRule):
    """Flag a formal title in the wrong case for its position.

    ## What it flags
    A formal title of office (president, prime minister, foreign minister,
    mayor ...) in lower case directly before a name ("French president
    Jacques Chirac"), and a capitalised title standing alone after "the", "a"
    or a possessive ("the President said"). Job descriptions after a company
    or club name, titles after a name ("Ana Ortiz, deputy
    secretary of State") and royal or noble styles are left alone.

    ## Why
    The stylebook's titles entry: capitalise a formal title used directly
    before a name; lower-case it after a name, between commas, or alone.

    ## Example
    Talks with French president Jacques Chirac ended. The President said ...

    ## Use instead
    Talks with French President Jacques Chirac ended. The president said ...
    """

    code = "NL403"
    name = "formal-title-case"
    summary = "Formal title capitalised alone or lower case before a name."
    severity = Severity.WARNING
    blocks = COPY_BLOCKS
    fixable = True
    examples = (
        Example(
            "The deal was signed by French president Jacques Chirac.",
            expect=("president",),
        ),
        Example("The deal was signed by French President Jacques Chirac."),
        Example("Ana Ortiz, deputy secretary of State, spoke to the press."),
        Example("The President said the talks would go on.", expect=("President",)),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report titles in the wrong case for their position."""
        data = title_data()
        tokens = unit.tokens
        if data.formal.keys().isdisjoint([t.text for t in tokens]):
            return  # no title's first word: one C-level test instead of the word loop
        sdata = style_data()
        words = [t for t in tokens if t.kind is not PUNCT]
        n = len(words)
        i = 0
        while i < n:
            t = words[i]
            # Keyed by the first word as written (lower case or capitalised).
            entries = data.formal.get(t.text)
            if not entries:
                i += 1
                continue
            matched = None
            for phrase in entries:
                k = len(phrase)
                if i + k > n:
                    continue
                norms = [w.norm for w in words[i : i + k]]
                last = norms[-1]
                if last.endswith("'s") and len(phrase[-1]) + 2 == len(last):
                    norms[-1] = last[:-2]
                if tuple(norms) == phrase:
                    matched = phrase
                    break
            if matched is None:
                i += 1
                continue
            j = i + len(matched)
            span_words = words[i:j]
            nxt = words[j] if j < n else None
            possessive = span_words[-1].norm.endswith("'s")
            followed_by_name = (
                nxt is not None
                and not possessive
                and _looks_like_name(nxt, sdata)
                and _adjacent_words(ctx, span_words[-1], nxt)
            )
            lower = all(w.text.islower() for w in span_words)
            capital = all(
                _is_capitalised(w.text) for w in span_words if w.norm not in ("of", "the")
            )
            prev = _previous_token(tokens, span_words[0])
            if lower and followed_by_name and self._title_position(tokens, prev, data):
                proper = _title_case(matched)
                start, end = span_words[0].start, span_words[-1].end
                ctx.report(
                    start,
                    end,
                    f"Capitalise a formal title directly before a name: '{proper}' "
                    "(stylebook: titles).",
                    suggestions=[proper],
                    fix=ctx.replace(start, end, proper, safe=False),
                )
            elif (
                capital
                and not followed_by_name
                and matched in data.alone
                and prev is not None
                and prev.kind is WORD
                and prev.norm in data.determiners
                and not _in_office_name(tokens, prev)
            ):
                start = span_words[0].start
                end = span_words[-1].end - (2 if possessive else 0)
                lowered = ctx.doc.text[start:end].lower()
                ctx.report(
                    start,
                    end,
                    f"Lower-case a title used alone: '{lowered}' (stylebook: titles).",
                    suggestions=[lowered],
                    fix=ctx.replace(start, end, lowered, safe=False),
                    severity=Severity.INFO,
                )
            i = j

    @staticmethod
    def _title_position(tokens: Sequence[Token], prev: Token | None, data: TitleData) -> bool:
        """Return True when a lower-case title stands where a capital is due."""
        if prev is None:
            return True
        if prev.kind is PUNCT:
            return prev.text not in ("'", "\u2019", "-")
        if prev.kind is not WORD:
            return False
        if prev.text in data.demonyms:
            before = _previous_token(tokens, prev)
            return before is None or (
                before.norm not in data.determiners and not before.norm.endswith("'s")
            )
        return prev.norm in data.left_context


def _in_office_name(tokens: Sequence[Token], determiner: Token) -> bool:
    """Return True for "Office of the Deputy Prime Minister": a title inside a name."""
    of = _previous_token(tokens, determiner)
    if of is None or of.norm != "of":
        return False
    owner = _previous_token(tokens, of)
    return owner is not None and owner.kind is WORD and _is_capitalised(owner.text)


def _previous_token(tokens: Sequence[Token], token: Token) -> Token | None:
    """Return the token before ``token`` in ``tokens``."""
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].start < token.start:
            return tokens[k]
    return None


def _looks_like_name(token: Token, data: StyleData) -> bool:
    """Return True when a capitalised word could start a person's name."""
    text = token.text
    if token.kind is not WORD or not text[:1].isupper() or (text.isupper() and len(text) > 2):
        return False
    if text in data.weekdays or text in data.month_names or text in ("The", "I", "A"):
        return False
    return text.casefold() not in title_data().formal


# ---------------------------------------------------------------- NL404


class OnBeforeDate(_StyleRule):
    """Flag "on" before a weekday or date where the stylebook drops it.

    ## What it flags
    "on" between a verb or noun and a day or date: "told reporters on
    Tuesday", "met on Jan. 5". It is kept at the start of a sentence, after a
    conjunction or preposition ("but on Monday"), and next to a proper name
    ("Mayor Ortiz on Friday"), where dropping it would juxtapose two names.

    ## Why
    The stylebook's dates entry: "on" before a day or date is usually
    surplus. The fix is unsafe because some sentences read badly without it.

    ## Example
    The mayor told council members on Friday that the budget would pass.

    ## Use instead
    The mayor told council members Friday that the budget would pass.
    """

    code = "NL404"
    name = "on-before-date"
    summary = "'on' before a weekday or date."
    severity = Severity.INFO
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example("She told reporters on Tuesday that talks would resume.", expect=("on Tuesday",)),
        Example("On Tuesday the talks resumed, but on Friday they stalled."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report "on" + weekday/date after a verb or common noun."""
        if not _hint(_HINT_ON_DATE, unit):
            return
        data = style_data()
        tokens = unit.tokens
        n = len(tokens)
        for i, t in enumerate(tokens):
            if t.text != "on" or i == 0 or i + 1 >= n:
                continue
            end = self._date_end(tokens, i + 1, data)
            if end is None:
                continue
            prev = tokens[i - 1]
            if prev.kind is not WORD or _is_capitalised(prev.text):
                continue
            if prev.norm in data.keep_on_after:
                continue
            after = tokens[i + 2] if i + 2 < n else None
            if after is not None and after.norm in data.weekday_names_after:
                continue
            date = ctx.doc.text[tokens[i + 1].start : end]
            ctx.report(
                t.start,
                end,
                f"Drop 'on' before a day or date: '{date}' (stylebook: dates; "
                "keep it only where the sentence needs it).",
                suggestions=[date],
                fix=ctx.delete(t.start, tokens[i + 1].start, safe=False, title="Drop 'on'"),
            )

    @staticmethod
    def _date_end(tokens: Sequence[Token], k: int, data: StyleData) -> int | None:
        """Return the end of a weekday or month-day date starting at ``tokens[k]``."""
        t = tokens[k]
        if t.text in data.weekdays:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and _adjacent(t, nxt) and nxt.text in ("'", "\u2019"):
                return None
            return t.end
        month = _month_at(tokens, k, data)
        if month is not None:
            m_end, _ = month
            day = _next_nonpunct(tokens, m_end)
            if day is not None and _is_day(tokens[day].text):
                return tokens[day].end
            return None
        if (
            t.kind is NUMBER
            and _is_day(t.text)
            and k + 1 < len(tokens)
            and tokens[k + 1].text in data.month_names
        ):
            return tokens[k + 1].end
        return None


def _is_day(text: str) -> bool:
    digits = text.rstrip("stndrh")
    return digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2


def _month_at(tokens: Sequence[Token], k: int, data: StyleData) -> tuple[int, str] | None:
    """Return (index after the month, form) when ``tokens[k]`` is a month name."""
    t = tokens[k]
    if t.text in data.month_names:
        return k + 1, t.text
    if t.kind is WORD and t.text[:1].isupper() and t.norm in data.month_by_form:
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.text == "." and _adjacent(t, nxt):
            return k + 2, t.text + "."
        return k + 1, t.text
    return None


def _next_nonpunct(tokens: Sequence[Token], k: int) -> int | None:
    return k if k < len(tokens) and tokens[k].kind is not PUNCT else None


# ---------------------------------------------------------------- NL405


class MonthStyle(_StyleRule):
    """Flag a month written the wrong way for a date.

    ## What it flags
    A long month name with a day ("January 5": Jan., Feb., Aug., Sept., Oct.,
    Nov. and Dec. are abbreviated with a day), a wrong or bare abbreviation
    ("Sep. 5", "Mar. 3", "Jan 5"), an abbreviation without a day ("Jan.
    2005"), and the day written before the month ("5 January", reported as
    information because British copy does it throughout).

    ## Why
    The stylebook's months entry: abbreviate the long months only with a
    specific date, spell every month out when it stands alone or with a year,
    and put the month first.

    ## Example
    The deadline is January 15. Sales rose in Jan. 2005.

    ## Use instead
    The deadline is Jan. 15. Sales rose in January 2005.
    """

    code = "NL405"
    name = "month-style"
    summary = "Month spelled out or abbreviated the wrong way for a date."
    severity = Severity.WARNING
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example(
            "The deadline is January 15.",
            expect=("January",),
            fixed="The deadline is Jan. 15.",
        ),
        Example("The deadline is Jan. 15, and the vote is in March."),
        Example("Sales rose in Jan. 2005.", expect=("Jan.",), fixed="Sales rose in January 2005."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report month forms that do not fit their date."""
        if not _hint(_HINT_MONTH, unit):
            return
        data = style_data()
        tokens = unit.tokens
        n = len(tokens)
        for k, t in enumerate(tokens):
            found = _month_at(tokens, k, data)
            if found is None:
                continue
            after, form = found
            if form in data.month_names:
                month = data.month_names[form]
            else:
                month = data.month_by_form[t.norm]
            day = tokens[after] if after < n and tokens[after].kind is NUMBER else None
            span_end = tokens[after - 1].end
            if day is not None and _is_day(day.text):
                want = month["with_day"]
                if form != want:
                    ctx.report(
                        t.start,
                        span_end,
                        f"With a date write '{want}' (stylebook: months).",
                        suggestions=[want],
                        fix=ctx.replace(
                            t.start, span_end, _period_safe(ctx.doc.text, t.start, span_end, want)
                        ),
                    )
            elif form not in data.month_names and form.endswith("."):
                # An abbreviation with no day: only flag it where it is clearly a date.
                year = day is not None and len(day.text) == 4 and day.text.isdigit()
                prev = tokens[k - 1] if k else None
                in_date = year or (
                    prev is not None and prev.norm in ("in", "since", "until", "of", "by")
                )
                if in_date:
                    want = month["name"]
                    ctx.report(
                        t.start,
                        span_end,
                        f"Spell out a month without a day: '{want}' (stylebook: months).",
                        suggestions=[want],
                        fix=ctx.replace(
                            t.start, span_end, _period_safe(ctx.doc.text, t.start, span_end, want)
                        ),
                    )
            if form in data.month_names and k > 0:
                self._day_first(tokens, k, month, ctx)

    @staticmethod
    def _day_first(
        tokens: Sequence[Token], k: int, month: dict[str, Any], ctx: RuleContext
    ) -> None:
        """Report "5 January" (day before month) as information."""
        day = tokens[k - 1]
        if day.kind is not NUMBER or not _is_day(day.text):
            return
        if k >= 2 and tokens[k - 2].kind is NUMBER:
            return
        digits = day.text.rstrip("stndrh")
        t = tokens[k]
        end = t.end
        want = f"{month['with_day']} {digits}"
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.kind is NUMBER and len(nxt.text) == 4 and nxt.text.isdigit():
            end = nxt.end
            want = f"{want}, {nxt.text}"
        ctx.report(
            day.start,
            end,
            f"Put the month first: '{want}' (stylebook: dates).",
            suggestions=[want],
            fix=ctx.replace(day.start, end, want, safe=False),
            severity=Severity.INFO,
        )


# ---------------------------------------------------------------- NL406


_ORDINAL_RE = regex.compile(r"^(\d{1,2})(st|nd|rd|th)$")


class DateOrdinal(_StyleRule):
    """Flag an ordinal day in a date.

    ## What it flags
    "Dec. 21st", "December 1st", "21st December": an ordinal suffix on the
    day of a date.

    ## Why
    The stylebook's dates entry: dates take cardinal figures ("Dec. 21"),
    never st, nd, rd or th.

    ## Example
    The vote is on Dec. 21st.

    ## Use instead
    The vote is on Dec. 21.
    """

    code = "NL406"
    name = "date-ordinal"
    summary = "Ordinal suffix on the day of a date."
    severity = Severity.WARNING
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example(
            "The vote is set for Dec. 21st.",
            expect=("21st",),
            fixed="The vote is set for Dec. 21.",
        ),
        Example("She finished 21st in the race in December."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report ordinal days next to a month name."""
        if not _hint(_HINT_ORDINAL, unit):
            return
        data = style_data()
        tokens = unit.tokens
        for k, t in enumerate(tokens):
            if t.kind is not NUMBER:
                continue
            m = _ORDINAL_RE.match(t.text)
            if m is None or not _is_day(t.text):
                continue
            before = tokens[k - 1] if k else None
            if before is not None and before.text == "." and k >= 2:
                before = tokens[k - 2]
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            near_month = (
                before is not None
                and (before.text in data.month_names or before.norm in data.month_by_form)
            ) or (after is not None and after.text in data.month_names)
            if not near_month:
                continue
            digits = m.group(1)
            ctx.report(
                t.start,
                t.end,
                f"No ordinal in a date: '{digits}' (stylebook: dates).",
                suggestions=[digits],
                fix=ctx.replace(t.start, t.end, digits),
            )


# ---------------------------------------------------------------- NL407


_TIME_RE = regex.compile(
    r"(?<![\w.:,$£€])(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2}))?(?P<sp>\s?)"
    r"(?P<ap>[aApP])(?:\.(?P<m2>[mM])\.?|(?P<m3>[mM]))(?![\p{L}\d])"
)
_NOON_RE = regex.compile(r"(?<![\w.:])12(?::00)?\s(?P<w>noon|midnight)\b", regex.IGNORECASE)


class TimeFormat(_StyleRule):
    """Flag clock times not written the stylebook way.

    ## What it flags
    "10:00 AM", "10am", "7.30pm", "10 A.M.", "12 noon", "12 p.m.": times that
    are not figure + "a.m." or "p.m." with no ":00", and redundant or
    ambiguous noon and midnight. Upper-case or ":00" forms are warnings; the
    British "10am"/"7.30pm" forms are information.

    ## Why
    The stylebook's times entry: lower case with periods, a space after the
    figure, minutes only when they are not zero, and "noon" and "midnight"
    rather than 12.

    ## Example
    The polls close at 10:00 PM.

    ## Use instead
    The polls close at 10 p.m.
    """

    code = "NL407"
    name = "time-format"
    summary = "Clock time not in 'a.m./p.m.' style."
    severity = Severity.WARNING
    fixable = True
    scope = Scope.PARAGRAPH
    blocks = COPY_BLOCKS
    examples = (
        Example(
            "The polls close at 10:00 PM.",
            expect=("10:00 PM",),
            fixed="The polls close at 10 p.m.",
        ),
        Example("The polls close at 10 p.m. and open at 6:30 a.m."),
        Example("Lunch is at 12 noon.", expect=("12 noon",), fixed="Lunch is at noon."),
    )

    def check(self, unit: Paragraph, ctx: RuleContext) -> None:
        """Report non-standard clock times in the paragraph."""
        text = ctx.doc.text
        for m in _TIME_RE.finditer(text, unit.start, unit.end):
            hour = int(m["h"])
            minutes = m["m"]
            if not 1 <= hour <= 12 or (minutes is not None and int(minutes) > 59):
                continue
            original = m.group()
            suffix = "a.m." if m["ap"].lower() == "a" else "p.m."
            if hour == 12 and minutes in (None, "00"):
                want = "noon" if suffix == "p.m." else "midnight"
            else:
                want = str(hour)
                if minutes is not None and minutes != "00":
                    want += f":{minutes}"
                want += f" {suffix}"
            if original == want:
                continue
            shouting = m["ap"].isupper() or (m["m2"] or m["m3"]).isupper()
            severity = Severity.WARNING if shouting or minutes == "00" else Severity.INFO
            # "10 am" with a space could be the verb; everything else is a time.
            safe = not (m["sp"] and original[-2:] == "am")
            ctx.report(
                m.start(),
                m.end(),
                f"Write times as '{want}' (stylebook: times).",
                suggestions=[want],
                fix=ctx.replace(
                    m.start(), m.end(), _period_safe(text, m.start(), m.end(), want), safe=safe
                ),
                severity=severity,
            )
        for m in _NOON_RE.finditer(text, unit.start, unit.end):
            want = m["w"].lower()
            ctx.report(
                m.start(),
                m.end(),
                f"'{want}' alone is enough: no 12 (stylebook: noon, midnight).",
                suggestions=[want],
                fix=ctx.replace(m.start(), m.end(), want),
            )


# ---------------------------------------------------------------- NL408


class SmallNumberFigure(_StyleRule):
    """Flag a figure from 1 to 9 where the stylebook spells it out.

    ## What it flags
    A lone figure 1-9 in running copy ("3 people were hurt"). Ages,
    percentages, money, measures, times, dates, scores and votes, ranks and
    numbered things ("No. 3", "Channel 4", "Game 7") keep their figures and
    are not flagged.

    ## Why
    The stylebook's numerals entry: spell out one to nine, use figures for 10
    and above, with those exceptions.

    ## Example
    Police arrested 3 men.

    ## Use instead
    Police arrested three men.
    """

    code = "NL408"
    name = "small-number-figure"
    summary = "Figure 1-9 where the word is due."
    severity = Severity.WARNING
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example("Police arrested 3 men after the match.", expect=("3",)),
        Example("The 5-year-old boy won $3 and 4 percent of the vote in a 3-1 game."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report bare figures 1-9 outside the stylebook's exceptions."""
        if not _hint(_HINT_DIGIT, unit):
            return
        data = style_data()
        tokens = unit.tokens
        first = _first_word_index(tokens)
        for k, t in enumerate(tokens):
            if t.kind is not NUMBER or t.text not in data.number_words or k == first:
                continue
            if self._exempt(tokens, k, data):
                continue
            word = data.number_words[t.text]
            ctx.report(
                t.start,
                t.end,
                f"Spell out numbers below 10: '{word}' (stylebook: numerals).",
                suggestions=[word],
                fix=ctx.replace(t.start, t.end, word, safe=False),
            )

    @staticmethod
    def _exempt(tokens: Sequence[Token], k: int, data: StyleData) -> bool:
        """Return True when the figure falls under one of the stylebook's exceptions."""
        return _left_exempt(tokens, k, data) or _right_exempt(tokens, k, data)


# Words that join figures into a list, range or ratio: "1, 3 and 4", "2 to 1".
_JOINERS = frozenset({",", "and", "or", "&", "to", "in", "for"})
# Joiners of a ratio, whose figures stay figures: "1 in 5", "went 3 for 4".
_RATIO_JOINERS = frozenset({"in", "for"})


def _context_word(token: Token, words: frozenset[str]) -> bool:
    norm = token.norm
    return norm in words or (norm.endswith("s") and norm[:-1] in words)


def _left_exempt(tokens: Sequence[Token], k: int, data: StyleData) -> bool:
    """Return True when what stands before figure ``k`` calls for a figure."""
    if k == 0:
        return False
    t, prev = tokens[k], tokens[k - 1]
    if prev.kind is PUNCT and _adjacent(prev, t) and prev.text != ",":
        # "3-1", "#2", "(3)" list markers, "1/2", a quoted figure.
        return True
    if prev.kind is NUMBER or _context_word(prev, data.number_context_before):
        return True
    if prev.kind is WORD and _is_capitalised(prev.text):
        # "Channel 4", "Formula 1", "Halo 2", "Jan 5": figures in names and dates.
        return True
    if prev.text == "." and k >= 2 and tokens[k - 2].norm in data.month_by_form:
        return True  # "Jan. 5"
    if prev.norm == "at" and any(
        tokens[j].norm in data.tied_score_verbs for j in range(max(0, k - 4), k - 1)
    ):
        return True  # "tied it at 2": a tied score
    if prev.norm in _JOINERS and k >= 2 and tokens[k - 2].kind is NUMBER:
        # The rest of a list, range or ratio follows its first figure.
        return prev.norm in _RATIO_JOINERS or _left_exempt(tokens, k - 2, data)
    return False


def _right_exempt(tokens: Sequence[Token], k: int, data: StyleData) -> bool:
    """Return True when what follows figure ``k`` calls for a figure."""
    n = len(tokens)
    if k + 1 >= n:
        return False
    t, nxt = tokens[k], tokens[k + 1]
    if nxt.kind is PUNCT and _adjacent(t, nxt):
        if nxt.text in ("-", "\u2013"):
            # "3-1" scores and votes; "5-year-old" ages; "3-metre" measures.
            after = tokens[k + 2] if k + 2 < n else None
            if after is None or after.kind is NUMBER:
                return True
            if after.kind is WORD and _is_capitalised(after.text):
                return True  # "3-D", "4-H", "3-K": a figure inside a name
            return after.norm in data.units_after or after.norm.split("-")[0] in data.units_after
        if nxt.text in ("%", "/", ":", "\u00b0"):
            return True
    if nxt.norm in data.units_after or nxt.text in data.units_after:
        return True
    if nxt.kind is WORD and _is_capitalised(nxt.text):
        return True  # "5 January", "3 Series"
    if nxt.kind is NUMBER and "/" in nxt.text:
        return True  # "5 1/3 innings": a whole number with its fraction
    # A list, range or ratio whose far end calls for figures: "5 to 7 percent".
    if nxt.norm in _JOINERS and k + 2 < n and tokens[k + 2].kind is NUMBER:
        other = tokens[k + 2]
        if nxt.norm in _RATIO_JOINERS or other.text not in data.number_words:
            return True
        return _right_exempt(tokens, k + 2, data)
    return False


# ---------------------------------------------------------------- NL409


_YEAR_RE = regex.compile(r"^(1\d{3}|20\d{2})s?$")
# A figure, money or a quantity with its unit letters: "12", "$5", "1,200", "5m", "40%".
_FIGURE_RE = regex.compile(r"^[$£€¥]?\d[\d,.]*(?:%|m|bn|k|p|s)?$")


class FigureStartsSentence(_StyleRule):
    """Flag a sentence that starts with a figure.

    ## What it flags
    A sentence of running copy whose first word is a figure ("12 people
    died."). A year is allowed ("1998 was a record year").

    ## Why
    The stylebook's numerals entry: spell out a number that starts a
    sentence, or recast the sentence; years are the exception.

    ## Example
    12 people were hurt in the crash.

    ## Use instead
    Twelve people were hurt in the crash.
    """

    code = "NL409"
    name = "figure-starts-sentence"
    summary = "Sentence starting with a figure."
    severity = Severity.WARNING
    fixable = True
    blocks = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE})
    examples = (
        Example("The crash was at dawn. 12 people were hurt.", expect=("12",)),
        Example("1998 was a record year. Twelve people were hurt."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report a figure as the first word of a sentence."""
        tokens = unit.tokens
        k = _first_word_index(tokens)
        if k < 0 or tokens[k].kind is not NUMBER:
            return
        t = tokens[k]
        if _YEAR_RE.match(t.text) or not _FIGURE_RE.match(t.text):
            return
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.text in (".", ")", ":") and _adjacent(t, nxt):
            return  # a list marker ("1.", "2)") or a clock time
        if nxt is not None and nxt.kind is WORD and _is_capitalised(nxt.text):
            return  # a name that starts with a figure ("50 Cent", "3 Mobile")
        if not any(x.kind is WORD for x in tokens[k + 1 :]):
            return
        suggestions: list[str] = []
        fix = None
        if t.text.isdigit() and 1 <= int(t.text) <= 99:
            word = spell_number(int(t.text))
            word = word[0].upper() + word[1:]
            suggestions = [word]
            fix = ctx.replace(t.start, t.end, word, safe=False)
        ctx.report(
            t.start,
            t.end,
            "Spell out a number that starts a sentence, or recast it "
            "(stylebook: numerals; years excepted).",
            suggestions=suggestions,
            fix=fix,
        )


_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell_number(value: int) -> str:
    """Return 0-99 in words ("twenty-five")."""
    if value < 20:
        return _ONES[value]
    tens, ones = divmod(value, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def parse_number_word(text: str) -> int | None:
    """Return the value of a spelled number 0-99 ("twenty-five"), else None."""
    norm = text.casefold()
    if norm in _ONES:
        return _ONES.index(norm)
    tens, _, ones = norm.partition("-")
    if tens in _TENS and tens:
        value = _TENS.index(tens) * 10
        if not ones:
            return value
        if ones in _ONES[1:10]:
            return value + _ONES.index(ones)
    return None


# ---------------------------------------------------------------- NL410


class SpelledPercent(_StyleRule):
    """Flag a spelled-out number before "percent".

    ## What it flags
    "five percent", "twenty-five per cent": a number in words before percent.
    A number that starts a sentence stays in words.

    ## Why
    The stylebook's percent entry: percentages always take figures, even
    below 10.

    ## Example
    Turnout fell five percent.

    ## Use instead
    Turnout fell 5 percent.
    """

    code = "NL410"
    name = "spelled-percent"
    summary = "Percentage written in words."
    severity = Severity.WARNING
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example("Turnout fell five percent.", expect=("five",), fixed="Turnout fell 5 percent."),
        Example("Five percent of voters stayed home; turnout fell 5 percent."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report number words followed by percent or per cent."""
        if not _hint(_HINT_PERCENT, unit):
            return
        tokens = unit.tokens
        first = _first_word_index(tokens)
        n = len(tokens)
        for k, t in enumerate(tokens):
            if t.kind is not WORD or k == first or k + 1 >= n:
                continue
            nxt = tokens[k + 1]
            is_percent = nxt.norm == "percent" or (
                nxt.norm == "per" and k + 2 < n and tokens[k + 2].norm == "cent"
            )
            if not is_percent:
                continue
            value = parse_number_word(t.text)
            if value is None:
                continue
            start = t.start
            if value < 10 and k >= 1 and tokens[k - 1].kind is WORD:
                tens = parse_number_word(tokens[k - 1].text)
                if tens is not None and tens >= 20 and tens % 10 == 0:
                    # "fifty nine percent" written without its hyphen.
                    if k - 1 == first:
                        continue
                    value += tens
                    start = tokens[k - 1].start
            figure = str(value)
            ctx.report(
                start,
                t.end,
                f"Use a figure with percent: '{figure}' (stylebook: percent).",
                suggestions=[figure],
                fix=ctx.replace(start, t.end, figure),
            )


# ---------------------------------------------------------------- NL411 / NL412


def _mostly_upper(tokens: Sequence[Token]) -> bool:
    letters = [t.text for t in tokens if t.kind is WORD]
    if len(letters) < 3:
        return False
    upper = sum(1 for w in letters if w.isupper())
    return upper * 10 >= len(letters) * 6


class AbbreviationPeriods(_StyleRule):
    """Flag "US", "UN" or "UK" without periods in body text.

    ## What it flags
    The country and organisation abbreviations that the stylebook writes with
    periods in running copy ("U.S.", "U.N.", "U.K."), when written without
    them ("US", "US-led"). Headlines are left alone (see NL412). The list is
    in `rules/data/style.toml`.

    ## Why
    The stylebook's entries for these abbreviations: periods in body text,
    none in headlines.

    ## Example
    Officials said the US would send aid.

    ## Use instead
    Officials said the U.S. would send aid.
    """

    code = "NL411"
    name = "abbreviation-periods"
    summary = "Body-text abbreviation without its periods."
    severity = Severity.INFO
    fixable = True
    blocks = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})
    examples = (
        Example("Officials said the US would send aid.", expect=("US",)),
        Example("Officials said the U.S. would send aid."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report abbreviations written without periods."""
        data = style_data()
        if not _hint(data.body_hint, unit):
            return
        body = data.body_abbreviations
        tokens = unit.tokens
        shouting: bool | None = None
        for t in tokens:
            if t.kind is not WORD:
                continue
            head = t.text.split("-", 1)[0]
            want = body.get(head)
            if want is None:
                continue
            if shouting is None:
                shouting = _mostly_upper(tokens)
            if shouting:
                return
            end = t.start + len(head)
            replacement = _period_safe(ctx.doc.text, t.start, end, want)
            ctx.report(
                t.start,
                end,
                f"In body text write '{want}' (stylebook: abbreviations).",
                suggestions=[want],
                fix=ctx.replace(t.start, end, replacement, safe=False),
            )


class HeadlineAbbreviation(_StyleRule):
    """Flag "U.S.", "U.N." or "U.K." with periods in a headline.

    ## What it flags
    A dotted abbreviation in the headline (read from the document model)
    that the stylebook writes without periods there.

    ## Why
    The stylebook's headlines entry: "US", "UN" and "UK" take no periods in
    headlines. The Reuters profile turns this rule off.

    ## Example
    U.S. to send flood aid to Mozambique

    ## Use instead
    US to send flood aid to Mozambique
    """

    code = "NL412"
    name = "headline-abbreviation"
    summary = "Dotted abbreviation in a headline."
    severity = Severity.WARNING
    fixable = True
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "U.S. sends flood aid to Mozambique\n\nThe aid arrives soon.\n",
            expect=("U.S.",),
            fixed="US sends flood aid to Mozambique\n\nThe aid arrives soon.\n",
        ),
        Example("US sends flood aid to Mozambique\n\nThe U.S. said so.\n"),
    )

    def check(self, unit: Any, ctx: RuleContext) -> None:
        """Report dotted abbreviations in the headline."""
        headline = ctx.doc.headline
        if headline is None or "." not in headline.text:
            return
        table = style_data().headline_abbreviations
        for t in headline.tokens:
            want = table.get(t.text)
            if t.kind is WORD and want is not None:
                ctx.report(
                    t.start,
                    t.end,
                    f"Headlines drop the periods: '{want}' (stylebook: headlines).",
                    suggestions=[want],
                    fix=ctx.replace(
                        t.start, t.end, _period_safe(ctx.doc.text, t.start, t.end, want)
                    ),
                )


# ---------------------------------------------------------------- NL437

_RELATIVE_DAY = regex.compile(r"\b(?:[Yy]esterday|[Tt]omorrow)\b")


class RelativeDay(_StyleRule):
    """Flag "yesterday" and "tomorrow" where wire style names the day.

    ## What it flags
    "yesterday" and "tomorrow" in running copy, outside quotations. When the
    story's date is known (`--date`, front matter or a dateline) the finding
    names the weekday it means. Figures of speech ("yesterday's news",
    "leaders of tomorrow", listed in `rules/data/style.toml`) and a
    capitalised "Tomorrow" inside a sentence (a title) are left alone.

    ## Why
    Wire copy is read on other days than it is written: a story read a day
    late turns "yesterday" into the wrong day, while a weekday stays true.
    The stylebook names the day for dates within a week.

    ## Example
    The council voted yesterday to close the pool.

    ## Use instead
    The council voted Monday to close the pool.
    """

    code = "NL437"
    name = "relative-day"
    summary = "'yesterday' or 'tomorrow' where wire style names the day."
    severity = Severity.INFO
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example("The council voted yesterday to close the pool.", expect=("yesterday",)),
        Example("The council voted Monday to close the pool."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report each relative day word, with the weekday when the date allows."""
        text = ctx.doc.text
        if "morrow" not in unit.text and "esterday" not in unit.text:
            return
        for m in _RELATIVE_DAY.finditer(text, unit.start, unit.end):
            start, end = m.span()
            word = m.group()
            first = start == unit.start or not text[unit.start : start].strip(" \"'“‘(")
            if word[0].isupper() and not first:
                continue  # a title: "What Happens Tomorrow"
            if inside_phrase(text, start, end, style_data().figurative_days):
                continue
            self._report(ctx, start, end, word, first)

    def _report(self, ctx: RuleContext, start: int, end: int, word: str, first: bool) -> None:
        from newslint.checks.facts_common import story_date
        from newslint.facts.dates import WEEKDAYS

        story = story_date(ctx)
        if story is None or story.weak:
            ctx.report(
                start, end, f"Name the day instead of '{word}' (stylebook: days of the week)."
            )
            return
        step = -1 if word.lower() == "yesterday" else 1
        day = WEEKDAYS[(story.day + dt.timedelta(days=step)).weekday()]
        ctx.report(
            start,
            end,
            f"Name the day instead of '{word}': '{day}' for a story dated "
            f"{story.describe()} (stylebook: days of the week).",
            suggestions=[day],
            # At a sentence start the sentence needs recasting, not a swap.
            fix=None if first else ctx.replace(start, end, day, safe=False),
        )


# ---------------------------------------------------------------- NL441


def _capitalised_word(text: str) -> bool:
    """Return True for "Vetoes" or "Cross-Border", not "US", "iPhone" or "vetoes"."""
    return text[:1].isupper() and (len(text) == 1 or not text[1:].isupper())


class HeadlineTitleCase(_StyleRule):
    """Flag a headline written in title case.

    ## What it flags
    A headline in which every word after the first is capitalised, except
    short words such as "for" and "the", when at least two of those words are
    ones the story's own body writes in lower case ("Council Approves New
    Budget" over a body that says "the new budget").

    ## Why
    The stylebook's headlines entry: capitalise only the first word and
    proper nouns. The body is the evidence for which words are not names, so
    a headline of names ("Real Madrid Sign Owen") needs the body to say
    "sign" in lower case before it is flagged.

    ## Example
    Council Approves New Budget

    ## Use instead
    Council approves new budget
    """

    code = "NL441"
    name = "headline-title-case"
    summary = "Headline in title case (AP capitalises only the first word and names)."
    severity = Severity.WARNING
    fixable = True
    scope = Scope.DOCUMENT
    # The body must show at least this many of the headline's capitalised
    # words in lower case.
    min_evidence = 2
    examples = (
        Example(
            "Council Approves New Budget\n\nThe council approved the new budget on Monday.\n",
            expect=("Council Approves New Budget",),
        ),
        Example("Council approves new budget\n\nThe council approved the new budget.\n"),
    )

    def check(self, unit: Any, ctx: RuleContext) -> None:
        """Report the headline when it reads as title case."""
        doc = ctx.doc
        headline = doc.headline
        if headline is None:
            return
        words = [t for t in headline.tokens if t.kind is WORD]
        if len(words) < 3:
            return
        small = style_data().headline_small_words
        later = [t for t in words[1:] if t.text.casefold() not in small]
        if len(later) < self.min_evidence or not all(_capitalised_word(t.text) for t in later):
            return
        cases = _body_word_cases(doc)
        common = [t for t in later if t.text.casefold() in cases.lower and t.text not in cases.mid]
        if len(common) < self.min_evidence:
            return
        # The suggestion lowers every word the body does not treat as a name:
        # one it writes in lower case, or never writes at all.
        text = doc.text
        fixed = list(text[headline.start : headline.end])
        for t in later:
            name_like = t.text in cases.mid or (
                t.text in cases.starts and t.text.casefold() not in cases.lower
            )
            if not name_like:
                offset = t.start - headline.start
                fixed[offset] = fixed[offset].lower()
        suggestion = "".join(fixed)
        ctx.report(
            headline.start,
            headline.end,
            "Headline in title case: capitalise only the first word and names "
            f"('{suggestion}') (stylebook: headlines).",
            suggestions=[suggestion],
            fix=ctx.replace(headline.start, headline.end, suggestion, safe=False),
        )


@dataclass(frozen=True)
class _BodyCases:
    """How the body writes its words: lower case, capitalised mid-sentence, at a start."""

    lower: frozenset[str]
    mid: frozenset[str]
    starts: frozenset[str]


def _body_word_cases(doc: Any) -> _BodyCases:
    """Return how the story's running copy writes its words."""
    lower: set[str] = set()
    mid: set[str] = set()
    starts: set[str] = set()
    for paragraph in doc.paragraphs:
        if paragraph.kind not in COPY_BLOCKS:
            continue
        for sentence in paragraph.sentences:
            first = True
            for t in sentence.tokens:
                if t.kind is not WORD:
                    continue
                if t.text.islower():
                    lower.add(t.text)
                elif first:
                    starts.add(t.text)
                else:
                    mid.add(t.text)
                first = False
    return _BodyCases(frozenset(lower), frozenset(mid), frozenset(starts))


# ---------------------------------------------------------------- NL413


class StateName(_StyleRule):
    """Flag an abbreviated U.S. state name after a city in body text.

    ## What it flags
    "Boston, Mass." or "Austin, TX": a state abbreviation or postal code after
    a city and a comma in running copy. The tables are in
    `rules/data/style-states.toml`.

    ## Why
    The stylebook's state-names entry: spell state names out in the body of a
    story.

    ## Example
    The plant is in Flint, Mich., near Detroit.

    ## Use instead
    The plant is in Flint, Michigan, near Detroit.
    """

    code = "NL413"
    name = "state-name"
    summary = "Abbreviated state name in body text."
    severity = Severity.WARNING
    fixable = True
    blocks = COPY_BLOCKS
    examples = (
        Example(
            "The plant is in Flint, Mich., near Detroit.",
            expect=("Mich.",),
            fixed="The plant is in Flint, Michigan, near Detroit.",
        ),
        Example("The plant is in Flint, Michigan, near Detroit."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report state abbreviations after "City,"."""
        if not _hint(_HINT_STATE, unit):
            return
        abbreviations, postal = state_data()
        tokens = unit.tokens
        n = len(tokens)
        for k in range(2, n):
            t = tokens[k]
            if t.kind is not WORD or tokens[k - 1].text != ",":
                continue
            city = tokens[k - 2]
            if city.kind is not WORD or not _is_capitalised(city.text):
                continue
            if unit.index == 0 and _dateline_city(tokens, k - 1):
                continue  # "BATON ROUGE, La. (AP) —": datelines keep the abbreviation
            nxt = tokens[k + 1] if k + 1 < n else None
            dotted = ""
            if nxt is not None and nxt.text == "." and _adjacent(t, nxt):
                dotted = t.text + "."
            if t.text.endswith(".") and t.text in abbreviations:
                dotted = t.text
            if dotted and dotted in abbreviations:
                end = t.start + len(dotted)
                name = abbreviations[dotted]
                replacement = _period_safe(ctx.doc.text, t.start, end, name)
                self._report(ctx, t.start, end, name, replacement, safe=True)
            elif t.text in postal and (nxt is None or nxt.kind is PUNCT):
                name = postal[t.text]
                self._report(ctx, t.start, t.end, name, name, safe=False)

    @staticmethod
    def _report(
        ctx: RuleContext, start: int, end: int, name: str, replacement: str, *, safe: bool
    ) -> None:
        ctx.report(
            start,
            end,
            f"Spell out the state in body text: '{name}' (stylebook: state names).",
            suggestions=[name],
            fix=ctx.replace(start, end, replacement, safe=safe),
        )


def _dateline_city(tokens: Sequence[Token], comma: int) -> bool:
    """Return True when ``tokens[:comma]`` is a dateline's capitalised city name."""
    if comma == 0 or comma > 4:
        return False
    for t in tokens[:comma]:
        if t.kind is WORD:
            if not t.text.isupper():
                return False
        elif t.text not in (".", "-", "'"):
            return False
    return True


RULES: tuple[type[Rule], ...] = (
    LyHyphen,
    CompassRegion,
    FormalTitleCase,
    OnBeforeDate,
    RelativeDay,
    MonthStyle,
    DateOrdinal,
    TimeFormat,
    SmallNumberFigure,
    FigureStartsSentence,
    SpelledPercent,
    AbbreviationPeriods,
    HeadlineAbbreviation,
    HeadlineTitleCase,
    StateName,
)
