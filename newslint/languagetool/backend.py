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

Warnings are :class:`BackendWarning` strings with a ``kind``. "LanguageTool
is unusable" is a run-wide event: every worker process that meets a dead
server records its own (often with a different low-level error: connection
reset, remote end closed, refused), so the session prints one line per kind
(:func:`run_wide_warnings`), not one per distinct text.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.languagetool.errors import FailedElsewhere, LanguageToolError
from newslint.languagetool.match import Match
from newslint.languagetool.service import LanguageTool
from newslint.languagetool.settings import DEFAULT_LANGUAGE, CheckSettings, profile_language

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
SKIPPED = "LanguageTool checks (NL8xx) skipped: "
# Kinds of warning. The first two are run-wide: printed once per run, whatever
# the number of worker processes that record them.
UNAVAILABLE = "languagetool-unavailable"
MISSING = "languagetool-not-installed"
TIME_LIMIT = "languagetool-time-limit"
RUN_WIDE = frozenset({UNAVAILABLE, MISSING})


class BackendWarning(str):
    """A warning line that also says what happened, for the session to merge.

    A ``str`` (reports carry warnings as text, and pickle them back from
    worker processes) with ``kind`` (one of the constants above), ``detail``
    (the error, without the "checks skipped" preamble), ``firsthand`` (False
    when this process only learned that another one had failed) and ``at``
    (when it happened, wall clock, comparable across processes).
    """

    kind: str
    detail: str
    firsthand: bool
    at: float

    def __new__(
        cls,
        text: str,
        kind: str,
        detail: str = "",
        firsthand: bool = True,
        at: float | None = None,
    ) -> BackendWarning:
        self = super().__new__(cls, text)
        self.kind = kind
        self.detail = detail or text
        self.firsthand = firsthand
        self.at = time.time() if at is None else at
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (BackendWarning, (str(self), self.kind, self.detail, self.firsthand, self.at))

    @property
    def key(self) -> str:
        """Return what makes two warnings the same: the kind when run-wide, else the text."""
        return self.kind if self.kind in RUN_WIDE else str(self)


def run_wide_warnings(
    warnings: Iterable[str], service: LanguageTool | None = None
) -> dict[str, str]:
    """Return the one line to print for each run-wide warning kind found in ``warnings``.

    "Unavailable": the earliest first-hand failure of any process of the run;
    but when this process started a local server that has since died, its
    death note ("LanguageTool server (pid N) was killed by signal 9 during the
    run"), which forked workers cannot see. Keys are :attr:`BackendWarning.key`.
    """
    found: dict[str, list[BackendWarning]] = {}
    for warning in warnings:
        if isinstance(warning, BackendWarning) and warning.kind in RUN_WIDE:
            found.setdefault(warning.kind, []).append(warning)
    lines: dict[str, str] = {}
    for kind, events in found.items():
        best = min(events, key=lambda w: (not w.firsthand, w.at))
        lines[kind] = str(best)
        if kind == UNAVAILABLE and service is not None:
            note = service.death_note()
            if note is not None:
                lines[kind] = SKIPPED + note
    return lines


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
        # ``auto`` mode found no install (a lasting state, not a failure of
        # this run: the result cache records it, see :func:`cache_state`).
        self.missing = False
        self.warnings: list[BackendWarning] = []
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
        # The config's language, else the style profile's ("en-GB" for british).
        language = (
            getattr(settings, "languagetool_language", None)
            or profile_language(getattr(settings, "style", ""), getattr(settings, "rule_paths", ()))
            or DEFAULT_LANGUAGE
        )
        check = CheckSettings.for_newslint(
            language,
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

    def drain_warnings(self) -> list[BackendWarning]:
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

    @property
    def incomplete(self) -> bool:
        """Return True when results lack NL8xx findings a working LanguageTool would add.

        A missing install in ``auto`` mode is not that: without it the
        built-in findings are the whole result on this machine, and the
        result cache keys them by :func:`cache_state`, so installing
        LanguageTool later re-lints every file.
        """
        return self.failed and not self.missing

    def _fail(self, exc: LanguageToolError) -> None:
        """Apply the mode's failure policy: raise (on) or warn once and disable (auto)."""
        if self.mode == "on":
            raise exc
        self.enabled = False
        detail = str(exc)
        if detail == NOT_INSTALLED:
            self.missing = True
            warning = BackendWarning(NOT_INSTALLED, MISSING)
        else:
            firsthand = not isinstance(exc, FailedElsewhere)
            warning = BackendWarning(SKIPPED + detail, UNAVAILABLE, detail, firsthand)
        if all(w.key != warning.key for w in self.warnings):
            self.warnings.append(warning)

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
            self.warnings.append(BackendWarning(message, TIME_LIMIT))
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
