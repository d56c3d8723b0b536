"""Offset <-> line/column conversion over the decoded source text."""

from __future__ import annotations

import bisect

from newslint.diagnostics import Location


class LineIndex:
    """Resolve code-point offsets to 1-based lines and columns.

    A line ends after ``\\n``; a ``\\r`` before it belongs to the line, so
    CRLF files report the same line numbers as editors show.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

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
        prefix = self._text[start:offset]
        utf16 = len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
        return Location(
            offset=offset, line=index + 1, column=offset - start + 1, utf16_column=utf16 + 1
        )

    def offset_of(self, line: int, column: int) -> int:
        """Return the offset of 1-based ``line`` and ``column``."""
        return self._starts[line - 1] + column - 1
