"""The edge between files and the pure engine.

Discovers files, reads and decodes them (every failure becomes a one-line
error naming the file, never a crash), builds the linter for the settings in
force, runs the fix loop, writes fixed files atomically, and computes the exit
code. The CLI and the library API both come through here.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.config import DEFAULT_MAX_FILE_SIZE, ConfigError, Settings, format_size
from newslint.diagnostics import Diagnostic, Severity

# The linting machinery (rules, document model, chunking) is imported where it
# is used: a run whose every file is in the result cache never loads it.
if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from newslint.cache import ResultCache
    from newslint.chunking import ChunkJob, ChunkResult
    from newslint.document import Document, Format
    from newslint.engine import Linter, LintResult
    from newslint.registry import Registry
    from newslint.rule import Rule
    from newslint.vocab import Vocabulary

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Larger files are refused with a one-line error unless ``max-file-size``
# (``--max-file-size``) raises the limit: no news story comes near it, and
# linting 50 MB takes minutes, so a stray archive or dump fails fast instead of
# hanging a run. Files over ``chunking.CHUNK_SIZE`` are linted in chunks.
MAX_FILE_BYTES = DEFAULT_MAX_FILE_SIZE
MAX_FIX_PASSES = 5


class InputError(Exception):
    """A file cannot be linted (unreadable, binary, not UTF-8, too large)."""


@dataclass
class FileReport:
    """Everything the renderers need about one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    file_data: dict[str, Any] = field(default_factory=dict)
    fixes_applied: int = 0
    fixed_source: str | None = None
    original_source: str | None = None
    source: str | None = None
    word_count: int = 0
    # LanguageTool failed in a worker that linted some chunk: never cache.
    languagetool_failed: bool = False


@dataclass
class Run:
    """The result of linting a set of files."""

    files: list[FileReport]
    settings: Settings

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Return every finding of every file."""
        return [d for f in self.files for d in f.diagnostics]

    def exit_code(self, fail_on: Severity, exit_zero: bool = False) -> int:
        """Return 2 on any input or rule error, 1 on findings at ``fail_on``, else 0."""
        if any(f.error for f in self.files):
            return 2
        if exit_zero:
            return 0
        return 1 if any(d.severity >= fail_on for d in self.diagnostics) else 0


# ---------------------------------------------------------------- discovery


def discover(paths: Sequence[str]) -> Iterator[str]:
    """Yield files to lint; folders are walked for article files, hidden ones skipped."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and d not in ("node_modules", "__pycache__")
                )
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                        full = os.path.join(root, name)
                        if full not in seen:
                            seen.add(full)
                            yield full
        elif raw not in seen:
            seen.add(raw)
            yield raw


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Decoded:
    """A decoded file and what is needed to write it back unchanged."""

    text: str
    bom: bool


def _too_large(path: str, size: int, limit: int) -> str:
    shown = f"{size / 1e6:.0f} MB" if size >= 1_000_000 else f"{size} bytes"
    return (
        f"{path}: file is {shown}, over the {format_size(limit)} limit; not linted "
        "(raise the limit with --max-file-size or max-file-size in the config)"
    )


def decode(data: bytes, path: str, limit: int | None = None) -> Decoded:
    """Decode UTF-8 (BOM removed and remembered); refuse binary data and oversized files.

    ``limit`` is the largest size in bytes (default :data:`MAX_FILE_BYTES`).
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    if len(data) > limit:
        raise InputError(_too_large(path, len(data), limit))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: UTF-16 text; convert the file to UTF-8")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{path}: binary file (contains NUL bytes); not linted")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); "
            "convert the file to UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(f"{path}: binary file (contains NUL bytes); not linted")
    return Decoded(text, bom)


def read_file(path: str, stdin: bytes | None = None, limit: int | None = None) -> Decoded:
    """Read and decode one file (``-`` reads the given stdin bytes) of at most ``limit`` bytes."""
    limit = MAX_FILE_BYTES if limit is None else limit
    if path == "-":
        return decode(stdin or b"", "<stdin>", limit)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end.
            raise InputError(f"{path}: not a regular file; not linted")
        if info.st_size > limit:
            raise InputError(_too_large(path, info.st_size, limit))
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path, limit)


def write_atomic(path: str, text: str, bom: bool) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
    fd, tmp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------- linter set-up


@dataclass
class LinterFactory:
    """Build (and reuse) linters for settings and per-file selections."""

    settings: Settings
    _registry: Registry | None = None
    _vocab: Vocabulary | None = None
    _linters: dict[tuple[tuple[str, ...], ...], Linter] = field(default_factory=dict)
    _cache: ResultCache | None = None
    _base_selection: list[type[Rule]] | None = None

    @property
    def registry(self) -> Registry:
        """Return the rule registry for these settings."""
        if self._registry is None:
            from newslint.packs import PackError, resolve_packs
            from newslint.registry import Registry, RegistryError

            try:
                packs = resolve_packs(
                    self.settings.style, self.settings.rule_paths, self.settings.packs
                )
                self._registry = Registry.build(packs)
            except (PackError, RegistryError) as exc:
                raise ConfigError(str(exc)) from None
        return self._registry

    @property
    def vocab(self) -> Vocabulary:
        """Return the vocabulary: bundled lists, config files and config words."""
        if self._vocab is None:
            from newslint.data import rules_root
            from newslint.vocab import Vocabulary

            vocab = Vocabulary()
            vocab_dir = rules_root() / "vocab"
            files = sorted(vocab_dir.glob("*.toml")) if vocab_dir.is_dir() else []
            for path in [*files, *(Path(p) for p in self.settings.vocab)]:
                try:
                    vocab.load_file(path)
                except (OSError, ValueError) as exc:
                    raise ConfigError(f"vocabulary {path}: {exc}") from None
            vocab.add(self.settings.accept, self.settings.reject)
            self._vocab = vocab
        return self._vocab

    @property
    def result_cache(self) -> ResultCache | None:
        """Return the per-file result cache, or None when caching is off."""
        if not self.settings.cache:
            return None
        if self._cache is None:
            from newslint.cache import ResultCache

            self._cache = ResultCache(self.settings)
        return self._cache

    def selected(self, path: str) -> list[type[Rule]]:
        """Return the rule classes in force for ``path``."""
        from newslint.registry import RegistryError, is_selected

        s = self.settings
        # The settings' own selection is the same for every file: worked out
        # once (checking each selector against every rule cost 0.7 ms a file).
        rules = self._base_selection
        if rules is None:
            try:
                rules = self.registry.select(s.select, s.ignore, s.extend_select)
            except RegistryError as exc:
                raise ConfigError(str(exc)) from None
            self._base_selection = rules
        if self._file_ignores(path):
            ignore = self._ignore_for(path)
            return [r for r in rules if is_selected(r, s.select, ignore, s.extend_select)]
        return list(rules)

    def selects(self, rule: type[Rule], path: str) -> bool:
        """Return True when the settings select ``rule`` for ``path`` (per-file ignores too).

        Needs no rule registry: a fully cached run asks this of the NL8xx rules.
        """
        from newslint.registry import is_selected

        s = self.settings
        return is_selected(rule, s.select, self._ignore_for(path), s.extend_select)

    def _ignore_for(self, path: str) -> tuple[str, ...]:
        """Return the settings' ignore list with ``path``'s per-file ignores added."""
        return (*self.settings.ignore, *self._file_ignores(path))

    def _file_ignores(self, path: str) -> tuple[str, ...]:
        out: list[str] = []
        norm = path.replace(os.sep, "/")
        for glob, codes in self.settings.per_file_ignores:
            if (
                fnmatch.fnmatch(norm, glob)
                or fnmatch.fnmatch(os.path.basename(norm), glob)
                or fnmatch.fnmatch(norm, f"*/{glob}")
            ):
                out.extend(codes)
        return tuple(out)

    def _check_facts(self) -> None:
        """Load newsroom fact files once, so a broken one is one config error."""
        from newslint.facts.kb import KnowledgeBaseError, load_kb

        try:
            load_kb(self.settings.facts)
        except KnowledgeBaseError as exc:
            raise ConfigError(str(exc)) from None

    def linter_for(self, path: str) -> Linter:
        """Return the linter for one file (shared between files with equal selections)."""
        rules = self.selected(path)
        key = (tuple(r.code for r in rules),)
        linter = self._linters.get(key)
        if linter is None:
            from newslint.engine import Linter

            instances = []
            for cls in rules:
                try:
                    instances.append(cls(self.settings.rule_options(cls.code, cls.name)))
                except ValueError as exc:
                    raise ConfigError(str(exc)) from None
            if self.settings.facts and any(r.code.startswith("NL5") for r in rules):
                self._check_facts()
            meta = frozenset(r.code for r in rules if r.code in ("NL002", "NL003"))
            linter = Linter(
                instances,
                vocab=self.vocab,
                settings=self.settings,
                severity_overrides=self.settings.severity_overrides(),
                meta_codes=meta,
            )
            self._linters[key] = linter
        return linter


# ---------------------------------------------------------------- linting


_SPACE = re.compile(r"\s")
_WORD_COUNT_STEP = 1 << 20


def word_count(text: str) -> int:
    """Return ``len(text.split())`` without a list of every word of a huge file."""
    n, start, end = 0, 0, len(text)
    while start < end:
        m = (
            _SPACE.search(text, start + _WORD_COUNT_STEP)
            if end - start > _WORD_COUNT_STEP
            else None
        )
        stop = m.start() if m else end
        n += len(text[start:stop].split())
        start = stop
    return n


def _format(path: str, settings: Settings) -> Format:
    from newslint.document import Format

    return Format.parse(settings.format_in) if settings.format_in else Format.from_path(path)


def _metadata(mtime: float | None) -> dict[str, Any]:
    import datetime as dt

    metadata: dict[str, Any] = {}
    if mtime is not None:
        metadata["file_date"] = dt.date.fromtimestamp(mtime)
    return metadata


def _document(text: str, path: str, settings: Settings, mtime: float | None) -> Document:
    from newslint.document import Document

    return Document(text, path, _format(path, settings), metadata=_metadata(mtime))


def lint_source(
    text: str,
    path: str,
    factory: LinterFactory,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    mtime: float | None = None,
    chunk_pool: ChunkPool | None = None,
) -> FileReport:
    """Lint decoded text; with ``fix`` loop fixing and re-linting up to five times.

    Plain text and Markdown longer than ``chunking.CHUNK_SIZE`` are linted in
    chunks (:mod:`newslint.chunking`), spread over ``chunk_pool`` when given.
    """
    from newslint import chunking
    from newslint.fix import apply_edits

    settings = factory.settings
    linter = factory.linter_for(path)
    report = FileReport(path=path, original_source=text, word_count=word_count(text))
    if not text.strip():
        report.warnings.append(f"{path}: file is empty; nothing to lint")
    fmt = _format(path, settings)

    def lint_once(current: str) -> LintResult:
        if not chunking.should_chunk(current, fmt):
            return linter.lint(_document(current, path, settings, mtime))
        chunked = chunking.lint_chunked(
            current,
            path,
            fmt,
            linter,
            metadata=_metadata(mtime),
            run_chunks=chunk_pool.map_chunks if chunk_pool is not None else None,
        )
        report.warnings.extend(w for w in chunked.warnings if w not in report.warnings)
        report.languagetool_failed = report.languagetool_failed or chunked.languagetool_failed
        return chunked.result

    current = text
    result = lint_once(current)
    if fix:
        # Every text the loop has made (by digest: a file may be huge) and the
        # fixes applied to reach it.
        states: dict[bytes, int] = {_digest(current): 0}
        for _ in range(MAX_FIX_PASSES):
            new, applied = apply_edits(current, result.diagnostics, unsafe_fixes)
            if not applied or new == current:
                break
            key = _digest(new)
            if key in states:
                # Fixes that undo each other (one rule's fix, another's revert):
                # go back to where the cycle starts, so the fixes in it are not
                # applied and a second --fix lands on the same text.
                current = new
                result = lint_once(current)
                report.fixes_applied = states[key]
                report.warnings.append(
                    f"{path}: some fixes would undo one another, so they were not "
                    "applied; review the remaining findings"
                )
                break
            report.fixes_applied += applied
            current = new
            result = lint_once(current)
            states[key] = report.fixes_applied
        else:
            if apply_edits(current, result.diagnostics, unsafe_fixes)[0] != current:
                report.warnings.append(
                    f"{path}: fixes still pending after {MAX_FIX_PASSES} passes; run --fix again"
                )
        if current != text:
            report.fixed_source = current
    report.source = current
    report.diagnostics = result.diagnostics
    report.file_data = result.file_data
    if result.errors:
        report.error = "; ".join(result.errors)
    return report


def _digest(text: str) -> bytes:
    """Return a collision-proof fingerprint of ``text`` (the fix loop's memory of a state)."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def cache_key(
    cache: ResultCache, path: str, text: str, settings: Settings, mtime: float | None
) -> str:
    """Return the result-cache key of ``text`` shown as ``path``, last modified at ``mtime``.

    The format a file is read as follows from its path and the settings,
    both part of the key, so only an explicit ``--format-in`` is passed on:
    working it out from the path would import the document model. The day
    the file was last modified is part of the key too: without a date in the
    story, the date checks read the story's date (or a dateline's year) from
    it (:func:`_metadata`), so touching a file on another day can change its
    findings.
    """
    day = "" if mtime is None else time.strftime("%Y-%m-%d", time.localtime(mtime))
    return cache.key(path, text, settings.format_in or "", day)


def _mtime(path: str) -> float | None:
    """Return when ``path`` was last modified (None for stdin or a file gone meanwhile)."""
    if path == "-":
        return None
    try:
        return os.path.getmtime(path)
    except OSError:
        return None


def replay(cache: ResultCache, key: str, path: str, text: str) -> FileReport | None:
    """Return the report of a file from its cached result, or None on a miss."""
    hit = cache.get(key, path)
    if hit is None:
        return None
    diagnostics, file_data, words = hit
    report = FileReport(
        path=path,
        diagnostics=diagnostics,
        file_data=file_data,
        source=text,
        original_source=text,
        word_count=word_count(text) if words is None else words,
    )
    if not text.strip():
        report.warnings.append(f"{path}: file is empty; nothing to lint")
    return report


def replay_file(path: str, factory: LinterFactory) -> FileReport | None:
    """Return the report of ``path`` from the result cache, or None (a miss, stdin, no cache)."""
    cache = factory.result_cache
    if cache is None or path == "-":
        return None
    try:
        decoded = read_file(path, limit=factory.settings.max_file_size)
    except InputError:
        return None
    key = cache_key(cache, path, decoded.text, factory.settings, _mtime(path))
    return replay(cache, key, path, decoded.text)


def lint_file(
    path: str,
    factory: LinterFactory,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    display_path: str | None = None,
    chunk_pool: ChunkPool | None = None,
) -> FileReport:
    """Read, lint and (when fixing and ``write``) rewrite one file."""
    shown = display_path or path
    try:
        decoded = read_file(path, stdin, factory.settings.max_file_size)
    except InputError as exc:
        message = str(exc)
        if path == "-" and display_path:
            message = message.replace("<stdin>", display_path)
        return FileReport(path=shown, error=message)
    cache = factory.result_cache if not fix else None
    mtime = _mtime(path)
    key = None
    if cache is not None:
        key = cache_key(cache, shown, decoded.text, factory.settings, mtime)
        hit = replay(cache, key, shown, decoded.text)
        if hit is not None:
            return hit
    report = lint_source(
        decoded.text,
        shown,
        factory,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        mtime=mtime,
        chunk_pool=chunk_pool,
    )
    backend_ok = not report.languagetool_failed
    if factory.settings.languagetool != "off":
        from newslint.languagetool.backend import active_backend

        backend = active_backend()
        if backend is not None:
            report.warnings.extend(backend.drain_warnings())
            backend_ok = backend_ok and not backend.incomplete
    if cache is not None and key is not None and report.error is None and backend_ok:
        # A result made while LanguageTool was wanted but failed lacks its
        # findings: never replay it once LanguageTool works again.
        cache.put(key, report.diagnostics, report.file_data, report.word_count)
    if report.fixed_source is not None and write and path != "-":
        try:
            write_atomic(path, report.fixed_source, decoded.bom)
        except OSError as exc:
            report.error = f"{path}: cannot write fixes: {exc.strerror or exc}"
    return report


def lint_paths(
    paths: Sequence[str],
    settings: Settings,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    factory: LinterFactory | None = None,
) -> Run:
    """Lint files and folders with one settings object; every file gets a report."""
    factory = factory or LinterFactory(settings)
    files = list(discover(paths))
    reports = lint_many(
        files,
        factory,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        write=write,
        stdin=stdin,
        stdin_filename=stdin_filename,
    )
    return Run(files=reports, settings=settings)


# Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 4

_WORKER_FACTORIES: dict[str, LinterFactory] = {}


def _worker_factory(settings: Settings) -> LinterFactory:
    """Return this process's factory for ``settings`` (inherited from the parent when forked)."""
    key = repr(settings)
    factory = _WORKER_FACTORIES.get(key)
    if factory is None:
        factory = _WORKER_FACTORIES[key] = LinterFactory(settings)
    return factory


def _worker(
    args: tuple[list[tuple[int, str]], Settings, bool, bool, bool],
) -> list[tuple[int, FileReport]]:
    """Lint a batch of files in a worker process (one factory per settings per process).

    Returns each file's index with its report: batches finish in any order
    and the parent puts the reports back in input order.
    """
    batch, settings, fix, unsafe_fixes, write = args
    factory = _worker_factory(settings)
    return [
        (index, lint_file(path, factory, fix=fix, unsafe_fixes=unsafe_fixes, write=write))
        for index, path in batch
    ]


def _chunk_worker(args: tuple[ChunkJob, Settings]) -> ChunkResult:
    """Lint one chunk of a big file in a worker process."""
    from newslint import chunking

    job, settings = args
    factory = _worker_factory(settings)
    result = chunking.lint_chunk(factory.linter_for(job.path), job)
    if settings.languagetool != "off":
        from newslint.languagetool.backend import active_backend

        backend = active_backend()
        if backend is not None:
            result.warnings.extend(backend.drain_warnings())
            result.languagetool_failed = backend.incomplete
    return result


class ChunkPool:
    """Worker processes for one :func:`lint_many` call, forked on first use.

    They lint whole files and the chunks of big files alike. Forking waits
    until something has been linted in this process, so lazily loaded data
    (and a LanguageTool server) is inherited rather than loaded per worker.
    """

    def __init__(self, factory: LinterFactory, jobs: int) -> None:
        self.factory = factory
        self.jobs = jobs
        self._pool: Pool | None = None

    @property
    def pool(self) -> Pool:
        """Return the process pool, forking it now if needed."""
        if self._pool is None:
            import multiprocessing

            settings = self.factory.settings
            if settings.languagetool != "off":
                from newslint.languagetool.backend import active_backend

                backend = active_backend()
                if backend is not None and backend.enabled:
                    backend.prepare(start=True)  # workers use a server, never start one
            # Forked workers inherit this factory (rules built, data loaded).
            _WORKER_FACTORIES[repr(settings)] = self.factory
            self._pool = multiprocessing.get_context("fork").Pool(processes=self.jobs)
        return self._pool

    def map_chunks(self, jobs: Iterable[ChunkJob]) -> Iterator[ChunkResult]:
        """Lint chunks in the workers; yield results in order.

        At most two chunks per worker are in flight, so the chunks' text is
        never all copied at once.
        """
        pool = self.pool
        settings = self.factory.settings
        window: deque[Any] = deque()
        for job in jobs:
            window.append(pool.apply_async(_chunk_worker, ((job, settings),)))
            if len(window) >= 2 * self.jobs:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def close(self, *, wait: bool) -> None:
        """Stop the workers (``wait``: let them finish, else terminate them)."""
        if self._pool is not None:
            if wait:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None


def has_cache_misses(files: Sequence[str], factory: LinterFactory) -> bool:
    """Return True when some file has no cached result (or caching is off)."""
    cache = factory.result_cache
    if cache is None:
        return True
    for path in files:
        if path == "-":
            return True
        try:
            decoded = read_file(path, limit=factory.settings.max_file_size)
        except InputError:
            continue
        if not cache.has(cache_key(cache, path, decoded.text, factory.settings, _mtime(path))):
            return True
    return False


def default_jobs() -> int:
    """Return the default number of worker processes: the usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Batches shrink from MAX_BATCH files down to one as the queue empties.
MAX_BATCH = 16
BATCHES_PER_WORKER = 4


def batches(items: Sequence[tuple[int, str]], jobs: int) -> list[list[tuple[int, str]]]:
    """Cut a queue of files into batches of decreasing size (guided self-scheduling).

    Each batch is about ``1 / (BATCHES_PER_WORKER * jobs)`` of what is left:
    big batches early keep the parent's per-task work (it shares the cores
    with the workers) small, single files at the end let the workers finish
    together.
    """
    out: list[list[tuple[int, str]]] = []
    start = 0
    while start < len(items):
        size = max(1, min(MAX_BATCH, (len(items) - start) // (BATCHES_PER_WORKER * jobs)))
        out.append(list(items[start : start + size]))
        start += size
    return out


def largest_first(items: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return ``(index, path)`` pairs by file size, largest first (ties in input order).

    Handing out long files first is the classic longest-processing-time
    schedule: whatever is left at the end is short. Unreadable files count
    as empty; they fail fast in the worker.
    """

    def size(item: tuple[int, str]) -> int:
        try:
            return os.stat(item[1]).st_size
        except OSError:
            return 0

    return sorted(items, key=lambda item: (-size(item), item[0]))


def _is_big(path: str, factory: LinterFactory) -> bool:
    """Return True when ``path`` may be linted in chunks (its size says so, before reading)."""
    from newslint import chunking
    from newslint.document import Format

    if path == "-" or _format(path, factory.settings) is Format.HTML:
        return False
    try:
        size = os.stat(path).st_size
    except OSError:
        return False
    return chunking.CHUNK_SIZE < size <= factory.settings.max_file_size


def lint_many(
    files: Sequence[str],
    factory: LinterFactory,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    progress: Any = None,
) -> list[FileReport]:
    """Lint files, in parallel processes when ``settings.jobs`` (or the cores) allow.

    Results come back in input order whatever the number of jobs, so output
    and exit codes are identical to ``--jobs 1``. With several jobs, cached
    results are replayed here first and only the misses are linted. The
    first of them is linted in this process so that lazily loaded data is in memory before the pool
    forks and every worker inherits it. Big files (linted in chunks) are read
    here and their chunks spread over the same pool; the other files go to
    the pool whole, largest first, and their reports are put back in order.
    """
    jobs = factory.settings.jobs or default_jobs()

    def one(path: str, pool: ChunkPool | None = None) -> FileReport:
        return lint_file(
            path,
            factory,
            fix=fix,
            unsafe_fixes=unsafe_fixes,
            write=write,
            stdin=stdin,
            display_path=stdin_filename if path == "-" else None,
            chunk_pool=pool,
        )

    def tick() -> None:
        if progress is not None:
            progress()

    by_index: dict[int, FileReport] = {}
    if jobs > 1 and not fix:
        # Replay cached results here: only misses are worth a worker, and a
        # fully cached run forks nothing.
        for i, path in enumerate(files):
            hit = replay_file(path, factory)
            if hit is not None:
                by_index[i] = hit
                tick()
    todo = [(i, p) for i, p in enumerate(files) if i not in by_index]
    pooled = [p for _, p in todo if p != "-"]
    big = {i for i, p in todo if jobs > 1 and _is_big(p, factory)}
    if jobs <= 1 or (len(pooled) < MIN_FILES_FOR_POOL and not big):
        for i, path in todo:
            by_index[i] = one(path)
            tick()
        return [by_index[i] for i in range(len(files))]

    workers = ChunkPool(factory, jobs)
    finished = False
    try:
        # A big first file forks the pool after its first chunk.
        first, rest = todo[0], todo[1:]
        by_index[first[0]] = one(first[1], workers)
        tick()
        for i, p in rest:
            if p == "-":
                by_index[i] = one(p, workers)
        whole = largest_first([(i, p) for i, p in rest if p != "-" and i not in big])
        args = [(b, factory.settings, fix, unsafe_fixes, write) for b in batches(whole, jobs)]
        # Biggest files first, in shrinking batches: the workers finish
        # together instead of one idling while the other lints a last batch.
        results = workers.pool.imap_unordered(_worker, args) if args else iter(())
        for i, p in rest:
            if i in big:
                by_index[i] = one(p, workers)
                tick()
        for done in results:
            for i, report in done:
                by_index[i] = report
                tick()
        finished = True
    finally:
        workers.close(wait=finished)
    return [by_index[i] for i in range(len(files))]


def iter_words(reports: Iterable[FileReport]) -> int:
    """Return the number of whitespace-separated words linted."""
    return sum(r.word_count for r in reports)
