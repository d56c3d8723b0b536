"""SourceMap, TextBuilder and LineIndex: the one coordinate system."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Document
from newslint.document.lines import LineIndex
from newslint.document.source_map import SourceMap, TextBuilder


def build(pieces: list[tuple[str, str]]) -> tuple[str, str, SourceMap, list[tuple[int, int]]]:
    """Build from ("keep"|"drop"|"swap:X"|"blank", source piece) pairs."""
    source = "".join(p for _, p in pieces)
    b = TextBuilder()
    pos = 0
    for op, piece in pieces:
        end = pos + len(piece)
        if op == "keep":
            b.keep(source, pos, end)
        elif op == "drop":
            b.replace(pos, end, "")
        elif op.startswith("swap:"):
            b.replace(pos, end, op[5:])
        else:
            b.blank(source, pos, end)
        pos = end
    text, smap = b.build()
    return source, text, smap, b.ignored


def test_identity_map() -> None:
    smap = SourceMap.identity(10)
    assert smap.is_identity
    assert smap.to_source(2, 7) == (2, 7)
    assert smap.to_source(4, 4) == (4, 4)
    assert smap.is_exact(0, 10)


def test_keep_and_drop_markup() -> None:
    # "a *b* c" -> "a b c"
    source, text, smap, _ = build(
        [("keep", "a "), ("drop", "*"), ("keep", "b"), ("drop", "*"), ("keep", " c")]
    )
    assert source == "a *b* c"
    assert text == "a b c"
    assert not smap.is_identity
    assert smap.to_source(2, 3) == (3, 4)  # "b"
    assert smap.is_exact(2, 3)
    assert smap.to_source(4, 5) == (6, 7)  # "c"
    # A span over dropped markup covers it in the source and is not exact.
    assert smap.to_source(0, 5) == (0, 7)
    assert not smap.is_exact(0, 5)


def test_replaced_segment_widens_to_its_source() -> None:
    # "x &amp; y" -> "x & y"
    source, text, smap, _ = build([("keep", "x "), ("swap:&", "&amp;"), ("keep", " y")])
    assert text == "x & y"
    assert smap.to_source(2, 3) == (2, 7)
    assert source[slice(*smap.to_source(2, 3))] == "&amp;"
    assert not smap.is_exact(2, 3)
    assert smap.is_exact(0, 2) and smap.is_exact(3, 5)
    # Spans that end at or start at the replacement do not include it.
    assert smap.to_source(0, 1) == (0, 1)
    assert smap.to_source(4, 5) == (8, 9)


def test_blank_keeps_shape_and_marks_ignored() -> None:
    source, text, smap, ignored = build([("keep", "a "), ("blank", "`x\ny`"), ("keep", " b")])
    assert text == "a   \n   b"
    assert len(text) == len(source)
    assert ignored == [(2, 7)]
    assert smap.to_source(8, 9) == (8, 9)


def test_empty_builder() -> None:
    text, smap = TextBuilder().build()
    assert text == ""
    assert smap.to_source(0, 0) == (0, 0)
    assert smap.is_exact(0, 0)


def test_adjacent_keeps_merge() -> None:
    b = TextBuilder()
    b.keep("abcdef", 0, 3)
    b.keep("abcdef", 3, 6)
    text, smap = b.build()
    assert text == "abcdef"
    assert smap.is_identity


# ------------------------------------------------------------------ LineIndex


def test_line_index_basic() -> None:
    idx = LineIndex("ab\ncd\n\nef")
    assert idx.line_count == 4
    assert [idx.line_of(i) for i in range(9)] == [0, 0, 0, 1, 1, 1, 2, 3, 3]
    loc = idx.location(4)
    assert (loc.offset, loc.line, loc.column) == (4, 2, 2)
    assert idx.line_text(1) == "cd"
    assert idx.line_text(2) == ""
    assert idx.offset_of(4, 2) == 8


def test_line_index_crlf_counts_like_an_editor() -> None:
    text = "one\r\ntwo\r\n"
    idx = LineIndex(text)
    loc = idx.location(text.index("two"))
    assert (loc.line, loc.column) == (2, 1)
    assert idx.line_text(0) == "one"
    # The \r belongs to line 1.
    assert idx.location(3).line == 1


def test_line_index_utf16_columns_for_astral_characters() -> None:
    text = "a\U0001f600b é"
    idx = LineIndex(text)
    loc = idx.location(2)  # "b"
    assert loc.column == 3
    assert loc.utf16_column == 4  # the emoji is two UTF-16 code units
    assert idx.location(4).utf16_column == 6  # "é" precomposed: one unit


def test_line_index_clamps_out_of_range() -> None:
    idx = LineIndex("abc")
    assert idx.location(10).offset == 3
    assert idx.location(-5).offset == 0


@given(st.text(alphabet=st.sampled_from("ab\n\r\U0001f600é \t"), max_size=60), st.data())
def test_line_index_matches_naive(text: str, data: st.DataObject) -> None:
    idx = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    loc = idx.location(offset)
    line_start = text.rfind("\n", 0, offset) + 1
    assert loc.line == text.count("\n", 0, offset) + 1
    assert loc.column == offset - line_start + 1
    prefix = text[line_start:offset]
    assert loc.utf16_column == len(prefix.encode("utf-16-le")) // 2 + 1
    assert idx.offset_of(loc.line, loc.column) == offset


# ------------------------------------------------------------------ through documents


@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                " ",
                "\n",
                "\n\n",
                "*",
                "**",
                "_",
                "`c`",
                "&amp;",
                "[l](http://x.y)",
                "é",
                "\r\n",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_markdown_map_is_monotonic_and_exact_spans_match(source: str) -> None:
    doc = Document(source, "a.md")
    text = doc.text
    last = 0
    for i in range(len(text) + 1):
        s = doc.smap.to_source_start(i)
        assert 0 <= s <= len(source)
        assert s >= last
        last = s
    for i in range(len(text)):
        for j in range(i, min(len(text), i + 8) + 1):
            s, e = doc.to_source(i, j)
            assert 0 <= s <= e <= len(source)
            if doc.smap.is_exact(i, j):
                assert source[s:e] == text[i:j]


def test_emoji_and_combining_marks_keep_code_point_offsets() -> None:
    source = "Caf\u0065\u0301 \U0001f600 *bold* end"
    doc = Document(source, "a.md")
    i = doc.text.index("bold")
    s, e = doc.to_source(i, i + 4)
    assert source[s:e] == "bold"
    assert doc.lines.location(s).column == s + 1
