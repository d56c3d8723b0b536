"""Corpus and end-to-end bars for the NL5xx fact rules (issue 7).

* seed article: the OSCE's name is flagged with "Co-operation" as the fix, and
  no other NL5xx finding is at warning or error;
* a story dated 2025-06-01 naming "NATO Secretary General Jens Stoltenberg"
  gets an error suggesting Mark Rutte; dated 2020-06-01 it gets none;
* clean corpus: fact findings at warning or error <= 0.1 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
CLEAN_PER_1K_MAX = 0.1


def _corpus() -> Path:
    if not (CORPUS / "score.py").is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip(f"shared corpus missing at {CORPUS}")
    return CORPUS.resolve()


def _check(target: Path, out: Path, *extra: str) -> list[dict[str, Any]]:
    cmd = [
        sys.executable, "-m", "newslint", "check", "--isolated", "--no-languagetool",
        "--select", "NL5", "--output-format", "json", "--output-file", str(out), *extra,
        str(target),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    return [dict(d, doc=Path(f["path"]).name) for f in data["files"] for d in f["findings"]]


def _serious(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in findings if d["severity"] in ("warning", "error")]


STORY = "NATO Secretary General Jens Stoltenberg said the alliance would respond.\n"


@pytest.mark.parametrize(("day", "expected"), [("2025-06-01", ["Mark Rutte"]), ("2020-06-01", [])])
def test_stoltenberg_by_story_date(tmp_path: Path, day: str, expected: list[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    found = _serious(_check(story, tmp_path / "out.json", "--date", day))
    assert [d["suggestions"][0] for d in found] == expected
    assert all(d["rule"] == "NL502" and d["severity"] == "error" for d in found)


@pytest.mark.corpus
def test_seed_flags_the_osce_name_only(tmp_path: Path) -> None:
    corpus = _corpus()
    seed = corpus / "dev" / "seed"
    found = _serious(_check(seed / "article.txt", tmp_path / "seed.json"))
    gold = [
        json.loads(line)
        for line in (seed / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    [name] = [g for g in gold if g["kind"] == "official-name"]
    assert len(found) == 1, found
    [d] = found
    assert d["rule"] == "NL501" and d["start"] < name["end"] and name["start"] < d["end"]
    assert "Co-operation" in d["suggestions"][0]


@pytest.mark.corpus
def test_clean_false_positive_rate(tmp_path: Path) -> None:
    corpus = _corpus()
    folder = corpus / "dev" / "clean"
    found = _serious(_check(folder, tmp_path / "clean.json"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    assert words > 100_000
    assert len(found) * 1000 / words <= CLEAN_PER_1K_MAX, found
