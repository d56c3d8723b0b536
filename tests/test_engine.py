"""The pure engine: scopes, blocks, quotations, ignored text, mapping, failures."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from newslint.diagnostics import Applicability, Category, Severity
from newslint.document import BlockKind, Document, Paragraph, Sentence
from newslint.engine import Linter
from newslint.rule import PROSE_BLOCKS, Rule, RuleContext, Scope


class Word(Rule):
    """Report every occurrence of ``target`` (a test rule)."""

    code = "XE001"
    name = "word"
    category = Category.STYLE
    summary = "Test."
    target: ClassVar[str] = "budget"

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        for t in unit.words:
            if t.norm == self.target:
                ctx.report(
                    t.start,
                    t.end,
                    f"'{t.text}'",
                    suggestions=["plan"],
                    fix=ctx.replace(t.start, t.end, "plan"),
                )


def lint(rules: list[Rule], source: str, path: str = "a.txt", **kw: Any) -> Any:
    return Linter(rules, **kw).lint(Document(source, path))


def test_scopes_receive_their_units() -> None:
    seen: dict[str, list[str]] = {}

    def make(scope: Scope, code: str) -> Rule:
        class Probe(Rule):
            category = Category.STYLE
            summary = "s"

            def check(self, unit: Any, ctx: RuleContext) -> None:
                seen.setdefault(self.code, []).append(type(unit).__name__)

        Probe.code, Probe.name, Probe.scope = code, f"probe-{code.lower()}", scope
        return Probe()

    source = "Head\n\nOne. Two.\n\nThree.\n"
    lint([make(Scope.DOCUMENT, "XE101"), make(Scope.PARAGRAPH, "XE102"),
          make(Scope.SENTENCE, "XE103")], source)  # fmt: skip
    assert seen == {
        "XE101": ["Document"],
        "XE102": ["Paragraph"] * 3,
        "XE103": ["Sentence"] * 4,
    }


def test_blocks_restrict_paragraph_kinds() -> None:
    class BodyOnly(Word):
        blocks = PROSE_BLOCKS

    source = "Budget headline\n\nThe budget passed.\n"
    assert [d.start.line for d in lint([Word()], source).diagnostics] == [1, 3]
    assert [d.start.line for d in lint([BodyOnly()], source).diagnostics] == [3]


def test_findings_in_quotations_are_dropped_unless_in_quotes() -> None:
    class InQuotes(Word):
        code, name, in_quotes = "XE002", "word-in-quotes", True

    source = '"The budget is fine," she said of the budget.'
    result = lint([Word(), InQuotes()], source)
    found = [(d.code, d.span.start) for d in result.diagnostics]
    assert found == [("XE002", 5), ("XE001", 38), ("XE002", 38)]
    quoted = next(d for d in result.diagnostics if d.span.start == 5)
    assert quoted.fix is not None and quoted.fix.applicability is Applicability.DISPLAY


def test_findings_in_ignored_text_are_dropped() -> None:
    class Everywhere(Rule):
        code, name, category, summary = "XE003", "everywhere", Category.STYLE, "s"
        scope = Scope.DOCUMENT

        def check(self, unit: Document, ctx: RuleContext) -> None:
            i = unit.text.find("budget")
            while i >= 0:
                ctx.report(i, i + 6, "b")
                i = unit.text.find("budget", i + 1)

    source = "The budget and `budget` code.\n"
    result = lint([Everywhere()], source, "a.md")
    assert [d.span.start for d in result.diagnostics] == [4]


def test_mapping_related_spans_and_sort_order() -> None:
    class Related(Rule):
        code, name, category, summary = "XE004", "related", Category.STYLE, "s"
        scope = Scope.DOCUMENT

        def check(self, unit: Document, ctx: RuleContext) -> None:
            a = unit.text.index("budget")
            b = unit.text.rindex("budget")
            ctx.report(b, b + 6, "again", related=[ctx.related(a, a + 6, "first here")])
            ctx.report(a, a + 6, "first", severity=Severity.ERROR, data={"n": 1})
            ctx.report(a, a + 6, "duplicate of the above")

    source = "# The *budget*\n\nA **budget** passed.\n"
    result = lint([Related()], source, "a.md")
    assert [(d.text, d.message) for d in result.diagnostics] == [
        ("budget", "first"),
        ("budget", "again"),
    ]
    first, again = result.diagnostics
    assert first.severity is Severity.ERROR and first.data == {"n": 1}
    assert (again.start.line, again.start.column) == (3, 5)
    (rel,) = again.related
    assert source[rel.span.start : rel.span.end] == "budget"
    assert rel.start is not None and (rel.start.line, rel.start.column) == (1, 8)


def test_severity_overrides() -> None:
    result = lint([Word()], "The budget.", severity_overrides={"XE001": Severity.ERROR})
    assert result.diagnostics[0].severity is Severity.ERROR


def test_a_failing_rule_does_not_lose_the_others() -> None:
    class Broken(Rule):
        code, name, category, summary = "XE005", "broken", Category.STYLE, "s"

        def check(self, unit: Paragraph, ctx: RuleContext) -> None:
            raise KeyError("boom")

    result = lint([Broken(), Word()], "The budget.", "story.txt")
    assert [d.code for d in result.diagnostics] == ["XE001"]
    assert result.errors == ["story.txt: rule XE005 (broken) failed: KeyError: 'boom'"]


def test_span_outside_the_document_is_a_rule_error() -> None:
    class Wild(Rule):
        code, name, category, summary = "XE006", "wild", Category.STYLE, "s"
        scope = Scope.DOCUMENT

        def check(self, unit: Document, ctx: RuleContext) -> None:
            ctx.report(0, len(unit.text) + 5, "too far")

    result = lint([Wild()], "Short.")
    assert result.diagnostics == []
    assert "reported span 0..11 outside the document" in result.errors[0]


def test_shared_state_and_file_data() -> None:
    class Writer(Rule):
        code, name, category, summary = "XE007", "writer", Category.STYLE, "s"
        scope = Scope.DOCUMENT

        def check(self, unit: Document, ctx: RuleContext) -> None:
            ctx.shared["count"] = ctx.shared.get("count", 0) + 1
            ctx.file_data["people"] = [{"name": "A"}]

    class Reader(Writer):
        code, name = "XE008", "reader"

        def check(self, unit: Document, ctx: RuleContext) -> None:
            ctx.file_data["seen"] = ctx.shared["count"]

    result = lint([Writer(), Reader()], "Text.")
    assert result.file_data == {"people": [{"name": "A"}], "seen": 1}


def test_options_and_unknown_options() -> None:
    class WithOptions(Word):
        option_defaults: ClassVar[dict[str, Any]] = {"window": 3}

    assert WithOptions().options == {"window": 3}
    assert WithOptions({"window": 5}).options == {"window": 5}
    with pytest.raises(ValueError, match="has no option"):
        WithOptions({"size": 1})


def test_headline_blocks_in_html() -> None:
    class HeadOnly(Word):
        blocks = frozenset({BlockKind.HEADLINE})

    source = "<h1>Budget passes</h1><p>The budget passed.</p>"
    result = lint([HeadOnly()], source, "a.html")
    assert [d.text for d in result.diagnostics] == ["Budget"]
    assert result.diagnostics[0].span.start == 4
