"""YAML or TOML front matter at the top of a Markdown file.

Only flat ``key: value`` pairs are read (title, date, byline, dateline and
similar story metadata); a full YAML parser would be a dependency for four
keys. TOML front matter (``+++``) is parsed with :mod:`tomllib`.
"""

from __future__ import annotations

import tomllib
from typing import Any

import regex

_YAML_RE = regex.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.S)
_TOML_RE = regex.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", regex.S)
_PAIR_RE = regex.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def _yaml_scalar(value: str) -> Any:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(source: str) -> tuple[int, dict[str, Any]]:
    """Return (length of the front matter block, its flat metadata)."""
    m = _YAML_RE.match(source)
    if m:
        meta: dict[str, Any] = {}
        for line in m.group(1).splitlines():
            pair = _PAIR_RE.match(line)
            if pair and pair.group(2):
                meta[pair.group(1).lower()] = _yaml_scalar(pair.group(2))
        return m.end(), meta
    m = _TOML_RE.match(source)
    if m:
        try:
            data = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError:
            data = {}
        meta = {k.lower(): v for k, v in data.items() if not isinstance(v, dict)}
        return m.end(), meta
    return 0, {}
