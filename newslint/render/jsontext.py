"""JSON text that people can read and that is fast to write.

``json.dumps(..., indent=2)`` runs the pure-Python encoder: on a corpus-sized
run (thousands of findings) it costs more than reading every cached result.
:func:`dumps_readable` indents the outer structure and writes each value
below ``flat_depth`` on one line with the C encoder: one finding per line,
which reads well in a terminal, diffs well and parses the same.

The C encoder is made once per call and fed each flat value directly:
``JSONEncoder.encode`` would build a new one for every value, which on a
fully cached run cost more than reading the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any

_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))

Encode = Callable[[Any], str]


def _flat_encoder() -> Encode:
    """Return a function writing a value as ``_FLAT.encode`` does (one line, no indent)."""
    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator
        return _FLAT.encode
    # The same arguments JSONEncoder.iterencode passes for _FLAT's options.
    encoder = make(
        {}, _FLAT.default, _encoder.encode_basestring, None, ": ", ", ", False, False, True
    )

    def encode(value: Any) -> str:
        return "".join(encoder(value, 0))

    return encode


def dumps_readable(value: Any, *, flat_depth: int = 4, indent: int = 2) -> str:
    """Return ``value`` as JSON, indented down to ``flat_depth`` and flat below it."""
    parts: list[str] = []
    _write(value, 0, flat_depth, indent, parts, _flat_encoder())
    return "".join(parts)


def _write(
    value: Any, depth: int, flat_depth: int, indent: int, out: list[str], enc: Encode
) -> None:
    if depth >= flat_depth or not isinstance(value, (dict, list)) or not value:
        out.append(enc(value))
        return
    pad = "\n" + " " * (indent * (depth + 1))
    is_dict = isinstance(value, dict)
    out.append("{" if is_dict else "[")
    if depth + 1 >= flat_depth:
        # Every item takes one line: write them in one go.
        sep = "," + pad
        if isinstance(value, dict):
            items = (enc(str(k)) + ": " + enc(v) for k, v in value.items())
        else:
            items = (enc(v) for v in value)
        out.append(pad + sep.join(items))
    else:
        first = True
        pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in pairs:
            out.append(pad if first else "," + pad)
            first = False
            if is_dict:
                out.append(enc(str(key)) + ": ")
            _write(item, depth + 1, flat_depth, indent, out, enc)
    out.append("\n" + " " * (indent * depth) + ("}" if is_dict else "]"))
