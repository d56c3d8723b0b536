"""Shared access to the development corpus for the corpus bar tests.

The corpus lives in ``../shared/corpus`` (read-only, research-only: read from
there, never copied here). Its absence fails the test under CI or with
``NEWSLINT_REQUIRE_CORPUS`` set (``scripts/test.sh`` sets it) and skips it
otherwise. :func:`report` runs ``newslint check --output-format json`` the
way users and the corpus scorer do, once per target and options per test
session, since several test files score the same run.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SERIOUS = ("warning", "error")


def corpus_root() -> Path:
    """Return the corpus folder, or fail (CI) or skip (elsewhere) when it is missing."""
    if not (CORPUS / "score.py").is_file():
        required = os.environ.get("CI", "").lower() == "true" or os.environ.get(
            "NEWSLINT_REQUIRE_CORPUS"
        )
        if required:
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip(f"shared corpus missing at {CORPUS}")
    return CORPUS.resolve()


def check_command(*options: str) -> list[str]:
    """Return ``newslint check`` with built-in rules only, no LanguageTool, and ``options``."""
    return [sys.executable, "-m", "newslint", "check", "--isolated", "--no-languagetool", *options]


@cache
def scorer() -> ModuleType:
    """Return the corpus's own ``score.py``, imported from the corpus."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus_root() / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _outdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newslint-corpus-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def report(relative: str, *options: str) -> Path:
    """Lint ``corpus/relative`` (built-in rules, no LanguageTool); return the JSON file.

    Cached for the session: the same target and options are linted once.
    """
    out = _outdir() / f"report-{len(os.listdir(_outdir()))}.json"
    cmd = check_command(*options, "-o", "json", "--output-file", str(out))
    proc = subprocess.run(
        [*cmd, str(corpus_root() / relative)], capture_output=True, text=True, check=False
    )
    assert proc.returncode in (0, 1), proc.stderr
    return out


def load(path: Path) -> dict[str, Any]:
    """Return a JSON report as data."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def findings(
    data: dict[str, Any], category: str | None = None, *, serious: bool = False
) -> list[dict[str, Any]]:
    """Return the report's findings, each with its file name as ``doc``.

    ``category`` keeps one category; ``serious`` keeps warnings and errors only.
    """
    return [
        dict(d, doc=Path(f["path"]).name)
        for f in data["files"]
        for d in f["findings"]
        if (category is None or d.get("category") == category)
        and (not serious or d.get("severity") in SERIOUS)
    ]


def word_count(relative: str) -> int:
    """Return the number of whitespace-separated words of the ``.txt`` files in a folder."""
    folder = corpus_root() / relative
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def gold(relative: str) -> list[dict[str, Any]]:
    """Return the gold items of a corpus folder (its ``gold.jsonl``)."""
    items: list[dict[str, Any]] = scorer().load_gold(str(corpus_root() / relative / "gold.jsonl"))
    return items


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Return True when two items' half-open spans overlap."""
    return bool(a["start"] < b["end"] and b["start"] < a["end"])
