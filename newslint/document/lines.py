"""Offset <-> line/column conversion over the decoded source text."""

from __future__ import annotations

import bisect

import regex

from newslint.diagnostics import Location

_ASTRAL = regex.compile("[\U00010000-\U0010ffff]")


class LineIndex:
    """Resolve code-point offsets to 1-based lines and columns.

    A line ends after ``\\n``; a ``\\r`` before it belongs to the line, so
    CRLF files report the same line numbers as editors show.
    """

    __slots__ = ("_astral", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._astral: list[int] | None = None

    @property
    def line_count(self) -> int:
        """Return the number of lines (a trailing newline opens an empty line)."""
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """Return the 0-based line index holding ``offset``."""
        return bisect.bisect_right(self._starts, offset) - 1

    def line_start(self, line_index: int) -> int:
        """Return the offset where 0-based line ``line_index`` starts."""
        return self._starts[line_index]

    def line_text(self, line_index: int) -> str:
        """Return the text of 0-based line ``line_index`` without its newline."""
        start = self._starts[line_index]
        end = (
            self._starts[line_index + 1] - 1
            if line_index + 1 < len(self._starts)
            else len(self._text)
        )
        return self._text[start:end].rstrip("\r")

    def location(self, offset: int) -> Location:
        """Return the resolved :class:`Location` of ``offset``."""
        offset = max(0, min(offset, len(self._text)))
        index = self.line_of(offset)
        start = self._starts[index]
        # UTF-16 column: astral characters count twice. Counting them by a
        # bisect over their offsets keeps this O(log n) on a 1 MB line.
        astral = self._astral_offsets()
        extra = (
            bisect.bisect_left(astral, offset) - bisect.bisect_left(astral, start) if astral else 0
        )
        utf16 = offset - start + extra
        return Location(
            offset=offset, line=index + 1, column=offset - start + 1, utf16_column=utf16 + 1
        )

    def _astral_offsets(self) -> list[int]:
        """Return the sorted offsets of characters outside the BMP (built once)."""
        if self._astral is None:
            text = self._text
            self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        return self._astral

    def offset_of(self, line: int, column: int) -> int:
        """Return the offset of 1-based ``line`` and ``column``."""
        return self._starts[line - 1] + column - 1
