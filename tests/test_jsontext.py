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


def _reference(value: Any, depth: int, flat_depth: int) -> str:
    """The layout spelled out plainly: indented containers above ``flat_depth``."""
    if depth >= flat_depth or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        items = [
            json.dumps(str(k), ensure_ascii=False) + ": " + _reference(v, depth + 1, flat_depth)
            for k, v in value.items()
        ]
        return "{" + pad + ("," + pad).join(items) + "\n" + "  " * depth + "}"
    items = [_reference(v, depth + 1, flat_depth) for v in value]
    return "[" + pad + ("," + pad).join(items) + "\n" + "  " * depth + "]"


@given(_VALUES, st.integers(min_value=0, max_value=6))
def test_layout_is_exactly_the_documented_one(value: Any, flat_depth: int) -> None:
    assert dumps_readable(value, flat_depth=flat_depth) == _reference(value, 0, flat_depth)


def test_encoder_keeps_its_checks() -> None:
    loop: list[Any] = []
    loop.append(loop)
    try:
        dumps_readable({"a": [loop]}, flat_depth=1)
    except ValueError as exc:
        assert "Circular reference" in str(exc)
    else:
        raise AssertionError("a circular value was written")
    assert dumps_readable({"a": [float("inf")]}, flat_depth=1) == '{\n  "a": [Infinity]\n}'
