"""Whether a run needs LanguageTool is decided from the selectors alone.

``session._uses_languagetool`` applies the settings' selectors to the NL8xx
rules without building the rule registry (a fully cached run must not pay for
it). These tests hold it to the registry's own answer for the same settings.
"""

from __future__ import annotations

import pytest

from newslint.config import Settings
from newslint.languagetool.rules import CODES
from newslint.runner import LinterFactory
from newslint.session import _uses_languagetool

CASES: list[dict[str, object]] = [
    {},
    {"select": ("NL2",)},
    {"select": ("NL1", "NL3")},
    {"select": ("NL8",)},
    {"select": ("NL801",)},
    {"select": ("ALL",)},
    {"select": ("languagetool-spelling",)},
    {"ignore": ("NL8",)},
    {"ignore": ("NL801",)},
    {"ignore": ("NL801", "NL802")},
    {"ignore": ("NL",), "extend_select": ("NL802",)},
    {"select": ("NL2",), "extend_select": ("NL8",)},
    {"select": ("NL8",), "ignore": ("NL80",)},
    {"per_file_ignores": (("drafts/*.md", ("NL8",)),)},
    {"per_file_ignores": (("*.txt", ("NL801",)),)},
    {"per_file_ignores": (("*.txt", ("NL801", "NL802")),)},
]


def _registry_answer(factory: LinterFactory, path: str) -> bool:
    return any(rule.code in CODES for rule in factory.selected(path))


@pytest.mark.parametrize("fields", CASES, ids=[repr(c) for c in CASES])
@pytest.mark.parametrize("path", ["story.txt", "drafts/story.md"])
def test_agrees_with_the_registry(fields: dict[str, object], path: str) -> None:
    factory = LinterFactory(Settings(**fields))  # type: ignore[arg-type]
    assert _uses_languagetool(factory, [path]) == _registry_answer(factory, path)


def test_no_registry_is_built() -> None:
    factory = LinterFactory(Settings(select=("NL2",)))
    assert _uses_languagetool(factory, ["story.txt"]) is False
    assert factory._registry is None


def test_both_answers_occur() -> None:
    """The cases above are not all one answer (the comparison would be empty)."""
    answers = {
        _uses_languagetool(LinterFactory(Settings(**c)), ["story.txt"])  # type: ignore[arg-type]
        for c in CASES
    }
    assert answers == {True, False}
