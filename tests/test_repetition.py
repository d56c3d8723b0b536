"""Tests for the NL2xx repetition rules: fixtures, examples, grammar and data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.api import lint_text
from newslint.checks.repetition import RULES, DuplicatedWord, RepeatedPhrase
from newslint.checks.repetition_phrases import grammar, items_of
from newslint.data import load_data
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.rule import Rule, Scope
from newslint.testing import Case, load_fixture, run_case, run_examples

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CODES = [r.code for r in RULES]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for code in CODES:
        cases.extend(load_fixture(FIXTURES / f"{code}.toml"))
    return cases


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.test_id)
def test_fixture(case: Case) -> None:
    run_case(case)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_examples(rule: type[Rule]) -> None:
    run_examples(rule)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_valid_and_invalid_fixtures(rule: type[Rule]) -> None:
    cases = load_fixture(FIXTURES / f"{rule.code}.toml")
    assert any(c.expect for c in cases)
    assert any(not c.expect for c in cases)
    docs = rule.docs()
    assert docs.what and docs.why and docs.example and docs.fix


def _phrases(text: str) -> list[str]:
    doc = Document(text)
    out = []
    for s in doc.sentences():
        items = items_of(s)
        for p in grammar().phrases(items):
            out.append(text[items[p.start].token.start : items[p.end - 1].token.end])
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He joined in July 1998 as chief executive.", ["in July 1998"]),
        ("It opened on 1 April and closed on 5th May 2004.", ["on 1 April", "on 5th May 2004"]),
        ("Earlier this month the firm said so.", ["Earlier this month"]),
        ("Talks ended on Tuesday night.", ["on Tuesday night"]),
        ("Banks in the United States lent more.", ["in the United States"]),
        ("He lived in the Republic of Ireland.", ["in the Republic of Ireland"]),
        ("Sales rose over the past year.", ["over the past year"]),
        ("Profits at the end of last year fell.", []),
        ("It rose in London's markets.", []),
        ("She met him in London Mr Smith said.", ["in London"]),
        ("The firm gave in to demands.", []),
    ],
)
def test_phrase_grammar(text: str, expected: list[str]) -> None:
    assert _phrases(text) == expected


def test_phrase_fix_is_unsafe_and_removes_the_second_copy() -> None:
    text = "On Tuesday the mayor on Tuesday opened the bridge.\n"
    found = lint_text(text, "a.txt", select=(RepeatedPhrase.code,))
    assert len(found) == 1
    d = found[0]
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    (edit,) = d.fix.edits
    fixed = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    assert fixed == "On Tuesday the mayor opened the bridge.\n"
    assert d.related and text[d.related[0].span.start : d.related[0].span.end] == "On Tuesday"


def test_duplicated_word_in_quote_is_reported_with_display_fix() -> None:
    text = '"It was a a shock," she said.\n'
    found = lint_text(text, "a.txt", select=(DuplicatedWord.code,))
    assert [d.text for d in found] == ["a"]
    assert found[0].fix is not None
    assert found[0].fix.applicability is Applicability.DISPLAY


def test_duplicated_word_related_span_is_first_copy() -> None:
    text = "The plan was\nwas rejected.\n"
    (d,) = lint_text(text, "a.txt", select=(DuplicatedWord.code,))
    assert (d.start.line, d.start.column) == (2, 1)
    assert d.related[0].span.start == text.index("was")


def test_word_echo_is_off_by_default() -> None:
    text = "The dramatic rescue ended with dramatic scenes on the quay.\n"
    found = lint_text(text, "a.txt", select=("NL2",))
    assert all(d.code != "NL204" for d in found)
    found = lint_text(text, "a.txt", select=("NL204",))
    assert [d.code for d in found] == ["NL204"]


def test_rules_scopes_and_quotes() -> None:
    assert DuplicatedWord.in_quotes and RepeatedPhrase.in_quotes
    assert DuplicatedWord.scope is Scope.SENTENCE


def test_data_is_well_formed() -> None:
    data = load_data("data/repetition.toml")
    for pair in data["duplicate_word"]["legitimate"]:
        a, b = pair.split()
        assert a == b, pair
    for pair in data["duplicate_word"]["names"]["names"]:
        a, b = pair.split()
        assert a == b and a[0].isupper(), pair
    for expr in data["phrase"]["fixed_expressions"]:
        assert expr == expr.lower() and len(expr.split()) >= 3, expr
    for key in ("months", "weekdays", "time_nouns"):
        values = data["phrase"][key]
        assert values == [v.lower() for v in values]
