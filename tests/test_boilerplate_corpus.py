"""Corpus bars for the NL6xx boilerplate rules (issue 7, residue half).

Runs ``newslint check --select NL6 --output-format json`` (no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: the bulleted error-widget block is flagged as boilerplate, and NL6xx
  flags nothing else at warning or error;
* injected: recall of boilerplate/scrape-residue >= 0.85 counting only
  boilerplate findings ("typed"), and >= 0.80 counting only warnings;
* clean: boilerplate findings at warning or error <= 0.1 per 1,000 words.

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
RECALL_MIN = 0.85
WARNING_RECALL_MIN = 0.80
CLEAN_PER_1K_MAX = 0.1


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
        "NL6",
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


def _findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        dict(d, doc=Path(f["path"]).name)
        for f in data["files"]
        for d in f["findings"]
        if d.get("category") == "boilerplate"
    ]


def _overlaps(d: dict[str, Any], g: dict[str, Any]) -> bool:
    return bool(d["start"] < g["end"] and g["start"] < d["end"])


def test_seed_flags_the_widget_block_and_nothing_else(tmp_path: Path) -> None:
    corpus = _corpus()
    seed = corpus / "dev" / "seed"
    data = _check(seed / "article.txt", tmp_path / "seed.json")
    gold = [
        g for g in _scorer(corpus).load_gold(seed / "gold.jsonl") if g["category"] == "boilerplate"
    ]
    assert len(gold) == 1
    found = _findings(data)
    hits = [d for d in found if _overlaps(d, gold[0])]
    assert hits and all(d["severity"] == "warning" for d in hits), found
    assert hits[0]["fix"] is not None and hits[0]["fix"]["applicability"] == "safe"
    others = [d for d in found if d not in hits and d["severity"] in ("warning", "error")]
    assert others == [], others


def test_injected_recall(tmp_path: Path) -> None:
    corpus = _corpus()
    out = tmp_path / "injected.json"
    _check(corpus / "dev" / "injected", out)
    scorer = _scorer(corpus)
    gold = [
        g
        for g in scorer.load_gold(corpus / "dev" / "injected" / "gold.jsonl")
        if g["kind"] == "scrape-residue"
    ]
    assert len(gold) >= 30
    findings = [f for f in scorer.load_findings(out) if f["category"] == "boilerplate"]
    per_kind, _total, _unmatched, missed = scorer.score(gold, findings, by="kind")
    _found, typed, total = per_kind["boilerplate/scrape-residue"]
    assert typed / total >= RECALL_MIN, missed
    warnings = [
        dict(d, doc=Path(f["path"]).name)
        for f in json.loads(out.read_text(encoding="utf-8"))["files"]
        for d in f["findings"]
        if d["severity"] in ("warning", "error") and d.get("category") == "boilerplate"
    ]
    per_kind, _total, _unmatched, missed = scorer.score(gold, warnings, by="kind")
    _found, typed, total = per_kind["boilerplate/scrape-residue"]
    assert typed / total >= WARNING_RECALL_MIN, missed


def test_clean_false_positive_rate(tmp_path: Path) -> None:
    corpus = _corpus()
    folder = corpus / "dev" / "clean"
    data = _check(folder, tmp_path / "clean.json")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    assert words > 100_000
    serious = [d for d in _findings(data) if d["severity"] in ("warning", "error")]
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_PER_1K_MAX, [(d["doc"], d["rule"], d["text"]) for d in serious]
