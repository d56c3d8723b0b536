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
