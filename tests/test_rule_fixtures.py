"""Run every fixture case in ``tests/fixtures/rules/*.toml`` through ``newslint.testing``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.testing import BackendUnavailable, Case, iter_fixture_cases, run_case

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "rules"
CASES = list(iter_fixture_cases(FIXTURE_DIR))


def _param(case: Case) -> object:
    """Mark cases that run against the real LanguageTool server."""
    marks = [pytest.mark.languagetool] if case.settings.get("languagetool") == "on" else []
    return pytest.param(case, id=case.test_id, marks=marks)


def test_fixture_folder_has_cases() -> None:
    assert CASES, f"no fixture cases in {FIXTURE_DIR}"
    ids = [c.test_id for c in CASES]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == [], f"duplicate case ids: {duplicates}"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_fixture_case(case: Case) -> None:
    try:
        run_case(case)
    except BackendUnavailable as exc:
        # CI sets NEWSLINT_REQUIRE_LANGUAGETOOL=1: a missing server is a failure there.
        if os.environ.get("NEWSLINT_REQUIRE_LANGUAGETOOL") == "1":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
