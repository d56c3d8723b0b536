"""The one exception type the LanguageTool backend raises.

Every failure (no Java, install failed, server did not start, died mid-run,
timed out, answered garbage) becomes a :class:`LanguageToolError` whose
message is a single line, so that the caller can print it as one warning and
carry on with the built-in rules.
"""

from __future__ import annotations


class LanguageToolError(Exception):
    """LanguageTool could not be installed, started or queried."""

    def __init__(self, message: str) -> None:
        # One line, whatever the cause carried (Java stack traces, HTML pages).
        super().__init__(" ".join(message.split()))
