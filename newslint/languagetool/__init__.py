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

from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.installation import Installation, find_installation
from newslint.languagetool.installer import install
from newslint.languagetool.match import Match
from newslint.languagetool.offsets import Utf16Offsets, codepoint_to_utf16, utf16_to_codepoint
from newslint.languagetool.paths import LT_VERSION
from newslint.languagetool.service import URL_ENV, LanguageTool
from newslint.languagetool.settings import CheckSettings, default_disabled_rules
from newslint.languagetool.status import Status, status

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
