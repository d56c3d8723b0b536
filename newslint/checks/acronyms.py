"""Abbreviation rules shared by every stylebook (NL442).

A parenthesised abbreviation after the name it stands for ("the World Travel
Council (WTC)") promises the reader that the story will use it. When the story
never does, the bracket is clutter: every stylebook says to drop it, and AP
avoids the construction altogether.
"""

from __future__ import annotations

from typing import Any

import regex

from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Sentence
from newslint.rule import Example, Rule, RuleContext

_COPY_BLOCKS = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})
# " (WTC)", " (PDAs)": two to eight letters, upper case at both ends.
_BRACKET = regex.compile(r"[ \t]*\((?P<abbr>\p{Lu}[\p{Lu}&]*\p{Lu})(?P<plural>s?)\)")
# A hyphenated word is read both ways: "Co-operation" is one initial in OSCE,
# "Non-Proliferation" two in NPT.
_WORDS = (regex.compile(r"\p{L}[\p{L}'’-]*"), regex.compile(r"\p{L}[\p{L}'’]*"))
# Words an abbreviation usually skips ("Organisation for Security and Co-operation").
_USES_KEY = "acronyms.uses"
_SKIPPED = frozenset(
    {"of", "and", "the", "for", "on", "in", "to", "at", "de", "du", "des", "la", "le", "&"}
)


def expansion_start(text: str, end: int, abbr: str) -> int | None:
    """Return where the words before ``end`` that ``abbr`` abbreviates begin, or None.

    The initials of the last words before the bracket (a possessive counts as
    one word, a hyphenated word as one or as its parts; small words such as
    "of" and "and" may be skipped) must spell the abbreviation; letters are
    compared case-blind, so "personal digital assistants (PDAs)" counts.
    """
    letters = [c for c in abbr.casefold() if c != "&"]
    window = text[max(0, end - 40 * len(letters)) : end]
    offset = end - len(window)
    for word_re in _WORDS:
        found = _initials_start(list(word_re.finditer(window)), letters)
        if found is not None:
            return offset + found
    return None


def _initials_start(words: list[Any], letters: list[str]) -> int | None:
    """Return where the trailing ``words`` whose initials are ``letters`` begin, or None."""
    need = len(letters)
    i = len(words) - 1
    start = None
    while need and i >= 0:
        word = words[i].group().casefold()
        if word[0] == letters[need - 1]:
            need -= 1
            start = words[i].start()
        elif word not in _SKIPPED:
            return None
        i -= 1
    return start if need == 0 else None


# Every word that may be an abbreviation, with a plural "s" split off.
_CAPS_WORD = regex.compile(r"(?<![\p{L}\p{N}])(\p{Lu}[\p{Lu}&]*\p{Lu})s?(?![\p{L}\p{N}])")


def _abbreviation_uses(text: str) -> dict[str, list[int]]:
    """Return each capitals word of ``text`` (plural "s" dropped) -> its start offsets, in order.

    Built once per story, so that asking whether an abbreviation recurs after
    a point is a lookup, not a search of the rest of the story per bracket.
    """
    uses: dict[str, list[int]] = {}
    for m in _CAPS_WORD.finditer(text):
        uses.setdefault(m.group(1), []).append(m.start())
    return uses


class UnusedAbbreviation(Rule):
    """Flag a parenthesised abbreviation the story never uses again.

    ## What it flags
    An abbreviation in brackets right after the words it stands for ("the
    World Travel Council (WTC)", "personal video recorders (PVRs)") when the
    story never uses it again. The initials of the words before the bracket
    must spell it, so a bracket that is not a definition is left alone.

    ## Why
    The bracket tells the reader to remember the abbreviation for later; when
    there is no later, it is clutter. Stylebooks agree: define an abbreviation
    only if it recurs (AP avoids the bracket altogether).

    ## Example
    The report was written by the World Travel Council (WTC), which meets in June.

    ## Use instead
    The report was written by the World Travel Council, which meets in June.
    """

    code = "NL442"
    name = "unused-abbreviation"
    category = Category.STYLE
    summary = "Abbreviation defined in brackets and never used again."
    severity = Severity.INFO
    fixable = True
    blocks = _COPY_BLOCKS
    examples = (
        Example(
            "The report came from the World Travel Council (WTC), which meets in June.",
            expect=(" (WTC)",),
            fixed="The report came from the World Travel Council, which meets in June.",
        ),
        Example("The World Travel Council (WTC) met. The WTC said so."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report each bracketed definition with no later use."""
        text = ctx.doc.text
        if "(" not in unit.text:
            return
        for m in _BRACKET.finditer(text, unit.start, unit.end):
            abbr = m.group("abbr")
            if expansion_start(text, m.start(), abbr) is None:
                continue
            uses = ctx.shared.get(_USES_KEY)
            if uses is None:
                uses = ctx.shared[_USES_KEY] = _abbreviation_uses(text)
            later = uses.get(abbr, [])
            if later and later[-1] >= m.end():
                continue
            ctx.report(
                m.start(),
                m.end(),
                f"'({abbr}{m.group('plural')})' defines an abbreviation the story never uses "
                "again: drop it (stylebook: abbreviations).",
                fix=ctx.delete(m.start(), m.end()),
            )


RULES: tuple[type[Rule], ...] = (UnusedAbbreviation,)
