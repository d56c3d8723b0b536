"""The benchmark scripts run and report what the README quotes from them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_STORIES = (
    "Council approves budget\n\nThe city council approved a budget of $12 million on "
    'Tuesday, the mayor said. "We are ready," she told reporters.\n',
    "Storm closes roads\n\nHeavy snow closed 14 roads across the county on Monday, "
    "police said. Schools will open late.\n",
)


def _rule_costs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "rule_costs.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_rule_costs_reports_rules_the_document_model_and_the_ap_share(tmp_path: Path) -> None:
    for i, story in enumerate(_STORIES):
        (tmp_path / f"story{i}.txt").write_text(story, encoding="utf-8")
    done = _rule_costs("--runs", "1", "--corpus", str(tmp_path), "--top", "100")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "(2 files," in out
    assert "<document>" in out
    assert re.search(r"^\s+NL101\s+\d+\.\d{3} s", out, re.M), out
    share = re.search(r"AP pack \((\d+) rules\): (\d+\.\d)% of built-in run time", out)
    assert share is not None, out
    assert int(share.group(1)) > 0
    assert 0.0 <= float(share.group(2)) <= 100.0


def test_rule_costs_refuses_a_folder_without_stories(tmp_path: Path) -> None:
    done = _rule_costs("--corpus", str(tmp_path))
    assert done.returncode == 2
    assert str(tmp_path) in done.stderr


def _bench_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_compared_scenarios_run_in_rounds(tmp_path: Path) -> None:
    """One run of each scenario per round, the warm-up round not counted."""
    bench = _bench_module()
    log = tmp_path / "order.log"
    scenarios = [
        (name, ["sh", "-c", f"echo {name} >> {log}"], (0,)) for name in ("first", "second")
    ]
    results = bench.run_interleaved(scenarios, 10, 3, {}, True)
    assert log.read_text().split() == ["first", "second"] * 4
    assert [len(r.seconds) for r in results] == [3, 3]


def test_paired_ratio_is_the_median_of_per_round_ratios() -> None:
    bench = _bench_module()
    slow = bench.Result("slow", 1, [2.0, 4.0, 9.0])
    fast = bench.Result("fast", 1, [1.0, 1.0, 3.0])
    # Per round: 2, 4, 3 -> median 3 (the ratio of medians would be 4 / 1 = 4).
    assert bench.paired_ratio(slow, fast) == 3.0


def test_bench_prints_every_scenario_and_the_ratios(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, story in enumerate(_STORIES):
        (corpus / f"story{i}.txt").write_text(story, encoding="utf-8")
    out_json = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            "--runs", "2", "--corpus", str(corpus), "--json", str(out_json),
            "--skip-languagetool", "--skip-rule-costs", "--no-warmup",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    import json

    rows = {row["name"]: row for row in json.loads(out_json.read_text())}
    for name in ("one-article-cold", "clean-j1", "clean-j1-typo-rules", "clean-cached"):
        assert len(rows[name]["seconds"]) == 2, rows[name]
        assert rows[name]["words_per_second"] > 0
    assert re.search(r"^ratio all cores / j1: \d+\.\d\dx", done.stdout, re.M), done.stdout
    assert re.search(r"^ratio cached / first run: \d+\.\dx faster", done.stdout, re.M)
