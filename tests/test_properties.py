"""Property tests (hypothesis) over random Unicode, Markdown and HTML text.

For every input: no exception; every finding's span lies inside the source,
``source[start:end] == text``, and line/column agree with the offset; fixes
touch nothing outside their edit spans, never rewrite markup or quotations,
and a second ``--fix`` changes nothing.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newslint.config import resolve_settings
from newslint.diagnostics import Applicability, Diagnostic
from newslint.document import Document
from newslint.fix import applicable, apply_edits
from newslint.runner import LinterFactory, lint_source
from tests.conftest import write_xt_pack

FRAGMENTS = [
    # prose and the words the XT rules flag
    "the", "The", "utilise", "Utilise", "UTILISE", "in excess of", "adviser", "advisor",
    "frobnicate", "5 per cent", "Mr.", "U.S.", ".", "!", "?", ",", ";", "-", "\u2014",
    # whitespace and line ends
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\r",
    # quotation marks and apostrophes
    '"', "\u201c", "\u201d", "'", "\u2018", "\u2019",
    # non-ASCII
    "\u00e9", "e\u0301", "\U0001f600", "\u4e2d\u6587", "\u0627\u0644",
    # Markdown
    "*", "**", "_", "`", "```", "# ", "## ", "> ", "- ", "1. ", "[", "]", "(", ")",
    "](http://x.y)", "![i](p.png)", "\\", "\\*", "---\n", "+++\n", "title: x\n", "    ",
    "|", "~~", "===", "<http://a.b>",
    # HTML
    "<p>", "</p>", "<b>", "</b>", "<h1>", "</h1>", "<br>", "<li>", "<script>x</script>",
    "<style>", "&amp;", "&nbsp;", "&#x1F600;", "&bogus;", "&#8220;", "<", ">", "&",
    "<!-- newslint-disable XT002 -->", "<!-- newslint-enable XT002 -->",
    "<!-- newslint-disable-next-line XT -->", "<!--", "-->",
    "http://example.com/utilise", "www.x.org",
]  # fmt: skip

documents = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map(
    "".join
)
paths = st.sampled_from(["story.txt", "story.md", "story.html"])

FIXED_TEXT = regex.compile(r"(?i)^(?:utilise|in excess of|advis[eo]r|\d+ per cent)$")


@pytest.fixture(scope="module")
def factory(tmp_path_factory: pytest.TempPathFactory) -> LinterFactory:
    pack = write_xt_pack(tmp_path_factory.mktemp("props") / "xtpack")
    settings = resolve_settings(
        None,
        overrides={
            "select": ("XT", "NL002", "NL003"),
            "style": "none",
            "rule_paths": (str(pack),),
            "cache": False,
        },
        isolated=True,
    )
    return LinterFactory(settings)


def check_positions(source: str, diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(source)
        assert source[d.span.start : d.span.end] == d.text
        for loc, offset in ((d.start, d.span.start), (d.end, d.span.end)):
            assert loc.offset == offset
            assert loc.line == source.count("\n", 0, offset) + 1
            line_start = source.rfind("\n", 0, offset) + 1
            assert loc.column == offset - line_start + 1
            prefix = source[line_start:offset]
            assert loc.utf16_column == len(prefix.encode("utf-16-le")) // 2 + 1
        for r in d.related:
            assert 0 <= r.span.start <= r.span.end <= len(source)
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.span.start <= e.span.end <= len(source)
            context = d.fix.context
            if context is not None:  # what the rule read holds what it edits
                assert 0 <= context.start <= context.end <= len(source)
                assert all(
                    context.start <= e.span.start and e.span.end <= context.end for e in d.fix.edits
                ), (d.code, context, d.fix.edits)


def quote_spans_in_source(source: str, path: str) -> list[tuple[int, int]]:
    doc = Document(source, path)
    return [doc.to_source(q.start, q.end) for q in doc.quotes]


def expected_fix(source: str, diagnostics: list[Diagnostic], unsafe: bool) -> str:
    """Apply the documented selection (by start, clashing fixes skipped) left to right."""
    taken: list[tuple[int, int, str]] = []
    for d in sorted(diagnostics, key=lambda d: d.span.start):
        if not applicable(d, unsafe):
            continue
        assert d.fix is not None
        edits = [(e.span.start, e.span.end, e.replacement) for e in d.fix.edits]
        assert all(s < e for s, e, _ in edits)  # the XT rules never insert
        if any(s < te and ts < e for s, e, _ in edits for ts, te, _ in taken):
            continue
        taken.extend(edits)
    out, cursor = [], 0
    for s, e, r in sorted(taken):
        assert s >= cursor
        out.append(source[cursor:s])
        out.append(r)
        cursor = e
    out.append(source[cursor:])
    return "".join(out)


def check_lint(factory: LinterFactory, source: str, path: str) -> None:
    """Lint ``source``: no error, every finding exact, findings in order."""
    report = lint_source(source, path, factory)
    assert report.error is None, report.error
    check_positions(source, report.diagnostics)
    keys = [d.sort_key for d in report.diagnostics]
    assert keys == sorted(keys)


def check_second_fix(factory: LinterFactory, source: str, path: str, unsafe: bool) -> None:
    """Fix ``source``: positions exact afterwards, and a second ``--fix`` changes nothing."""
    first = lint_source(source, path, factory, fix=True, unsafe_fixes=unsafe)
    assert first.error is None, first.error
    current = first.source
    assert current is not None
    check_positions(current, first.diagnostics)
    second = lint_source(current, path, factory, fix=True, unsafe_fixes=unsafe)
    assert second.error is None, second.error
    assert second.fixed_source is None, (source, current, second.fixed_source)
    assert second.fixes_applied == 0


@given(documents, paths)
def test_findings_map_exactly_to_the_source(factory: LinterFactory, source: str, path: str) -> None:
    check_lint(factory, source, path)


@given(documents, paths, st.booleans())
def test_fixes_touch_only_their_spans(
    factory: LinterFactory, source: str, path: str, unsafe: bool
) -> None:
    report = lint_source(source, path, factory)
    quotes = quote_spans_in_source(source, path)
    for d in report.diagnostics:
        if d.fix is None or d.fix.applicability is Applicability.DISPLAY:
            continue
        for e in d.fix.edits:
            # An applicable edit replaces exactly the flagged words: no markup inside.
            assert FIXED_TEXT.match(source[e.span.start : e.span.end]), (d, source)
            assert not any(qs < e.span.end and e.span.start < qe for qs, qe in quotes)
    fixed, _ = apply_edits(source, report.diagnostics, unsafe)
    assert fixed == expected_fix(source, report.diagnostics, unsafe)


@given(documents, paths, st.booleans())
def test_second_fix_changes_nothing(
    factory: LinterFactory, source: str, path: str, unsafe: bool
) -> None:
    check_second_fix(factory, source, path, unsafe)


@given(documents, paths)
def test_document_structure_invariants(source: str, path: str) -> None:
    doc = Document(source, path)
    text = doc.text
    last = 0
    for p in doc.paragraphs:
        assert last <= p.start < p.end <= len(text)
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        last = p.end
        s_last = p.start
        for s in p.sentences:
            assert s_last <= s.start < s.end <= p.end
            s_last = s.end
            for t in s.tokens:
                assert s.start <= t.start < t.end
                assert text[t.start : t.end] == t.text
                assert not doc.is_ignored(t.start, t.end)
    for q in doc.quotes:
        assert any(p.start <= q.start and q.end <= p.end for p in doc.paragraphs)
    prev = 0
    for s, e in doc.ignored:
        assert prev <= s <= e
        prev = e


@pytest.mark.parametrize("path", ["story.txt", "story.md", "story.html"])
def test_known_tricky_inputs(factory: LinterFactory, path: str) -> None:
    for source in (
        "",
        "\ufeff",
        "\r\r\r",
        "utilise",
        "**utilise**",
        "<p>utilise</p>",
        "&amp;utilise&amp;",
        '"utilise" utilise',
        "\U0001f600utilise\U0001f600",
        "e\u0301 utilise",
        "<!-- newslint-disable XT002 -->utilise",
        "---\ntitle: utilise\n---\nutilise\n",
        "<script>utilise</script>utilise",
    ):
        report = lint_source(source, path, factory, fix=True, unsafe_fixes=True)
        assert report.error is None
        check_positions(report.source or "", report.diagnostics)
