"""Paragraph-level result cache, so an unchanged paragraph never reaches LanguageTool.

One SQLite database in the cache folder, keyed by a hash of (paragraph text,
language and other request settings, LanguageTool version, cache format).
SQLite in WAL mode with a busy timeout makes concurrent newslint runs and
forked worker processes safe; each process opens its own connection.

The cache is an optimisation: when the database cannot be opened or written
(read-only home, full disk, corrupt file) it logs one warning and turns itself
off for the run instead of failing the check.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from newslint.languagetool.match import Match
from newslint.languagetool.paths import languagetool_dir

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
DB_NAME = "results.sqlite3"
# Entries not read for this long are dropped (checked at most once a day).
MAX_AGE_SECONDS = 60 * 60 * 24 * 60
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    matches TEXT NOT NULL,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def cache_key(text: str, settings_fingerprint: str, version: str) -> str:
    """Return the cache key of one paragraph checked with given settings and version."""
    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}\0{version}\0{settings_fingerprint}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ResultCache:
    """Read and write LanguageTool matches per paragraph."""

    def __init__(self, path: Path | None = None, cache_dir: Path | str | None = None) -> None:
        self.path = path or languagetool_dir(cache_dir) / DB_NAME
        self.enabled = True
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    def _connection(self) -> sqlite3.Connection | None:
        # A connection must not cross fork(): reopen in each process.
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._prune(conn)
        except sqlite3.Error as exc:
            self._disable(f"cannot open {self.path}: {exc}")
            return None
        except OSError as exc:
            self._disable(f"cannot create {self.path.parent}: {exc.strerror or exc}")
            return None
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _prune(self, conn: sqlite3.Connection) -> None:
        now = time.time()
        row = conn.execute("SELECT value FROM meta WHERE name = 'pruned'").fetchone()
        if row is not None and now - float(row[0]) < 86400:
            return
        with conn:
            conn.execute("DELETE FROM results WHERE used < ?", (now - MAX_AGE_SECONDS,))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (str(now),))

    def _disable(self, why: str) -> None:
        if self.enabled:
            log.warning("LanguageTool result cache disabled: %s", why)
        self.enabled = False

    def get_many(self, keys: Sequence[str]) -> dict[str, list[Match]]:
        """Return the cached matches of every key found; refresh their last-use time."""
        if not self.enabled or not keys:
            return {}
        found: dict[str, list[Match]] = {}
        with self._lock:
            conn = self._connection()
            if conn is None:
                return {}
            try:
                unique = list(dict.fromkeys(keys))
                for start in range(0, len(unique), 500):
                    chunk = unique[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, matches FROM results WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, blob in rows:
                        try:
                            found[key] = [Match.from_json(m) for m in json.loads(blob)]
                        except (ValueError, TypeError, KeyError):
                            continue  # a damaged row is a miss; the next put overwrites it
                if found:
                    with conn:
                        conn.executemany(
                            "UPDATE results SET used = ? WHERE key = ?",
                            [(time.time(), key) for key in found],
                        )
            except sqlite3.Error as exc:
                self._disable(f"cannot read {self.path}: {exc}")
                return {}
        self.hits += sum(1 for key in keys if key in found)
        self.misses += sum(1 for key in keys if key not in found)
        return found

    def put(self, key: str, matches: Sequence[Match]) -> None:
        """Store one paragraph's matches."""
        if not self.enabled:
            return
        blob = json.dumps([m.to_json() for m in matches], ensure_ascii=False)
        with self._lock:
            conn = self._connection()
            if conn is None:
                return
            try:
                with conn:
                    conn.execute(
                        "INSERT OR REPLACE INTO results (key, matches, used) VALUES (?, ?, ?)",
                        (key, blob, time.time()),
                    )
            except sqlite3.Error as exc:
                self._disable(f"cannot write {self.path}: {exc}")

    def close(self) -> None:
        """Close this process's connection."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None
