"""A cache of compiled data, so that start-up does not re-parse the same tables.

Parsing TOML tables and building indexes from them costs more than the lint of
one article. :func:`cached` stores what a builder returns (pickled) in
``<cache dir>/data`` and returns the stored copy while nothing it was built from
has changed. An entry's key covers:

* the content of every source file (a hash, so a touched but unchanged file
  still hits, and an edit of the same size within one clock tick still misses),
* the newslint version and a fingerprint of newslint's own modules (names,
  sizes and modification times): a pickle holds instances of newslint's
  classes and the output of its code, so an edited checkout never reads an
  entry written by different code,
* the Python version, and the cache format.

:func:`compile_regex` does the same for large regular expressions: the
``re`` module cannot pickle a compiled pattern, but the pattern's compiled
program (the list of integers that ``re`` hands to its C engine) can be stored
and handed back to the engine directly, which skips parsing and compiling.

Entries are written atomically (temporary file, then :func:`os.replace`), so
concurrent runs never read a torn entry; two runs that miss at once both build
and the last write wins, with identical content. Anything unexpected (an
unreadable or corrupt entry, a cache folder that cannot be written, an entry
owned by another user) falls back to building, never to an error. Set
``NEWSLINT_NO_DATA_CACHE=1`` to always build.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Bump when the layout of an entry changes.
FORMAT = 1
DISABLE_ENV = "NEWSLINT_NO_DATA_CACHE"
SUBDIR = "data"
# Entries kept per name: older ones (data since edited) are removed on write.
KEEP = 3

_NAME_RE = re.compile(r"[A-Za-z0-9_.-]{1,80}")


def enabled() -> bool:
    """Return False when ``NEWSLINT_NO_DATA_CACHE`` asks to always build."""
    return os.environ.get(DISABLE_ENV, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    """Return the folder of data-cache entries (under the newslint cache dir)."""
    from newslint.config import default_cache_dir

    return default_cache_dir() / SUBDIR


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash the names, sizes and modification times of newslint's own modules."""
    import hashlib

    from newslint import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}|{FORMAT}|{sys.version}|".encode())
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                rel = os.path.relpath(path, package)
                h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _key(name: str, sources: Iterable[str | os.PathLike[str]], salt: str) -> str:
    import hashlib

    h = hashlib.sha256(f"{code_fingerprint()}|{name}|{salt}|".encode())
    for source in sources:
        path = os.fspath(source)
        h.update(path.encode("utf-8", "surrogatepass") + b"\0")
        try:
            with open(path, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()


def _entry_path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key[:40]}.pickle"


def _read(path: Path, key: str) -> tuple[bool, Any]:
    """Return ``(True, value)`` for a valid entry, ``(False, None)`` otherwise."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            # A pickle runs code when loaded: trust only the user's own files.
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                return False, None
            stored = pickle.load(fh)
    except Exception:  # missing, unreadable, truncated, or written by other code
        return False, None
    if (
        isinstance(stored, tuple)
        and len(stored) == 3
        and stored[0] == FORMAT
        and stored[1] == key
    ):
        return True, stored[2]
    return False, None


def _write(path: Path, key: str, value: Any) -> None:
    """Store ``value`` atomically; give up silently on any error."""
    import tempfile

    tmp: str | None = None
    try:
        payload = pickle.dumps((FORMAT, key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
        _prune(path)
    except Exception:  # an unpicklable value, a read-only or full disk: just rebuild next time
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(keep: Path) -> None:
    """Remove all but the newest :data:`KEEP` entries with the same name."""
    name = keep.name.rsplit("-", 1)[0]
    entries = []
    for other in keep.parent.glob(f"{name}-*.pickle"):
        if other.name.rsplit("-", 1)[0] != name:
            continue
        try:
            entries.append((other.stat().st_mtime_ns, other))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, old in entries[KEEP:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


def cached(
    name: str,
    sources: Iterable[str | os.PathLike[str]],
    build: Callable[[], T],
    *,
    salt: str = "",
) -> T:
    """Return ``build()``, from the cache while ``sources`` and newslint are unchanged.

    ``name`` names the entry (letters, digits, ``._-``); ``sources`` are the
    files the result is built from, in a stable order (a folder's files must
    be listed one by one, so that adding a file changes the key); ``salt``
    distinguishes builds of the same files with different parameters.
    Exceptions from ``build`` propagate and nothing is stored. The value must
    be picklable and is shared: callers must not mutate it.
    """
    if not _NAME_RE.fullmatch(name):
        raise ValueError(f"invalid data-cache name {name!r}")
    if not enabled():
        return build()
    try:
        key = _key(name, list(sources), salt)
        path = _entry_path(name, key)
    except Exception:  # no home folder, an unreadable package: no cache
        return build()
    hit, value = _read(path, key)
    if hit:
        return value  # type: ignore[no-any-return]
    value = build()
    _write(path, key, value)
    return value


# ---------------------------------------------------------------- regular expressions


def _program(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """Return the arguments ``re`` passes to its C engine for ``pattern``.

    This mirrors ``re._compiler.compile`` (identical in Python 3.11 to 3.13).
    Returns None when this interpreter's ``re`` does not look as expected.
    """
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group, index in groupindex.items():
            indexgroup[index] = group
        return (
            pattern,
            flags | parsed.state.flags,
            list(code),
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:
        return None


def _from_program(program: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre

    compiled: re.Pattern[str] = _sre.compile(*program)
    return compiled


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> bool:
    return (
        a.pattern == b.pattern
        and a.flags == b.flags
        and a.groups == b.groups
        and a.groupindex == b.groupindex
    )


def compile_regex(pattern: str, flags: int = 0, *, name: str = "regex") -> re.Pattern[str]:
    """Return ``re.compile(pattern, flags)``, skipping the compile on a cache hit.

    The entry is keyed by the pattern text itself, the flags and the Python
    version (whose ``re`` produced the program), so it can never be stale.
    Worth it only for large patterns (thousands of characters): a small one
    compiles faster than a cache entry can be read.
    """
    flags = int(flags)
    if not enabled() or flags & re.DEBUG:
        return re.compile(pattern, flags)
    import _sre

    salt = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|{pattern}"
    try:
        import hashlib

        key = hashlib.sha256(f"{FORMAT}|{salt}".encode("utf-8", "surrogatepass")).hexdigest()
        path = _entry_path(f"re-{name}", key)
    except Exception:
        return re.compile(pattern, flags)
    hit, program = _read(path, key)
    if hit:
        try:
            return _from_program(program)
        except Exception:  # an engine that refuses the stored program: compile
            return re.compile(pattern, flags)
    compiled = re.compile(pattern, flags)
    program = _program(pattern, flags)
    if program is not None:
        try:
            ok = _same(_from_program(program), compiled)
        except Exception:
            ok = False
        if ok:
            _write(path, key, program)
    return compiled


__all__ = ["cache_dir", "cached", "code_fingerprint", "compile_regex", "enabled"]
