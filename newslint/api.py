"""Library API: lint a string with the same path the CLI takes."""

from __future__ import annotations

from typing import Any

from newslint.config import Settings, resolve_settings
from newslint.diagnostics import Diagnostic
from newslint.runner import LinterFactory, lint_source


def lint_text(text: str, path: str = "<string>", **overrides: Any) -> list[Diagnostic]:
    """Lint ``text`` as if it were the file ``path`` (its extension picks the format).

    Keyword arguments override settings fields (``select=("NL2",)``,
    ``style="none"`` ...); no config file is read.
    """
    settings: Settings = resolve_settings(None, overrides=overrides, isolated=True)
    report = lint_source(text, path, LinterFactory(settings))
    return report.diagnostics
