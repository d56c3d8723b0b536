"""JSON text that people can read and that is fast to write.

``json.dumps(..., indent=2)`` runs the pure-Python encoder: on a corpus-sized
run (thousands of findings) it costs more than reading every cached result.
:func:`dumps_readable` indents the outer structure and writes each value
below ``flat_depth`` on one line with the C encoder: one finding per line,
which reads well in a terminal, diffs well and parses the same.
"""

from __future__ import annotations

import json
from typing import Any

_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps_readable(value: Any, *, flat_depth: int = 4, indent: int = 2) -> str:
    """Return ``value`` as JSON, indented down to ``flat_depth`` and flat below it."""
    parts: list[str] = []
    _write(value, 0, flat_depth, indent, parts)
    return "".join(parts)


def _write(value: Any, depth: int, flat_depth: int, indent: int, out: list[str]) -> None:
    if depth >= flat_depth or not isinstance(value, (dict, list)) or not value:
        out.append(_FLAT.encode(value))
        return
    pad = "\n" + " " * (indent * (depth + 1))
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    out.append("{" if isinstance(value, dict) else "[")
    first = True
    for key, item in items:
        out.append(pad if first else "," + pad)
        first = False
        if key is not None or isinstance(value, dict):
            out.append(_FLAT.encode(str(key)) + ": ")
        _write(item, depth + 1, flat_depth, indent, out)
    out.append("\n" + " " * (indent * depth) + ("}" if isinstance(value, dict) else "]"))
