"""Copy unlike the development corpus: odd shapes must lint without a rule
failing, with spans that point into the source, and through every renderer.

The corpus is BBC prose, one headline and paragraphs. Newsrooms also feed
newslint empty drafts, headline-only stubs, transcripts of quotes, results
tables, honour rolls of 200 names, all-caps wire alerts and HTML from a CMS.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from newslint.api import lint_text
from newslint.config import resolve_settings
from newslint.render import render
from newslint.runner import LinterFactory, Run, lint_source

_FIRST = ["Maria", "John", "Aisha", "Tomás", "Wei", "Olu", "Priya", "José", "Fatima", "Igor"]
_LAST = ["Alvarez", "bin Salman", "de Blasio", "Nguyen", "O'Neill", "Ocasio-Cortez", "da Silva"]
_RNG = random.Random(7)
_NAMES = [f"{_RNG.choice(_FIRST)} {_RNG.choice(_LAST)}" for _ in range(200)]

ODD = {
    "empty": "",
    "blank-lines": " \n\n\t\n",
    "empty-headline-md": "# \n\nThe council met on Tuesday.\n",
    "empty-headline-html": "<h1></h1><p>The council met on Tuesday.</p>",
    "only-headline": "Council approves budget\n",
    "only-headline-md": "# Council approves budget\n",
    "only-quotes": '"We will win."\n\n"We will not stop."\n\n\u201cNever.\u201d\n\n\'Maybe.\'\n',
    "only-quote-marks": '"\n\n\u201c\u201d\n\n"""\n\n\'\'\n\n\u2018\n',
    "nested-quotes": (
        'Story\n\n"He said, \'She told me, "It\'s over," and left,\' and then he cried," '
        "Smith said. \u201cShe said \u2018he said \u201cno\u201d\u2019 twice,\u201d Jones said.\n"
    ),
    "quote-over-five-paragraphs": "Mayor speaks\n\n"
    + "\n\n".join(
        f'"Paragraph {i} of what the mayor said about the harbor budget.' + ('"' if i == 4 else "")
        for i in range(5)
    )
    + "\n\nThe mayor said that at a news conference.\n",
    "unclosed-quote-at-end": 'Story\n\n"This never closes and the the story ends',
    "markdown-table": (
        "# Results\n\n| Team | W | L |\n|---|---:|---:|\n| Wild | 3 | 1 |\n\nThe Wild won 4-2.\n"
    ),
    "very-long-sentence": "Council story\n\nThe council, which met on Tuesday, "
    + ", ".join(f"and the committee that reviewed item {i} said it would vote" for i in range(300))
    + ".\n",
    "very-long-word": "Story\n\n" + "a" * 5000 + " said Smith.\n",
    "all-caps": (
        "CITY COUNCIL APPROVES BUDGET\n\nTHE CITY COUNCIL VOTED 7-2 ON TUESDAY TO APPROVE A "
        '$48 MILLION BUDGET. "WE HAVE ARGUED ABOUT THIS FOR A YEAR," SAID MAYOR JANE DOE.\n'
    ),
    "two-hundred-names": "Honor roll\n\nThe honorees:\n\n" + "\n".join(_NAMES) + "\n",
    "two-hundred-names-in-a-sentence": "Honor roll\n\nThe honorees were "
    + ", ".join(_NAMES)
    + ".\n",
    "two-hundred-speakers": "Panel\n\n" + " ".join(f'"Yes," {n} said.' for n in _NAMES) + "\n",
    "front-matter-only": "---\ntitle: Hello\ndate: 2025-01-01\n---\n",
    "front-matter-odd-values": (
        "---\ntitle: [a, b]\ndate: 2025-02-30\nbyline: {a: 1}\n---\n\nText.\n"
    ),
    "html-broken": "<p>Council <b>met <i>on Tuesday<p>And then<script>var x='<p>';</script><p>End",
    "html-entities": "&amp;&lt;&gt;&#8220;&#x1F600;&#0;&#xD800;&#99999999;&bogus;",
    "unknown-directives": "<!-- newslint-disable -->\n<!-- newslint-oops NL2 -->\n\nThe the end.\n",
    "cr-line-endings": "Headline\r\rThe the council met.\rIt voted.\r",
    "controls-and-separators": "Head\n\nThe\u0007 council\u000b met\u0085 on\u2028Tuesday.\u2029\n",
    "combining-marks": "Cafe\u0301 opens\n\nThe cafe\u0301 cafe\u0301 opened, said Jose\u0301.\n",
    "astral": "\U0001f600\n\n\U0001f600 \U0001f600 \U0001f4a9 said \U0001f600.\n",
    "impossible-numbers": (
        "Head\n\nOn Feb. 31 and Dec. 32, 2021, 1e999 and 300% and -5% of 0 people.\n"
    ),
    "deep-html": "<div>" * 300 + "The the council met." + "</div>" * 300,
    "deep-markdown": "> " * 100 + "The the council met.\n",
}
SETTINGS = resolve_settings(
    None,
    overrides={"languagetool": "off", "cache": False, "date": dt.date(2025, 6, 3)},
    isolated=True,
)


@pytest.fixture(scope="module")
def factory() -> LinterFactory:
    return LinterFactory(SETTINGS)


@pytest.mark.parametrize("ext", [".txt", ".md", ".html"])
@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_lints_cleanly(name: str, ext: str, factory: LinterFactory) -> None:
    text = ODD[name]
    report = lint_source(text, f"{name}{ext}", factory)
    assert report.error is None, report.error
    for d in report.diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        assert text[d.span.start : d.span.end] == d.text, d
    fixed = lint_source(text, f"{name}{ext}", factory, fix=True, unsafe_fixes=True)
    assert fixed.error is None, fixed.error
    run = Run(files=[report], settings=SETTINGS)
    for fmt in ("full", "concise", "json", "github", "sarif", "junit", "html"):
        assert isinstance(render(fmt, run), str)


def test_markdown_table_is_not_checked_as_prose() -> None:
    found = lint_text(ODD["markdown-table"], "t.md", select=("NL4",))
    assert found == []


def test_jekyll_front_matter_date_is_the_story_date() -> None:
    source = (
        "---\ntitle: Alliance meets\ndate: 2025-06-03 14:30:00 -0500\n---\n\n# Alliance meets\n\n"
        "NATO Secretary General Jens Stoltenberg said the alliance would respond.\n"
    )
    found = [d for d in lint_text(source, "s.md", select=("NL502",))]
    assert [d.code for d in found] == ["NL502"]
    assert "2025-06-03 (from the front matter)" in found[0].message


def test_unknown_directive_is_named_as_unknown() -> None:
    source = "<!-- newslint-disable-next-paragraph NL201 -->\nThe the end.\n"
    messages = [d.message for d in lint_text(source, "d.md", select=("NL003",))]
    assert messages == ["Malformed newslint directive: unknown newslint directive."]


def test_markdown_footnotes_are_markup() -> None:
    source = "# Diner closes\n\nIt will be a coffee shop.[^1]\n\n[^1]: The buyer did not comment.\n"
    assert lint_text(source, "f.md", select=("NL409",)) == []
