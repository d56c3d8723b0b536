"""The edge between files and the pure engine.

Discovers files, reads and decodes them (every failure becomes a one-line
error naming the file, never a crash), builds the linter for the settings in
force, runs the fix loop, writes fixed files atomically, and computes the exit
code. The CLI and the library API both come through here.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.config import ConfigError, Settings
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document, Format
from newslint.engine import Linter
from newslint.fix import apply_edits
from newslint.packs import PackError, resolve_packs
from newslint.registry import Registry, RegistryError, is_selected
from newslint.rule import Rule
from newslint.vocab import Vocabulary

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_FILE_BYTES = 64 * 1024 * 1024
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


def decode(data: bytes, path: str) -> Decoded:
    """Decode UTF-8 (BOM removed and remembered); refuse binary data."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: file is {len(data) / 1e6:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MiB limit"
        )
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


def read_file(path: str, stdin: bytes | None = None) -> Decoded:
    """Read and decode one file (``-`` reads the given stdin bytes)."""
    if path == "-":
        return decode(stdin or b"", "<stdin>")
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: file is {size / 1e6:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MiB limit"
            )
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
    return decode(data, path)


def write_atomic(path: str, text: str, bom: bool) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename."""
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

    @property
    def registry(self) -> Registry:
        """Return the rule registry for these settings."""
        if self._registry is None:
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

    def selected(self, path: str) -> list[type[Rule]]:
        """Return the rule classes in force for ``path``."""
        s = self.settings
        try:
            rules = self.registry.select(s.select, s.ignore, s.extend_select)
        except RegistryError as exc:
            raise ConfigError(str(exc)) from None
        extra_ignore = self._file_ignores(path)
        if extra_ignore:
            ignore = (*s.ignore, *extra_ignore)
            rules = [r for r in rules if is_selected(r, s.select, ignore, s.extend_select)]
        return rules

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

    def linter_for(self, path: str) -> Linter:
        """Return the linter for one file (shared between files with equal selections)."""
        rules = self.selected(path)
        key = (tuple(r.code for r in rules),)
        linter = self._linters.get(key)
        if linter is None:
            instances = []
            for cls in rules:
                try:
                    instances.append(cls(self.settings.rule_options(cls.code, cls.name)))
                except ValueError as exc:
                    raise ConfigError(str(exc)) from None
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


def _document(text: str, path: str, settings: Settings, mtime: float | None) -> Document:
    fmt = Format.parse(settings.format_in) if settings.format_in else Format.from_path(path)
    metadata: dict[str, Any] = {}
    if mtime is not None:
        metadata["file_date"] = dt.date.fromtimestamp(mtime)
    return Document(text, path, fmt, metadata=metadata)


def lint_source(
    text: str,
    path: str,
    factory: LinterFactory,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    mtime: float | None = None,
) -> FileReport:
    """Lint decoded text; with ``fix`` loop fixing and re-linting up to five times."""
    settings = factory.settings
    linter = factory.linter_for(path)
    report = FileReport(path=path, original_source=text, word_count=len(text.split()))
    if not text.strip():
        report.warnings.append(f"{path}: file is empty; nothing to lint")
    current = text
    result = linter.lint(_document(current, path, settings, mtime))
    if fix:
        for _ in range(MAX_FIX_PASSES):
            new, applied = apply_edits(current, result.diagnostics, unsafe_fixes)
            if not applied or new == current:
                break
            report.fixes_applied += applied
            current = new
            result = linter.lint(_document(current, path, settings, mtime))
        if current != text:
            report.fixed_source = current
    report.source = current
    report.diagnostics = result.diagnostics
    report.file_data = result.file_data
    if result.errors:
        report.error = "; ".join(result.errors)
    return report


def lint_file(
    path: str,
    factory: LinterFactory,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    display_path: str | None = None,
) -> FileReport:
    """Read, lint and (when fixing and ``write``) rewrite one file."""
    shown = display_path or path
    try:
        decoded = read_file(path, stdin)
    except InputError as exc:
        message = str(exc)
        if path == "-" and display_path:
            message = message.replace("<stdin>", display_path)
        return FileReport(path=shown, error=message)
    mtime = None
    if path != "-":
        try:
            mtime = os.path.getmtime(path)
        except OSError:
            mtime = None
    report = lint_source(
        decoded.text, shown, factory, fix=fix, unsafe_fixes=unsafe_fixes, mtime=mtime
    )
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
    """Lint files and folders; every file gets a report, failures included."""
    factory = factory or LinterFactory(settings)
    files = list(discover(paths))
    reports = [
        lint_file(
            p,
            factory,
            fix=fix,
            unsafe_fixes=unsafe_fixes,
            write=write,
            stdin=stdin,
            display_path=stdin_filename if p == "-" else None,
        )
        for p in files
    ]
    return Run(files=reports, settings=settings)


def iter_words(reports: Iterable[FileReport]) -> int:
    """Return the number of whitespace-separated words linted."""
    return sum(r.word_count for r in reports)
