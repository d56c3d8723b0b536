"""``--jobs N`` gives byte-identical output and exit codes to ``--jobs 1``; concurrent runs
sharing one cache folder corrupt nothing.

Every run is a ``newslint`` subprocess with ``NEWSLINT_CACHE_DIR`` in the
test's temporary folder. The corpus comparison reads ``../shared/corpus``
(never copied here) and fails instead of skipping on CI when it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_newslint, write_xt_pack

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
TIMEOUT = 600


def newslint(
    *args: str, cwd: Path, cache: Path | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m newslint`` (bytes out, so comparisons are byte for byte).

    Without ``cache`` the session's private cache folder (conftest) is used,
    where the built-in rules' compiled data is made once; such runs pass
    ``--no-cache``.
    """
    result: subprocess.CompletedProcess[bytes] = run_newslint(
        *args, cwd=cwd, cache_dir=cache, timeout=timeout, text=False
    )
    return result


def outcome(result: subprocess.CompletedProcess[bytes]) -> tuple[int, bytes, bytes]:
    return result.returncode, result.stdout, result.stderr


def _corpus_clean() -> Path:
    folder = CORPUS / "dev" / "clean"
    if not folder.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared corpus missing at {CORPUS}")
        pytest.skip(f"shared corpus missing at {CORPUS}")
    return folder.resolve()


# ------------------------------------------------------------------ a mixed tree

BODIES = [
    "They utilise the hall.",  # XT002 warning, safe fix
    "They frobnicate daily.",  # XT001 error
    "The adviser met an adviser and an advisor.",  # XT003 info
    "Turnout rose 5 per cent.",  # XT004 warning, unsafe fix
    "Nothing to see here.",
    "We utilise it in excess of 5 per cent. Do not blorf.",
]


def mixed_tree(root: Path, count: int = 36) -> Path:
    """Write a project: XT pack, config, articles in three formats, and bad files."""
    write_xt_pack(root / "xtpack")
    (root / "newslint.toml").write_text(
        'rule-paths = ["xtpack"]\nselect = ["XT"]\nstyle = "none"\n', encoding="utf-8"
    )
    desk = root / "desk"
    desk.mkdir(parents=True)
    for i in range(count):
        body = BODIES[i % len(BODIES)]
        kind = i % 3
        if kind == 0:
            text = f"Story {i}\n\n{body}\n"
            name = f"s{i:02}.txt"
        elif kind == 1:
            text = f"# Story {i}\n\n{body.replace('They', '*They*')}\n"
            name = f"s{i:02}.md"
        else:
            text = f"<h1>Story {i}</h1>\n<p>{body}</p>\n"
            name = f"s{i:02}.html"
        (desk / name).write_text(text, encoding="utf-8")
    # Files that cannot be linted, spread through the run, and an empty one.
    (desk / "s05.txt").write_bytes(b"caf\xe9 owners\n")
    (desk / "s17.txt").write_bytes(b"\x00\x01binary")
    (desk / "s23.txt").symlink_to("gone.txt")  # dangling (relative, so copies stay alike)
    (desk / "s29.txt").write_text("", encoding="utf-8")
    return root


@pytest.mark.parametrize("output", ["json", "concise", "sarif"])
def test_jobs_match_serial_on_a_mixed_tree(tmp_path: Path, output: str) -> None:
    root = mixed_tree(tmp_path / "proj")
    args = ["check", "--no-cache", "-o", output, "desk"]
    serial = newslint(*args, "--jobs", "1", cwd=root, cache=tmp_path / "c1")
    assert serial.returncode == 2  # the unreadable files
    assert serial.stderr.count(b"newslint: error:") == 3
    for jobs in ("2", "3"):
        parallel = newslint(*args, "--jobs", jobs, cwd=root, cache=tmp_path / "c2")
        assert outcome(parallel) == outcome(serial), jobs


def test_default_jobs_match_serial(tmp_path: Path) -> None:
    root = mixed_tree(tmp_path / "proj")
    serial = newslint(
        "check", "--no-cache", "-o", "json", "--jobs", "1", "desk", cwd=root, cache=tmp_path
    )
    default = newslint("check", "--no-cache", "-o", "json", "desk", cwd=root, cache=tmp_path)
    assert outcome(default) == outcome(serial)
    files = json.loads(serial.stdout)["files"]
    assert [f["path"] for f in files] == sorted(f["path"] for f in files)


@pytest.mark.parametrize(("body", "code"), [(BODIES[4], 0), (BODIES[0], 1), (BODIES[2], 0)])
def test_jobs_keep_exit_codes(tmp_path: Path, body: str, code: int) -> None:
    root = tmp_path / "proj"
    write_xt_pack(root / "xtpack")
    (root / "newslint.toml").write_text(
        'rule-paths = ["xtpack"]\nselect = ["XT"]\nstyle = "none"\n', encoding="utf-8"
    )
    for i in range(12):
        (root / f"a{i}.txt").write_text(f"Title\n\n{BODIES[4] if i else body}\n", encoding="utf-8")
    serial = newslint("check", "--no-cache", "--jobs", "1", ".", cwd=root, cache=tmp_path)
    parallel = newslint("check", "--no-cache", "--jobs", "2", ".", cwd=root, cache=tmp_path)
    assert serial.returncode == parallel.returncode == code
    assert outcome(parallel) == outcome(serial)


def test_fix_with_jobs_matches_serial(tmp_path: Path) -> None:
    one = mixed_tree(tmp_path / "one")
    two = tmp_path / "two"
    shutil.copytree(one, two, symlinks=True)
    args = ["check", "--fix", "--unsafe-fixes", "-o", "json", "desk"]
    serial = newslint(*args, "--jobs", "1", cwd=one, cache=tmp_path / "c1")
    parallel = newslint(*args, "--jobs", "2", cwd=two, cache=tmp_path / "c2")
    assert outcome(parallel) == outcome(serial)
    fixed = 0
    for path in sorted((one / "desk").iterdir()):
        if path.is_symlink():
            continue
        other = (two / "desk" / path.name).read_bytes()
        assert path.read_bytes() == other, path.name
        fixed += b"use the hall" in other
    assert fixed > 0


@pytest.mark.corpus
def test_jobs_match_serial_on_the_clean_corpus(tmp_path: Path) -> None:
    clean = _corpus_clean()
    args = ["check", "--isolated", "--no-languagetool", "--no-cache", "-o", "json", str(clean)]
    serial = newslint(*args, "--jobs", "1", cwd=tmp_path)
    parallel = newslint(*args, "--jobs", "2", cwd=tmp_path)
    assert serial.returncode in (0, 1), serial.stderr
    assert len(json.loads(serial.stdout)["files"]) == 300
    assert outcome(parallel) == outcome(serial)


@pytest.mark.corpus
def test_parallel_cold_then_warm_cache_matches_serial(tmp_path: Path) -> None:
    clean = _corpus_clean()
    args = ["check", "--isolated", "--no-languagetool", "-o", "json", str(clean)]
    reference = newslint(*args, "--no-cache", "--jobs", "1", cwd=tmp_path)
    cold = newslint(*args, "--jobs", "2", cwd=tmp_path, cache=tmp_path / "c")
    warm = newslint(*args, "--jobs", "2", cwd=tmp_path, cache=tmp_path / "c")
    warm_serial = newslint(*args, "--jobs", "1", cwd=tmp_path, cache=tmp_path / "c")
    assert outcome(cold) == outcome(warm) == outcome(warm_serial) == outcome(reference)
    assert len(list((tmp_path / "c").glob("results/*/*.json"))) == 300


# ------------------------------------------------------------------ concurrent runs


def test_concurrent_runs_share_one_cache_safely(tmp_path: Path) -> None:
    root = mixed_tree(tmp_path / "proj", count=90)
    cache = tmp_path / "shared-cache"
    args = ["check", "-o", "json", "desk"]
    reference = newslint(*args, "--no-cache", "--jobs", "1", cwd=root, cache=tmp_path / "x")
    env = dict(os.environ)
    env["NEWSLINT_CACHE_DIR"] = str(cache)
    env.pop("NEWSLINT_LANGUAGETOOL_URL", None)
    # Four runs at once, two of them parallel themselves, all cold: every
    # entry is written by several processes at the same moment.
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "newslint", *args, "--jobs", jobs],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for jobs in ("1", "2", "1", "2")
    ]
    results = []
    for proc in procs:
        try:
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            for p in procs:
                p.kill()
            pytest.fail("concurrent runs did not finish")
        results.append((proc.returncode, stdout, stderr))
    for result in results:
        assert result == outcome(reference)
    entries = list(cache.glob("results/*/*.json"))
    assert len(entries) == 90 + 1  # 94 files; the three unreadable ones are not cached
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert isinstance(data["findings"], list)
    results_dir = cache / "results"
    leftovers = [p for p in results_dir.rglob("*") if p.is_file() and p.suffix != ".json"]
    assert leftovers == []
    warm = newslint(*args, "--jobs", "2", cwd=root, cache=cache)
    assert outcome(warm) == outcome(reference)
