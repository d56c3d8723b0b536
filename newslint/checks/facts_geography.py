"""Fact rule about geography (NL511): a border named for the wrong side of a country.

The reader and the table live in :mod:`newslint.facts.geography`.
"""

from __future__ import annotations

from newslint.diagnostics import Category, Severity
from newslint.document import Sentence
from newslint.facts.geography import (
    BorderMention,
    CountryMention,
    angle_between,
    bearing,
    compass_word,
    country_named,
    find_borders,
    find_countries,
)
from newslint.rule import Example, Rule, RuleContext, Scope

# Directions this far apart (three compass points or more) contradict each
# other; closer ones are a matter of which part of a long border is meant.
_CONTRADICTS = 135.0


class BorderDirection(Rule):
    """Flag a border named for the side of a country its neighbour is not on.

    ## What it flags
    "its eastern border", "Poland's western frontier" in a sentence that also
    names the country across that border, when that country lies the other
    way (three compass points or more off). The border's owner is the
    possessive name, or for "its"/"their" the nearest country named before it
    (a capital counts for its country: "Moscow"); the neighbour is the one
    after "with", or else the only other country in the sentence. A sentence
    naming several other countries is left alone.

    ## Why
    "Troops near its eastern border" said of a country whose neighbour lies
    west puts the troops on the wrong frontier, or points "its" at the wrong
    country. Either way the reader is misled, and the fix takes a map, not a
    source.

    ## Example
    `Russia may invade Ukraine as Moscow masses troops near its eastern border.`

    ## Use instead
    `Russia may invade Ukraine as Moscow masses troops near its western
    border.` (or name the country: "near Ukraine's eastern border")
    """

    code = "NL511"
    name = "border-direction"
    category = Category.FACT
    summary = "Border named for the wrong side of a country ('its eastern border' facing west)."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    examples = (
        Example(
            "Poland closed its western border with Belarus on Friday.",
            expect=("western",),
        ),
        Example("Poland closed its eastern border with Belarus on Friday."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report borders whose named side faces away from the neighbour."""
        text = unit.text
        if "border" not in text and "frontier" not in text:
            return
        borders = find_borders(text)
        if not borders:
            return
        countries = find_countries(text)
        for border in borders:
            pair = _owner_and_neighbour(border, countries)
            if pair is None:
                continue
            owner, neighbour = pair
            towards = bearing(owner.country, neighbour.country)
            if angle_between(towards, border.bearing) < _CONTRADICTS:
                continue
            right = compass_word(towards, border.direction)
            across, owned = neighbour.country.name, owner.country.name
            read_as = ""
            if border.owner_word.lower() in ("its", "their"):
                read_as = (
                    f" ('{border.owner_word}' reads as {owned}, the nearest country named "
                    f"before it; if {_possessive(across)} border is meant, name it)"
                )
            message = (
                f"{across} lies {right.removesuffix('ern')} of {owned}, so their border is "
                f"{_possessive(owned)} {right} border, not its {border.direction} one{read_as}."
            )
            ctx.report(
                unit.start + border.direction_start,
                unit.start + border.direction_end,
                message[:1].upper() + message[1:],
                suggestions=[right],
                related=[
                    ctx.related(
                        unit.start + neighbour.start,
                        unit.start + neighbour.end,
                        "the country across the border",
                    )
                ],
            )


def _possessive(name: str) -> str:
    """Return "Poland's", "Belarus'" (AP: a proper name ending in s takes an apostrophe only)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _owner_and_neighbour(
    border: BorderMention, countries: list[CountryMention]
) -> tuple[CountryMention, CountryMention] | None:
    """Return who owns the border and who lies across it, or None when unclear."""
    if border.owner_word.lower() in ("its", "their"):
        before = [c for c in countries if c.end <= border.owner_start]
        if not before:
            return None
        owner = before[-1]
    else:
        named = [c for c in countries if c.start == border.owner_start]
        if not named or country_named(border.owner_word) is None:
            return None
        owner = named[0]
    if border.with_name is not None:
        across = [c for c in countries if c.start >= border.end - len(border.with_name)]
        if not across or across[0].country.key == owner.country.key:
            return None
        return owner, across[0]
    others = {c.country.key: c for c in countries if c.country.key != owner.country.key}
    if len(others) != 1:
        return None
    return owner, next(iter(others.values()))


RULES: tuple[type[Rule], ...] = (BorderDirection,)
