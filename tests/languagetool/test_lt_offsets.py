"""UTF-16 → code-point conversion: LanguageTool counts Java chars, Python counts code points."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.languagetool.offsets import Utf16Offsets, codepoint_to_utf16, utf16_to_codepoint


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_text_is_identity() -> None:
    text = "The council met on Tuesday — café, naïve, 東京."
    for i in range(len(text) + 1):
        assert utf16_to_codepoint(text, i) == i


def test_emoji_before_the_error_shifts_by_one_per_emoji() -> None:
    text = "Fans 😀 cheered. He go home."
    error = text.index("go")
    assert utf16_to_codepoint(text, error + 1) == error  # one astral char before it


def test_several_astral_characters() -> None:
    text = "👍🏽 𝒜 ok 🇺🇸 go"
    error = text.index("go")
    units = utf16_len(text[:error])
    assert units == error + 5  # 👍 🏽 𝒜 🇺 🇸 are each two units
    assert utf16_to_codepoint(text, units) == error
    assert Utf16Offsets(text).to_span(units, 2) == (error, error + 2)


def test_end_of_text_is_valid() -> None:
    text = "a😀"
    assert utf16_to_codepoint(text, 3) == 2


@pytest.mark.parametrize("offset", [-1, 4])
def test_outside_the_text_raises(offset: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        utf16_to_codepoint("a😀", offset)


def test_offset_inside_a_surrogate_pair_raises() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        utf16_to_codepoint("a😀b", 2)


def test_negative_length_raises() -> None:
    with pytest.raises(ValueError, match="negative"):
        Utf16Offsets("abc").to_span(1, -1)


def test_crlf_counts_as_two_units_and_two_code_points() -> None:
    text = "Line one.\r\nHe go home."
    error = text.index("go")
    assert utf16_to_codepoint(text, error) == error


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_round_trip_matches_python_utf16_encoding(text: str) -> None:
    offsets = Utf16Offsets(text)
    assert offsets.length_units == utf16_len(text)
    for index in range(len(text) + 1):
        units = utf16_len(text[:index])
        assert codepoint_to_utf16(text, index) == units
        assert offsets.to_codepoint(units) == index
