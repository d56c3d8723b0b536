"""The pre-commit hook, installed from this checkout with the real ``pre-commit`` tool.

A temporary git repository gets an article and a ``.pre-commit-config.yaml``
with ``repo: local`` hooks that run this checkout's newslint (``language:
system``, so no network is needed to build a hook environment); a clean
article commits, one with a doubled word is blocked with the message shown.
The hook definitions themselves are read from ``.pre-commit-hooks.yaml`` so
the test breaks if that file drifts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
NEWSLINT = Path(sys.executable).parent / "newslint"

pytestmark = pytest.mark.slow


def _hooks() -> list[dict[str, object]]:
    import yaml  # pre-commit depends on PyYAML

    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Desk",
        "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "Desk",
        "GIT_COMMITTER_EMAIL": "desk@example.org",
        "PRE_COMMIT_HOME": str(repo.parent / "pc-home"),
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check
    )


def test_hook_file_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in _hooks()}
    assert set(hooks) == {"newslint", "newslint-languagetool"}
    for hook in hooks.values():
        assert hook["types_or"] == ["markdown", "plain-text", "html"]
        assert str(hook["entry"]).startswith("newslint check")
    assert hooks["newslint-languagetool"]["require_serial"] is True
    assert "--no-languagetool" in str(hooks["newslint"]["entry"])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit test")
    assert PRE_COMMIT.exists(), "pre-commit is not installed (pip install '.[test]')"
    repo = tmp_path / "desk"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    hook = next(h for h in _hooks() if h["id"] == "newslint")
    entry = str(hook["entry"]).replace("newslint", str(NEWSLINT), 1)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        f"      - id: {hook['id']}\n"
        f"        name: {hook['name']}\n"
        f"        entry: {entry} --isolated --select NL201\n"
        "        language: system\n"
        "        types_or: [markdown, plain-text, html]\n",
        encoding="utf-8",
    )
    _git(repo, "add", ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def test_clean_article_commits(repo: Path) -> None:
    (repo / "story.md").write_text(
        "# Budget\n\nThe council approved the budget.\n", encoding="utf-8"
    )
    _git(repo, "add", "story.md")
    result = _git(repo, "commit", "-q", "-m", "clean story", check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_doubled_word_blocks_commit(repo: Path) -> None:
    (repo / "story.md").write_text(
        "# Budget\n\nThe council approved the the budget.\n", encoding="utf-8"
    )
    _git(repo, "add", "story.md")
    result = _git(repo, "commit", "-q", "-m", "bad story", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "NL201" in output and "story.md:3:" in output
    log = _git(repo, "log", "--oneline", check=False)
    assert "bad story" not in log.stdout
