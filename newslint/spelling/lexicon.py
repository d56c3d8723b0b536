"""The compiled lexicon: built once per data version, then loaded in milliseconds.

The build (:mod:`.build`) takes several seconds, so its result is stored in
``<cache dir>/spelling/`` (``NEWSLINT_CACHE_DIR``, else ``~/.cache/newslint``)
under a key made of the data files' identities (path, size, mtime: a new
package version changes them), the curated confusables file and the engine's
build-format version. It is written atomically (temporary file, then
``os.replace``), so concurrent first runs never read a torn file: each either
finds a complete file or builds and writes its own identical copy. A cache
that cannot be read or written only costs a rebuild, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from newslint.spelling.build import (
    CAND_LEN_SHIFT,
    CAND_OFFSET_SHIFT,
    F_KNOWN,
    F_LM,
    F_SUGGEST,
    F_VARIANT,
    F_VETTED,
    ZIPF_BITS,
    Compiled,
)
from newslint.spelling.table import FrozenTable, fingerprint

__all__ = ["Lexicon", "WordInfo", "lexicon"]

# Bump when the file layout changes. Edits of the modules that decide what is
# built (listed below) change the cache key by themselves.
BUILD_VERSION = 1
_BUILD_MODULES = ("build", "edits", "morph", "table", "sources")
_MAGIC = "newslint-spelling"


class WordInfo:
    """What the lexicon knows about one lower-case word form."""

    __slots__ = ("candidates", "flags", "zipf")

    def __init__(self, zipf: float, flags: int, candidates: tuple[tuple[str, float], ...]):
        self.zipf = zipf
        self.flags = flags
        self.candidates = candidates

    @property
    def vetted(self) -> bool:
        """In a curated word list."""
        return bool(self.flags & F_VETTED)

    @property
    def known(self) -> bool:
        """Accepted as a correctly spelled word."""
        return bool(self.flags & F_KNOWN)

    @property
    def in_lm(self) -> bool:
        """In the language model's vocabulary."""
        return bool(self.flags & F_LM)

    @property
    def suggestible(self) -> bool:
        """Common enough to be offered as a correction."""
        return bool(self.flags & F_SUGGEST)


_UNKNOWN = WordInfo(0.0, 0, ())


def _text(blob: str | memoryview, offset: int, length: int) -> str:
    """Return ``blob[offset:offset+length]`` as text (blobs are str or mapped UTF-8)."""
    part = blob[offset : offset + length]
    return part if isinstance(part, str) else bytes(part).decode("utf-8")


class Lexicon:
    """Lookups into the compiled tables, memoised per word."""

    def __init__(self, compiled: Compiled) -> None:
        self._words = compiled.words
        self._deletions = compiled.deletions
        self._deletion_blob = compiled.deletion_blob
        self._candidate_blob = compiled.candidate_blob
        self._info: dict[str, WordInfo] = {}
        self._del: dict[str, tuple[str, ...]] = {}

    def info(self, word: str) -> WordInfo:
        """Return what is known of lower-case ``word`` (zipf 0, no flags if nothing)."""
        got = self._info.get(word)
        if got is not None:
            return got
        value = self._words.get(word)
        if value < 0:
            got = _UNKNOWN
        else:
            zipf = (value & ((1 << ZIPF_BITS) - 1)) / 100.0
            flags = value & 0xFC00
            n = (value >> CAND_LEN_SHIFT) & 0xFFFF
            cands: tuple[tuple[str, float], ...] = ()
            if n:
                off = (value >> CAND_OFFSET_SHIFT) & 0xFFFFFF
                text = _text(self._candidate_blob, off, n)
                cands = tuple(
                    (c, int(cost) / 10.0)
                    for c, _, cost in (item.partition(":") for item in text.split(","))
                )
            got = WordInfo(zipf, flags, cands)
        self._info[word] = got
        return got

    def has_variant(self, word: str) -> bool:
        """Return True when a known word is another spelling of ``word`` (British/American).

        A plural is tried through its singular too ("diallers": "dialer").
        """
        from newslint.spelling.morph import variant_key

        forms = [word, word[:-1]] if word.endswith("s") and len(word) > 4 else [word]
        for form in forms:
            key = variant_key(form)
            if key != form and self.info("~" + key).flags & F_VARIANT:
                return True
        return False

    def deletion_neighbours(self, key: str) -> tuple[str, ...]:
        """Return the suggestible words that become ``key`` when one letter is deleted."""
        got = self._del.get(key)
        if got is None:
            value = self._deletions.get(key)
            if value < 0:
                got = ()
            else:
                off, n = value >> 16, value & 0xFFFF
                got = tuple(_text(self._deletion_blob, off, n).split(" "))
            self._del[key] = got
        return got


def _cache_file(stamp: str) -> Path:
    from newslint.config import default_cache_dir

    key = fingerprint(f"{_MAGIC}|{BUILD_VERSION}|{sys.byteorder}|{stamp}")
    return default_cache_dir() / "spelling" / f"lexicon-{key:016x}.bin"


# File layout: one JSON header line, then the raw sections back to back, each
# padded to 8 bytes so the arrays can be memory-mapped in place.
def _sections(compiled: Compiled) -> list[tuple[str, bytes]]:
    wk, wv, _ = compiled.words.to_bytes()
    dk, dv, _ = compiled.deletions.to_bytes()
    return [
        ("words.keys", wk),
        ("words.values", wv),
        ("deletions.keys", dk),
        ("deletions.values", dv),
        ("deletion_blob", _as_bytes(compiled.deletion_blob)),
        ("candidate_blob", _as_bytes(compiled.candidate_blob)),
    ]


def _as_bytes(blob: str | memoryview) -> bytes:
    return blob.encode("utf-8") if isinstance(blob, str) else bytes(blob)


def _store(path: Path, compiled: Compiled) -> None:
    """Write ``compiled`` atomically; any failure is silently ignored (rebuild next time)."""
    tmp: str | None = None
    try:
        sections = _sections(compiled)
        layout = []
        offset = 0
        for name, data in sections:
            layout.append([name, offset, len(data)])
            offset += (len(data) + 7) // 8 * 8
        header = {
            "magic": _MAGIC,
            "version": BUILD_VERSION,
            "byteorder": sys.byteorder,
            "sizes": [len(compiled.words), len(compiled.deletions)],
            "sections": layout,
        }
        head = json.dumps(header).encode("ascii")
        head += b" " * (-(len(head) + 1) % 8) + b"\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(head)
            for _, data in sections:
                fh.write(data)
                fh.write(b"\0" * (-len(data) % 8))
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob("lexicon-*.bin"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except Exception:  # read-only or full disk, no home folder: rebuild next time
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _load(path: Path) -> Compiled | None:
    """Memory-map a stored lexicon; return None when it is missing or not ours."""
    try:
        with open(path, "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        head_end = mapped.find(b"\n") + 1
        header = json.loads(mapped[: head_end - 1])
        if (
            header.get("magic") != _MAGIC
            or header.get("version") != BUILD_VERSION
            or header.get("byteorder") != sys.byteorder
        ):
            return None
        view = memoryview(mapped)
        parts: dict[str, memoryview] = {}
        for name, offset, length in header["sections"]:
            start = head_end + offset
            if start + length > len(mapped):
                return None
            parts[name] = view[start : start + length]
        n_words, n_deletions = header["sizes"]
        return Compiled(
            FrozenTable.from_buffer(parts["words.keys"], parts["words.values"], n_words),
            FrozenTable.from_buffer(
                parts["deletions.keys"], parts["deletions.values"], n_deletions
            ),
            parts["deletion_blob"],
            parts["candidate_blob"],
        )
    except Exception:  # missing, truncated, or from another format: rebuild
        return None


def _confusables_path() -> Path:
    from newslint.data import rules_root

    return rules_root() / "data" / "confusables.toml"


def load_confusables(path: Path | None = None) -> dict[str, set[str]]:
    """Return word -> curated confusable words (symmetric), from the TOML data file."""
    return _word_sets(path or _confusables_path(), "sets")


def load_traps(path: Path | None = None) -> dict[str, set[str]]:
    """Return word -> its newsroom-trap partners (the ``[[traps]]`` sets; symmetric)."""
    return _word_sets(path or _confusables_path(), "traps")


def _word_sets(path: Path, table: str) -> dict[str, set[str]]:
    """Return word -> the other words of its sets in ``[[table]]`` (lower case)."""
    import tomllib

    with path.open("rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, set[str]] = {}
    for group in data.get(table, []):
        words = [w.lower() for w in group.get("words", [])]
        for w in words:
            out.setdefault(w, set()).update(x for x in words if x != w)
    return out


def build_compiled() -> Compiled:
    """Compile the lexicon from the installed packages (slow: seconds)."""
    from newslint.spelling.build import compile_lexicon
    from newslint.spelling.langmodel import language_model
    from newslint.spelling.sources import locate

    lm = language_model()
    return compile_lexicon(locate(), load_confusables(), lm.knows)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the process-wide lexicon, loading or building the compiled file."""
    from newslint.spelling.sources import locate

    here = Path(__file__).resolve().parent
    inputs = [_confusables_path(), *(here / f"{m}.py" for m in _BUILD_MODULES)]
    # By content, not path or mtime: clones and reinstalls of one version share the file.
    stamps = [hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest() for path in inputs]
    stamp = "|".join([locate().stamp(), *stamps])
    path = _cache_file(stamp)
    compiled = _load(path)
    if compiled is None:
        if sys.stderr.isatty():  # the first run on a machine: say why it pauses
            print(
                "newslint: building the spelling lexicon once (10-20 s); "
                f"later runs load it from {path.parent}",
                file=sys.stderr,
            )
        compiled = build_compiled()
        _store(path, compiled)
    return Lexicon(compiled)
