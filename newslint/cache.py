"""Per-file result cache, so re-running on an unchanged tree does almost no work.

A file's findings are stored under a key made of its content, its display path
and format, the day it was last modified (the date checks fall back to it),
the settings, what LanguageTool the run finds, a fingerprint of every rule pack
and data file in force, and the newslint version. Entries are written atomically (temporary
file + rename), so concurrent runs never see a torn entry; a corrupt or
unreadable entry is treated as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.config import Settings, default_cache_dir
from newslint.diagnostics import (
    Applicability,
    Category,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Related,
    Severity,
    Span,
)

# 2: entries carry the file's word count ("w"); 3: fixes carry their context ("c").
CACHE_FORMAT = 3


def _walk(root: str, out: list[tuple[str, int, int]]) -> None:
    """Collect (path, size, mtime) of the files under ``root``, bytecode folders skipped.

    ``__pycache__`` holds only what Python compiled from the sources already
    hashed, and is rewritten behind newslint's back (a first run after an
    upgrade writes it), which must not throw the whole cache away.
    """
    try:
        entries = list(os.scandir(root))
    except NotADirectoryError:
        try:
            st = os.stat(root)
        except OSError:
            return
        out.append((root, st.st_size, st.st_mtime_ns))
        return
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(entry.path, out)
            elif entry.is_file():
                st = entry.stat()
                out.append((entry.path, st.st_size, st.st_mtime_ns))
        except OSError:
            continue


@lru_cache(maxsize=32)
def _tree_fingerprint(paths: tuple[str, ...]) -> str:
    """Hash names, sizes and mtimes of every file under the given paths."""
    h = hashlib.sha256()
    for root in paths:
        files: list[tuple[str, int, int]] = []
        _walk(root, files)
        for name, size, mtime in sorted(files):
            h.update(f"{name}:{size}:{mtime}\n".encode())
    return h.hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """Return a hash of everything besides the text that decides a file's findings."""
    from newslint.data import rules_root

    relevant = {
        k: v
        for k, v in vars(settings).items()
        if k not in ("output_format", "jobs", "cache", "source")
    }
    data_paths = (
        str(rules_root()),
        *settings.rule_paths,
        *settings.vocab,
        *settings.facts,
    )
    # What LanguageTool the run will find: installing it re-lints every file.
    from newslint.languagetool.installation import availability

    languagetool = availability(settings.languagetool, settings.languagetool_url)
    h = hashlib.sha256()
    h.update(f"{__version__}|{CACHE_FORMAT}|{relevant!r}|{languagetool}|".encode())
    h.update(_tree_fingerprint(tuple(data_paths)).encode())
    h.update(_code_fingerprint().encode())
    h.update(_plugin_fingerprint().encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _plugin_fingerprint() -> str:
    """Name the installed rule plugins and their versions: upgrading one invalidates."""
    from newslint.plugins import plugin_entry_points

    parts = []
    for ep in plugin_entry_points():
        dist = ep.dist
        parts.append(f"{ep.name}={ep.value}@{dist.version if dist else '?'}")
    return "|".join(sorted(parts))


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash newslint's own modules, so an edited checkout never serves stale results."""
    package = Path(__file__).resolve().parent
    return _tree_fingerprint((str(package),))


def _location(data: list[int]) -> Location:
    return Location(data[0], data[1], data[2], data[3])


def _loc_list(loc: Location) -> list[int]:
    return [loc.offset, loc.line, loc.column, loc.utf16_column]


# Enum members by stored value: a dict lookup is several times cheaper than
# calling the enum, and a cached run decodes every finding of the tree.
_CATEGORIES = {c.value: c for c in Category}
_SEVERITIES = {int(s): s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def encode_diagnostic(d: Diagnostic) -> dict[str, Any]:
    """Return a compact JSON form of a diagnostic (lossless)."""
    out: dict[str, Any] = {
        "c": d.code,
        "n": d.name,
        "cat": d.category.value,
        "sev": int(d.severity),
        "m": d.message,
        "s": [d.span.start, d.span.end],
        "a": _loc_list(d.start),
        "b": _loc_list(d.end),
        "t": d.text,
    }
    if d.suggestions:
        out["sg"] = list(d.suggestions)
    if d.fix is not None:
        out["f"] = {
            "a": d.fix.applicability.value,
            "t": d.fix.title,
            "e": [[e.span.start, e.span.end, e.replacement] for e in d.fix.edits],
        }
        if d.fix.context is not None:
            out["f"]["c"] = [d.fix.context.start, d.fix.context.end]
    if d.related:
        out["r"] = [
            [
                r.span.start,
                r.span.end,
                r.label,
                _loc_list(r.start) if r.start else None,
                _loc_list(r.end) if r.end else None,
            ]
            for r in d.related
        ]
    if d.source != "newslint":
        out["src"] = d.source
    if d.external_id:
        out["x"] = d.external_id
    if d.data:
        out["d"] = d.data
    return out


def decode_diagnostic(data: dict[str, Any], path: str) -> Diagnostic:
    """Rebuild a diagnostic stored by :func:`encode_diagnostic`."""
    fix = None
    f = data.get("f")
    if f is not None:
        fix = Fix(
            tuple(Edit(Span(s, e), rep) for s, e, rep in f["e"]),
            _APPLICABILITIES[f["a"]],
            f["t"],
            Span(*f["c"]) if "c" in f else None,
        )
    r = data.get("r")
    related = (
        tuple(
            Related(
                Span(s, e),
                label,
                Location(*a) if a else None,
                Location(*b) if b else None,
            )
            for s, e, label, a, b in r
        )
        if r
        else ()
    )
    sg = data.get("sg")
    return Diagnostic(
        data["c"],
        data["n"],
        _CATEGORIES[data["cat"]],
        _SEVERITIES[data["sev"]],
        data["m"],
        path,
        Span(*data["s"]),
        Location(*data["a"]),
        Location(*data["b"]),
        data["t"],
        tuple(sg) if sg else (),
        fix,
        related,
        data.get("src", "newslint"),
        data.get("x"),
        data.get("d", {}),
    )


class ResultCache:
    """Read and write cached per-file results."""

    def __init__(self, settings: Settings, root: Path | None = None) -> None:
        self.root = (root or default_cache_dir()) / "results"
        self.fingerprint = settings_fingerprint(settings)

    def key(self, path: str, text: str, fmt: str, modified_day: str = "") -> str:
        """Return the cache key for one file's text (and the day it was last modified)."""
        h = hashlib.sha256()
        h.update(self.fingerprint.encode())
        h.update(f"|{path}|{fmt}|{modified_day}|".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.root, key[:2], f"{key}.json")

    def has(self, key: str) -> bool:
        """Return True when an entry exists for ``key``."""
        return os.path.isfile(self._file(key))

    def get(
        self, key: str, path: str
    ) -> tuple[list[Diagnostic], dict[str, Any], int | None] | None:
        """Return cached (diagnostics, file_data, word count or None), or None on a miss.

        A corrupt entry, whatever its shape, is a miss.
        """
        try:
            with open(self._file(key), "rb") as fh:
                data = json.loads(fh.read())
            findings = [decode_diagnostic(d, path) for d in data["findings"]]
            words = data.get("w")
            return findings, data.get("file_data", {}), words if type(words) is int else None
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def put(
        self,
        key: str,
        diagnostics: list[Diagnostic],
        file_data: dict[str, Any],
        word_count: int | None = None,
    ) -> None:
        """Store a result; failures to write are ignored (the cache is an optimisation)."""
        import tempfile  # only runs that lint something write entries

        target = Path(self._file(key))
        entry: dict[str, Any] = {
            "findings": [encode_diagnostic(d) for d in diagnostics],
            "file_data": file_data,
        }
        if word_count is not None:
            entry["w"] = word_count
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False)
            os.replace(tmp, target)
        except (OSError, TypeError, ValueError):
            try:
                if "tmp" in locals() and os.path.exists(tmp):
                    os.unlink(tmp)
            except OSError:
                pass
