"""Corpus bars for the NL1xx typo rules (issue 3).

Runs ``newslint check --output-format json`` (built-in rules, no LanguageTool)
over the shared dev corpus and scores it with the corpus's own ``score.py``:

* seed: "repaired" is flagged with "prepared" as the first suggestion;
* injected: recall of typo/non-word >= 0.95 and typo/real-word >= 0.75
  (any finding overlapping the span counts, as ``score.py`` counts it);
* clean: typo findings at warning or error <= 0.3 per 1,000 words
  (info-level hints are not counted, as the issue specifies).

The recall of warnings alone is printed too, so that a regression of the
strong tier is visible in the test log. The corpus is read from
``../shared/corpus``; it is never copied here.
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
NON_WORD_RECALL_MIN = 0.95
REAL_WORD_RECALL_MIN = 0.75
CLEAN_PER_1K_MAX = 0.3


def _corpus() -> Path:
    if not (CORPUS / "score.py").is_file():
        if os.environ.get("CI", "").lower() == "true" or os.environ.get("NEWSLINT_REQUIRE_CORPUS"):
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


def _typos(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        dict(d, doc=Path(f["path"]).name)
        for f in data["files"]
        for d in f["findings"]
        if d.get("category") == "typo"
    ]


def test_seed_real_word_slip_is_found_with_the_right_suggestion(tmp_path: Path) -> None:
    corpus = _corpus()
    seed = corpus / "dev" / "seed"
    text = (seed / "article.txt").read_text(encoding="utf-8")
    gold = [
        json.loads(line)
        for line in (seed / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    slips = [g for g in gold if g["category"] == "typo" and g["kind"] == "real-word"]
    assert slips, "the seed gold lists the real-word slip"
    findings = _typos(_check(seed / "article.txt", tmp_path / "seed.json"))
    for g in slips:
        hits = [f for f in findings if f["start"] < g["end"] and g["start"] < f["end"]]
        assert hits, f"seed slip {text[g['start'] : g['end']]!r} not flagged"
        assert hits[0]["suggestions"][:1] == [g["note"]], hits[0]


def test_injected_recall(tmp_path: Path) -> None:
    corpus = _corpus()
    injected = corpus / "dev" / "injected"
    out = tmp_path / "injected.json"
    _check(injected, out)
    scorer = _scorer(corpus)
    gold = [g for g in scorer.load_gold(str(injected / "gold.jsonl")) if g["category"] == "typo"]
    findings = [f for f in scorer.load_findings(str(out)) if f["category"] == "typo"]
    per_kind, _, _, _ = scorer.score(gold, findings, by="kind")
    data = json.loads(out.read_text(encoding="utf-8"))
    warnings = [
        {"doc": Path(f["path"]).name, **d}
        for f in data["files"]
        for d in f["findings"]
        if d.get("category") == "typo" and d.get("severity") in ("warning", "error")
    ]
    strong, _, _, _ = scorer.score(gold, warnings, by="kind")
    for key in sorted(per_kind):
        found, _, total = per_kind[key]
        print(f"{key}: {found}/{total} (warnings only: {strong[key][0]}/{total})")
    found, _, total = per_kind["typo/non-word"]
    assert found / total >= NON_WORD_RECALL_MIN
    found, _, total = per_kind["typo/real-word"]
    assert found / total >= REAL_WORD_RECALL_MIN


def test_clean_false_alarm_rate(tmp_path: Path) -> None:
    corpus = _corpus()
    clean = corpus / "dev" / "clean"
    data = _check(clean, tmp_path / "clean.json")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in clean.glob("*.txt"))
    findings = _typos(data)
    serious = [f for f in findings if f.get("severity") in ("warning", "error")]
    hints = len(findings) - len(serious)
    rate = len(serious) * 1000 / words
    print(f"clean: {len(serious)} warnings ({rate:.3f}/1k words), {hints} info hints")
    assert rate <= CLEAN_PER_1K_MAX, [(f["doc"], f["message"]) for f in serious]
