"""The AP style pack (NL4xx): profiles, overrides, helpers and quotation handling.

Per-rule behaviour is in ``tests/fixtures/rules/NL4*.toml``; this file tests
what fixtures cannot: switching profiles, a newsroom pack that extends AP,
and the helpers the rules share.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checks import style
from newslint.config import resolve_settings
from newslint.runner import LinterFactory, lint_source

AP_PYTHON_CODES = {r.code for r in style.RULES}


def _codes(style_name: str, rule_paths: tuple[str, ...] = ()) -> set[str]:
    settings = resolve_settings(
        None,
        overrides={"style": style_name, "rule_paths": rule_paths, "cache": False},
        isolated=True,
    )
    return {r.code for r in LinterFactory(settings).registry.rules}


def _lint(text: str, **overrides: object) -> list[tuple[str, str]]:
    settings = resolve_settings(
        None, overrides={"cache": False, "languagetool": "off", **overrides}, isolated=True
    )
    report = lint_source(text, "story.txt", LinterFactory(settings))
    assert report.error is None, report.error
    return [(d.code, d.text) for d in report.diagnostics if d.code.startswith("NL4")]


# ------------------------------------------------------------------ profiles


def test_ap_is_the_default_profile() -> None:
    settings = resolve_settings(None, overrides={"cache": False}, isolated=True)
    assert settings.style == "ap"
    codes = {r.code for r in LinterFactory(settings).registry.rules}
    assert codes >= AP_PYTHON_CODES
    assert "NL430" in codes  # the TOML half of the pack


def test_none_drops_the_stylebook_but_keeps_newsroom_usage() -> None:
    codes = _codes("none")
    assert not AP_PYTHON_CODES & codes
    assert "NL430" not in codes
    # Usage rules hold whatever the stylebook.
    assert {"NL421", "NL422", "NL423", "NL424"} <= codes


def test_reuters_extends_ap_minus_weekday_and_headline_rules() -> None:
    codes = _codes("reuters")
    assert "NL404" not in codes and "NL412" not in codes
    assert {"NL401", "NL402", "NL411", "NL430"} <= codes


def test_british_extends_ap_minus_the_american_conventions() -> None:
    codes = _codes("british")
    dropped = {"NL404", "NL405", "NL407", "NL411", "NL430", "NL435", "NL436", "NL438", "NL701"}
    assert not dropped & codes
    assert {"NL401", "NL408", "NL409", "NL433", "NL439", "NL441", "NL443"} <= codes


BRITISH_STORY = (
    "Council backs harbour plan\n\n"
    'Mr Patel told staff on Monday that the US firm\'s recently-agreed deal was "good".\n'
)


def test_british_copy_keeps_its_conventions_and_the_shared_rules() -> None:
    assert _lint(BRITISH_STORY, style="british") == [("NL401", "recently-agreed")]
    ap = _lint(BRITISH_STORY)
    assert {"NL404", "NL411", "NL435", "NL436"} <= {code for code, _ in ap}


STORY = (
    "U.S. sends flood aid to Mozambique\n\n"
    "An official told staff on Monday that the hastily-drafted plan would go ahead.\n"
)


def test_profiles_change_findings() -> None:
    ap = _lint(STORY)
    assert ("NL412", "U.S.") in ap and ("NL404", "on Monday") in ap
    assert ("NL401", "hastily-drafted") in ap
    reuters = _lint(STORY, style="reuters")
    assert reuters == [("NL401", "hastily-drafted")]
    assert _lint(STORY, style="none") == []


# ------------------------------------------------------------------ newsroom override


HOUSE_SPELLING = """
code = "NL430"
kind = "substitution"
category = "style"
severity = "warning"
summary = "House spellings."
message = "House style: '{replacement}'."
fix = "safe"
ignore_case = false
[swap]
"towards" = "to"
[[examples.invalid]]
text = "She walked towards it."
expect = ["towards"]
[[examples.valid]]
text = "She walked to it."
"""

HOUSE_WEEKDAY = """
code = "NL404"
kind = "existence"
category = "style"
severity = "error"
summary = "House rule replacing the AP weekday rule."
message = "House style bans '{match}'."
tokens = ["this coming"]
[[examples.invalid]]
text = "They meet this coming Tuesday."
expect = ["this coming"]
[[examples.valid]]
text = "They meet Tuesday."
"""


@pytest.fixture
def house_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'name = "house"\nprofile = true\nextends = "ap"\ndisable = ["ly-hyphen", "NL411"]\n',
        encoding="utf-8",
    )
    (folder / "house-spelling.toml").write_text(HOUSE_SPELLING, encoding="utf-8")
    (folder / "house-weekday.toml").write_text(HOUSE_WEEKDAY, encoding="utf-8")
    return folder


def test_newsroom_profile_disables_and_overrides_single_rules(house_pack: Path) -> None:
    text = (
        "The hastily-drafted plan went towards the US board, "
        "which meets this coming Tuesday and told reporters on Monday it agreed.\n"
    )
    found = _lint(text, style="house", rule_paths=(str(house_pack),))
    codes = {c for c, _ in found}
    # Disabled by name (a Python rule) and by code.
    assert "NL401" not in codes and "NL411" not in codes
    # Same-code overrides: the house TOML replaces AP's TOML rule and AP's Python rule.
    assert ("NL430", "towards") in found
    assert ("NL404", "this coming") in found
    assert ("NL404", "on Monday") not in found
    # Everything else from AP still runs.
    assert _codes("house", (str(house_pack),)) >= AP_PYTHON_CODES - {"NL401", "NL411", "NL404"}


def test_override_severity_and_message_come_from_the_house_file(house_pack: Path) -> None:
    settings = resolve_settings(
        None,
        overrides={"style": "house", "rule_paths": (str(house_pack),), "cache": False},
        isolated=True,
    )
    report = lint_source("She walked towards it.\n", "a.txt", LinterFactory(settings))
    (d,) = [d for d in report.diagnostics if d.code == "NL430"]
    assert d.severity.label == "warning" and d.message == "House style: 'to'."


# ------------------------------------------------------------------ quotations


def test_style_rules_skip_direct_quotations() -> None:
    quoted = (
        '"The hastily-drafted plan blamed the west for sanctions, so we sought membership '
        'into the league and met staff on Friday," she said.\n'
    )
    assert _lint(quoted) == []
    unquoted = quoted.replace('"', "")
    found = {c for c, _ in _lint(unquoted)}
    assert {"NL401", "NL402", "NL404", "NL421"} <= found


# ------------------------------------------------------------------ helpers


@pytest.mark.parametrize(
    ("value", "words"),
    [(1, "one"), (9, "nine"), (13, "thirteen"), (40, "forty"), (59, "fifty-nine")],
)
def test_spell_and_parse_numbers(value: int, words: str) -> None:
    assert style.spell_number(value) == words
    assert style.parse_number_word(words) == value
    assert style.parse_number_word(words.capitalize()) == value


def test_parse_number_word_rejects_non_numbers() -> None:
    assert style.parse_number_word("someone") is None
    assert style.parse_number_word("twenty-ten") is None


@pytest.mark.parametrize(
    ("text", "start", "end", "replacement", "want"),
    [
        ("in Feb. The", 3, 7, "February", "February."),  # period also ended the sentence
        ("in Feb. 2005", 3, 7, "February", "February"),
        ("the UN. Next", 4, 6, "U.N.", "U.N"),  # sentence period supplies the last dot
        ("the UN said", 4, 6, "U.N.", "U.N."),
        ("Flint, Mich., near", 7, 12, "Michigan", "Michigan"),
    ],
)
def test_period_safe(text: str, start: int, end: int, replacement: str, want: str) -> None:
    assert style._period_safe(text, start, end, replacement) == want


def test_data_tables_load_and_are_lower_case_where_matched() -> None:
    data = style.style_data()
    assert "family" in data.not_adverbs and "recently" not in data.not_adverbs
    assert all(w == w.casefold() for w in data.not_adverbs)
    titles = style.title_data()
    assert "president" in titles.formal and "President" in titles.formal
    abbreviations, postal = style.state_data()
    assert abbreviations["Calif."] == "California" and postal["TX"] == "Texas"
