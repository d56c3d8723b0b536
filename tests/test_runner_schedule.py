"""How ``--jobs`` hands files to the workers: biggest first, reports back in input order."""

from __future__ import annotations

from pathlib import Path

from newslint.config import Settings
from newslint.runner import LinterFactory, largest_first, lint_many
from tests.conftest import Project


def test_largest_first_orders_by_size_then_input_order(tmp_path: Path) -> None:
    sizes = {"a.txt": 10, "b.txt": 300, "c.txt": 10, "d.txt": 50}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    items = [(i, str(tmp_path / name)) for i, name in enumerate(sizes)]
    items.append((4, str(tmp_path / "missing.txt")))
    order = [i for i, _ in largest_first(items)]
    assert order == [1, 3, 0, 2, 4]


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
