"""Attribution rules (NL3xx) beyond their fixtures: quote scanning, shared state, output.

Every sentence here is written for newslint.
"""

from __future__ import annotations

import pytest

from newslint.config import Settings, resolve_settings
from newslint.document import Document
from newslint.document.quotes import find_quotes
from newslint.render.people import render_people
from newslint.runner import LinterFactory, Run, lint_source
from newslint.testing import lint_case


def _nl3() -> Settings:
    """Return settings that select only the attribution rules."""
    return resolve_settings(
        None, overrides={"select": ("NL3",), "cache": False, "languagetool": "off"}, isolated=True
    )


def _scan(text: str) -> tuple[list[str], list[str]]:
    quotes, strays = find_quotes(text, [(0, len(text))])
    return [text[q.start : q.end] for q in quotes], [s.reason for s in strays]


def test_running_quote_reopened_inside_one_paragraph() -> None:
    # Copy whose paragraph breaks were lost: the quoted sentence ends without a
    # closing mark and the next quoted sentence reopens.
    text = 'Mr Brown said: "You cannot rely on him. "We are making the same decisions," he said.'
    quotes, strays = _scan(text)
    assert quotes == ['"You cannot rely on him.', '"We are making the same decisions,"']
    assert strays == []


def test_reopen_after_a_nested_quote_closing() -> None:
    text = '"They said \'no deal.\' "We carried on anyway," she said.'
    quotes, strays = _scan(text)
    assert strays == []
    assert quotes[-1] == '"We carried on anyway,"'


def test_a_closing_mark_after_a_space_still_closes() -> None:
    # No full stop before it: not the running-quote convention.
    quotes, strays = _scan('He called it "a disaster "for everyone.')
    assert quotes == ['"a disaster "']
    assert strays == []


def test_genuine_strays_are_still_found() -> None:
    _quotes, strays = _scan('He feared "internment creates martyrs" for terrorists". Then.')
    assert strays == ["closing mark with no opening"]


def test_people_model_is_built_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.people as people_pkg

    calls: list[int] = []
    original = people_pkg.build_people

    def counting(doc: Document) -> people_pkg.People:
        calls.append(1)
        return original(doc)

    monkeypatch.setattr(people_pkg, "build_people", counting)
    text = "Talks begin\n\nKaren Donfried, the envoy, spoke. Donfreid said more. She left."
    report = lint_source(text, "story.txt", LinterFactory(_nl3()))
    assert len(calls) == 1
    assert [d.code for d in report.diagnostics] == ["NL301"]


def test_name_variant_related_span_and_unsafe_fix() -> None:
    text = "Karen Donfried, the envoy, spoke. Donfried said more. Donfreid left."
    (d,) = lint_case("NL301", text)
    assert d.text == "Donfreid"
    assert d.suggestions == ("Donfried",)
    assert d.related and text[d.related[0].span.start : d.related[0].span.end] == "Donfried"
    assert d.fix is not None and d.fix.applicability.value == "unsafe"


def test_name_variant_inside_quote_is_reported_but_not_auto_fixed() -> None:
    text = (
        "Coach Ian Ruddock praised the squad. Ruddock was pleased. "
        '"Rudock asked me to stay," said the captain.'
    )
    (d,) = lint_case("NL301", text)
    assert d.text == "Rudock"
    assert d.fix is not None and d.fix.applicability.value == "display"


def test_show_people_listing() -> None:
    text = (
        "Talks begin\n\nNATO Secretary General Jens Stoltenberg said allies agreed. "
        "Stoltenberg spoke in Brussels."
    )
    settings = _nl3()
    report = lint_source(text, "story.txt", LinterFactory(settings))
    run = Run(files=[report], settings=settings)
    out = render_people(run)
    assert "People in story.txt:" in out
    assert "Jens Stoltenberg (NATO Secretary General): 2 mentions" in out
    assert "3:24 Jens Stoltenberg, 3:61 Stoltenberg" in out
