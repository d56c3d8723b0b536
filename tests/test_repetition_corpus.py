"""Corpus bars for the NL2xx repetition rules (issue 5).

Runs ``newslint check --output-format json`` (built-in rules, no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: the repeated "on Tuesday" is found, and NL2xx flags nothing else;
* injected: recall of repetition/duplicate-word >= 0.98 and
  repetition/duplicate-phrase >= 0.90;
* clean: repetition findings at warning or error <= 0.05 per 1,000 words.

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
CLEAN_WORDS_PER_1K_MAX = 0.05
WORD_RECALL_MIN = 0.98
PHRASE_RECALL_MIN = 0.90


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


def _check(folder: Path, out: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        "--isolated",
        "--no-languagetool",
        "--output-format",
        "json",
        "--output-file",
        str(out),
        str(folder),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _repetition(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        dict(d, doc=Path(f["path"]).name)
        for f in data["files"]
        for d in f["findings"]
        if d.get("category") == "repetition"
    ]


def test_seed_flags_only_the_repeated_weekday(tmp_path: Path) -> None:
    corpus = _corpus()
    data = _check(corpus / "dev" / "seed" / "article.txt", tmp_path / "seed.json")
    gold = _scorer(corpus).load_gold(corpus / "dev" / "seed" / "gold.jsonl")
    phrase = [g for g in gold if g["kind"] == "duplicate-phrase"]
    assert len(phrase) == 1
    found = [d for d in _repetition(data) if d["rule"].startswith("NL2")]
    assert len(found) == 1, found
    d = found[0]
    assert d["start"] < phrase[0]["end"] and phrase[0]["start"] < d["end"]
    assert d["related"], "the first copy must be given as a related span"
    text = (corpus / "dev" / "seed" / "article.txt").read_text(encoding="utf-8")
    rel = d["related"][0]
    assert rel["start"] < d["start"]
    assert text[rel["start"] : rel["start"] + len(d["text"])].lower() == d["text"].lower()


def test_injected_recall(tmp_path: Path) -> None:
    corpus = _corpus()
    out = tmp_path / "injected.json"
    _check(corpus / "dev" / "injected", out)
    scorer = _scorer(corpus)
    gold = scorer.load_gold(corpus / "dev" / "injected" / "gold.jsonl")
    per_kind, _total, _unmatched, missed = scorer.score(gold, scorer.load_findings(out), by="kind")
    _found, typed, total = per_kind["repetition/duplicate-word"]
    assert total > 0
    assert typed / total >= WORD_RECALL_MIN, [m for m in missed if m["kind"] == "duplicate-word"]
    _found, typed, total = per_kind["repetition/duplicate-phrase"]
    assert total > 0
    assert typed / total >= PHRASE_RECALL_MIN, [
        m for m in missed if m["kind"] == "duplicate-phrase"
    ]


def test_clean_false_positive_rate(tmp_path: Path) -> None:
    corpus = _corpus()
    folder = corpus / "dev" / "clean"
    data = _check(folder, tmp_path / "clean.json")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    assert words > 100_000
    serious = [d for d in _repetition(data) if d["severity"] in ("warning", "error")]
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_WORDS_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
