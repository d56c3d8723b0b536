"""Corpus bars for the NL3xx attribution rules and the people model (issue 6).

Runs ``newslint check --select NL3 --output-format json`` (no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: no NL3xx finding at warning or error, and the JSON ``people`` list
  names the story's three people with their mentions;
* injected: recall of attribution/name-variant >= 0.90;
* clean: attribution findings at warning or error <= 0.3 per 1,000 words.

The corpus is read from ``../shared/corpus``; it is never copied here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
NAME_VARIANT_RECALL_MIN = 0.90
CLEAN_PER_1K_MAX = 0.3


def _corpus() -> Path:
    if not (CORPUS / "score.py").is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip(f"shared corpus missing at {CORPUS}")
    return CORPUS.resolve()


def _scorer(corpus: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check(target: Path, out: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        "--isolated",
        "--no-languagetool",
        "--select",
        "NL3",
        "--output-format",
        "json",
        "--output-file",
        str(out),
        str(target),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _attribution(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        dict(d, doc=Path(f["path"]).name)
        for f in data["files"]
        for d in f["findings"]
        if d.get("category") == "attribution"
    ]


def test_seed_is_consistent_and_lists_its_people(tmp_path: Path) -> None:
    corpus = _corpus()
    path = corpus / "dev" / "seed" / "article.txt"
    text = path.read_text(encoding="utf-8")
    data = _check(path, tmp_path / "seed.json")
    serious = [d for d in _attribution(data) if d["severity"] in ("warning", "error")]
    assert serious == []
    (entry,) = data["files"]
    people = {p["name"]: p for p in entry["people"]}
    # Each person's full name and every name mention, checked against the file text.
    expected = {
        "Karen Donfried": ("Karen Donfried", "Donfried"),
        "Jens Stoltenberg": ("Jens Stoltenberg",),
        "Vladimir Putin": ("Vladimir Putin",),
    }
    for name, forms in expected.items():
        assert name in people, sorted(people)
        mentions = people[name]["mentions"]
        for m in mentions:
            assert text[m["start"] : m["end"]] == m["text"]
            line_start = text.rfind("\n", 0, m["start"]) + 1
            assert m["line"] == text.count("\n", 0, m["start"]) + 1
            assert m["column"] == m["start"] - line_start + 1
        names = [m["text"] for m in mentions if m["kind"] != "pronoun"]
        assert names[0] == forms[0]
        assert set(names) == set(forms)
    # Every surname-only mention of Donfried in the story is found.
    donfried = [m for m in people["Karen Donfried"]["mentions"] if m["kind"] == "surname"]
    assert len(donfried) == text.count("Donfried") - 1
    assert any("secretary of State" in t for t in people["Karen Donfried"]["titles"])
    assert any("President" in t for t in people["Vladimir Putin"]["titles"])


def test_injected_name_variant_recall(tmp_path: Path) -> None:
    corpus = _corpus()
    out = tmp_path / "injected.json"
    _check(corpus / "dev" / "injected", out)
    scorer = _scorer(corpus)
    gold = scorer.load_gold(corpus / "dev" / "injected" / "gold.jsonl")
    per_kind, _total, _unmatched, missed = scorer.score(gold, scorer.load_findings(out), by="kind")
    _found, typed, total = per_kind["attribution/name-variant"]
    assert total > 0
    assert typed / total >= NAME_VARIANT_RECALL_MIN, [
        m for m in missed if m["kind"] == "name-variant"
    ]


def test_clean_false_positive_rate(tmp_path: Path) -> None:
    corpus = _corpus()
    folder = corpus / "dev" / "clean"
    data = _check(folder, tmp_path / "clean.json")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    assert words > 100_000
    serious = [d for d in _attribution(data) if d["severity"] in ("warning", "error")]
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
