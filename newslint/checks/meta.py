"""NL0xx: findings about newslint's own directives.

These rules have no ``check`` logic of their own: the engine emits them after
suppression, because only then is it known which directives were used. They
are registered so that ``newslint rules``, ``explain`` and selection see them.
"""

from __future__ import annotations

from typing import Any

from newslint.diagnostics import Category, Severity
from newslint.rule import Example, Rule, RuleContext, Scope


class _EngineRule(Rule):
    scope = Scope.DOCUMENT
    category = Category.STYLE
    severity = Severity.WARNING

    def check(self, unit: Any, ctx: RuleContext) -> None:
        """Do nothing: the engine reports these."""


class UnusedSuppression(_EngineRule):
    """Flag a suppression comment that silences no finding.

    ## What it flags
    A `<!-- newslint-disable ... -->` (or `-next-line`, `-file`) comment in
    Markdown or HTML that did not suppress any finding in this run.

    ## Why
    Stale suppressions hide the next real error at that spot. Ruff (RUF100)
    and sqlfluff report them for the same reason.

    ## Example
    `<!-- newslint-disable-next-line NL201 -->` above a line with no doubled word.

    ## Use instead
    Delete the comment, or narrow it to the code that still fires.
    """

    code = "NL002"
    name = "unused-suppression"
    summary = "Suppression comment that silences nothing."
    examples = (
        Example(
            "<!-- newslint-disable-next-line NL201 -->\nThe council met.\n",
            expect=("<!-- newslint-disable-next-line NL201 -->",),
            format="md",
        ),
        Example("The council met.\n", format="md"),
    )


class MalformedDirective(_EngineRule):
    """Flag a newslint comment that cannot be understood.

    ## What it flags
    A comment that starts with `newslint` but is not `newslint-disable`,
    `newslint-enable`, `newslint-disable-next-line` or `newslint-disable-file`
    followed by rule codes, or an `enable` with no matching `disable`.

    ## Why
    A directive with a typo silently does nothing; the editor believes a
    finding is suppressed when it is not, or the reverse.

    ## Example
    `<!-- newslint-disable -->` (no codes).

    ## Use instead
    `<!-- newslint-disable NL201 -->` ... `<!-- newslint-enable NL201 -->`.
    """

    code = "NL003"
    name = "malformed-directive"
    summary = "newslint comment that cannot be parsed."
    examples = (
        Example(
            "<!-- newslint-disable -->\nText.\n", expect=("<!-- newslint-disable -->",), format="md"
        ),
        Example("<!-- newslint-disable-file NL2 -->\nThe the text.\n", format="md"),
    )


RULES: tuple[type[Rule], ...] = (UnusedSuppression, MalformedDirective)
