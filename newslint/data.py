"""Locate and load the data shipped in the top-level ``rules/`` folder.

In a wheel ``rules/`` is installed as ``newslint/_rules`` (hatch
force-include); in a checkout it sits next to the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def rules_root() -> Path:
    """Return the folder holding the bundled rule packs and data."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    if installed.is_dir():
        return installed
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("newslint's rules/ folder is missing: the installation is incomplete")


@lru_cache(maxsize=64)
def load_data(relative: str) -> dict[str, Any]:
    """Load ``rules/<relative>`` (a TOML data table read by a Python rule).

    The parsed table is kept in the data cache (:mod:`newslint.datacache`), so
    a run parses a table only after it changed. The dict is shared by every
    caller in the process: treat it as read-only.
    """
    from newslint.datacache import cached

    path = rules_root() / relative
    return cached(f"data-{relative}", [path], lambda: _parse_toml(path))


def _parse_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with path.open("rb") as fh:
        return tomllib.load(fh)
