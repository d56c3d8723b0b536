"""The docs come from the same source as ``newslint rules``: keep them in step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newslint.config import Settings
from newslint.ruledocs import all_rules, render_rules

ROOT = Path(__file__).resolve().parents[1]


def test_rules_md_is_generated_from_the_rules() -> None:
    expected = render_rules(replace(Settings(), style="all"), "markdown")
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/rules.md is stale: run `newslint rules --format markdown --style all > docs/rules.md`"
    )


def test_every_profile_rule_is_documented() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules(replace(Settings(), style="all")):
        assert f"## {rule.code} `{rule.name}`" in text
        docs = rule.docs()
        assert docs.what and docs.why, f"{rule.code} lacks what/why docs"


def test_readme_quick_start_has_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "newslint check examples/" in commands[0]
    assert commands[1].strip() == "./scripts/test.sh"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci
