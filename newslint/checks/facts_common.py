"""What every fact rule (NL5xx) shares: the knowledge base, the story date, tense.

Per-document results live in ``ctx.shared`` so that the ten fact rules parse
dates and title-name pairings once per story, not once each.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from newslint.diagnostics import Severity

if TYPE_CHECKING:
    from newslint.facts.kb import KnowledgeBase
    from newslint.facts.people import TitledName
    from newslint.facts.story import StoryDate
    from newslint.rule import RuleContext

_NO_DATE = "facts.no_date_noted"
_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
              "Oct.", "Nov.", "Dec.")  # fmt: skip


def knowledge_base(ctx: RuleContext) -> KnowledgeBase:
    """Return the built-in facts merged with the config's ``facts`` paths."""
    from newslint.facts.kb import load_kb

    extra = getattr(ctx.settings, "facts", ()) or ()
    return load_kb(extra)


def story_date(ctx: RuleContext) -> StoryDate | None:
    """Return the story date (cached for the document)."""
    if "facts.story_date" not in ctx.shared:
        from newslint.facts.story import story_date as find

        ctx.shared["facts.story_date"] = find(
            ctx.doc.text, ctx.doc.metadata, getattr(ctx.settings, "date", None)
        )
    found: StoryDate | None = ctx.shared["facts.story_date"]
    return found


def date_severity(story: StoryDate, strong: Severity) -> Severity:
    """Return ``strong``, or info when the story date is only the file date."""
    return Severity.INFO if story.weak else strong


def note_missing_date(ctx: RuleContext, start: int, end: int, what: str) -> None:
    """Say once per story that a check needed a story date and had none."""
    if ctx.shared.get(_NO_DATE):
        return
    ctx.shared[_NO_DATE] = True
    ctx.report(
        start,
        end,
        f"Cannot check {what} without the story's date: pass --date, or give the story a "
        "front-matter date or a dated dateline.",
        severity=Severity.INFO,
    )


def titled_names(ctx: RuleContext) -> list[TitledName]:
    """Return every title-name pairing in the story (cached for the document)."""
    if "facts.titled" not in ctx.shared:
        from newslint.facts.people import titled_names as find

        kb = knowledge_base(ctx)
        text = ctx.doc.text
        ctx.shared["facts.titled"] = [
            pair for p in ctx.doc.paragraphs for pair in find(text, p.start, p.end, kb)
        ]
    pairs: list[TitledName] = ctx.shared["facts.titled"]
    return pairs


_FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|won't|is\s+to|are\s+to|to\s+be|expected|scheduled|due|set\s+to"
    r"|plans?|planned|planning|until|by|before|next|upcoming|coming|deadline|through"
    r"|starting|from|hopes?|aims?|intends?|could|may|might)\b",
    re.I,
)


def is_future_context(sentence: str) -> bool:
    """Return True when a sentence talks about what is to come."""
    return _FUTURE_RE.search(sentence) is not None


def ap_date(day: dt.date, *, year: bool = False) -> str:
    """Return a date in AP style: "Dec. 14", "March 3, 2024"."""
    text = f"{_AP_MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if year else text
