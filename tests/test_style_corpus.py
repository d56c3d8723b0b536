"""Corpus bars for the AP style pack (issue 8), read from ``../shared/corpus``.

* seed: "recently-proposed", "the west", "membership into" and "told reporters
  on Tuesday" are flagged with the right fix; the formal title before a name,
  the title after a name and the city name are not flagged by any NL4 rule;
* seed, fixing: ``newslint check --fix --select NL4`` (safe fixes only) on a
  copy changes exactly the hyphen, the capital and the preposition;
* injected: recall of style/ly-hyphen >= 0.95;
* clean: style findings at warning or error <= 0.35 per 1,000 words;

The speed bar (the AP pack costs at most 30% of built-in run time on
dev/clean) is measured by ``benchmarks/rule_costs.py``, not by a timed test.

The corpus is never copied into the project: tests read it at run time and
fail (not skip) when it is missing on CI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import check_command, corpus_root

pytestmark = pytest.mark.corpus

LY_HYPHEN_RECALL_MIN = 0.95
CLEAN_WARNINGS_PER_1K_MAX = 0.35


_corpus = corpus_root


def _check(paths: list[str], *extra: str) -> dict[str, Any]:
    cmd = check_command("--no-cache", "-o", "json", "--select", "NL4", *extra, *paths)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1) and proc.stdout.strip(), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def _findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for file in data["files"] for f in file.get("findings", [])]


# ------------------------------------------------------------------ seed


def _seed_findings() -> tuple[str, list[dict[str, Any]]]:
    seed = _corpus() / "dev" / "seed" / "article.txt"
    return seed.read_text(encoding="utf-8"), _findings(_check([str(seed)]))


def _at(text: str, phrase: str) -> tuple[int, int]:
    assert text.count(phrase) == 1, f"{phrase!r} should occur once in the seed"
    start = text.index(phrase)
    return start, start + len(phrase)


def _overlapping(findings: list[dict[str, Any]], span: tuple[int, int]) -> list[dict[str, Any]]:
    return [f for f in findings if f["start"] < span[1] and span[0] < f["end"]]


@pytest.mark.parametrize(
    ("phrase", "code", "suggestion", "applicability"),
    [
        ("recently-proposed", "NL401", "recently proposed", "safe"),
        ("blamed the west", "NL402", "West", "safe"),
        ("membership into", "NL421", "membership in", "safe"),
        ("told reporters on Tuesday", "NL404", "Tuesday", "unsafe"),
    ],
)
def test_seed_errors_are_flagged_with_the_right_fix(
    phrase: str, code: str, suggestion: str, applicability: str
) -> None:
    text, findings = _seed_findings()
    hits = [f for f in _overlapping(findings, _at(text, phrase)) if f["rule"] == code]
    assert len(hits) == 1, hits
    assert hits[0]["suggestions"][0] == suggestion
    assert hits[0]["fix"]["applicability"] == applicability


@pytest.mark.parametrize(
    "phrase", ["Russian President Vladimir Putin", "assistant secretary of State", "Kyiv"]
)
def test_seed_correct_style_is_not_flagged(phrase: str) -> None:
    text, findings = _seed_findings()
    start = 0
    while (start := text.find(phrase, start)) >= 0:
        assert _overlapping(findings, (start, start + len(phrase))) == []
        start += len(phrase)


def test_fix_changes_only_the_safe_seed_errors(tmp_path: Path) -> None:
    seed = _corpus() / "dev" / "seed" / "article.txt"
    copy = tmp_path / "article.txt"
    shutil.copyfile(seed, copy)
    cmd = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        "--isolated",
        "--no-languagetool",
        "--no-cache",
        "--fix",
        "--select",
        "NL4",
        str(copy),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    want = seed.read_bytes().decode("utf-8")
    for old, new in [
        ("recently-proposed", "recently proposed"),
        ("blamed the west", "blamed the West"),
        ("membership into", "membership in"),
    ]:
        assert want.count(old) == 1
        want = want.replace(old, new)
    assert copy.read_bytes() == want.encode("utf-8")


# ------------------------------------------------------------------ injected and clean


def test_ly_hyphen_recall_on_injected() -> None:
    folder = _corpus() / "dev" / "injected"
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
    wanted = [g for g in gold if g["kind"] == "ly-hyphen"]
    assert wanted
    data = _check([str(folder)], "--select", "NL401")
    spans: dict[str, list[tuple[int, int]]] = {}
    for file in data["files"]:
        name = Path(file["path"]).name
        spans[name] = [(f["start"], f["end"]) for f in file.get("findings", [])]
    found = sum(
        1
        for g in wanted
        if any(s < g["end"] and g["start"] < e for s, e in spans.get(g["doc"], []))
    )
    assert found / len(wanted) >= LY_HYPHEN_RECALL_MIN, f"{found}/{len(wanted)}"


def test_clean_copy_warning_rate() -> None:
    folder = _corpus() / "dev" / "clean"
    files = sorted(folder.glob("*.txt"))
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    findings = _findings(_check([str(folder)]))
    serious = [f for f in findings if f["severity"] in ("warning", "error")]
    rate = len(serious) * 1000 / words
    assert rate <= CLEAN_WARNINGS_PER_1K_MAX, f"{rate:.3f} per 1k words"
    # The pack does report British house style, as information.
    assert any(f["severity"] == "info" for f in findings)
