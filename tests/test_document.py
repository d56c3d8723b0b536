"""The document model: formats, prose view, paragraphs, headline, metadata, helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.document import Document, Format


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(p.kind.value, p.text) for p in doc.paragraphs]


def src_of(doc: Document, start: int, end: int) -> str:
    s, e = doc.to_source(start, end)
    return doc.source[s:e]


# ------------------------------------------------------------------ formats


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.txt", Format.TEXT),
        ("story", Format.TEXT),
        ("A.MD", Format.MARKDOWN),
        ("a.markdown", Format.MARKDOWN),
        ("x/y.html", Format.HTML),
        ("y.htm", Format.HTML),
    ],
)
def test_format_from_path(path: str, fmt: Format) -> None:
    assert Format.from_path(path) is fmt


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("txt", Format.TEXT), ("text", Format.TEXT), (".md", Format.MARKDOWN), ("HTML", Format.HTML)],
)
def test_format_parse(name: str, fmt: Format) -> None:
    assert Format.parse(name) is fmt


def test_format_parse_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown input format"):
        Format.parse("docx")


def test_explicit_format_overrides_extension() -> None:
    doc = Document("# Title\n\nBody *text*.\n", "story.txt", Format.MARKDOWN)
    assert doc.format is Format.MARKDOWN
    assert kinds(doc) == [("headline", "Title"), ("body", "Body text.")]


# ------------------------------------------------------------------ plain text


def test_plain_text_prose_view_is_the_source() -> None:
    src = "Council backs budget\n\nThe council voted 7-2.\nMembers cheered.\n\nNext week: more.\n"
    doc = Document(src, "a.txt")
    assert doc.text == src
    assert doc.smap.is_identity
    assert kinds(doc) == [
        ("headline", "Council backs budget"),
        ("body", "The council voted 7-2.\nMembers cheered."),
        ("body", "Next week: more."),
    ]
    assert doc.headline is not None and doc.headline.text == "Council backs budget"
    assert [p.text for p in doc.body] == [
        "The council voted 7-2.\nMembers cheered.",
        "Next week: more.",
    ]


def test_plain_text_single_paragraph_has_no_headline() -> None:
    doc = Document("Just one line of copy.\n", "a.txt")
    assert doc.headline is None
    assert kinds(doc) == [("body", "Just one line of copy.")]


def test_plain_text_multi_line_first_paragraph_is_not_a_headline() -> None:
    doc = Document("First line\nsecond line\n\nBody.\n", "a.txt")
    assert doc.headline is None


def test_plain_text_crlf_paragraphs() -> None:
    src = "Title\r\n\r\nBody one.\r\nStill one.\r\n\r\nBody two.\r\n"
    doc = Document(src, "a.txt")
    assert kinds(doc) == [
        ("headline", "Title"),
        ("body", "Body one.\r\nStill one."),
        ("body", "Body two."),
    ]
    assert [s.text for s in doc.paragraphs[1].sentences] == ["Body one.", "Still one."]


def test_blank_lines_with_whitespace_separate_paragraphs() -> None:
    doc = Document("One.\n \t \nTwo.\n", "a.txt")
    assert [p.text for p in doc.paragraphs] == ["One.", "Two."]


def test_empty_and_whitespace_documents() -> None:
    for src in ("", "\n\n", "   \r\n\t"):
        doc = Document(src, "a.txt")
        assert doc.paragraphs == []
        assert doc.headline is None
        assert list(doc.tokens()) == []


# ------------------------------------------------------------------ markdown


MARKDOWN = """\
---
title: "Council backs budget"
date: 2024-05-01
byline: Jane Doe
dateline: SPRINGFIELD
---
# Council *backs* budget

The council voted **7-2** on [Tuesday](https://example.com/x "t") &amp; adjourned `at once`.

## What next

> "We will cut waste," the mayor said.

- First item
- Second item

```
code block words
```

<div>raw html block</div>

Last paragraph.
"""


def test_markdown_structure_and_metadata() -> None:
    doc = Document(MARKDOWN, "story.md")
    assert kinds(doc) == [
        ("headline", "Council backs budget"),
        ("body", "The council voted 7-2 on Tuesday & adjourned " + " " * len("`at once`") + "."),
        ("subhead", "What next"),
        ("blockquote", '"We will cut waste," the mayor said.'),
        ("list_item", "First item"),
        ("list_item", "Second item"),
        ("body", "Last paragraph."),
    ]
    assert doc.metadata["title"] == "Council backs budget"
    assert doc.metadata["byline"] == "Jane Doe"
    assert doc.metadata["dateline"] == "SPRINGFIELD"
    assert str(doc.metadata["date"]) == "2024-05-01"


def test_markdown_keeps_line_structure() -> None:
    doc = Document(MARKDOWN, "story.md")
    assert doc.text.count("\n") == MARKDOWN.count("\n")
    # A word's prose line is its source line.
    start = doc.text.index("Last paragraph")
    s, _ = doc.to_source(start, start + 4)
    assert doc.lines.location(s).line == MARKDOWN[:s].count("\n") + 1
    assert MARKDOWN[s : s + 4] == "Last"


def test_markdown_code_urls_and_front_matter_are_ignored() -> None:
    doc = Document(MARKDOWN, "story.md")
    words = {t.text for t in doc.tokens()}
    for hidden in ("code", "block", "raw", "html", "example", "https", "title", "Doe", "once"):
        assert hidden not in words
    assert {"council", "Tuesday", "waste", "Second"} <= words
    # Inline code is blanked (same length, so positions survive) and ignored.
    assert "at once" not in doc.text
    body = doc.paragraphs[1]
    blank = body.start + body.text.index("adjourned ") + len("adjourned ")
    assert doc.is_ignored(blank, blank + 1)
    s, e = doc.to_source(blank, blank + len("`at once`"))
    assert doc.source[s:e] == "`at once`"


def test_markdown_spans_map_back_through_markup() -> None:
    doc = Document(MARKDOWN, "story.md")
    for word in ("backs", "7-2", "Tuesday", "waste", "Second"):
        i = doc.text.index(word)
        assert src_of(doc, i, i + len(word)) == word
        assert doc.smap.is_exact(i, i + len(word))
    amp = doc.text.index("&")
    assert src_of(doc, amp, amp + 1) == "&amp;"
    assert not doc.smap.is_exact(amp, amp + 1)
    # A span across emphasis markers maps to the source text, markers included.
    i = doc.text.index("Council backs")
    assert src_of(doc, i, i + len("Council backs")) == "Council *backs"
    assert not doc.smap.is_exact(i, i + len("Council backs"))


def test_markdown_toml_front_matter() -> None:
    doc = Document('+++\ntitle = "T"\ndate = 2024-01-02\n+++\nBody text.\n', "a.md")
    assert doc.metadata["title"] == "T"
    assert doc.metadata["date"] == dt.date(2024, 1, 2)
    assert kinds(doc) == [("body", "Body text.")]


def test_markdown_setext_headline_and_crlf() -> None:
    doc = Document("Title\r\n===\r\n\r\nBody *one*.\r\n", "a.md")
    assert kinds(doc) == [("headline", "Title"), ("body", "Body one.")]


def test_markdown_only_first_h1_is_the_headline() -> None:
    doc = Document("# One\n\n# Two\n\nBody.\n", "a.md")
    assert kinds(doc) == [("headline", "One"), ("subhead", "Two"), ("body", "Body.")]


def test_markdown_escapes_map_to_source() -> None:
    doc = Document("Costs \\*rose\\* 5\\%.\n", "a.md")
    assert doc.paragraphs[0].text == "Costs *rose* 5%."
    i = doc.text.index("*rose*")
    assert src_of(doc, i, i + 6) == "\\*rose\\*"


def test_markdown_directives_are_collected() -> None:
    src = "<!-- newslint-disable NL201 -->\n\nText <!-- newslint-disable-next-line NL3 --> here.\n"
    doc = Document(src, "a.md")
    assert [d.body for d in doc.directives] == [
        "newslint-disable NL201",
        "newslint-disable-next-line NL3",
    ]
    for d in doc.directives:
        assert doc.source[d.src_start : d.src_end].startswith("<!--")
    assert "newslint" not in doc.text


# ------------------------------------------------------------------ html


HTML = """<!doctype html>
<html><head><title>Council &amp; budget</title>
<style>p { color: red }</style><script>var words = "hidden text";</script></head>
<body><nav>Menu words</nav>
<article>
<h1>Council backs budget</h1>
<p>The council voted <b>7-2</b> on Tuesday&nbsp;night.</p>
<p>&ldquo;We will cut waste,&rdquo; the mayor said.<br>New line.</p>
<blockquote>Quoted block.</blockquote>
<ul><li>First item</li></ul>
<figure><img src="x.jpg" alt="alt words"><figcaption>The mayor speaks.</figcaption></figure>
<script>document.write("more hidden");</script>
</article>
<footer>Footer words</footer>
</body></html>
"""


def test_html_structure() -> None:
    doc = Document(HTML, "story.html")
    assert kinds(doc) == [
        ("headline", "Council backs budget"),
        ("body", "The council voted 7-2 on Tuesday\xa0night."),
        ("body", "\u201cWe will cut waste,\u201d the mayor said.\nNew line."),
        ("blockquote", "Quoted block."),
        ("list_item", "First item"),
        ("caption", "The mayor speaks."),
    ]
    assert doc.metadata["title"] == "Council & budget"


def test_html_never_reports_tags_scripts_or_outside_article() -> None:
    doc = Document(HTML, "story.html")
    words = {t.text for t in doc.tokens()}
    for hidden in ("hidden", "color", "Menu", "Footer", "alt", "img", "src", "document", "var"):
        assert hidden not in words


def test_html_entities_map_to_source() -> None:
    doc = Document(HTML, "story.html")
    i = doc.text.index("\u201cWe")
    assert src_of(doc, i, i + 1) == "&ldquo;"
    j = doc.text.index("7-2")
    assert src_of(doc, j, j + 3) == "7-2"
    assert doc.smap.is_exact(j, j + 3)
    k = doc.text.index("Tuesday")
    assert not doc.smap.is_exact(k, k + len("Tuesday\xa0night"))


def test_html_without_containers_uses_whole_file() -> None:
    doc = Document("<p>One.</p><p>Two &amp; three.</p>", "a.html")
    assert [p.text for p in doc.paragraphs] == ["One.", "Two & three."]


def test_html_comment_directives() -> None:
    doc = Document("<p>One.</p><!-- newslint-disable-file NL2 --><p>Two.</p>", "a.html")
    assert [d.body for d in doc.directives] == ["newslint-disable-file NL2"]


def test_html_unclosed_script_does_not_leak() -> None:
    doc = Document("<p>Visible.</p><script>var hidden = 1;", "a.html")
    assert [p.text for p in doc.paragraphs] == ["Visible."]


# ------------------------------------------------------------------ helpers


def test_quote_helpers() -> None:
    src = 'Officials said "the plan will work" on Monday.'
    doc = Document(src, "a.txt")
    q0 = src.index('"')
    q1 = src.rindex('"') + 1
    assert [(q.start, q.end) for q in doc.quotes] == [(q0, q1)]
    plan = src.index("plan")
    assert doc.in_quote(plan, plan + 4)
    assert doc.quote_at(plan) == doc.quotes[0]
    assert not doc.in_quote(0, 9)
    assert doc.overlaps_quote(q0 - 5, q0 + 1)
    assert not doc.overlaps_quote(0, q0)
    assert not doc.overlaps_quote(q1, len(src))
    # Straddling a quotation overlaps it but is not inside it.
    assert doc.overlaps_quote(q0 - 3, q1 + 3) and not doc.in_quote(q0 - 3, q1 + 3)


def test_is_ignored_and_paragraph_at() -> None:
    src = "Read `the code` now.\n\nSecond para.\n"
    doc = Document(src, "a.md")
    code = src.index("`")
    assert doc.text[code : code + 10] == " " * 10
    assert doc.is_ignored(code, code + 3)
    assert doc.is_ignored(code - 2, code + 1)  # touching is enough
    assert not doc.is_ignored(0, 4)
    assert doc.paragraph_at(0) is doc.paragraphs[0]
    second = doc.text.index("Second")
    assert doc.paragraph_at(second) is doc.paragraphs[1]


def test_sentences_tokens_and_words() -> None:
    doc = Document("Mr. Smith arrived. He didn't stay long, officials said.", "a.txt")
    sentences = list(doc.sentences())
    assert [s.text for s in sentences] == [
        "Mr. Smith arrived.",
        "He didn't stay long, officials said.",
    ]
    assert [t.text for t in sentences[1].words] == [
        "He",
        "didn't",
        "stay",
        "long",
        "officials",
        "said",
    ]
    for s in sentences:
        for t in s.tokens:
            assert doc.text[t.start : t.end] == t.text
            assert s.start <= t.start < t.end <= s.end


def test_metadata_argument_is_merged() -> None:
    doc = Document(
        "---\ntitle: T\n---\nBody.\n", "a.md", metadata={"file_date": dt.date(2024, 1, 1)}
    )
    assert doc.metadata["title"] == "T"
    assert doc.metadata["file_date"] == dt.date(2024, 1, 1)


def test_word_count_counts_source_words() -> None:
    assert Document("One two  three\nfour", "a.txt").word_count == 4


def test_sentence_text_at_finds_the_sentence_around_an_offset() -> None:
    text = "Title\n\n" + "".join(f"Sentence {i} ends here. " for i in range(300)) + "\n"
    doc = Document(text, "x.txt")
    at = doc.text.index("Sentence 250")
    assert doc.sentence_text_at(at + 3).startswith("Sentence 250 ends here.")
    assert doc.sentence_text_at(doc.text.index("Title")) == "Title"
    assert doc.sentence_text_at(len(doc.text) + 5) == ""
