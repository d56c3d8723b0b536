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


class CheckTimeLimit(LanguageToolError):
    """The server gave up on one text after its time limit; the server itself is fine.

    Not fatal for a run: that text goes unchecked (and uncached), the rest
    carry on. A pathological paragraph, or a machine under heavy load, must
    not switch LanguageTool off for every other article.
    """


class FailedElsewhere(LanguageToolError):
    """Another process of this run already found LanguageTool unusable.

    Raised at once, without a request, in a forked worker once any process of
    the run has failed against the server, so a dead or hung server costs one
    failure per run rather than one per worker.
    """
