"""Direct-quotation detection: straight and curly marks, nesting, running quotes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Document
from newslint.document.quotes import find_quotes


def quotes(text: str) -> list[str]:
    found, _ = find_quotes(text, [(0, len(text))])
    return [text[q.start : q.end] for q in found]


def strays(text: str) -> list[tuple[str, str]]:
    _, found = find_quotes(text, [(0, len(text))])
    return [(text[s.offset], s.reason) for s in found]


def test_straight_double_quotes() -> None:
    text = '"We will win," she said.'
    assert quotes(text) == ['"We will win,"']
    assert strays(text) == []


def test_curly_quotes_with_nested_single() -> None:
    text = "\u201cWe will win,\u201d she said, \u201cand \u2018soon\u2019 too.\u201d"
    assert quotes(text) == ["\u201cWe will win,\u201d", "\u201cand \u2018soon\u2019 too.\u201d"]


def test_two_quotes_in_one_sentence() -> None:
    assert quotes('He said: "yes" and "no".') == ['"yes"', '"no"']


def test_single_curly_quotes_are_quotations_in_british_copy() -> None:
    assert quotes("He said \u2018we will win\u2019 today.") == ["\u2018we will win\u2019"]


def test_apostrophes_are_not_quotes() -> None:
    text = "It's John's car and the Smiths' house; rock \u2019n\u2019 roll in the \u201990s."
    assert quotes(text) == []
    assert strays(text) == []


def test_unclosed_quote_is_reported_as_stray() -> None:
    text = 'She said "never again.'
    assert quotes(text) == ['"never again.']
    assert strays(text) == [('"', "quotation never closed")]


def test_closing_mark_without_opening_is_stray() -> None:
    assert strays('It was long." Then nothing.') == [('"', "closing mark with no opening")]


def test_running_quote_continues_into_next_paragraph() -> None:
    text = '"The first part of the quote.\n\n"The second part," he said.'
    second = text.index('"The second')
    found, stray = find_quotes(text, [(0, second - 2), (second, len(text))])
    assert [(q.closed, q.continued) for q in found] == [(False, True), (True, False)]
    assert stray == []


def test_unclosed_quote_without_continuation_is_stray() -> None:
    text = '"The first part of the quote.\n\nHe said nothing else.'
    second = text.index("He said")
    found, stray = find_quotes(text, [(0, second - 2), (second, len(text))])
    assert [(q.closed, q.continued) for q in found] == [(False, False)]
    assert [s.reason for s in stray] == ["quotation never closed"]


def test_quotes_never_cross_paragraphs() -> None:
    text = 'He said "no.\n\nShe said" yes.'
    doc = Document(text, "a.txt")
    for q in doc.quotes:
        para = doc.paragraph_at(q.start)
        assert para is not None and q.end <= para.end


def test_document_quotes_in_markdown_prose_view() -> None:
    doc = Document('Mayor: *"We will cut waste,"* she said.\n', "a.md")
    (q,) = doc.quotes
    assert doc.text[q.start : q.end] == '"We will cut waste,"'
    s, e = doc.to_source(q.start, q.end)
    assert doc.source[s:e] == '"We will cut waste,"'


def test_html_entity_quotes() -> None:
    doc = Document("<p>&ldquo;Yes,&rdquo; she said.</p>", "a.html")
    (q,) = doc.quotes
    assert doc.text[q.start : q.end] == "\u201cYes,\u201d"
    s, e = doc.to_source(q.start, q.end)
    assert doc.source[s:e] == "&ldquo;Yes,&rdquo;"


@given(st.text(alphabet=st.sampled_from("ab '\"\u201c\u201d\u2018\u2019.,\n"), max_size=60))
def test_quotes_are_ordered_and_inside_paragraphs(text: str) -> None:
    doc = Document(text, "a.txt")
    last = 0
    for q in doc.quotes:
        assert last <= q.start < q.end <= len(doc.text)
        last = q.start
        assert any(p.start <= q.start and q.end <= p.end for p in doc.paragraphs)
        assert doc.in_quote(q.start, q.end)
    for s in doc.stray_quote_marks:
        assert doc.text[s.offset] == s.mark
