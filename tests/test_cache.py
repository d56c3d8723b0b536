"""The per-file result cache: hits on an unchanged tree, misses on any change that matters.

Every run is a ``newslint`` subprocess (fingerprints are memoised per
process, as in real use) with ``NEWSLINT_CACHE_DIR`` in the test's temporary
folder. Hits are proven, not inferred from timing: the stored entries are
*tampered with* (every message rewritten), so a run that prints the tampered
message was served from the cache and a run that prints the real one was not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newslint.cache
from newslint.cache import ResultCache, settings_fingerprint
from newslint.config import resolve_settings
from tests.conftest import fixable_finding, write_xt_pack

TAMPERED = "served from the cache"

ARTICLES = {
    "a.txt": "Council backs budget\n\nThey utilise the hall.\n",
    "b.txt": "Mayor speaks\n\nThey frobnicate daily.\n",
    "c.md": "# Turnout\n\nTurnout rose 5 per cent, *they* said.\n",
    "d.html": "<h1>Advice</h1><p>The adviser met an adviser and an advisor.</p>\n",
    "e.txt": "Quiet day\n\nNothing happened.\n",
}


class Tree:
    """A project folder with the XT pack, a config and articles, and its cache."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache = root.parent / "cache"
        write_xt_pack(root / "xtpack")
        self.config("")
        for name, text in ARTICLES.items():
            (root / name).write_text(text, encoding="utf-8")

    def config(self, extra: str) -> None:
        (self.root / "newslint.toml").write_text(
            f'rule-paths = ["xtpack"]\nselect = ["XT"]\nstyle = "none"\n{extra}',
            encoding="utf-8",
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        env["NEWSLINT_CACHE_DIR"] = str(self.cache)
        env.pop("NEWSLINT_LANGUAGETOOL_URL", None)
        return subprocess.run(
            [sys.executable, "-m", "newslint", "check", "-o", "json", *args, "."],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def entries(self) -> list[Path]:
        return sorted(self.cache.glob("results/*/*.json"))

    def tamper(self) -> int:
        """Rewrite the message of every stored finding; return how many entries."""
        entries = self.entries()
        for entry in entries:
            data = json.loads(entry.read_text(encoding="utf-8"))
            for finding in data["findings"]:
                finding["m"] = TAMPERED
            entry.write_text(json.dumps(data), encoding="utf-8")
        return len(entries)


def messages(result: subprocess.CompletedProcess[str]) -> dict[str, list[tuple[str, str]]]:
    """Return path -> [(rule, message)] from a JSON report."""
    return {
        f["path"].removeprefix("./"): [(d["rule"], d["message"]) for d in f["findings"]]
        for f in json.loads(result.stdout)["files"]
    }


def served(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Return the files whose findings came from the (tampered) cache."""
    return {
        path for path, found in messages(result).items() if any(m == TAMPERED for _, m in found)
    }


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path / "proj")


FINDING_FILES = {"a.txt", "b.txt", "c.md", "d.html"}


def test_second_run_is_identical_and_comes_from_the_cache(tree: Tree) -> None:
    first = tree.run()
    assert first.returncode == 1, first.stderr
    stored = tree.entries()
    assert len(stored) == len(ARTICLES)  # clean files are cached too
    second = tree.run()
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert tree.entries() == stored
    tree.tamper()
    third = tree.run()
    assert served(third) == FINDING_FILES
    assert third.returncode == 1


def test_changing_a_file_invalidates_only_that_file(tree: Tree) -> None:
    tree.run()
    tree.tamper()
    (tree.root / "a.txt").write_text("Council backs budget\n\nThey blorf.\n", encoding="utf-8")
    result = tree.run()
    assert served(result) == FINDING_FILES - {"a.txt"}
    assert messages(result)["a.txt"] == [("XT001", "'blorf' is banned.")]


def test_same_text_same_key_different_path(tree: Tree) -> None:
    # The key holds the displayed path too: a copy of a file is its own entry
    # (paths are part of every finding).
    tree.run()
    tree.tamper()
    (tree.root / "copy.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    result = tree.run()
    assert "copy.txt" not in served(result) and "a.txt" in served(result)


@pytest.mark.parametrize(
    ("extra", "expect"),
    [
        # A change to what the rules do invalidates every entry ...
        ('ignore = ["XT003"]\n', set()),
        ('[severity]\nXT002 = "error"\n', set()),
        ('[per-file-ignores]\n"d.html" = ["XT003"]\n', set()),
        # ... a change to how results are shown does not.
        ('output-format = "concise"\n', FINDING_FILES),
    ],
)
def test_changing_the_config(tree: Tree, extra: str, expect: set[str]) -> None:
    tree.run()
    tree.tamper()
    tree.config(extra)
    result = tree.run()
    assert served(result) == expect


def test_changing_jobs_keeps_the_cache(tree: Tree) -> None:
    tree.run("--jobs", "1")
    tree.tamper()
    assert served(tree.run("--jobs", "2")) == FINDING_FILES


def test_changing_a_rule_pack_file_invalidates(tree: Tree) -> None:
    tree.run()
    tree.tamper()
    rule = tree.root / "xtpack" / "banned-word.toml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace('"blorf"]', '"blorf", "daily"]'),
        encoding="utf-8",
    )
    result = tree.run()
    assert served(result) == set()
    assert ("XT001", "'daily' is banned.") in messages(result)["b.txt"]


def test_adding_a_rule_pack_file_invalidates(tree: Tree) -> None:
    tree.run()
    tree.tamper()
    (tree.root / "xtpack" / "hall.toml").write_text(
        'code = "XT010"\nkind = "existence"\ncategory = "style"\nsummary = "s"\n'
        'message = "\'{match}\' again."\ntokens = ["hall"]\n',
        encoding="utf-8",
    )
    result = tree.run()
    assert served(result) == set()
    assert ("XT010", "'hall' again.") in messages(result)["a.txt"]


def test_no_cache_bypasses_reading_and_writing(tree: Tree) -> None:
    tree.run("--no-cache")
    assert tree.entries() == []
    tree.run()
    tree.tamper()
    result = tree.run("--no-cache")
    assert served(result) == set()
    assert result.stdout == tree.run("--no-cache").stdout


def test_corrupt_entries_are_misses(tree: Tree) -> None:
    first = tree.run()
    for i, entry in enumerate(tree.entries()):
        entry.write_bytes([b"", b"{", b"\x00\xff", b'{"findings": 3}', b"[]"][i % 5])
    again = tree.run()
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert "Traceback" not in again.stderr
    assert tree.run().stdout == first.stdout  # and rewritten good


def test_fix_never_reads_the_cache(tree: Tree) -> None:
    tree.run()
    tree.tamper()
    result = tree.run("--fix")
    assert served(result) == set()
    assert (tree.root / "a.txt").read_text(encoding="utf-8").endswith("They use the hall.\n")


def test_unreadable_files_are_not_cached(tree: Tree) -> None:
    (tree.root / "bad.txt").write_bytes(b"caf\xe9\n")
    first = tree.run()
    assert first.returncode == 2
    assert len(tree.entries()) == len(ARTICLES)
    (tree.root / "bad.txt").write_text("They blorf.\n", encoding="utf-8")
    result = tree.run()
    assert messages(result)["bad.txt"] == [("XT001", "'blorf' is banned.")]


# ------------------------------------------------------------------ the key, in process


def test_fingerprint_covers_version_and_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = resolve_settings(None, overrides={"style": "none"}, isolated=True)
    other = resolve_settings(None, overrides={"style": "ap"}, isolated=True)
    shown = resolve_settings(None, overrides={"style": "none", "jobs": 3}, isolated=True)
    assert settings_fingerprint(base) != settings_fingerprint(other)
    assert settings_fingerprint(base) == settings_fingerprint(shown)
    before = settings_fingerprint(base)
    monkeypatch.setattr(newslint.cache, "__version__", "999.0")
    assert settings_fingerprint(base) != before


def test_key_covers_text_path_and_format(tmp_path: Path) -> None:
    settings = resolve_settings(None, overrides={"style": "none"}, isolated=True)
    cache = ResultCache(settings, root=tmp_path)
    key = cache.key("a.txt", "Text.", "txt")
    assert key == cache.key("a.txt", "Text.", "txt")
    assert len({key, cache.key("a.txt", "Text!", "txt"), cache.key("b.txt", "Text.", "txt")}) == 3
    assert key != cache.key("a.txt", "Text.", "md")


def test_format_in_is_part_of_the_key(tree: Tree) -> None:
    # A file's own format follows from its path (in the key); --format-in changes it.
    tree.run()
    tree.tamper()
    assert served(tree.run("--format-in", "md")) == set()
    assert served(tree.run()) == FINDING_FILES


def test_entries_carry_the_word_count(tree: Tree) -> None:
    first = tree.run()
    words = json.loads(first.stdout)["summary"]["words"]
    for entry in tree.entries():
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert isinstance(data["w"], int)
        data["w"] += 1000
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert json.loads(tree.run().stdout)["summary"]["words"] == words + 1000 * len(ARTICLES)
    for entry in tree.entries():  # an entry without a count counts the text
        data = json.loads(entry.read_text(encoding="utf-8"))
        del data["w"]
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert tree.run().stdout == first.stdout


@pytest.mark.parametrize(
    "change",
    [
        {"a": [1, 2]},  # a location too short
        {"cat": "colour"},  # no such category
        {"s": [5, 2]},  # an invalid span
        {"r": [[0, 1]]},  # a related span without its fields
        {"f": {"a": "safe"}},  # a fix without edits
        {"sev": "high"},  # no such severity
    ],
)
def test_malformed_findings_are_misses(tree: Tree, change: dict[str, object]) -> None:
    first = tree.run()
    stored = [e for e in tree.entries() if json.loads(e.read_text(encoding="utf-8"))["findings"]]
    assert len(stored) == len(FINDING_FILES)
    for entry in stored:
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["findings"][0].update(change)
        entry.write_text(json.dumps(data), encoding="utf-8")
    again = tree.run()
    assert (again.returncode, again.stdout, again.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )


def test_fingerprint_ignores_bytecode_folders(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "sub").mkdir(parents=True)
    (pack / "sub" / "rule.py").write_text("x = 1\n", encoding="utf-8")
    before = newslint.cache._tree_fingerprint.__wrapped__((str(pack),))
    (pack / "sub" / "__pycache__").mkdir()
    (pack / "sub" / "__pycache__" / "rule.cpython-311.pyc").write_bytes(b"\x00")
    assert newslint.cache._tree_fingerprint.__wrapped__((str(pack),)) == before
    (pack / "sub" / "other.py").write_text("y = 2\n", encoding="utf-8")
    assert newslint.cache._tree_fingerprint.__wrapped__((str(pack),)) != before
    single = pack / "sub" / "rule.py"
    alone = newslint.cache._tree_fingerprint.__wrapped__((str(single),))
    single.write_text("x = 22\n", encoding="utf-8")
    assert newslint.cache._tree_fingerprint.__wrapped__((str(single),)) != alone
    missing = newslint.cache._tree_fingerprint.__wrapped__((str(tmp_path / "none"),))
    assert missing == newslint.cache._tree_fingerprint.__wrapped__(())


def test_touching_a_file_on_another_day_invalidates_it(tree: Tree) -> None:
    # Without a date in the story, the date checks take the story's date (and a
    # dateline's year) from the file's modification time: a file modified on
    # another day must be linted again, one touched the same day need not be.
    for name in ARTICLES:
        (tree.root / name).unlink()
    story = tree.root / "dated.txt"
    story.write_text(
        "Council vote\n\nThe council will vote on Tuesday, March 3, officials said.\n",
        encoding="utf-8",
    )
    (tree.root / "newslint.toml").write_text('select = ["NL504"]\n', encoding="utf-8")
    os.utime(story, (1773144000, 1773144000))  # 2026-03-10 noon UTC: March 3 was a Tuesday
    first = tree.run()
    assert first.returncode == 0, first.stdout + first.stderr
    assert len(tree.entries()) == 1
    os.utime(story, (1773147600, 1773147600))  # an hour later, the same day: a hit
    tree.run()
    assert len(tree.entries()) == 1
    os.utime(story, (1741608000, 1741608000))  # 2025-03-10: March 3 was a Monday
    again = tree.run()
    assert len(tree.entries()) == 2
    found = messages(again)["dated.txt"]
    assert [rule for rule, _ in found] == ["NL504"]
    assert "2025" in found[0][1]


def _fake_languagetool_install(cache_dir: Path) -> None:
    """Make ``cache_dir`` hold what :func:`find_installation` accepts as LanguageTool 6.8."""
    from newslint.languagetool.installation import Installation, write_manifest
    from newslint.languagetool.paths import LT_VERSION, install_dir

    root = install_dir(LT_VERSION, cache_dir)
    root.mkdir(parents=True)
    (root / "languagetool-server.jar").write_bytes(b"")
    write_manifest(Installation(LT_VERSION, root, ("languagetool-server.jar",), "maven"))


def test_fingerprint_covers_what_languagetool_the_run_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.languagetool.installation import availability

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    auto = resolve_settings(None, overrides={"style": "none"}, isolated=True)
    off = resolve_settings(None, overrides={"style": "none", "languagetool": "off"}, isolated=True)
    assert availability("off") == "off"
    assert availability("auto") == "missing"
    missing = settings_fingerprint(auto)
    _fake_languagetool_install(tmp_path)
    assert availability("auto") == "installed 6.8"
    assert availability("off") == "off"
    assert settings_fingerprint(auto) != missing  # installing re-lints every file
    assert availability("auto", "http://localhost:8081") == "server"
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", "http://localhost:8081")
    assert availability("on") == "server"
    assert settings_fingerprint(off) != settings_fingerprint(auto)


def test_results_made_without_an_installed_languagetool_are_cached(tree: Tree) -> None:
    # auto mode, LanguageTool selected but not installed: the built-in findings
    # are the whole result on this machine, so a re-run replays them (and still
    # says that LanguageTool is missing).
    (tree.root / "newslint.toml").write_text(
        'rule-paths = ["xtpack"]\nselect = ["XT", "NL8"]\nstyle = "none"\n', encoding="utf-8"
    )
    first = tree.run()
    assert "LanguageTool is not installed" in first.stderr
    assert len(tree.entries()) == len(ARTICLES)
    tree.tamper()
    second = tree.run()
    assert served(second) == FINDING_FILES
    assert "LanguageTool is not installed" in second.stderr
    third = tree.run("-j", "2")
    assert served(third) == FINDING_FILES
    assert third.stderr.count("LanguageTool is not installed") == 1


def test_a_stored_finding_comes_back_equal_with_its_fix_context() -> None:
    from newslint.cache import decode_diagnostic, encode_diagnostic
    from newslint.diagnostics import Applicability

    found = fixable_finding(4, 8, "the", Applicability.UNSAFE, context=(0, 15))
    stored = json.loads(json.dumps(encode_diagnostic(found)))
    assert decode_diagnostic(stored, "p") == found
    without = fixable_finding(4, 8, "the", Applicability.UNSAFE)
    stored = json.loads(json.dumps(encode_diagnostic(without)))
    assert "c" not in stored["f"]
    assert decode_diagnostic(stored, "p") == without
