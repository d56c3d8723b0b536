"""Corpus and end-to-end bars for the NL5xx fact rules (issue 7).

* seed article: the OSCE's name is flagged with "Co-operation" as the fix and
  the border named for the wrong side of Russia with "western" (NL511), and
  no other NL5xx finding is at warning or error;
* a story dated 2025-06-01 naming "NATO Secretary General Jens Stoltenberg"
  gets an error suggesting Mark Rutte; dated 2020-06-01 it gets none;
* clean corpus: fact findings at warning or error <= 0.1 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import corpus_root

CLEAN_PER_1K_MAX = 0.1


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
def test_seed_fact_findings_are_its_known_fact_errors(tmp_path: Path) -> None:
    """The seed story's fact warnings are its two gold fact errors, and nothing else."""
    seed = corpus_root() / "dev" / "seed"
    found = _serious(_check(seed / "article.txt", tmp_path / "seed.json"))
    gold = [
        json.loads(line)
        for line in (seed / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    facts = {g["kind"]: g for g in gold if g["category"] == "fact"}
    by_rule = {d["rule"]: d for d in found}
    assert sorted(by_rule) == ["NL501", "NL511"], found
    for rule, kind in (("NL501", "official-name"), ("NL511", "geography")):
        d, g = by_rule[rule], facts[kind]
        assert d["start"] < g["end"] and g["start"] < d["end"], (d, g)
    assert "Co-operation" in by_rule["NL501"]["suggestions"][0]
    assert by_rule["NL511"]["suggestions"] == ["western"]


@pytest.mark.corpus
def test_clean_false_positive_rate(tmp_path: Path) -> None:
    corpus = corpus_root()
    folder = corpus / "dev" / "clean"
    found = _serious(_check(folder, tmp_path / "clean.json"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    assert words > 100_000
    assert len(found) * 1000 / words <= CLEAN_PER_1K_MAX, found
