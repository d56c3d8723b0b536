"""Map offsets in the prose view of a document back to its source.

Extractors build the prose view as a sequence of segments (the sqlfluff
"templater slice" idea): *keep* copies source text verbatim, *replace* puts
other text in place of a source range (an entity decoded, emphasis markers
dropped). Mapping is a bisect plus a delta. A span that starts or ends inside a
replaced segment widens to the whole source segment, and :meth:`is_exact`
tells whether an edit can be written back without touching markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of the prose view and the source range it came from."""

    text_start: int
    text_end: int
    src_start: int
    src_end: int
    identity: bool


class SourceMap:
    """Piecewise map between prose-view offsets and source offsets."""

    __slots__ = ("_segments", "_text_starts")

    def __init__(self, segments: list[Segment]) -> None:
        self._segments = segments
        self._text_starts = [s.text_start for s in segments]

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        """Return the map of a document whose prose view is its source."""
        return cls([Segment(0, length, 0, length, True)])

    @property
    def is_identity(self) -> bool:
        """Return True when every prose offset equals its source offset."""
        return all(s.identity and s.text_start == s.src_start for s in self._segments)

    def _find(self, offset: int, *, as_end: bool) -> Segment | None:
        if not self._segments:
            return None
        if as_end:
            # An end offset belongs to the segment that ends at or after it.
            i = bisect.bisect_left(self._text_starts, offset) - 1
        else:
            i = bisect.bisect_right(self._text_starts, offset) - 1
        i = max(0, min(i, len(self._segments) - 1))
        return self._segments[i]

    def to_source_start(self, offset: int) -> int:
        """Map a prose start offset to the source."""
        seg = self._find(offset, as_end=False)
        if seg is None:
            return offset
        if seg.identity:
            return seg.src_start + min(offset - seg.text_start, seg.src_end - seg.src_start)
        if offset >= seg.text_end and seg.text_end > seg.text_start:
            return seg.src_end
        return seg.src_start

    def to_source_end(self, offset: int) -> int:
        """Map a prose end offset to the source."""
        seg = self._find(offset, as_end=True)
        if seg is None:
            return offset
        if seg.identity:
            return seg.src_start + min(max(offset - seg.text_start, 0), seg.src_end - seg.src_start)
        if offset <= seg.text_start:
            return seg.src_start
        return seg.src_end

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a prose span to the source span that covers it."""
        if start == end:
            pos = self.to_source_start(start)
            return pos, pos
        src_start = self.to_source_start(start)
        src_end = self.to_source_end(end)
        return src_start, max(src_start, src_end)

    def is_exact(self, start: int, end: int) -> bool:
        """Return True when the prose span lies inside identity segments only.

        Only such spans can be edited in the source without rewriting markup:
        any replaced segment that overlaps the span, or dropped markup strictly
        inside it, makes the span inexact.
        """
        segments = self._segments
        i = max(0, bisect.bisect_right(self._text_starts, start) - 1)
        # A segment that ends at ``start`` cannot make the span inexact, so only
        # walk back over ones that reach past it (never many, however much
        # zero-width markup sits at ``start``), and index rather than slice:
        # this runs once per fix edit on documents with 100,000s of segments.
        while i > 0 and segments[i - 1].text_end > start:
            i -= 1
        for k in range(i, len(segments)):
            seg = segments[k]
            if seg.text_start > end:
                break
            if seg.identity:
                continue
            if seg.text_start == seg.text_end:
                if start < seg.text_start < end:
                    return False
            elif (seg.text_start < end and start < seg.text_end) or (
                start == end and seg.text_start < start < seg.text_end
            ):
                return False
        return True


class TextBuilder:
    """Build a prose view and its :class:`SourceMap` from source pieces."""

    __slots__ = ("_length", "_parts", "_segments", "ignored")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0
        self.ignored: list[tuple[int, int]] = []

    @property
    def length(self) -> int:
        """Return the length of the prose view built so far."""
        return self._length

    def keep(self, source: str, src_start: int, src_end: int) -> None:
        """Copy ``source[src_start:src_end]`` verbatim."""
        if src_end <= src_start:
            return
        piece = source[src_start:src_end]
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and last.identity
            and last.src_end == src_start
            and last.text_end == self._length
        ):
            self._segments[-1] = Segment(
                last.text_start, self._length + len(piece), last.src_start, src_end, True
            )
        else:
            self._segments.append(
                Segment(self._length, self._length + len(piece), src_start, src_end, True)
            )
        self._parts.append(piece)
        self._length += len(piece)

    def replace(self, src_start: int, src_end: int, text: str) -> None:
        """Put ``text`` in the prose view in place of a source range."""
        self._segments.append(
            Segment(self._length, self._length + len(text), src_start, src_end, False)
        )
        self._parts.append(text)
        self._length += len(text)

    def blank(self, source: str, src_start: int, src_end: int) -> None:
        """Replace a source range by spaces (newlines kept) and mark it ignored.

        Used for code, URLs and front matter: the prose view keeps its shape
        (so paragraph and line structure survive) but no rule sees the words.
        """
        if src_end <= src_start:
            return
        piece = source[src_start:src_end]
        blanked = "".join(ch if ch in "\r\n" else " " for ch in piece)
        self.ignored.append((self._length, self._length + len(blanked)))
        self._segments.append(
            Segment(self._length, self._length + len(blanked), src_start, src_end, False)
        )
        self._parts.append(blanked)
        self._length += len(blanked)

    def build(self) -> tuple[str, SourceMap]:
        """Return the prose view and its map."""
        return "".join(self._parts), SourceMap(self._segments)
