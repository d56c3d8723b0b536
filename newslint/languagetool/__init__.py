"""LanguageTool backend: the real LanguageTool server, installed from Maven Central.

newslint's grammar and spelling tier. This package installs a pinned
LanguageTool into the cache folder (:func:`install`), starts and stops one
local server per run or uses a configured one (:class:`LanguageTool`), checks
paragraphs concurrently with a per-paragraph result cache, and returns
:class:`Match` objects whose offsets are Python code points (LanguageTool
counts UTF-16 units). Every failure is a :class:`LanguageToolError`.

Importing this package is cheap: nothing here starts Java or touches the
network until a check or an install is asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

# Public names and the submodule each lives in; imported on first use (PEP 562)
# so that registering the NL8xx rules costs nothing at start-up.
_EXPORTS = {
    "LanguageToolError": "errors",
    "Installation": "installation",
    "find_installation": "installation",
    "install": "installer",
    "Match": "match",
    "Utf16Offsets": "offsets",
    "codepoint_to_utf16": "offsets",
    "utf16_to_codepoint": "offsets",
    "LT_VERSION": "paths",
    "URL_ENV": "paths",
    "LanguageTool": "service",
    "CheckSettings": "settings",
    "default_disabled_rules": "settings",
    "Status": "status",
    "status": "status",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint.languagetool' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"newslint.languagetool.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "LT_VERSION",
    "URL_ENV",
    "CheckSettings",
    "Installation",
    "LanguageTool",
    "LanguageToolError",
    "Match",
    "Status",
    "Utf16Offsets",
    "codepoint_to_utf16",
    "default_disabled_rules",
    "find_installation",
    "install",
    "status",
    "utf16_to_codepoint",
]
