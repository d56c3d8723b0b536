"""A configuration that names a rule newslint does not have is an error.

``select``, ``ignore`` and ``extend-select`` have always been checked
(``tests/test_hostile.py``); these tests cover the other places a config names
rules: ``per-file-ignores`` values, ``[rules.CODE]`` option tables and
``[severity]`` overrides. Each must end the run with exit code 2 and one
line naming the config file (and line) and the bad code, whether or not the
result cache holds anything, and must accept every registered rule: pack
rules, plugin rules and the LanguageTool rules (NL8xx).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import newslint.registry
from newslint.cli import app
from newslint.config import ConfigError, check_rule_references, resolve_settings
from newslint.diagnostics import Category, Severity
from newslint.rule import Rule
from newslint.runner import LinterFactory
from tests.conftest import Project

BASE = 'rule-paths = ["xtpack"]\nselect = ["XT"]\nstyle = "none"\nlanguagetool = "off"\n'
STORY = "Council backs budget\n\nThey utilise the hall.\n"  # XT002


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", *args])


def configure(project: Project, extra: str, name: str = "newslint.toml") -> Path:
    config = project.root / name
    config.write_text(BASE + extra, encoding="utf-8")
    return config


def assert_config_error(result: Result, config: Path, line: int, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"newslint: error: {config}:{line}: "), message
    assert fragment in message, message


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)


# ------------------------------------------------------------------ unknown codes


@pytest.mark.parametrize(
    ("extra", "line", "fragment"),
    [
        # per-file-ignores values are selectors, like ignore: code, prefix or name.
        (
            '[per-file-ignores]\n"wire/*" = ["XT999"]\n',
            6,
            "per-file-ignores: selector 'XT999' matches no rule",
        ),
        (
            '[per-file-ignores]\n"archive/*" = ["XT002"]\n"wire/*" = ["XT0", "QQ"]\n',
            7,
            "per-file-ignores: selector 'QQ' matches no rule",
        ),
        (
            'per-file-ignores = { "wire/*" = ["no-such-rule"] }\n',
            5,
            "per-file-ignores: selector 'no-such-rule' matches no rule",
        ),
        # [rules.X] options apply to one rule, named by code or name.
        ("[rules.XT999]\nmax = 1\n", 5, "rules: 'XT999' matches no rule"),
        ("[rules.no-such-rule]\nmax = 1\n", 5, "rules: 'no-such-rule' matches no rule"),
        ("[rules.XT00]\nmax = 1\n", 5, "rules: 'XT00' selects more than one rule"),
        # severity overrides apply to one rule, named by its code.
        ('[severity]\nXT002 = "error"\nXT999 = "error"\n', 7, "severity: 'XT999' matches no rule"),
        ('[severity]\nxt999 = "info"\n', 6, "severity: 'XT999' matches no rule"),
        ('[severity]\nXT = "error"\n', 6, "severity: 'XT' selects more than one rule"),
        (
            '[severity]\nplain-words = "error"\n',
            6,
            "severity: 'PLAIN-WORDS' is a rule name; use its code XT002",
        ),
        # NL8xx codes exist, but NL89x does not.
        ('[severity]\nNL899 = "error"\n', 6, "severity: 'NL899' matches no rule"),
    ],
)
def test_unknown_rule_in_config_is_an_error(
    project: Project, extra: str, line: int, fragment: str
) -> None:
    config = configure(project, extra)
    project.write("a.txt", STORY)
    assert_config_error(run("a.txt"), config, line, fragment)


def test_pyproject_tables_are_checked_too(project: Project) -> None:
    (project.root / "newslint.toml").unlink()
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "desk"\n\n[tool.newslint]\n'
        + BASE
        + "\n[tool.newslint.rules.XT002]\n\n[tool.newslint.rules.XT404]\nlimit = 2\n",
        encoding="utf-8",
    )
    project.write("a.txt", STORY)
    assert_config_error(run("a.txt"), pyproject, 12, "rules: 'XT404' matches no rule")


def test_error_names_the_file_that_sets_the_key(project: Project) -> None:
    base = project.root / "base.toml"
    base.write_text('[severity]\nXT002 = "error"\nXT405 = "info"\n', encoding="utf-8")
    (project.root / "newslint.toml").write_text('extend = "base.toml"\n' + BASE, encoding="utf-8")
    project.write("a.txt", STORY)
    assert_config_error(run("a.txt"), base, 3, "severity: 'XT405' matches no rule")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_error_does_not_depend_on_the_cache(project: Project, jobs: str) -> None:
    config = configure(project, '[per-file-ignores]\n"a*.txt" = ["XT404"]\n')
    for name in "abcdef":
        project.write(f"{name}.txt", STORY)
    for _ in range(2):  # the second run would be a full cache hit, were there a first
        result = run("--jobs", jobs, ".")
        assert_config_error(result, config, 6, "selector 'XT404' matches no rule")
    # Fixed, it runs; and once cached, breaking it again is still an error.
    config.write_text(BASE + '[per-file-ignores]\n"a*.txt" = ["XT002"]\n', encoding="utf-8")
    assert run("--jobs", jobs, ".").exit_code == 1
    config.write_text(BASE + '[per-file-ignores]\n"a*.txt" = ["XT0404"]\n', encoding="utf-8")
    assert_config_error(run("--jobs", jobs, "."), config, 6, "'XT0404' matches no rule")


# ------------------------------------------------------------------ known codes


def test_every_kind_of_known_reference_is_accepted(project: Project) -> None:
    configure(
        project,
        '[per-file-ignores]\n"wire/*" = ["XT0", "plain-words", "NL8", "NL801", "all"]\n'
        '"desk/*" = ["XT001"]\n'
        '[severity]\nXT002 = "error"\nnl802 = "info"\n'
        "[rules.XT002]\n[rules.banned-word]\n[rules.NL802]\ncheck_capitalised = true\n",
    )
    project.write("wire/a.txt", STORY)
    project.write("desk/a.txt", STORY)
    result = run("-o", "json", "wire", "desk")
    assert result.exit_code == 1, result.output
    assert result.stderr == ""


class _EntryPoint:
    def __init__(self, obj: Any) -> None:
        self.name = "demo"
        self.value = "newslint_demo:RULES"
        self._obj = obj

    def load(self) -> Any:
        return self._obj


def _plugin_rule() -> type[Rule]:
    return type(
        "Hedge",
        (Rule,),
        {"code": "XP101", "name": "hedge-word", "category": Category.STYLE, "summary": "s"},
    )


def test_plugin_rules_count_as_known(monkeypatch: pytest.MonkeyPatch, xt_pack: Path) -> None:
    overrides = {
        "rule_paths": (str(xt_pack),),
        "style": "none",
        "severity": (("XP101", Severity.ERROR),),
        "rules": (("hedge-word", ()),),
        "per_file_ignores": (("wire/*", ("XP1",)),),
    }
    settings = resolve_settings(None, overrides=overrides, isolated=True)
    with pytest.raises(ConfigError, match="per-file-ignores: selector 'XP1' matches no rule"):
        check_rule_references(settings, LinterFactory(settings).registry)
    monkeypatch.setattr(
        newslint.registry, "plugin_entry_points", lambda: [_EntryPoint((_plugin_rule(),))]
    )
    check_rule_references(settings, LinterFactory(settings).registry)  # no error


def test_settings_without_a_file_say_so_without_a_path(xt_pack: Path) -> None:
    overrides = {"rule_paths": (str(xt_pack),), "style": "none", "rules": (("XT9", ()),)}
    settings = resolve_settings(None, overrides=overrides, isolated=True)
    with pytest.raises(ConfigError) as caught:
        check_rule_references(settings, LinterFactory(settings).registry)
    assert str(caught.value) == "rules: 'XT9' matches no rule"
