"""Third-party rules register through the ``newslint.rules`` entry-point group."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import newslint.registry
from newslint.diagnostics import Category
from newslint.registry import RegistryError, plugin_rules
from newslint.rule import Rule
from tests.conftest import make_venv, pip_install

PLUGIN_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "newslint-demo-plugin"
version = "0.1.0"
description = "A tiny newslint plugin written by the test suite."
dependencies = ["newslint"]

[project.entry-points."newslint.rules"]
demo = "newslint_demo:RULES"
single = "newslint_demo:Hedge"

[tool.hatch.build.targets.wheel]
packages = ["newslint_demo"]
"""

PLUGIN_MODULE = '''\
"""Demo newslint plugin: flags words typed in capitals."""

from newslint.diagnostics import Category, Severity
from newslint.rule import Example, Rule, RuleContext, Scope


class ShoutedWord(Rule):
    """Flag a word typed in capitals.

    ## What it flags
    A word of four or more letters in capitals inside running copy.

    ## Why
    Capitals read as shouting.

    ## Example
    The council was FURIOUS.

    ## Use instead
    The council was furious.
    """

    code = "XP001"
    name = "demo-shouted-word"
    category = Category.STYLE
    summary = "Word typed in capitals."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    fixable = True
    examples = (
        Example("The council was FURIOUS.", expect=("FURIOUS",), fixed="The council was furious."),
        Example("The council was furious."),
    )

    def check(self, unit, ctx: RuleContext) -> None:
        for t in unit.words:
            if len(t.text) >= 4 and t.text.isupper():
                low = t.text.lower()
                ctx.report(
                    t.start, t.end, f"'{t.text}' is shouted.",
                    suggestions=[low], fix=ctx.replace(t.start, t.end, low),
                )


class Hedge(Rule):
    """Flag 'arguably'.

    ## What it flags
    The hedge word 'arguably'.

    ## Why
    It commits to nothing.

    ## Example
    It was arguably the best budget.

    ## Use instead
    Say who argues it.
    """

    code = "XP002"
    name = "demo-hedge"
    category = Category.STYLE
    summary = "Hedge word."
    severity = Severity.ERROR
    examples = (Example("It was arguably fine.", expect=("arguably",)), Example("It was fine."))

    def check(self, unit, ctx: RuleContext) -> None:
        for t in unit.words:
            if t.norm == "arguably":
                ctx.report(t.start, t.end, "Hedge.")


RULES = (ShoutedWord,)
'''


@pytest.mark.slow
def test_plugin_installed_in_a_venv_is_listed_and_runs(built_wheel: Path, tmp_path: Path) -> None:
    plugin = tmp_path / "plugin"
    (plugin / "newslint_demo").mkdir(parents=True)
    (plugin / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (plugin / "newslint_demo" / "__init__.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    python = make_venv(tmp_path / "venv")
    pip_install(python, str(built_wheel), str(plugin))

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    env["NEWSLINT_CACHE_DIR"] = str(tmp_path / "cache")
    work = tmp_path / "work"
    work.mkdir()
    script = str(tmp_path / "venv" / "bin" / "newslint")

    def newslint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script, *args], cwd=work, env=env, capture_output=True, text=True, timeout=60
        )

    listed = newslint("rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["code"]: r for r in json.loads(listed.stdout)}
    assert rows["XP001"]["name"] == "demo-shouted-word"
    assert rows["XP001"]["pack"] == "plugin:newslint_demo"
    assert rows["XP002"]["severity"] == "error"
    table = newslint("rules").stdout
    assert any(
        line.startswith("XP001") and "plugin:newslint_demo" in line for line in table.splitlines()
    )

    story = work / "story.txt"
    story.write_text("Budget\n\nThe council was FURIOUS. It was arguably late.\n", encoding="utf-8")
    checked = newslint("check", "--isolated", "--select", "XP", "story.txt")
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines() == [
        "story.txt:3:17: XP001 [*] 'FURIOUS' is shouted. (did you mean 'furious'?)",
        "story.txt:3:33: XP002 Hedge.",
    ]
    explained = newslint("explain", "demo-shouted-word")
    assert explained.returncode == 0
    assert "**What it flags.** A word of four or more letters" in explained.stdout
    fixed = newslint("check", "--isolated", "--select", "XP001", "--fix", "story.txt")
    assert fixed.returncode == 0
    assert story.read_text(encoding="utf-8").endswith(
        "The council was furious. It was arguably late.\n"
    )

    examples = subprocess.run(
        [
            str(python),
            "-c",
            "from newslint_demo import ShoutedWord, Hedge\n"
            "from newslint.testing import run_examples\n"
            "run_examples(ShoutedWord); run_examples(Hedge); print('ok')",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert examples.stdout == "ok\n", examples.stderr


# ------------------------------------------------------------------ in-process


class _EP:
    """A stand-in for an ``importlib.metadata.EntryPoint``."""

    def __init__(self, name: str, value: str, obj: Any) -> None:
        self.name = name
        self.value = value
        self._obj = obj

    def load(self) -> Any:
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


def _fake(code: str, name: str) -> type[Rule]:
    return type(
        name.title().replace("-", ""),
        (Rule,),
        {"code": code, "name": name, "category": Category.STYLE, "summary": "s"},
    )


def _patch(monkeypatch: pytest.MonkeyPatch, *eps: _EP) -> None:
    def entry_points(group: str) -> list[_EP]:
        assert group == "newslint.rules"
        return list(eps)

    monkeypatch.setattr(newslint.registry.metadata, "entry_points", entry_points)


def test_plugin_rules_accepts_a_class_or_a_sequence(monkeypatch: pytest.MonkeyPatch) -> None:
    one, two, three = _fake("XQ001", "q-one"), _fake("XQ002", "q-two"), _fake("XQ003", "q-three")
    _patch(monkeypatch, _EP("a", "pkg_a:RULES", (one, two)), _EP("b", "pkg_b.mod:Three", three))
    found = plugin_rules()
    assert found == [one, two, three]
    assert [r.pack for r in found] == ["plugin:pkg_a", "plugin:pkg_a", "plugin:pkg_b.mod"]


def test_broken_plugin_is_a_registry_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _patch(monkeypatch, _EP("bad", "pkg:RULES", ImportError("no module named pkg")))
    with pytest.raises(RegistryError, match="plugin entry point 'bad' failed to load"):
        plugin_rules()


def test_non_rule_entry_point_is_a_registry_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _patch(monkeypatch, _EP("odd", "pkg:thing", object()))
    with pytest.raises(RegistryError, match="'odd' is not a newslint Rule"):
        plugin_rules()
