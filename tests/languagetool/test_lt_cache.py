"""The per-paragraph result cache: keys, persistence, damage and concurrency."""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path

import pytest

from newslint.languagetool import Match
from newslint.languagetool.cache import ResultCache, cache_key

MATCH = Match(0, 2, "HE_VERB_AGR", "Use 'goes'.", replacements=("goes",))


def test_key_depends_on_text_settings_and_version() -> None:
    base = cache_key("He go.", "settings", "6.8")
    assert base == cache_key("He go.", "settings", "6.8")
    assert base != cache_key("He go!", "settings", "6.8")
    assert base != cache_key("He go.", "other", "6.8")
    assert base != cache_key("He go.", "settings", "6.9")


def test_put_then_get_across_instances(tmp_path: Path) -> None:
    first = ResultCache(tmp_path / "r.sqlite3")
    first.put("k1", [MATCH])
    first.put("k2", [])
    first.close()
    second = ResultCache(tmp_path / "r.sqlite3")
    assert second.get_many(["k1", "k2", "k3"]) == {"k1": [MATCH], "k2": []}
    assert (second.hits, second.misses) == (2, 1)


def test_corrupt_database_disables_the_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "r.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = ResultCache(path)
    with caplog.at_level(logging.WARNING):
        assert cache.get_many(["k"]) == {}
        cache.put("k", [MATCH])
    assert not cache.enabled
    assert sum("cache disabled" in r.message for r in caplog.records) == 1


def test_unwritable_folder_disables_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(blocker / "sub" / "r.sqlite3")
    cache.put("k", [MATCH])
    assert cache.get_many(["k"]) == {}
    assert not cache.enabled


def _writer(path: str, worker: int) -> None:
    cache = ResultCache(Path(path))
    for i in range(50):
        cache.put(f"{worker}-{i}", [MATCH])
        cache.get_many([f"{worker}-{i}", f"{1 - worker}-{i}"])
    cache.close()


def test_concurrent_processes(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(path), w)) for w in (0, 1)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    found = ResultCache(path).get_many([f"{w}-{i}" for w in (0, 1) for i in range(50)])
    assert len(found) == 100
