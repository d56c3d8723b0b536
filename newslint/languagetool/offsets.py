"""Convert LanguageTool's UTF-16 offsets into Python code-point offsets.

LanguageTool is written in Java, whose strings count UTF-16 code units: a
character outside the Basic Multilingual Plane (most emoji, some CJK) counts
as two units there but as one code point in a Python ``str``. Every offset
and length in a ``/v2/check`` answer must go through this module before it
touches newslint's coordinate system.
"""

from __future__ import annotations

from bisect import bisect_left

_BMP_MAX = 0xFFFF


class Utf16Offsets:
    """Map UTF-16 code-unit offsets of one text to code-point offsets.

    Built once per checked paragraph; each lookup is a binary search over the
    astral characters only, so texts without emoji cost nothing.
    """

    __slots__ = ("_astral_units", "length_units", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # UTF-16 offset at which each astral character starts, in order. The
        # k-th astral character at code point c starts at unit c + k.
        units: list[int] = []
        for index, char in enumerate(text):
            if ord(char) > _BMP_MAX:
                units.append(index + len(units))
        self._astral_units = units
        self.length_units = len(text) + len(units)

    def to_codepoint(self, offset: int) -> int:
        """Return the code-point offset of UTF-16 ``offset``.

        Raises:
            ValueError: the offset is outside the text or splits a surrogate
                pair; a server that says so is not describing this text.
        """
        if not 0 <= offset <= self.length_units:
            raise ValueError(
                f"UTF-16 offset {offset} is outside a text of {self.length_units} units"
            )
        before = bisect_left(self._astral_units, offset)
        if before and self._astral_units[before - 1] + 1 == offset:
            raise ValueError(f"UTF-16 offset {offset} falls inside a surrogate pair")
        return offset - before

    def to_span(self, offset: int, length: int) -> tuple[int, int]:
        """Return the code-point ``(start, end)`` of a UTF-16 ``offset``/``length`` pair."""
        if length < 0:
            raise ValueError(f"negative length {length}")
        return self.to_codepoint(offset), self.to_codepoint(offset + length)


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Return the code-point offset in ``text`` of UTF-16 code-unit ``offset``.

    For one-off conversions; use :class:`Utf16Offsets` for many offsets into
    the same text.
    """
    return Utf16Offsets(text).to_codepoint(offset)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """Return the UTF-16 code-unit offset of code-point ``offset`` (the inverse)."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside a text of {len(text)} code points")
    return offset + sum(1 for char in text[:offset] if ord(char) > _BMP_MAX)
