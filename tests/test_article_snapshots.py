"""Article snapshots: realistic stories linted with the default rule set.

Every story in ``tests/fixtures/articles/`` (``.txt``, ``.md``, ``.html``) is
checked the way a desk would run newslint in CI::

    newslint check --no-languagetool --isolated --no-cache -o concise [--date D] story

and the output must equal ``<slug>.expected`` next to it, byte for byte. One
story is also rendered in the ``full`` format, so that caret alignment (after
an emoji, on long lines) is under test.

The stories were written for newslint (wire copy, Markdown with front matter,
HTML with entities, CRLF line endings, an emoji); some carry planted errors,
some are clean. Every line of an ``.expected`` file is a finding an editor
should agree with; a line that is not is a false positive to fix in the rule,
not in the snapshot.

Regenerate after a deliberate change, then review the diff line by line::

    NEWSLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_article_snapshots.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newslint.cli import app
from newslint.config import resolve_settings
from newslint.document.formats.frontmatter import split_front_matter
from newslint.render.full import render_full
from newslint.runner import lint_paths

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SUFFIXES = (".txt", ".md", ".html")
UPDATE = os.environ.get("NEWSLINT_UPDATE_SNAPSHOTS") == "1"

# The story date of each article that does not carry one in front matter.
# Without it the date checks would fall back to the file's modification time
# and the snapshot would depend on when the repository was checked out.
STORY_DATES = {
    "ap-senate-spending.txt": "2025-03-05",
    "courts-bribery-sentence.txt": "2025-04-16",
    "obituary-ruth-ellison.txt": "2025-02-07",
    "sports-avalanche-wild.txt": "2025-04-22",
    "storm-marisol-clean.txt": "2025-09-23",
    "tech-cat-app-emoji.txt": "2025-11-18",
    "transit-derailment-wrapped.txt": "2024-12-02",
    "world-riyadh-forum.html": "2025-10-28",
}
# Stories written to be clean: the default rules must find nothing in them.
CLEAN = ("health-measles-clean.md", "obituary-ruth-ellison.txt", "storm-marisol-clean.txt")
FULL_SNAPSHOT = "tech-cat-app-emoji.txt"


def _articles() -> list[str]:
    return sorted(p.name for p in ARTICLES.iterdir() if p.suffix in SUFFIXES)


def _compare(actual: str, expected_path: Path) -> None:
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected_path.exists(), (
        f"{expected_path.name} is missing; create it with NEWSLINT_UPDATE_SNAPSHOTS=1 "
        "and review every line"
    )
    expected = expected_path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"output differs from {expected_path.name}; if the change is intended, regenerate "
        "with NEWSLINT_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def _date_args(name: str) -> list[str]:
    date = STORY_DATES.get(name)
    return ["--date", date] if date else []


def test_there_are_enough_articles() -> None:
    names = _articles()
    assert len(names) >= 10
    assert {Path(n).suffix for n in names} == set(SUFFIXES)


@pytest.mark.parametrize("name", _articles())
def test_every_article_has_a_story_date(name: str) -> None:
    """A story with no fixed date would be linted against its file's mtime."""
    source = (ARTICLES / name).read_text(encoding="utf-8")
    _, metadata = split_front_matter(source) if name.endswith(".md") else (0, {})
    assert name in STORY_DATES or "date" in metadata, f"{name}: add it to STORY_DATES"


@pytest.mark.parametrize("name", _articles())
def test_concise_snapshot(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ARTICLES)
    args = ["check", "--no-languagetool", "--isolated", "--no-cache", "-o", "concise"]
    result = CliRunner().invoke(app, [*args, "-j", "1", *_date_args(name), name])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == "", result.stderr
    _compare(result.stdout, ARTICLES / f"{Path(name).stem}.expected")


@pytest.mark.parametrize("name", CLEAN)
def test_clean_articles_have_no_findings(name: str) -> None:
    expected = (ARTICLES / f"{Path(name).stem}.expected").read_text(encoding="utf-8")
    assert expected == ""


def test_full_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ARTICLES)
    overrides: dict[str, Any] = {"languagetool": "off", "cache": False}
    date = STORY_DATES.get(FULL_SNAPSHOT)
    if date:
        overrides["date"] = dt.date.fromisoformat(date)
    settings = resolve_settings(None, overrides=overrides, isolated=True)
    run = lint_paths([FULL_SNAPSHOT], settings)
    assert run.diagnostics, "the full snapshot needs a story with findings"
    _compare(render_full(run, color=False, width=100), ARTICLES / "full-render.expected")


def test_expected_files_belong_to_articles() -> None:
    """No stale snapshot is left behind when an article is renamed or removed."""
    stems = {Path(n).stem for n in _articles()} | {"full-render"}
    stale = [p.name for p in ARTICLES.glob("*.expected") if p.stem not in stems]
    assert stale == []
