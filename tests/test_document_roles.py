"""Paragraph roles the extractors give beyond body copy: bylines, Markdown
captions under images, and pipe tables. Rules rely on them to leave a story's
structure alone (a byline is not web residue; a results table is not prose).
"""

from __future__ import annotations

import pytest

from newslint.document import BlockKind, Document
from newslint.document.formats import is_byline, is_pipe_table


def kinds(source: str, path: str) -> list[str]:
    return [p.kind.value for p in Document(source, path).paragraphs]


@pytest.mark.parametrize(
    "text",
    [
        "By MARIA ALVAREZ and DEREK HOLLOWAY\nAssociated Press",
        "By Priya Raman, AP Business Writer",
        "By Aisha Rahman and Tomás Ferreira, Associated Press",
        "By Ana de la Cruz and Omar bin Saleh",
        "By JOHN SMITH JR.",
    ],
)
def test_bylines(text: str) -> None:
    assert is_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday, the river had crested.",
        "By contrast, the city kept its budget.",
        "By 2030 the plant will close.",
        "By Joseph Tsidulko November 19, 2019, 07:47 PM EST",
        "Bylines are printed under the headline",
        "By JOHN SMITH\nAssociated Press\nWASHINGTON\nMore",
    ],
)
def test_not_bylines(text: str) -> None:
    assert not is_byline(text)


@pytest.mark.parametrize(
    ("source", "path"),
    [
        (
            "Senate passes bill\n\nBy ANA LOPEZ\nAssociated Press\n\nWASHINGTON (AP) — Copy.\n",
            "a.txt",
        ),
        ("# Senate passes bill\n\nBy Ana Lopez, AP\n\nWASHINGTON (AP) — Copy.\n", "a.md"),
        ("<h1>Senate passes bill</h1><p>By Ana Lopez</p><p>WASHINGTON (AP) — Copy.</p>", "a.html"),
    ],
)
def test_byline_under_headline(source: str, path: str) -> None:
    assert kinds(source, path) == ["headline", "byline", "body"]


def test_byline_after_editors_note_and_caption() -> None:
    source = (
        "# Mayor signs budget\n\n![Mayor](m.jpg)\n\n*The mayor signs the budget.*\n\n"
        "EDITOR'S NOTE — This story contains offensive language.\n\nBy KAREN WELLS\n\n"
        "MILWAUKEE (AP) — Copy.\n"
    )
    assert kinds(source, "a.md") == ["headline", "caption", "body", "byline", "body"]


def test_byline_after_copy_is_not_the_story_byline() -> None:
    source = (
        "Senate passes bill\n\nThe Senate voted 68-31.\n\nBy JERUSALEM POST STAFF\n\nMore copy.\n"
    )
    assert kinds(source, "a.txt") == ["headline", "body", "body", "body"]


def test_markdown_caption_under_image() -> None:
    source = (
        "# Storm hits coast\n\n![Flooded street](f.jpg)\n\n*A flooded street. (Photo: A. Lee)*\n\n"
        "![Second](s.jpg)\n_Crews clear debris._\n\n*Emphasised copy with no image.*\n\nBody.\n"
    )
    assert kinds(source, "a.md") == ["headline", "caption", "caption", "body", "body"]


def test_markdown_table_rows_are_table_blocks() -> None:
    source = "# Results\n\n| Team | W |\n|---|---:|\n| Wild | 3 |\n\nThe Wild won 4-2.\n"
    doc = Document(source, "a.md")
    assert [p.kind for p in doc.paragraphs] == [
        BlockKind.HEADLINE,
        BlockKind.TABLE,
        BlockKind.TABLE,
        BlockKind.BODY,
    ]
    # Each row is its own block; the delimiter row is not prose.
    assert [p.text.strip() for p in doc.paragraphs[1:3]] == ["| Team | W |", "| Wild | 3 |"]


def test_plain_text_pipe_table() -> None:
    table = "| Team | W |\n|------|--:|\n| Wild | 3 |"
    assert is_pipe_table(table)
    assert not is_pipe_table("Votes | Share\nNo delimiter row here")
    source = f"Results\n\n{table}\n\nThe Wild won 4-2.\n"
    assert kinds(source, "a.txt") == ["headline", "table", "body"]


def test_table_figures_are_not_style_findings() -> None:
    from newslint.api import lint_text

    source = (
        "# Results\n\n| Race | Seats | Won |\n|---|--:|--:|\n| House | 9 | 5 |\n\n"
        "They held 5 seats.\n"
    )
    found = [(d.code, d.start.line) for d in lint_text(source, "a.md", select=("NL408",))]
    assert found == [("NL408", 7)]


def test_html_containers_give_their_role_to_paragraphs() -> None:
    source = (
        "<ul><li><p>One</p><p>Two</p></li><li>Three<li>Four</ul><p>After</p>"
        "<blockquote><ul><li>in<ul><li>deep</ul>tail</li></ul><p>q</p></blockquote><p>x</p>"
        "<figure><figcaption><p>Cap</p></figcaption></figure><p>y</p>"
    )
    assert kinds(source, "a.html") == [
        *["list_item"] * 4,
        "body",
        *["list_item"] * 3,
        "blockquote",
        "body",
        "caption",
        "body",
    ]


def test_html_line_break_does_not_end_the_paragraph() -> None:
    source = "<p>The council voted 7-2,<br>\nending a month of debate.</p><p>Next.</p><br><br>"
    doc = Document(source, "a.html")
    assert [p.text for p in doc.paragraphs] == [
        "The council voted 7-2,\nending a month of debate.",
        "Next.",
    ]
    first = doc.paragraphs[0]
    assert doc.to_source(first.start, first.end) == (
        3,
        3 + len("The council voted 7-2,<br>\nending a month of debate."),
    )
