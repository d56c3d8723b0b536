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

Entries are written atomically (temporary file, then :func:`os.replace`), so
concurrent runs never read a torn entry; two runs that miss at once both build
and the last write wins, with identical content. Anything unexpected (an
unreadable or corrupt entry, a cache folder that cannot be written, an entry
owned by another user) falls back to building, never to an error. Set
``NEWSLINT_NO_DATA_CACHE=1`` to always build.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _blake2 import blake2b

T = TypeVar("T")

# Bump when the layout of an entry changes.
FORMAT = 1
DISABLE_ENV = "NEWSLINT_NO_DATA_CACHE"
SUBDIR = "data"
# Entries kept per name: older ones (data since edited) are removed on write.
KEEP = 3

_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]")


def enabled() -> bool:
    """Return False when ``NEWSLINT_NO_DATA_CACHE`` asks to always build."""
    return os.environ.get(DISABLE_ENV, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    """Return the folder of data-cache entries (under the newslint cache dir)."""
    from newslint.config import default_cache_dir

    return default_cache_dir() / SUBDIR


def _hasher(data: bytes = b"") -> blake2b:
    """Return a BLAKE2b hash object.

    ``hashlib`` loads OpenSSL on import (milliseconds of start-up); BLAKE2 is
    built into CPython as ``_blake2``, which ``hashlib`` itself wraps.
    """
    try:
        from _blake2 import blake2b as make
    except ImportError:  # pragma: no cover - an interpreter without the builtin
        from hashlib import blake2b as make
    return make(data, digest_size=32)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash the names, sizes and modification times of newslint's own modules."""
    from newslint import __version__

    package = Path(__file__).resolve().parent
    h = _hasher(f"{__version__}|{FORMAT}|{sys.version}|".encode())
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
    h = _hasher(f"{code_fingerprint()}|{name}|{salt}|".encode())
    for source in sources:
        path = os.fspath(source)
        h.update(path.encode("utf-8", "surrogatepass") + b"\0")
        try:
            with open(path, "rb") as fh:
                h.update(_hasher(fh.read()).digest())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()


def _entry_path(name: str, key: str) -> Path:
    safe = _UNSAFE_NAME_RE.sub("_", name)[:80] or "entry"
    return cache_dir() / f"{safe}-{key[:40]}.pickle"


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
    if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == FORMAT and stored[1] == key:
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
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


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
            with contextlib.suppress(OSError):
                old.unlink()


def cached(
    name: str,
    sources: Iterable[str | os.PathLike[str]],
    build: Callable[[], T],
    *,
    salt: str = "",
) -> T:
    """Return ``build()``, from the cache while ``sources`` and newslint are unchanged.

    ``name`` names the entry (its file name in the cache); ``sources`` are the
    files the result is built from, in a stable order (a folder's files must
    be listed one by one, so that adding a file changes the key); ``salt``
    says which of several things of one name this is (a folder, a set of
    paths): entries of one name and salt are versions of one thing, of which
    the newest :data:`KEEP` are kept. Exceptions from ``build`` propagate and
    nothing is stored. The value must be picklable; each call returns a fresh
    copy, which callers that memoise it must not mutate.
    """
    if not enabled():
        return build()
    try:
        key = _key(name, list(sources), salt)
        ident = f"{name}-{_hasher(salt.encode()).hexdigest()[:12]}" if salt else name
        path = _entry_path(ident, key)
    except Exception:  # no home folder, an unreadable package: no cache
        return build()
    hit, value = _read(path, key)
    if hit:
        return value  # type: ignore[no-any-return]
    value = build()
    _write(path, key, value)
    return value


# ---------------------------------------------------------------- regular expressions


__all__ = ["cache_dir", "cached", "code_fingerprint", "enabled"]
