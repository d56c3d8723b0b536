"""How ``--jobs`` hands files to the workers: biggest first, reports back in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Settings
from newslint.runner import MAX_BATCH, ChunkPool, LinterFactory, batches, largest_first, lint_many
from tests.conftest import Project


def test_largest_first_orders_by_size_then_input_order(tmp_path: Path) -> None:
    sizes = {"a.txt": 10, "b.txt": 300, "c.txt": 10, "d.txt": 50}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    items = [(i, str(tmp_path / name)) for i, name in enumerate(sizes)]
    items.append((4, str(tmp_path / "missing.txt")))
    order = [i for i, _ in largest_first(items)]
    assert order == [1, 3, 0, 2, 4]


@pytest.mark.parametrize(("count", "jobs"), [(0, 2), (1, 2), (7, 2), (299, 2), (1000, 8)])
def test_batches_shrink_to_single_files_and_keep_the_order(count: int, jobs: int) -> None:
    items = [(i, f"f{i}.txt") for i in range(count)]
    cut = batches(items, jobs)
    assert [item for batch in cut for item in batch] == items
    sizes = [len(b) for b in cut]
    assert all(1 <= n <= MAX_BATCH for n in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if count >= jobs:
        assert sizes[-jobs:] == [1] * jobs  # every worker ends on a single file
    if count >= 200:
        assert sizes[0] == MAX_BATCH and len(cut) < count / 4


def test_parallel_reports_keep_input_order(project: Project) -> None:
    # Sizes rise with the name, so the workers receive the files in reverse.
    paths = []
    for i in range(8):
        body = "They utilise the hall. " * (1 + 20 * i)
        paths.append(str(project.write(f"s{i}.txt", f"Story {i}\n\n{body}\n")))
    settings = Settings(
        jobs=2, cache=False, select=("XT",), style="none", rule_paths=(str(project.pack),)
    )
    reports = lint_many(paths, LinterFactory(settings))
    assert [r.path for r in reports] == paths
    assert all(r.diagnostics and r.diagnostics[0].path == r.path for r in reports)


def test_parallel_cached_run_forks_no_workers(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    paths = [
        str(project.write(f"s{i}.txt", f"Story {i}\n\nThey utilise hall {i}.\n")) for i in range(8)
    ]
    settings = Settings(jobs=2, select=("XT",), style="none", rule_paths=(str(project.pack),))
    first = lint_many(paths, LinterFactory(settings))

    def no_pool(self: ChunkPool) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(ChunkPool, "pool", property(no_pool))
    again = lint_many(paths, LinterFactory(settings))
    assert [(r.path, r.diagnostics, r.word_count) for r in again] == [
        (r.path, r.diagnostics, r.word_count) for r in first
    ]
    # One changed file among cached ones is linted here, not in a pool.
    project.write("s3.txt", "Story 3\n\nThey frobnicate.\n")
    changed = lint_many(paths, LinterFactory(settings))
    assert [d.code for d in changed[3].diagnostics] == ["XT001"]
    assert changed[:3] == again[:3] and changed[4:] == again[4:]
