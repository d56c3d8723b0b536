"""Bridge between a newslint run and LanguageTool: modes, failures, per-document matches.

A :class:`Backend` is made once per run from newslint's settings
(``languagetool = auto | on | off``, ``languagetool-url``,
``languagetool-language``, ``languagetool-disabled-rules``, ``cache``) and
made *active* for the run with :func:`activate`. The NL8xx rules
(:mod:`newslint.languagetool.rules`) ask the active backend for the matches
of the document they check. Being module state, the active backend is
inherited by forked worker processes, so all files of a run share one server.

Modes:
    off: never start Java; the NL8xx rules report nothing.
    auto: use LanguageTool when installed or configured; otherwise, or when
        it fails, record one warning and go on with the built-in rules.
    on: LanguageTool must work; any failure is a :class:`LanguageToolError`
        (the caller exits 2).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.match import Match
from newslint.languagetool.service import LanguageTool
from newslint.languagetool.settings import CheckSettings

if TYPE_CHECKING:
    from newslint.document import Document

MODES = ("auto", "on", "off")
# Bylines and datelines are names and places: LanguageTool's dictionary
# lacks most of them and its grammar rules have nothing to say.
SKIPPED_BLOCKS = frozenset({"byline", "dateline"})
NOT_INSTALLED = (
    "LanguageTool is not installed, so its grammar and spelling checks (NL8xx) "
    "were skipped: run 'newslint languagetool install'"
)


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """A LanguageTool match placed in a document's prose view."""

    start: int
    end: int
    match: Match


class Backend:
    """LanguageTool for one newslint run, with newslint's failure policy."""

    def __init__(
        self,
        mode: str = "auto",
        *,
        service: LanguageTool | None = None,
        check_settings: CheckSettings | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"languagetool mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.service = service if mode != "off" else None
        self.check_settings = check_settings or CheckSettings.for_newslint()
        self.enabled = mode != "off"
        self.warnings: list[str] = []
        self._drained = 0

    @classmethod
    def from_settings(
        cls,
        settings: Any,
        *,
        service: LanguageTool | None = None,
        use_cache: bool | None = None,
    ) -> Backend:
        """Build the backend from a :class:`newslint.config.Settings`-like object.

        Pass ``service`` to share one server between several config groups of
        a run (their language or disabled rules may differ).
        """
        mode = getattr(settings, "languagetool", "auto")
        if mode == "off":
            return cls("off")
        if service is None:
            cache = getattr(settings, "cache", True) if use_cache is None else use_cache
            url = getattr(settings, "languagetool_url", None)
            service = LanguageTool(url=url, use_cache=cache)
        check = CheckSettings.for_newslint(
            getattr(settings, "languagetool_language", "en-US"),
            disabled_rules=getattr(settings, "languagetool_disabled_rules", ()),
            enabled_rules=getattr(settings, "languagetool_enabled_rules", ()),
        )
        return cls(mode, service=service, check_settings=check)

    # ------------------------------------------------------------ lifecycle

    def prepare(self, *, start: bool = True) -> None:
        """Decide, before any file is linted, whether LanguageTool takes part.

        ``start`` starts the server now; do so before forking workers (they
        may use a running server but never start one). Without it, the
        server starts on the first paragraph that misses the cache.

        Raises:
            LanguageToolError: in ``on`` mode, when LanguageTool is missing or
                fails to start.
        """
        if not self.enabled or self.service is None:
            return
        if not self.service.configured:
            self._fail(LanguageToolError(NOT_INSTALLED))
            return
        if start:
            try:
                self.service.start()
            except LanguageToolError as exc:
                self._fail(exc)

    def close(self) -> None:
        """Stop the server this run started."""
        if self.service is not None:
            self.service.close()

    def drain_warnings(self) -> list[str]:
        """Return the warnings recorded since the last call (in this process).

        A forked worker calls this after each file and hands the result back
        with the file's report, so the parent can print each warning once.
        """
        fresh = self.warnings[self._drained :]
        self._drained = len(self.warnings)
        return fresh

    @property
    def failed(self) -> bool:
        """Return True when LanguageTool was wanted but failed (results lack NL8xx)."""
        return self.mode != "off" and not self.enabled

    def _fail(self, exc: LanguageToolError) -> None:
        """Apply the mode's failure policy: raise (on) or warn once and disable (auto)."""
        if self.mode == "on":
            raise exc
        self.enabled = False
        message = str(exc)
        if message != NOT_INSTALLED:
            message = f"LanguageTool checks (NL8xx) skipped: {message}"
        if message not in self.warnings:
            self.warnings.append(message)

    # ------------------------------------------------------------ checking

    def document_matches(self, doc: Document) -> list[DocumentMatch]:
        """Return LanguageTool's matches for ``doc``'s paragraphs, in prose-view offsets.

        Each paragraph's prose text (markup removed, code and URLs blanked) is
        checked on its own. Returns nothing when disabled or after a failure
        in ``auto`` mode.

        Raises:
            LanguageToolError: in ``on`` mode, on any failure.
        """
        if not self.enabled or self.service is None:
            return []
        paragraphs = [p for p in doc.paragraphs if p.kind.value not in SKIPPED_BLOCKS]
        texts = [doc.text[p.start : p.end] for p in paragraphs]
        before = self.service.stats.unchecked
        try:
            results = self.service.check(texts, self.check_settings)
        except LanguageToolError as exc:
            self._fail(exc)
            return []
        if self.service.stats.unchecked > before:
            message = (
                f"LanguageTool gave up on {self.service.stats.unchecked - before} paragraph(s) "
                f"of {doc.path} (its time limit); they were not checked"
            )
            if self.mode == "on":
                raise LanguageToolError(message)
            self.warnings.append(message)
        found: list[DocumentMatch] = []
        for paragraph, matches in zip(paragraphs, results, strict=True):
            for m in matches:
                found.append(DocumentMatch(paragraph.start + m.start, paragraph.start + m.end, m))
        return found


_ACTIVE: list[Backend] = []


def active_backend() -> Backend | None:
    """Return the backend of the current run, or None (LanguageTool off)."""
    return _ACTIVE[-1] if _ACTIVE else None


@contextlib.contextmanager
def activate(backend: Backend, *, start: bool = True, close: bool = True) -> Iterator[Backend]:
    """Make ``backend`` the run's backend: prepare it, and (``close``) stop it afterwards.

    Raises:
        LanguageToolError: from :meth:`Backend.prepare` in ``on`` mode.
    """
    try:
        backend.prepare(start=start)
    except BaseException:
        if close:
            backend.close()
        raise
    _ACTIVE.append(backend)
    try:
        yield backend
    finally:
        _ACTIVE.remove(backend)
        if close:
            backend.close()
