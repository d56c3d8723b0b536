"""Inline suppression comments in Markdown and HTML; NL002 and NL003."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newslint.document import Document
from newslint.suppress import parse_directives

Lint = Callable[..., list[Any]]
SELECT = ("XT", "NL002", "NL003")


def found(lint_xt: Lint, text: str, path: str = "a.md") -> list[tuple[str, int]]:
    return [(d.code, d.start.line) for d in lint_xt(text, path, select=SELECT)]


def test_disable_enable_range(lint_xt: Lint) -> None:
    text = (
        "We utilise it.\n\n"
        "<!-- newslint-disable XT002 -->\n\n"
        "We utilise it. Do not frobnicate.\n\n"
        "<!-- newslint-enable XT002 -->\n\n"
        "We utilise it.\n"
    )
    assert found(lint_xt, text) == [("XT002", 1), ("XT001", 5), ("XT002", 9)]


def test_prefix_and_all(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable XT -->\nWe utilise it and frobnicate.\n"
    assert found(lint_xt, text) == []
    text = "<!-- newslint-disable all -->\nWe utilise it and frobnicate.\n"
    assert found(lint_xt, text) == []


def test_several_codes_comma_separated(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable XT001, XT002 -->\nWe utilise it and frobnicate.\n"
    assert found(lint_xt, text) == []


def test_disable_without_enable_runs_to_end(lint_xt: Lint) -> None:
    text = "We utilise it.\n\n<!-- newslint-disable XT002 -->\n\nA.\n\nWe utilise it.\n"
    assert found(lint_xt, text) == [("XT002", 1)]


def test_next_line(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable-next-line XT002 -->\nWe utilise it.\nWe utilise it.\n"
    assert found(lint_xt, text) == [("XT002", 3)]


def test_next_line_skips_blank_lines(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable-next-line XT002 -->\n\n\nWe utilise it.\nWe utilise it.\n"
    assert found(lint_xt, text) == [("XT002", 5)]


def test_next_line_in_the_middle_of_a_line(lint_xt: Lint) -> None:
    text = (
        "We utilise it. <!-- newslint-disable-next-line XT002 --> We utilise it.\nWe utilise it.\n"
    )
    assert [(c, line) for c, line in found(lint_xt, text)] == [("XT002", 1), ("XT002", 1)]


def test_disable_file(lint_xt: Lint) -> None:
    text = "We utilise it.\n\n<!-- newslint-disable-file XT002 -->\n\nWe utilise it.\n"
    assert found(lint_xt, text) == []


def test_html_directives(lint_xt: Lint) -> None:
    text = (
        "<p>We utilise it.</p>\n"
        "<!-- newslint-disable-next-line XT002 -->\n"
        "<p>We utilise it.</p>\n"
        "<p>We utilise it.</p>\n"
    )
    assert found(lint_xt, text, "a.html") == [("XT002", 1), ("XT002", 4)]


def test_plain_text_has_no_directives(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable XT002 -->\nWe utilise it.\n"
    assert found(lint_xt, text, "a.txt") == [("XT002", 2)]


def test_unused_suppression_is_reported(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable-next-line XT001 -->\nWe utilise it.\n"
    result = lint_xt(text, "a.md", select=SELECT)
    assert [(d.code, d.text) for d in result] == [
        ("NL002", "<!-- newslint-disable-next-line XT001 -->"),
        ("XT002", "utilise"),
    ]
    assert result[0].name == "unused-suppression"
    assert "silences no finding" in result[0].message


def test_unused_suppression_not_reported_when_nl002_is_off(lint_xt: Lint) -> None:
    text = "<!-- newslint-disable-next-line XT001 -->\nWe utilise it.\n"
    assert [d.code for d in lint_xt(text, "a.md", select=("XT",))] == ["XT002"]


@pytest.mark.parametrize(
    ("directive", "why"),
    [
        ("<!-- newslint-disable -->", "needs rule codes"),
        ("<!-- newslint-disable not a code! -->", "needs rule codes"),
        ("<!-- newslint-enable XT002 -->", "without a matching disable"),
        ("<!-- newslint-switch-off XT002 -->", "unknown newslint directive"),
    ],
)
def test_malformed_directives(lint_xt: Lint, directive: str, why: str) -> None:
    result = lint_xt(f"{directive}\nPlain text.\n", "a.md", select=SELECT)
    assert [(d.code, d.text) for d in result] == [("NL003", directive)]
    assert why in result[0].message


def test_unrelated_comments_are_ignored(lint_xt: Lint) -> None:
    assert found(lint_xt, "<!-- an editor's note -->\nPlain text.\n") == []


def test_parse_directives_ranges() -> None:
    src = "A\n<!-- newslint-disable NL2 -->\nB\n<!-- newslint-enable NL2 -->\nC\n"
    doc = Document(src, "a.md")
    result = parse_directives(doc)
    (sup,) = result.suppressions
    assert sup.codes == ("NL2",)
    assert src[sup.src_start : sup.src_end] == "\nB\n"
    assert src[sup.directive_start : sup.directive_end] == "<!-- newslint-disable NL2 -->"
    assert result.malformed == []
