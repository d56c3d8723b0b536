"""The wheel ships the rule packs, and an installed newslint loads them from itself."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, make_venv, pip_install

pytestmark = pytest.mark.slow

RULES = REPO / "rules"


def test_wheel_contains_every_rules_file(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as zf:
        names = set(zf.namelist())
    expected = {
        "newslint/_rules/" + p.relative_to(RULES).as_posix()
        for p in RULES.rglob("*")
        if p.is_file()
    }
    assert expected, "rules/ is empty"
    assert expected - names == set()
    assert "newslint/_rules/newsroom/pack.toml" in names
    assert "newslint/__init__.py" in names and "newslint/cli.py" in names
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]
    assert not [n for n in names if n.startswith(("tests/", "rules/"))]
    with zipfile.ZipFile(built_wheel) as zf:
        entry_points = zf.read(
            next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        ).decode()
    assert "newslint = newslint.cli:main" in entry_points


def test_installed_wheel_loads_packs_from_the_package(built_wheel: Path, tmp_path: Path) -> None:
    python = make_venv(tmp_path / "venv")
    pip_install(python, str(built_wheel))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    env["NEWSLINT_CACHE_DIR"] = str(tmp_path / "cache")
    work = tmp_path / "work"  # far from the checkout: no rules/ folder nearby
    work.mkdir()

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import newslint, newslint.data; print(newslint.__file__); "
            "print(newslint.data.rules_root())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split("\n")
    site = Path(where[0]).parent
    assert str(tmp_path / "venv") in where[0], where
    assert Path(where[1]) == site / "_rules"

    script = tmp_path / "venv" / "bin" / "newslint"
    listed = subprocess.run(
        [str(script), "rules", "--format", "json"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    rows = {r["code"]: r for r in json.loads(listed.stdout)}
    assert rows["NL420"]["pack"] == "newsroom"
    assert rows["NL002"]["pack"] == "builtin"

    story = work / "story.txt"
    story.write_text("Budget vote\n\nThe council met in order to vote.\n", encoding="utf-8")
    checked = subprocess.run(
        [str(script), "check", "--isolated", "--select", "NL420", "story.txt"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0  # NL420 is info: below the default --fail-on
    assert checked.stdout == "story.txt:3:17: NL420 'in order to' is wordy; use 'to'.\n"
