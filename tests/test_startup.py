"""Start-up stays lean: a run imports and loads only what its rules and output need.

Each test runs the real CLI in a fresh interpreter and inspects ``sys.modules``
and the data loaders afterwards. Nothing here measures time (too noisy on a
shared machine); what is asserted is the mechanism that keeps start-up fast:
heavy modules and data tables are loaded only when the selected rules or the
chosen output format use them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

STORY = """\
Council approves budget for the new library

The the council voted on Tuesday to approve a budget for the library on Elm Street.

Members said the plan would keep property taxes flat for another year, and the mayor
said construction could begin in the spring.

"We have waited a long time for this," said Ana Ruiz, who chairs the library board.
"""

# Runs the CLI like the console script, then reports what the process loaded.
DRIVER = """\
import json, os, sys

import newslint.data

tables = []
_load_data = newslint.data.load_data


def recording_load_data(relative):
    tables.append(relative)
    return _load_data(relative)


# Rule modules import load_data by name, so patch it before they are imported.
newslint.data.load_data = recording_load_data
from newslint.cli import main

sys.argv = ["newslint", *sys.argv[1:]]
code = None
try:
    main()
except SystemExit as exc:
    code = exc.code
lines = sys.modules.get("newslint.boilerplate.lines")
kb = sys.modules.get("newslint.facts.kb")
report = {
    "exit": code,
    "modules": sorted(sys.modules),
    "residue_compiled": bool(lines and lines.residue_data.cache_info().currsize),
    "facts_loaded": bool(kb and kb._load_cached.cache_info().currsize),
    "tables": sorted(set(tables)),
}
with open(os.environ["NEWSLINT_TEST_REPORT"], "w", encoding="utf-8") as fh:
    json.dump(report, fh)
"""

# Imported only by rules or outputs that need them.
HEAVY_FOR_REPETITION = (
    "rich",  # the full (terminal) renderer only
    "importlib.metadata",  # plugin discovery, skipped when no plugin is installed
    "markdown_it",  # Markdown input only
    "newslint.languagetool.backend",  # the LanguageTool tier
    "http.client",
    "newslint.boilerplate",  # NL6xx
    "newslint.facts.loader",  # NL5xx fact tables (read on a data-cache miss)
    "wordfreq",  # typo engine data
    "symspellpy",
)


def run_cli(tmp_path: Path, *args: str) -> dict[str, Any]:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    report = tmp_path / "report.json"
    # The session's cache folder (conftest): built data is shared between tests.
    env = {**os.environ, "NEWSLINT_TEST_REPORT": str(report), "NO_COLOR": "1"}
    env.pop("NEWSLINT_NO_DATA_CACHE", None)
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.exists(), proc.stderr
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    result["stdout"] = proc.stdout
    return result


def test_repetition_check_loads_no_other_rules_data(tmp_path: Path) -> None:
    args = ("check", "story.txt", "--select", "NL2", "--no-languagetool", "--no-cache")
    for _ in range(2):  # the second run reads every table from the data cache
        result = run_cli(tmp_path, *args, "--output-format", "concise")
        assert result["exit"] == 1, result["stdout"]
        assert "NL201" in result["stdout"]  # the run really linted
        loaded = [m for m in HEAVY_FOR_REPETITION if m in result["modules"]]
        assert loaded == []
        assert not result["residue_compiled"]
        assert not result["facts_loaded"]
        # Tables of other areas stay unread (attribution, people, style, boilerplate).
        assert [t for t in result["tables"] if "repetition" not in t] == []


def test_default_check_renders_concise_without_rich(tmp_path: Path) -> None:
    args = ("check", "story.txt", "--no-languagetool", "--no-cache", "-o", "concise")
    run_cli(tmp_path, *args)  # fills the data cache
    result = run_cli(tmp_path, *args)
    assert result["exit"] == 1
    assert "NL201" in result["stdout"]
    # With the data cache warm, no rule needs its source libraries either.
    for module in ("rich", "importlib.metadata", "markdown_it", "wordfreq", "symspellpy"):
        assert module not in result["modules"], module
    # All built-in rules ran, so their data was loaded (from the data cache).
    assert result["residue_compiled"]
    assert result["facts_loaded"]
    assert "data/boilerplate.toml" in result["tables"]  # the recorder sees every table


def test_full_output_imports_rich(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, "check", "story.txt", "--select", "NL2", "--no-languagetool", "-o", "full"
    )
    assert result["exit"] == 1
    assert "rich" in result["modules"]


def test_version_imports_no_linting_machinery(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert result["exit"] == 0
    assert result["stdout"].startswith("newslint ")
    for module in ("newslint.runner", "newslint.checks", "newslint.packs", "regex", "rich"):
        assert module not in result["modules"], module
    assert result["tables"] == []


# What replaying a fully cached run must not import: it builds no rule and
# reads no document.
LINTING_MACHINERY = (
    "newslint.engine",
    "newslint.checks",
    "newslint.registry",
    "newslint.packs",
    "newslint.document",
    "newslint.chunking",
    "regex",
    "tomllib",  # with --isolated no config file is read
    "tempfile",  # nothing is written
    "typer",  # newslint.quickargs reads the command line
)


def test_cached_run_imports_no_linting_machinery(tmp_path: Path) -> None:
    args = ("check", "story.txt", "--no-languagetool", "--isolated", "-o", "json")
    first = run_cli(tmp_path, *args)
    assert first["exit"] == 1
    assert "newslint.engine" in first["modules"]  # the first run lints
    cached = run_cli(tmp_path, *args)
    assert cached["exit"] == 1
    assert cached["stdout"] == first["stdout"]
    assert [m for m in LINTING_MACHINERY if m in cached["modules"]] == []
