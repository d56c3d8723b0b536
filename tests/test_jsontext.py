"""The readable JSON writer round-trips any JSON value and lays findings out one per line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newslint.render.jsontext import dumps_readable

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(_VALUES, st.integers(min_value=0, max_value=6))
def test_round_trips(value: Any, flat_depth: int) -> None:
    assert json.loads(dumps_readable(value, flat_depth=flat_depth)) == value


def test_values_below_the_flat_depth_take_one_line() -> None:
    run = {"files": [{"path": "a.txt", "findings": [{"rule": "NL201", "span": [1, 2]}] * 3}]}
    lines = dumps_readable(run, flat_depth=4).splitlines()
    assert lines.count('        {"rule": "NL201", "span": [1, 2]},') == 2
    assert lines.count('        {"rule": "NL201", "span": [1, 2]}') == 1
    assert lines[0] == "{" and lines[-1] == "}"
    assert dumps_readable(run, flat_depth=0) == json.dumps(
        run, ensure_ascii=False, separators=(", ", ": ")
    )
