"""The command line collects garbage less often; library callers keep their own policy."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from newslint.gcpolicy import BATCH_THRESHOLDS

_LIBRARY = """
import gc, json
before = gc.get_threshold()
from newslint.api import lint_text
found = lint_text("The the council met on Tuesday.", select=("NL2",), languagetool="off")
print(json.dumps({"before": before, "after": gc.get_threshold(), "found": len(found)}))
"""

_CLI = """
import gc, json, sys
sys.argv = ["newslint", "rules"]
from newslint.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps({"after": gc.get_threshold(), "frozen": gc.get_freeze_count()}))
"""


def _run(code: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_library_use_leaves_the_collector_alone() -> None:
    got = _run(_LIBRARY)
    assert got["found"], "the lint itself ran"
    assert got["after"] == got["before"]
    assert tuple(got["after"]) != BATCH_THRESHOLDS


def test_command_line_collects_less_often_and_freezes_start_up() -> None:
    got = _run(_CLI)
    assert tuple(got["after"]) == BATCH_THRESHOLDS
    assert got["frozen"] > 0
