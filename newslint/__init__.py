"""newslint: a fact-checking and copy-editing linter for English news text.

The public library API is deliberately small: :func:`lint_text` lints one string
and returns findings; everything else is reachable through the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newslint.diagnostics import Diagnostic


def lint_text(text: str, path: str = "<string>", **settings: Any) -> list[Diagnostic]:
    """Lint one article given as a string and return its findings.

    Imported lazily so that ``import newslint`` stays cheap for the CLI.
    """
    from newslint.api import lint_text as _lint_text

    return _lint_text(text, path, **settings)


__all__ = ["__version__", "lint_text"]
