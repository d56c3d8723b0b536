"""Find installed rule plugins (``newslint.rules`` entry points) cheaply.

Kept apart from :mod:`newslint.registry`, which imports the rule machinery:
the result cache names the installed plugins in its fingerprint on every
run, including runs whose every file is cached and that build no rule.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ENTRY_POINT_GROUP = "newslint.rules"
_GROUP_BYTES = ENTRY_POINT_GROUP.encode()


def _may_have_plugins() -> bool:
    """Return False only when no installed distribution can declare ``newslint.rules``.

    ``importlib.metadata`` costs tens of milliseconds to import (it pulls in
    the email package), more than linting an article. Distributions are found
    in ``*.dist-info``/``*.egg-info`` folders on ``sys.path``; if none of their
    ``entry_points.txt`` mentions the group, there is no plugin. Anything this
    scan cannot see (a zip on the path, an egg, a custom distribution finder)
    answers True, and the caller asks ``importlib.metadata``.
    """
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not PathFinder:
            return True
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        if folder.endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            if os.path.isfile(folder):
                return True  # a zip archive
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                    if _GROUP_BYTES in fh.read():
                        return True
            except OSError:
                continue
    return False


def plugin_entry_points() -> list[Any]:
    """Return the installed ``newslint.rules`` entry points.

    Skips importing ``importlib.metadata`` when a cheap scan shows there are
    none (and it is not loaded already, when asking it costs little).
    """
    if "importlib.metadata" not in sys.modules and not _may_have_plugins():
        return []
    from importlib import metadata

    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))
