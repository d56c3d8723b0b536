"""Find direct-quotation spans in the prose view.

News copy quotes with double marks (straight or curly); single marks nest
inside them, and British copy also quotes with single curly marks. A quote
that runs to the end of a paragraph without a closing mark is *continued*
when the next paragraph opens with a quotation mark (the running-quote
convention) and *unbalanced* otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"
_MARKS_RE = re.compile('["\u201c\u201d\u2018\u2019]')
_OPENING_CONTEXT = " \t\r\n([{\u2014\u2013-/:;,"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, marks included (prose-view offsets)."""

    start: int
    end: int
    closed: bool  # False when the paragraph ended first
    continued: bool  # running quote that carries on into the next paragraph


@dataclass(frozen=True, slots=True)
class StrayMark:
    """A quotation mark that closes nothing or opens a quote never closed."""

    offset: int
    mark: str
    reason: str


def _is_opening_straight(text: str, i: int, start: int) -> bool:
    # A straight double mark opens a quote after whitespace, an opening
    # bracket or a dash; after a letter or punctuation it closes one.
    before = text[i - 1] if i > start else " "
    return before.isspace() or before in "([{\u2014\u2013-/"


def _is_single_open(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENING_CONTEXT + '"\u201c' and after.isalnum()


def _is_single_close(text: str, i: int, end: int) -> bool:
    # A closing single mark is followed by a non-letter (an apostrophe in
    # "don't" or "Donfried's" is followed by a letter).
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalpha()


def _running_reopen(text: str, i: int, start: int, end: int, open_at: int) -> int:
    """Return where the open quote ends if the mark at ``i`` reopens it, else -1.

    A mark reopens a running quote when it stands before a word, after
    blanks that follow the end of a quoted sentence: ``... making. "Mr Blair``.
    """
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace() or i == start or not text[i - 1].isspace():
        return -1
    j = i - 1
    while j > open_at and text[j].isspace():
        j -= 1
    end_at = j + 1
    while j > open_at + 1 and text[j] in "'\u2019)]":
        j -= 1  # a nested quote or bracket closing after the full stop
    if j <= open_at + 1 or text[j] not in ".?!\u2026":
        return -1
    return end_at


def find_quotes(
    text: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[Quote], list[StrayMark]]:
    """Return the quotations and stray marks of the given paragraph spans."""
    quotes: list[Quote] = []
    strays: list[StrayMark] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        open_mark = ""
        single_at: int | None = None
        # Only the five mark characters matter: jump from one to the next.
        for found in _MARKS_RE.finditer(text, p_start, p_end):
            i = found.start()
            ch = text[i]
            if ch == '"' or ch in (_OPEN_DOUBLE, _CLOSE_DOUBLE):
                if open_at is None:
                    opening = ch == _OPEN_DOUBLE or (
                        ch == '"' and _is_opening_straight(text, i, p_start)
                    )
                    if opening:
                        open_at, open_mark = i, ch
                    else:
                        strays.append(StrayMark(i, ch, "closing mark with no opening"))
                else:
                    is_close = ch == _CLOSE_DOUBLE or ch == '"'
                    reopen = _running_reopen(text, i, p_start, p_end, open_at)
                    if ch != _CLOSE_DOUBLE and reopen >= 0:
                        # The running-quote convention inside one paragraph (copy
                        # whose paragraph breaks were lost): a quoted sentence
                        # ends without a closing mark and the next one reopens.
                        quotes.append(Quote(open_at, reopen, False, True))
                        open_at, open_mark = i, ch
                        single_at = None
                    elif ch == _OPEN_DOUBLE and open_mark == _OPEN_DOUBLE:
                        # A new opening mark before the old quote closed.
                        strays.append(StrayMark(open_at, open_mark, "quotation never closed"))
                        quotes.append(Quote(open_at, i, False, False))
                        open_at = i
                    elif is_close:
                        quotes.append(Quote(open_at, i + 1, True, False))
                        open_at = None
                        single_at = None
            elif ch == _OPEN_SINGLE and single_at is None:
                if _is_single_open(text, i, p_start):
                    single_at = i
            elif ch == _CLOSE_SINGLE and single_at is not None and _is_single_close(text, i, p_end):
                if open_at is None:
                    quotes.append(Quote(single_at, i + 1, True, False))
                single_at = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            continued = False
            if nxt is not None:
                head = text[nxt[0] : nxt[0] + 2].lstrip()
                continued = head[:1] in ('"', _OPEN_DOUBLE)
            if not continued:
                strays.append(StrayMark(open_at, open_mark, "quotation never closed"))
            quotes.append(Quote(open_at, p_end, False, continued))
    return quotes, strays
