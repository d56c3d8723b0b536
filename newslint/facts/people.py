"""Find a title paired with a person's name: "NATO Secretary General Jens Stoltenberg".

Only the AP shape *title directly before a full or last name* is read; it
is the form in which copy asserts that someone holds an office. A shared
title ("President") counts only when capitalised: lower-case, it is usually a
job description ("company president Lee"). A pairing is
skipped when a word in front changes its meaning ("former", "then", "acting",
"Deputy", "Vice") or when another capitalised word in front makes the title
part of a longer one ("Ukrainian President ..." is not the US president;
"Northern Ireland Secretary of State ..." is not the US secretary of state).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.facts.index import TitleMatch
from newslint.facts.kb import KnowledgeBase
from newslint.facts.records import Person

# Words before a title that mean the person does not hold it now.
QUALIFIERS = frozenset(
    {
        "former", "ex", "then", "late", "acting", "interim", "outgoing", "incoming",
        "future", "deputy", "vice", "assistant", "under", "associate", "prospective",
        "caretaker", "designate", "designated", "erstwhile", "onetime", "one-time",
        "previous", "past", "retired", "elected", "nominated", "would-be", "disgraced",
        "ousted", "deposed", "exiled", "suspended", "impeached", "temporary",
    }
)  # fmt: skip
# Capitalised words that may stand before a title without making it a longer title.
_OPENERS = frozenset({"The", "A", "An", "And", "But", "As", "When", "While", "Then"})
# Words after a title that turn it into another office ("President-elect").
_SUFFIX_RE = re.compile(r"[-\u2010\u2011](?:elect|designate|in-waiting|nominee)\b", re.I)
_PARTICLES = frozenset(
    {
        "de", "da", "di", "du", "dos", "das", "del", "della", "van", "von", "der", "den",
        "ter", "bin", "bint", "ibn", "al", "el", "la", "le",
    }
)  # fmt: skip
_CALENDAR = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
# The word before a title, and any sentence-ending marks after it.
_WORD_BEFORE_RE = re.compile(r"([\w'’.\-]+)([.!?]?[\"”’)]?)\s+$")
_WORD_RE = re.compile(r"[^\s,;:()\[\]\"“”!?]+")
# Words that show a capitalised run after a title is not a person's name.
NOT_NAMES = frozenset(
    {
        "special", "envoy", "representative", "office", "spokesman", "spokeswoman",
        "spokesperson", "adviser", "advisor", "council", "committee", "ministry",
        "department", "party", "government", "administration", "commission", "agency",
        "summit", "meeting", "conference", "report", "plan", "doctrine", "foundation",
        "centre", "center", "university", "campaign", "election", "elections", "staff",
        "chief", "cabinet", "house", "palace", "residence", "press", "library", "award",
        "medal", "prize", "scholar", "scholars", "fellow", "fellows", "and", "or",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TitledName:
    """A title directly followed by a name.

    ``persons`` are the people in the knowledge base the name may refer to
    (several when an alias is shared); empty when the name is unknown.
    """

    title: TitleMatch
    name_start: int
    name_end: int
    name: str
    persons: tuple[Person, ...]

    @property
    def start(self) -> int:
        """Return where the pairing starts (the title)."""
        return self.title.start

    @property
    def end(self) -> int:
        """Return where the pairing ends (the name)."""
        return self.name_end


def titled_names(text: str, start: int, end: int, kb: KnowledgeBase) -> Iterator[TitledName]:
    """Yield title-name pairings in ``text[start:end]`` (offsets into ``text``)."""
    region = text[start:end]
    for found in kb.titles.finditer(region):
        title = TitleMatch(
            found.start + start, found.end + start, found.text, found.offices, found.specific
        )
        if _qualified(text, start, title.start) or _SUFFIX_RE.match(text, title.end):
            continue
        if not title.specific and not title.text[:1].isupper():
            continue  # "company president Lee": a job description, not a formal title
        named = _name_after(text, title.end, end, kb)
        if named is None:
            continue
        name_start, name_end, persons = named
        yield TitledName(title, name_start, name_end, text[name_start:name_end], persons)


def _qualified(text: str, floor: int, at: int) -> bool:
    """Return True when the word before ``at`` changes what the title means."""
    if at > floor and text[at - 1] in "-\u2010\u2011":
        return True  # "then-NATO Secretary General", "ex-Prime Minister"
    before = text[floor:at]
    # The pattern holds no space before its final \s+, so only the last word
    # and the space after it can match: searching from there, not from the
    # paragraph's start, keeps the search short and finds the same match.
    stripped = before.rstrip()
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    m = _WORD_BEFORE_RE.search(before, len(stripped) - len(last))
    if m is None:
        return False
    if m.group(2) or (m.group(1).endswith(".") and not _is_initial(m.group(1).strip("."))):
        return False  # the word before ends a sentence
    word = m.group(1).strip(".")
    lowered = word.lower().replace("’", "'")
    first, _, last = lowered.partition("-")
    if lowered in QUALIFIERS or first in QUALIFIERS or lowered.endswith("-elect"):
        return True  # "former", "then-NATO", "ex-U.S."
    if last:
        word = word[len(first) + 1 :]
    if lowered in {"the"} and re.search(r"\bthen\s+the\s+$", before, re.I):
        return True
    return word[:1].isupper() and word not in _OPENERS


def _name_after(
    text: str, at: int, limit: int, kb: KnowledgeBase
) -> tuple[int, int, tuple[Person, ...]] | None:
    """Return the span of the name right after a title, and who it may be."""
    m = re.match(r"[ \t]+(?:\n[ \t]*)?", text[at:limit])
    if m is None:
        return None
    words: list[tuple[int, int]] = []
    pos = at + m.end()
    for w in _WORD_RE.finditer(text, pos, limit):
        if w.start() != pos:
            gap = text[pos : w.start()]
            if not gap.isspace() or gap.count("\n") > 1:
                break
        token = w.group()
        core = re.sub(r"(?:['’]s|['’])$", "", token).rstrip(".")
        if not core:
            break
        if core.lower() in _CALENDAR:
            break  # "President Bush Monday said"
        if core[0].isupper() or (core.lower() in _PARTICLES and words):
            end = w.start() + len(core)
            if token.endswith(".") and _is_initial(core):
                end += 1
            words.append((w.start(), end))
            pos = w.end()
            if core != token.rstrip(".") or (token.endswith(".") and not _is_initial(core)):
                break  # a possessive or a full stop ends the name
            if len(words) == 6:
                break
            continue
        break
    while words and text[words[-1][0] : words[-1][1]].lower() in _PARTICLES:
        words.pop()
    if not words:
        return None
    for count in range(len(words), 0, -1):
        if count == 1 and len(words) > 1:
            break  # "Lee Scott" is not "Lee": a surname alone must be the whole name
        name = text[words[0][0] : words[count - 1][1]]
        persons = kb.people_named(name)
        if persons:
            return words[0][0], words[count - 1][1], persons
    if not _looks_like_a_name(text, words):
        return None
    return words[0][0], words[-1][1], ()


def _is_initial(core: str) -> bool:
    """Return True for "W", "J.D" or "Jr": parts of a name that take a full stop."""
    return len(core.replace(".", "")) <= 2 or core in {"Jr", "Sr", "St"}


def _looks_like_a_name(text: str, words: list[tuple[int, int]]) -> bool:
    """Return True for a run that reads as a person's full name.

    An unknown single word could be anything ("President Obama" is known;
    "President Day" is not a person), so at least two words are needed, and
    none may be a word of office or institution.
    """
    if len(words) < 2:
        return False
    return all(text[s:e].lower().strip(".") not in NOT_NAMES for s, e in words)
