"""Tokenizer and newswire-aware sentence splitter."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newslint.document import segment
from newslint.document.segment import TokenKind, split_sentences, tokenize


def toks(text: str) -> list[tuple[str, str]]:
    return [(t.kind.value, t.text) for t in tokenize(text)]


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    "word",
    ["don't", "Don\u2019t", "state-run", "mother-in-law's", "O'Neill", "rock\u2019n\u2019roll"],
)
def test_hyphens_and_apostrophes_stay_one_token(word: str) -> None:
    assert toks(f"A {word} day") == [("word", "A"), ("word", word), ("word", "day")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("U.S.", "word"),
        ("a.m.", "word"),
        ("$1.5", "number"),
        ("10%", "number"),
        ("3:30", "number"),
        ("1,000", "number"),
        ("2.5", "number"),
        ("1990s", "number"),
        ("5th", "number"),
        ("foo@bar.com", "email"),
        ("@handle", "handle"),
        ("#tag", "hashtag"),
        ("https://example.com/a?b=1", "url"),
        ("www.example.org", "url"),
    ],
)
def test_token_kinds(text: str, kind: str) -> None:
    assert toks(f"see {text} now") == [("word", "see"), (kind, text), ("word", "now")]


def test_url_excludes_trailing_punctuation() -> None:
    assert toks("Visit https://example.com/x.") == [
        ("word", "Visit"),
        ("url", "https://example.com/x"),
        ("punct", "."),
    ]


def test_punctuation_tokens_and_offsets() -> None:
    text = "Hi, you\u2014there!"
    result = tokenize(text)
    assert [t.text for t in result] == ["Hi", ",", "you", "\u2014", "there", "!"]
    for t in result:
        assert text[t.start : t.end] == t.text


def test_tokenize_window_uses_absolute_offsets() -> None:
    text = "skip this. Keep that."
    start = text.index("Keep")
    result = tokenize(text, start, len(text))
    assert [t.text for t in result] == ["Keep", "that", "."]
    assert result[0].start == start


def test_norm_straightens_and_casefolds() -> None:
    (t,) = tokenize("DON\u2019T")
    assert t.norm == "don't"
    assert t.is_word and t.kind is TokenKind.WORD


def test_unicode_letters_and_marks() -> None:
    assert toks("Caf\u00e9 na\u0131ve e\u0301t\u00e9") == [
        ("word", "Caf\u00e9"),
        ("word", "na\u0131ve"),
        ("word", "e\u0301t\u00e9"),
    ]


# ------------------------------------------------------------------ sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith went to Washington. He met Sen. Jones there.",
            ["Mr. Smith went to Washington.", "He met Sen. Jones there."],
        ),
        (
            "Dr. Ruiz and Gov. Lee spoke. Rep. Kim and Gen. Park listened.",
            ["Dr. Ruiz and Gov. Lee spoke.", "Rep. Kim and Gen. Park listened."],
        ),
        ("He left on Jan. 5 and returned Feb. 9. It rained.", None),
        (
            "The U.S. economy grew 2.5 percent. Prices rose.",
            ["The U.S. economy grew 2.5 percent.", "Prices rose."],
        ),
        (
            "They met at 9 a.m. Friday. It ended at noon.",
            ["They met at 9 a.m. Friday.", "It ended at noon."],
        ),
        ("J. R. Smith agreed. So did A. Jones.", ["J. R. Smith agreed.", "So did A. Jones."]),
        (
            "He moved to the U.S. The move was hard.",
            ["He moved to the U.S.", "The move was hard."],
        ),
        ('"We will win." She smiled.', ['"We will win."', "She smiled."]),
        ('"Why?" she asked. He shrugged.', ['"Why?" she asked.', "He shrugged."]),
        (
            "\u201cNo,\u201d he said. \u201cNever.\u201d",
            ["\u201cNo,\u201d he said.", "\u201cNever.\u201d"],
        ),
        ("(This is one.) This is two.", ["(This is one.)", "This is two."]),
        ("It is No. 10 on the list. Next.", ["It is No. 10 on the list.", "Next."]),
        ("Wait... what happened? Nothing!", ["Wait... what happened?", "Nothing!"]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("No terminal punctuation", ["No terminal punctuation"]),
        ("  Padded sentence.  ", ["Padded sentence."]),
    ],
)
def test_split_sentences(text: str, expected: list[str] | None) -> None:
    if expected is None:
        expected = ["He left on Jan. 5 and returned Feb. 9.", "It rained."]
    assert sents(text) == expected


def test_split_sentences_window() -> None:
    text = "Ignore me. First one. Second one."
    start = text.index("First")
    spans = split_sentences(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_split_sentences_empty() -> None:
    assert split_sentences("   ", 0, 3) == []
    assert split_sentences("", 0, 0) == []


@given(st.text(alphabet=st.sampled_from("Ab. ?!\"'\u201c\u201d\n)(U.S1 "), max_size=80))
def test_sentences_are_ordered_trimmed_and_inside(text: str) -> None:
    last = 0
    for s, e in split_sentences(text, 0, len(text)):
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
    # Nothing but whitespace is lost between sentences.
    covered = "".join(text[s:e] for s, e in split_sentences(text, 0, len(text)))
    assert "".join(covered.split()) == "".join(text.split())


@given(st.text(max_size=80))
def test_tokens_are_ordered_and_exact(text: str) -> None:
    last = 0
    for t in tokenize(text):
        assert last <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert regex.search(r"\s", t.text) is None
        last = t.end


# ------------------------------------------------------------------ fast path
# Most paragraphs are tokenized by the stdlib ``re`` engine with explicit
# character classes; it must agree with the ``regex`` grammar on every input.


def _regex_tokens(text: str) -> list[tuple[str, int, int, str]]:
    """Tokenize ``text`` with the ``regex`` grammar the fast path stands in for."""
    pattern = segment._token_re(text, 0, len(text))
    return [
        (segment._KINDS[m.lastgroup].value, m.start(), m.end(), m.group())
        for m in pattern.finditer(text)
    ]


def _tokens(text: str) -> list[tuple[str, int, int, str]]:
    return [(t.kind.value, t.start, t.end, t.text) for t in tokenize(text)]


_FAST_SAMPLE = (
    "aZ\u00e9\u00df\u01c5\u02b0\u1e9e\u2126 \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u2009\u2028"
    ".,:/-'\u2019$\u00a3\u20ac\u00a5%09\u00b2\u00bd\u0301\u200d_!?\"\u201c\u201d()\u2013\u2026"
)


@given(st.text(alphabet=st.sampled_from(_FAST_SAMPLE), max_size=60))
def test_fast_path_agrees_with_regex_grammar(text: str) -> None:
    assert _tokens(text) == _regex_tokens(text)


@given(st.text(max_size=40))
def test_any_text_agrees_with_regex_grammar(text: str) -> None:
    assert _tokens(text) == _regex_tokens(text)


def test_fast_path_agrees_on_every_covered_character() -> None:
    for ch in segment._FAST_CHARS:
        for text in (ch, f"a{ch}b", f"1{ch}2", f"U.{ch}. ", f" {ch}{ch} "):
            assert _tokens(text) == _regex_tokens(text), repr(text)


def test_fast_path_is_taken_for_western_copy() -> None:
    text = "Caf\u00e9 owners \u2013 \u201cwe\u2019re fine\u201d \u2013 paid \u00a35bn."
    assert segment._BEYOND_FAST_RE.search(text) is None
    assert _tokens(text) == _regex_tokens(text)


def test_trailing_spaces_stay_linear() -> None:
    text = "word" + " \u00a0\n" * 100_000
    assert _tokens(text) == [("word", 0, 4, "word")]


@given(st.text(alphabet=st.sampled_from("aZ\u00e9.. \n\n!1\u0301\u4e1c\x85\u2028\r"), max_size=60))
def test_word_before_reverse_search_matches_forward_search(text: str) -> None:
    forward = regex.compile(r"([\p{L}.]+)\.?$")
    for end in range(len(text) + 1):
        lo = max(0, end - 40)
        a = forward.search(text, lo, end)
        b = segment._WORD_BEFORE_RE.search(text, lo, end)
        assert (a and a.span(1)) == (b and b.span(1))
