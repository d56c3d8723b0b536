"""Property tests (hypothesis) of the built-in rules and the AP pack on random copy.

``test_properties.py`` holds the engine to its contracts with a small test
pack; this file does the same for the rules newsrooms run. Documents are
random mixes of every rule's own embedded examples (so each rule has text it
reacts to), their words, the fact rules' names and titles, Markdown and HTML
fragments, and Unicode that breaks naive text handling (combining marks that
fold to nothing, zero-width and bidirectional controls, dotless i,
ligatures). For every input: no rule fails, every finding maps exactly to the
source, no applicable fix touches a direct quotation, and a second ``--fix``
finds nothing left to fix.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newslint.config import resolve_settings
from newslint.diagnostics import Applicability
from newslint.facts.kb import load_kb
from newslint.runner import LinterFactory, lint_source
from tests.conftest import every_rule
from tests.test_properties import FRAGMENTS, check_lint, check_second_fix, quote_spans_in_source


def _example_texts() -> list[str]:
    """Return the plain-text examples of every built-in and bundled-pack rule."""
    texts: list[str] = []
    for rule in every_rule():
        texts.extend(e.text for e in rule.examples if e.format == "txt" and not e.metadata)
    return texts


def _fact_phrases() -> list[str]:
    """Return the knowledge base's names, wrong forms, titles and holders (the fact rules' data)."""
    kb = load_kb()
    phrases: list[str] = []
    for org in kb.organisations:
        phrases += [org.name, *org.wrong, *([org.abbreviation] if org.abbreviation else [])]
    for office in kb.offices.values():
        phrases += [*office.titles, *office.generic_titles]
    phrases += [term.holder for term in kb.terms]
    return sorted(set(phrases))


EXAMPLES = _example_texts()
FACT_PHRASES = _fact_phrases()
EXAMPLE_WORDS = sorted({w for text in EXAMPLES for w in text.split()})
ODD_UNICODE = [
    "\u0301", "\u037a", "\u0345", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202e", "\u2066", "\ufeff", "\u00ad", "\u0131", "\u0130", "\u017f", "\ufb01",
    "\u03c2", "\uff21\uff22", "\u2024", "\u2019s", "\u00a0", "\x00", "\u0085", "\u3000",
]  # fmt: skip

documents = st.lists(
    st.one_of(
        st.sampled_from(EXAMPLES),
        st.sampled_from(EXAMPLE_WORDS),
        st.sampled_from(FACT_PHRASES),
        st.sampled_from(FRAGMENTS),
        st.sampled_from(ODD_UNICODE),
        st.text(max_size=3),
    ),
    max_size=30,
).map(" ".join)
paths = st.sampled_from(["story.txt", "story.md", "story.html"])


@pytest.fixture(scope="module")
def factory() -> LinterFactory:
    settings = resolve_settings(
        None,
        overrides={"languagetool": "off", "cache": False, "date": dt.date(2025, 6, 3)},
        isolated=True,
    )
    return LinterFactory(settings)


def test_the_examples_give_the_rules_work(factory: LinterFactory) -> None:
    """The fragments must set many rules off, or the properties below test little."""
    codes: set[str] = set()
    for text in EXAMPLES:
        codes.update(d.code for d in lint_source(text, "story.txt", factory).diagnostics)
    assert len(EXAMPLES) > 100
    assert len(codes) > 40, sorted(codes)


@given(documents, paths)
def test_findings_map_exactly_to_the_source(factory: LinterFactory, source: str, path: str) -> None:
    check_lint(factory, source, path)


@given(documents, paths)
def test_no_applicable_fix_touches_a_quotation(
    factory: LinterFactory, source: str, path: str
) -> None:
    report = lint_source(source, path, factory)
    assert report.error is None, report.error
    quotes = quote_spans_in_source(source, path)
    for d in report.diagnostics:
        if d.fix is None or d.fix.applicability is Applicability.DISPLAY:
            continue
        for e in d.fix.edits:
            assert 0 <= e.span.start <= e.span.end <= len(source)
            inside = [(qs, qe) for qs, qe in quotes if qs < e.span.end and e.span.start < qe]
            assert not inside, (d.code, source[e.span.start : e.span.end], source)


@given(documents, paths, st.booleans())
# Found here: two real-word fixes side by side, each chosen for the other's
# old text, undid each other pass after pass ("they one" <-> "the won").
@example("they 1\x1f The organisation's colour scheme was chosen to honour it.", "story.txt", True)
def test_second_fix_changes_nothing(
    factory: LinterFactory, source: str, path: str, unsafe: bool
) -> None:
    check_second_fix(factory, source, path, unsafe)
