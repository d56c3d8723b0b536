"""The compiled-data cache: hits, invalidation, corruption, concurrency, and its users."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newslint import datacache
from newslint.datacache import cached

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv(datacache.DISABLE_ENV, raising=False)
    return folder


class Counter:
    """A builder that counts its calls and returns what the source file says."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> dict[str, object]:
        self.calls += 1
        return {"text": self.source.read_text(encoding="utf-8"), "items": [1, 2, 3]}


def entries(name: str) -> list[Path]:
    return sorted(datacache.cache_dir().glob(f"{name}-*.pickle"))


def test_second_call_reads_the_cache(tmp_path: Path) -> None:
    src = tmp_path / "table.toml"
    src.write_text("a = 1\n", encoding="utf-8")
    build = Counter(src)
    first = cached("table", [src], build)
    second = cached("table", [src], build)
    assert build.calls == 1
    assert first == second == {"text": "a = 1\n", "items": [1, 2, 3]}
    assert first is not second  # a fresh copy from the pickle
    assert len(entries("table")) == 1


def test_changed_content_rebuilds_and_unchanged_content_hits(tmp_path: Path) -> None:
    src = tmp_path / "table.toml"
    src.write_text("a = 1\n", encoding="utf-8")
    build = Counter(src)
    cached("table", [src], build)
    src.write_text("a = 2\n", encoding="utf-8")  # same size, new content
    assert cached("table", [src], build)["text"] == "a = 2\n"
    assert build.calls == 2
    os.utime(src, (1, 1))  # touched, content unchanged: still a hit
    assert cached("table", [src], build)["text"] == "a = 2\n"
    assert build.calls == 2


def test_added_or_missing_source_changes_the_key(tmp_path: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    one.write_text("x\n", encoding="utf-8")
    build = Counter(one)
    cached("pair", [one, two], build)  # two is missing: still cached, keyed as missing
    cached("pair", [one, two], build)
    assert build.calls == 1
    two.write_text("y\n", encoding="utf-8")
    cached("pair", [one, two], build)
    assert build.calls == 2


def test_salt_and_code_fingerprint_are_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    cached("t", [src], build, salt="a")
    cached("t", [src], build, salt="b")
    assert build.calls == 2
    # Edited newslint code (another fingerprint) never reads an old entry.
    monkeypatch.setattr(datacache, "code_fingerprint", lambda: "other code")
    cached("t", [src], build, salt="a")
    assert build.calls == 3


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-key", "empty"])
def test_corrupt_entry_is_rebuilt_and_replaced(tmp_path: Path, damage: str) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    cached("t", [src], build)
    (entry,) = entries("t")
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"not a pickle at all")
    elif damage == "wrong-key":
        entry.write_bytes(pickle.dumps((datacache.FORMAT, "another key", {"text": "stale"})))
    else:
        entry.write_bytes(b"")
    assert cached("t", [src], build) == {"text": "x\n", "items": [1, 2, 3]}
    assert build.calls == 2
    assert cached("t", [src], build)["text"] == "x\n"
    assert build.calls == 2  # the rebuilt entry was written back


def test_build_errors_propagate_and_store_nothing(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")

    def broken() -> object:
        raise ValueError("bad table")

    with pytest.raises(ValueError, match="bad table"):
        cached("t", [src], broken)
    assert entries("t") == []


def test_disabled_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.DISABLE_ENV, "1")
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    cached("t", [src], build)
    cached("t", [src], build)
    assert build.calls == 2
    assert not datacache.cache_dir().exists()


def test_unwritable_cache_falls_back_to_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker))  # cache dir under a file
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    assert cached("t", [src], build)["text"] == "x\n"
    assert cached("t", [src], build)["text"] == "x\n"
    assert build.calls == 2


def test_unpicklable_value_is_returned_but_not_stored(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    value = cached("t", [src], lambda: {"f": lambda: 1})
    assert value["f"]() == 1
    assert entries("t") == []
    assert not list(datacache.cache_dir().glob("*.tmp"))


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_entry_owned_by_another_user_is_not_loaded(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    cached("t", [src], build)
    (entry,) = entries("t")
    os.chown(entry, 4242, 4242)
    cached("t", [src], build)
    assert build.calls == 2


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    build = Counter(src)
    for n in range(datacache.KEEP + 3):
        src.write_text(f"version {n}\n", encoding="utf-8")
        cached("t", [src], build)
    assert len(entries("t")) == datacache.KEEP
    assert cached("t", [src], build)["text"] == f"version {datacache.KEEP + 2}\n"
    assert build.calls == datacache.KEEP + 3


def test_entries_of_other_salts_are_not_pruned(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text("x\n", encoding="utf-8")
    build = Counter(src)
    folders = [f"folder-{n}" for n in range(datacache.KEEP + 2)]
    for salt in folders:
        cached("pack", [src], build, salt=salt)
    for salt in folders:  # every one is still a hit
        cached("pack", [src], build, salt=salt)
    assert build.calls == len(folders)


def test_concurrent_processes_agree(tmp_path: Path, _cache_dir: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text("shared\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        from newslint.datacache import cached
        value = cached("race", [{str(src)!r}], lambda: list(range(200_000)))
        assert value == list(range(200_000)), "wrong value"
        print("ok")
        """
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(_cache_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    assert len(entries("race")) == 1
    assert not list(_cache_dir.rglob("*.tmp"))
    datacache.code_fingerprint.cache_clear()  # hash the modules as the children did
    assert cached("race", [src], lambda: []) == list(range(200_000))


# ---------------------------------------------------------------- the users


def test_load_data_from_cache_equals_the_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    from newslint.data import load_data, rules_root

    with (rules_root() / "data" / "boilerplate.toml").open("rb") as fh:
        expected = tomllib.load(fh)
    for _ in range(2):  # a miss, then a hit
        load_data.cache_clear()
        assert load_data("data/boilerplate.toml") == expected
    assert len(entries("data-data_boilerplate.toml")) == 1
    load_data.cache_clear()


def test_knowledge_base_from_cache_answers_like_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.facts.kb import _load_cached, load_kb

    text = (
        "The World Health Organisation and the Federal Reserve met the Secretary-General "
        "of the United Nations and the Prime Minister of the United Kingdom."
    )

    def answers() -> tuple[object, ...]:
        _load_cached.cache_clear()
        kb = load_kb()
        names = [(m.start, m.end, m.official) for m in kb.official_name_variants().finditer(text)]
        titles = [(m.start, m.end, m.text) for m in kb.titles.finditer(text)]
        holders = {office: [t.holder for t in kb.terms_of(office)] for office in kb.offices}
        return names, titles, holders, sorted(kb.persons), kb.as_of

    monkeypatch.setenv(datacache.DISABLE_ENV, "1")
    fresh = answers()
    monkeypatch.delenv(datacache.DISABLE_ENV)
    miss = answers()
    hit = answers()
    assert fresh == miss == hit
    assert fresh[0] and fresh[1] and fresh[2]  # the sample names known bodies and titles
    assert len(entries("facts")) == 1
    _load_cached.cache_clear()


def test_knowledge_base_cache_sees_an_edited_newsroom_file(tmp_path: Path) -> None:
    from newslint.facts.kb import _load_cached, load_kb

    facts = tmp_path / "newsroom.toml"
    row = textwrap.dedent(
        """
        [[organisation]]
        name = "Gadget Workers Union of Testland"
        wrong = ["{wrong}"]
        source = "https://example.org/gwut"
        as_of = 2025-01-01
        """
    )
    facts.write_text(row.format(wrong="Gadget Workers Union"), encoding="utf-8")
    _load_cached.cache_clear()
    names = load_kb([facts]).official_name_variants().wrong_to_official
    assert names.get("Gadget Workers Union") == "Gadget Workers Union of Testland"
    facts.write_text(row.format(wrong="Testland Gadget Union"), encoding="utf-8")
    _load_cached.cache_clear()
    names = load_kb([facts]).official_name_variants().wrong_to_official
    assert "Gadget Workers Union" not in names
    assert names.get("Testland Gadget Union") == "Gadget Workers Union of Testland"
    _load_cached.cache_clear()


def test_packs_from_cache_equal_parsed_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.packs import resolve_packs

    def specs() -> list[object]:
        return [(p.name, [r.spec for r in p.rules]) for p in resolve_packs("ap")]

    monkeypatch.setenv(datacache.DISABLE_ENV, "1")
    fresh = specs()
    monkeypatch.delenv(datacache.DISABLE_ENV)
    assert specs() == fresh  # miss
    assert specs() == fresh  # hit
    assert entries("pack")
