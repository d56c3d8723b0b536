"""The LanguageTool backend for one newslint run: one server, one client, one cache.

Create one :class:`LanguageTool` per run and share it by every file (and,
through ``fork``, by worker processes). It starts nothing until a paragraph
misses the cache: an unchanged article is answered from the cache without
Java. The first failure (server will not start, dies, times out, answers
garbage) is remembered, and every later call raises the same
:class:`LanguageToolError` at once, so a broken server costs one timeout per
run, not one per file. The memory reaches forked worker processes too: a
byte of shared memory, made before they fork, tells every process of the run
that some process found LanguageTool unusable (:class:`FailedElsewhere`).
"""

from __future__ import annotations

import mmap
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from newslint.languagetool.cache import ResultCache, cache_key
from newslint.languagetool.client import DEFAULT_TIMEOUT, Client
from newslint.languagetool.errors import FailedElsewhere, LanguageToolError
from newslint.languagetool.installation import Installation, find_installation
from newslint.languagetool.match import Match
from newslint.languagetool.paths import LT_VERSION, URL_ENV
from newslint.languagetool.server import DEFAULT_START_TIMEOUT, LocalServer
from newslint.languagetool.settings import CheckSettings

# Texts sent to warm the server up: LanguageTool loads a language's rules and
# dictionaries on the first request for it (about 5 s for English on 2 cores).
WARM_UP_TEXT = "This is a sentence to warm up the checker."


def default_workers() -> int:
    """Return how many paragraphs to check at once: 2 to 4, by cores.

    Measured with LanguageTool 6.8 on 2 cores: 1 thread ~1,100 words/s,
    2-3 threads ~1,800 words/s, 6 threads slower again.
    """
    return max(2, min(4, os.cpu_count() or 1))


@dataclass
class Stats:
    """Counters for one run (reported by benchmarks and ``--verbose`` output)."""

    texts: int = 0
    cache_hits: int = 0
    requests: int = 0
    words_sent: int = 0
    check_seconds: float = 0.0
    unchecked: int = 0  # texts the server gave up on (its per-check time limit)
    start_seconds: float | None = None


class LanguageTool:
    """LanguageTool for one run: a configured URL, or a local server started on demand."""

    def __init__(
        self,
        *,
        url: str | None = None,
        installation: Installation | None = None,
        cache_dir: Path | str | None = None,
        use_cache: bool = True,
        workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        version: str = LT_VERSION,
    ) -> None:
        self.url = url or os.environ.get(URL_ENV) or None
        self.installation = installation
        if self.url is None and installation is None:
            self.installation = find_installation(version, cache_dir)
        self.cache = ResultCache(cache_dir=cache_dir) if use_cache else None
        self.workers = workers or default_workers()
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.stats = Stats()
        self.server: LocalServer | None = None
        self._client: Client | None = None
        self._version: str | None = (
            self.installation.version if self.installation and not self.url else None
        )
        self._failure: LanguageToolError | None = None
        # Anonymous shared memory survives fork: byte 0 is set by whichever
        # process of the run first finds LanguageTool unusable.
        self._down = mmap.mmap(-1, 1)
        self._owner_pid = os.getpid()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ state

    @property
    def configured(self) -> bool:
        """Return True when a URL is set or a verified install exists (``auto`` mode's test)."""
        return self.url is not None or self.installation is not None

    def describe(self) -> str:
        """Return where LanguageTool comes from, for messages."""
        if self.url:
            return f"LanguageTool at {self.url}"
        if self.installation:
            return f"LanguageTool {self.installation.version} ({self.installation.root})"
        return "LanguageTool (not installed)"

    @property
    def down(self) -> bool:
        """Return True once any process of this run found LanguageTool unusable."""
        return self._failure is not None or self._down[0] != 0

    def death_note(self, wait: float = 0.5) -> str | None:
        """Return why the local server this process started is gone, or None.

        Only the process that started the server can tell (a forked worker
        sees a connection error, not the exit status), so the parent asks
        this after the workers are done. None too when no server ever ran
        (one that failed to start has its own, better message).
        """
        if self.server is None or self.server.process is None or os.getpid() != self._owner_pid:
            return None
        return self.server.death_note(wait=wait if self.down else 0.0)

    def _remember(self, exc: LanguageToolError) -> LanguageToolError:
        """Make ``exc`` the run's failure, in this process and for its forked siblings."""
        self._failure = exc
        self._down[0] = 1
        return exc

    def _failure_so_far(self) -> LanguageToolError | None:
        """Return this process's failure, or one standing for another process's."""
        if self._failure is None and self._down[0] != 0:
            self._failure = FailedElsewhere(
                f"{self.describe()} stopped working earlier in this run"
            )
        return self._failure

    @property
    def version(self) -> str | None:
        """Return LanguageTool's version when known (always for a local install)."""
        return self._version

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Connect: start the local server (or probe the URL) and warm it up.

        Idempotent. Call it in the parent before forking worker processes,
        which may use a running server but never start one.

        Raises:
            LanguageToolError: not installed, no Java, server failed, URL unreachable.
        """
        with self._lock:
            failure = self._failure_so_far()
            if failure is not None:
                raise failure
            if self._client is not None:
                return
            try:
                self._connect()
            except LanguageToolError as exc:
                self._remember(exc)
                raise

    def _connect(self) -> None:
        began = time.monotonic()
        if self.url is not None:
            client = Client(self.url, timeout=self.timeout)
        else:
            if self.installation is None:
                raise LanguageToolError(
                    "LanguageTool is not installed: run 'newslint languagetool install' "
                    f"or set {URL_ENV}"
                )
            if os.getpid() != self._owner_pid:
                raise LanguageToolError(
                    "LanguageTool must be started before newslint forks worker processes"
                )
            self.server = LocalServer(self.installation, start_timeout=self.start_timeout)
            client = Client(self.server.start(), timeout=self.timeout)
        # The first check of a language is slow (rules and dictionaries load).
        warm_timeout = max(self.timeout, self.start_timeout - (time.monotonic() - began))
        _, version = client.check_one(WARM_UP_TEXT, CheckSettings(), timeout=warm_timeout)
        if self.url is not None:
            self._version = version or "unknown"
        self._client = client
        self.stats.start_seconds = time.monotonic() - began

    def close(self) -> None:
        """Stop the local server, if this run started one, and close the cache."""
        if self.server is not None:
            self.server.stop()
        if self.cache is not None:
            self.cache.close()
        self._client = None

    def __enter__(self) -> LanguageTool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ checking

    def check(self, texts: Sequence[str], settings: CheckSettings) -> list[list[Match]]:
        """Return LanguageTool's matches for each text (code-point offsets into that text).

        Blank texts get no request. Cached texts get no request. The rest are
        sent concurrently. A text the server gave up on (its time limit) gets
        no matches and counts in ``stats.unchecked``.

        Raises:
            LanguageToolError: one line saying what went wrong.
        """
        failure = self._failure_so_far()
        if failure is not None:
            raise failure
        self.stats.texts += len(texts)
        results: list[list[Match] | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            if text.strip():
                todo.setdefault(text, []).append(index)
            else:
                results[index] = []
        if not todo:
            return [[] for _ in texts]
        if self._version is None:  # a URL whose version we learn by connecting
            self.start()
        version = self._version or "unknown"
        fingerprint = settings.fingerprint()
        keys = {text: cache_key(text, fingerprint, version) for text in todo}
        if self.cache is not None:
            found = self.cache.get_many(list(keys.values()))
            for text in list(todo):
                hit = found.get(keys[text])
                if hit is not None:
                    for index in todo.pop(text):
                        results[index] = hit
                    self.stats.cache_hits += 1
        if todo:
            self._check_remote(list(todo), settings, keys, todo, results)
        return [r if r is not None else [] for r in results]

    def _check_remote(
        self,
        unique: list[str],
        settings: CheckSettings,
        keys: dict[str, str],
        todo: dict[str, list[int]],
        results: list[list[Match] | None],
    ) -> None:
        self.start()
        client = self._client
        assert client is not None
        cache = self.cache

        def store(index: int, matches: list[Match]) -> None:
            text = unique[index]
            for position in todo[text]:
                results[position] = matches
            if cache is not None:
                cache.put(keys[text], matches)

        began = time.monotonic()
        try:
            answers = client.check_many(unique, settings, workers=self.workers, on_result=store)
            self.stats.unchecked += sum(1 for a in answers if a is None)
        except LanguageToolError as exc:
            raise self._remember(self._explain(exc)) from None
        finally:
            self.stats.requests += len(unique)
            self.stats.words_sent += sum(len(text.split()) for text in unique)
            self.stats.check_seconds += time.monotonic() - began

    def _explain(self, exc: LanguageToolError) -> LanguageToolError:
        """Prefer 'the server died' over the connection error it caused."""
        if self.server is not None and os.getpid() == self._owner_pid:
            note = self.server.death_note(wait=2.0)
            if note is not None:
                return LanguageToolError(note)
        return exc
