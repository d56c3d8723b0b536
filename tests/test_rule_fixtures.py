"""Run every fixture case in ``tests/fixtures/rules/*.toml`` through ``newslint.testing``."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.testing import Case, iter_fixture_cases, run_case

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "rules"
CASES = list(iter_fixture_cases(FIXTURE_DIR))


def test_fixture_folder_has_cases() -> None:
    assert CASES, f"no fixture cases in {FIXTURE_DIR}"
    ids = [c.test_id for c in CASES]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == [], f"duplicate case ids: {duplicates}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.test_id)
def test_fixture_case(case: Case) -> None:
    run_case(case)
