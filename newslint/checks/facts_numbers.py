"""Fact rules about numbers that disagree within a story (NL506-NL508, NL512-NL514).

The readers live in :mod:`newslint.facts.numbers`; they prefer silence to a
guess whenever the wording allows the numbers to differ.
"""

from __future__ import annotations

from newslint.diagnostics import Category, Severity
from newslint.document import Document, Paragraph, Sentence
from newslint.facts.ages import find_age_clashes
from newslint.facts.changes import ChangeClash, find_change_clashes
from newslint.facts.headline_numbers import Unsupported, unsupported_figures
from newslint.facts.numbers import (
    Count,
    find_counts,
    percentages_over_whole,
    sentence_allows_change,
    vague_clashes,
)
from newslint.rule import Example, Rule, RuleContext, Scope


class CountDisagrees(Rule):
    """Flag one count of people stated as two different numbers.

    ## What it flags
    "12 people were killed" in one place and "the 13 dead" in another: exact
    counts of the dead, injured, missing or arrested, for the same group,
    that differ. Counts with "at least", "about" and similar, and sentences
    that speak of change or of part of a total ("rose to", "another",
    "including", "earlier"), are left alone.

    ## Why
    Casualty figures are the numbers readers remember and the ones most often
    updated during a story's life; a stale figure left in one paragraph is a
    correction.

    ## Example
    `Twelve people were killed in the blast. ... Police said the 13 dead were
    mostly commuters.`

    ## Use instead
    One figure throughout, or wording that explains the change ("The death
    toll rose to 13").
    """

    code = "NL506"
    name = "count-disagrees"
    category = Category.FACT
    summary = "Same count given as two different numbers."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Twelve people were killed in the blast. Police said the 13 dead were commuters.",
            expect=("13 dead",),
        ),
        Example(
            "Twelve people were killed in the blast. The death toll later rose to 13.",
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report exact counts that contradict an earlier exact count."""
        first: dict[tuple[str, str], Count] = {}
        for sentence in unit.sentences():
            if sentence.paragraph.kind.value not in {"body", "headline", "list_item"}:
                continue
            # Counts are rare and the change test is the dearer one: read counts first.
            counts = find_counts(sentence.text, sentence.start)
            if not counts or sentence_allows_change(sentence.text):
                continue
            for count in counts:
                if not count.exact:
                    continue
                key = (count.category, count.noun)
                earlier = first.setdefault(key, count)
                if earlier is count or earlier.value == count.value:
                    continue
                ctx.report(
                    count.start,
                    count.end,
                    f"This says {count.value} {count.noun} {count.category}; earlier the story "
                    f"says {earlier.value}.",
                    related=[ctx.related(earlier.start, earlier.end, "the earlier figure")],
                )


class PercentagesExceedWhole(Rule):
    """Flag shares of one whole that add up to more than 100%.

    ## What it flags
    A sentence about a poll or a vote whose percentages sum past 100 ("55%
    backed the plan and 52% opposed it"). Sentences about change or about
    separate groups are not read as shares of one whole.

    ## Why
    Shares of one whole cannot exceed it; one of the figures is a typo.

    ## Example
    `In the poll, 55% backed the plan and 52% opposed it.`

    ## Use instead
    The figures from the source: `55% backed the plan and 42% opposed it.`
    """

    code = "NL507"
    name = "percentages-exceed-whole"
    category = Category.FACT
    summary = "Shares of one whole add up to more than 100%."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    examples = (
        Example(
            "In the poll, 55% backed the plan and 52% opposed it.",
            expect=("55% backed the plan and 52%",),
        ),
        Example("In the poll, 55% backed the plan and 42% opposed it."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report a poll or vote sentence whose shares exceed 100%."""
        found = percentages_over_whole(unit.text)
        if not found:
            return
        total = sum(v for _, _, v in found)
        ctx.report(
            unit.start + found[0][0],
            unit.start + found[-1][1],
            f"These shares add up to {total:g}%, more than the whole.",
        )


class VagueCountVsFigure(Rule):
    """Flag a vague quantity that a precise figure nearby rules out.

    ## What it flags
    "tens of thousands of troops" in a paragraph that also gives "12,000
    troops": the vague words (tens of thousands means at least 20,000) and
    the figure for the same noun cannot both be right. Figures introduced as
    a part ("another", "including", "some") are left alone.

    ## Why
    A precise figure is what readers quote; if the vague phrase overstates
    it, the story contradicts itself.

    ## Example
    `Tens of thousands of troops are massed there; officials counted 12,000 troops.`

    ## Use instead
    `About 12,000 troops are massed there.`
    """

    code = "NL508"
    name = "vague-count-vs-figure"
    category = Category.FACT
    summary = "Vague quantity contradicted by a precise figure."
    severity = Severity.WARNING
    scope = Scope.PARAGRAPH
    examples = (
        Example(
            "Tens of thousands of troops are massed there; officials counted 12,000 troops.",
            expect=("Tens of thousands of troops",),
        ),
        Example("Tens of thousands of troops are massed there, including 12,000 troops."),
    )

    def check(self, unit: Paragraph, ctx: RuleContext) -> None:
        """Report vague quantities below which a same-noun figure falls."""
        for clash in vague_clashes(unit.text, unit.start):
            ctx.report(
                clash.vague_start,
                clash.vague_end,
                f"'{clash.vague}' means more than the {clash.figure:,} {clash.noun} given nearby.",
                related=[ctx.related(clash.figure_start, clash.figure_end, "the precise figure")],
            )


class ChangeArithmetic(Rule):
    """Flag a percentage change that the figures beside it rule out.

    ## What it flags
    A sentence that gives both ends of a change and the change as a
    percentage or a multiple, when no rounding of the printed figures gives
    it: "from £40m to £50m, a 20% rise" (it is 25%), "doubled from 40 to 60". Three common
    slips are named: the change measured against the new figure, a
    difference in percentage points called percent ("from 40% to 50%, a 10%
    rise"), and a rise stated for figures that fell. A claim counts only right
    beside its figures (", a 25% rise", "rose 25% to £50m from £40m"), and
    approximate ones ("nearly 25%", "more than doubled") are left alone.

    ## Why
    Readers check the arithmetic, and a percentage that the story's own
    figures contradict is a correction waiting to happen. It is also the
    one fact a desk can check without a source.

    ## Example
    `Profits rose from £40m to £50m, a 20% increase.`

    ## Use instead
    `Profits rose from £40m to £50m, a 25% increase.`
    """

    code = "NL512"
    name = "change-arithmetic"
    category = Category.FACT
    summary = "Percentage change that the figures beside it rule out."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    examples = (
        Example("Profits rose from £40m to £50m, a 20% increase.", expect=("20%",)),
        Example("Profits rose from £40m to £50m, a 25% increase."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report stated changes whose percentage the sentence's figures contradict."""
        for clash in find_change_clashes(unit.text, unit.start):
            ctx.report(
                clash.start,
                clash.end,
                _change_message(clash, ctx.doc.text[clash.change_start : clash.change_end]),
                suggestions=_change_suggestions(clash),
                related=[ctx.related(clash.change_start, clash.change_end, "the figures")],
            )


def _percent(value: float) -> str:
    """Return a change for a message: one decimal below 10, whole numbers above."""
    return f"{value:.1f}".removesuffix(".0") if value < 10 else f"{value:.0f}"


def _change_suggestions(clash: ChangeClash) -> list[str]:
    """Return the replacements for the stated percentage (none when the direction is wrong)."""
    if clash.wrong_way or clash.multiple:
        return []
    actual = f"{_percent(clash.actual)}%"
    if clash.points:
        return [f"{clash.stated.rstrip('%')} percentage points", actual]
    return [actual]


def _change_message(clash: ChangeClash, figures: str) -> str:
    """Return the message for one clash, naming the slip when it is a common one."""
    actual = f"{_percent(clash.actual)}%"
    if clash.wrong_way:
        moved, stated = ("rise", "a fall") if clash.rose else ("fall", "a rise")
        return (
            f"The figures ('{figures}') {moved}, but the {clash.stated} change is stated as "
            f"{stated}."
        )
    if clash.multiple:
        change = "rise" if clash.rose else "fall"
        return f"'{figures}' is a {change} of {actual}, which is not '{clash.stated}'."
    if clash.points:
        return (
            f"'{figures}' is a change of {clash.stated.rstrip('%')} percentage points, not "
            f"{clash.stated}; as a percentage it is {actual}."
        )
    if clash.against_new:
        return (
            f"'{figures}' is a change of {actual}; {clash.stated} is the change measured "
            "against the new figure, not the old one."
        )
    return f"'{figures}' is a change of {actual}, not {clash.stated}."


class AgeDisagrees(Rule):
    """Flag a person whose age the story gives as two different numbers.

    ## What it flags
    An age written beside a person's name ("Ana Ortiz, 45," or "the
    45-year-old Ana Ortiz") that differs from the age the story gave the
    same person earlier. People are told apart by the people model, so two
    Ortizes keep their own ages; a sentence about another time ("when she was
    12", "turned 46", "in 1998") is not read.

    ## Why
    Ages are checked by readers who know the person, and a story that
    contradicts itself is wrong at least once. The usual cause is an age
    updated in one paragraph of a rewritten story and not in another.

    ## Example
    `Ana Ortiz, 45, took over in March. ... The 46-year-old Ortiz said sales rose.`

    ## Use instead
    One age throughout, checked against the source.
    """

    code = "NL513"
    name = "age-disagrees"
    category = Category.FACT
    summary = "Same person given two different ages."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Ana Ortiz, 45, took over in March. The 46-year-old Ortiz said sales rose.",
            expect=("46",),
        ),
        Example("Ana Ortiz, 45, took over in March. The 45-year-old Ortiz said sales rose."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report ages that differ from the age first given to the same person."""
        if not any(c.isdigit() for c in unit.text):
            return
        from newslint.people import people_of

        for earlier, later in find_age_clashes(people_of(ctx)):
            ctx.report(
                later.start,
                later.end,
                f"This gives {later.name} the age {later.age}; earlier the story says "
                f"{earlier.age}.",
                related=[ctx.related(earlier.start, earlier.end, "the earlier age")],
            )


class HeadlineNumberMissing(Rule):
    """Flag a figure in the headline whose value the body never states.

    ## What it flags
    A number in the headline ("Seven dead in factory fire", "Council approves
    £40m budget") when no figure in the rest of the story has that value in
    any form. Values are compared, not spellings: "£40m" is supported by "£40
    million", "40m pounds" or "£40,000,000", "seven" by "7", and a rounded
    headline by the figure it rounds ("$36m" by "$35.7m"; "about", "more
    than" and "nearly" widen either figure). Two currencies never support each
    other. Anything that may not be a quantity is left alone: years, scores
    and ranges ("19-33", "2-0"), ordinals, figures glued to letters or joined
    by hyphens ("3G", "18s", "over-50s", "six-figure"), numbers in names
    ("Windows 7", "Half-Life 2", "50 Cent"), days beside a month, times, set
    phrases ("one in five", "20 years on", "five things we learned"), "one",
    and a bare two (bodies say "both" or name the pair). Number words
    are read from "three" to "ninety-nine", with "hundred", "thousand" or
    "million" after them, and "a dozen" as about 12. A first line longer than
    200 characters is not taken for a headline.

    ## Why
    Headlines are written last, often by someone else, and a figure changed
    in the copy is easily left stale in the headline. A headline that
    contradicts its own story is the most visible correction a paper can run.

    ## Example
    `Seven dead in factory fire` over a story that says `Six people were
    killed when fire swept through the factory.`

    ## Use instead
    The figure the body gives: `Six dead in factory fire`, or correct the body
    if the headline has the newer figure.
    """

    code = "NL514"
    name = "headline-number-missing"
    category = Category.FACT
    summary = "Headline figure that the body never states."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Seven dead in factory fire\n\nSix people were killed when fire swept through the "
            "factory on Tuesday.",
            expect=("Seven",),
        ),
        Example(
            "Council approves £40m budget\n\nThe council approved a budget of £39.8 million for "
            "the coming year.",
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report headline figures that no figure in the rest of the story supports."""
        headline = unit.headline
        if headline is None:
            return
        body = [(p.text, p.start) for p in unit.paragraphs if p is not headline]
        for missing in unsupported_figures(headline.text, headline.start, body):
            figure = missing.figure
            if unit.is_ignored(figure.start, figure.end):
                continue
            related = []
            if missing.nearest is not None:
                near = missing.nearest
                related.append(ctx.related(near.start, near.end, "the body's figure"))
            ctx.report(figure.start, figure.end, _missing_message(missing), related=related)


def _missing_message(missing: Unsupported) -> str:
    """Return the message for a headline figure, naming the body's one figure of its kind."""
    message = (
        f"Headline figure '{missing.figure.text}' is not in the story: check it against the body"
    )
    if missing.nearest is not None:
        return f"{message}, which has {missing.nearest.text}."
    return f"{message}."


RULES: tuple[type[Rule], ...] = (
    CountDisagrees,
    PercentagesExceedWhole,
    VagueCountVsFigure,
    ChangeArithmetic,
    AgeDisagrees,
    HeadlineNumberMissing,
)
