"""Fixes: edit application, safety downgrades, the fix loop, atomic writes."""

from __future__ import annotations

import os
import stat
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from newslint.config import resolve_settings
from newslint.diagnostics import (
    Applicability,
    Category,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Severity,
    Span,
)
from newslint.fix import applicable, apply_edits
from newslint.runner import MAX_FIX_PASSES, LinterFactory, lint_file, lint_source, write_atomic
from tests.conftest import fixable_finding as diag

Lint = Callable[..., list[Any]]


# ------------------------------------------------------------------ apply_edits


def test_apply_edits_right_to_left() -> None:
    text = "aaa bbb ccc"
    out, n = apply_edits(text, [diag(0, 3, "A"), diag(8, 11, "CCCC"), diag(4, 7, "")])
    assert (out, n) == ("A  CCCC", 3)


def test_overlapping_edits_are_left_for_the_next_pass() -> None:
    out, n = apply_edits("abcdef", [diag(0, 4, "X"), diag(2, 6, "Y")])
    assert (out, n) == ("Xef", 1)


def test_touching_edits_both_apply() -> None:
    out, n = apply_edits("abcdef", [diag(0, 3, "X"), diag(3, 6, "Y")])
    assert (out, n) == ("XY", 2)


def test_insertions_at_one_point_clash() -> None:
    out, n = apply_edits("ab", [diag(1, 1, "X"), diag(1, 1, "Y")])
    assert (out, n) == ("aXb", 1)


def test_unsafe_and_display_fixes() -> None:
    unsafe = diag(0, 1, "X", Applicability.UNSAFE)
    display = diag(1, 2, "Y", Applicability.DISPLAY)
    assert apply_edits("ab", [unsafe, display]) == ("ab", 0)
    assert apply_edits("ab", [unsafe, display], unsafe=True) == ("Xb", 1)
    assert not applicable(display, True)
    assert applicable(unsafe, True) and not applicable(unsafe, False)


def test_multi_edit_fix_is_all_or_nothing() -> None:
    loc = Location(0, 1, 1, 1)
    two = Diagnostic(
        "XT900",
        "t",
        Category.STYLE,
        Severity.WARNING,
        "m",
        "p",
        Span(0, 1),
        loc,
        loc,
        "",
        fix=Fix((Edit(Span(0, 1), "X"), Edit(Span(4, 5), "Y")), Applicability.SAFE, "t"),
    )
    blocker = diag(3, 5, "Z")
    # The blocker starts later but the two-edit fix is taken first (sorted by start).
    assert apply_edits("abcdef", [two, blocker]) == ("XbcdYf", 1)


def test_a_fix_chosen_for_its_context_waits_for_an_edit_inside_it() -> None:
    # "aaa bbb ccc": the fix of "bbb" was chosen reading "aaa" and "ccc".
    judged = diag(4, 7, "B", context=(0, 11))
    # An earlier fix edits inside that context: the judged fix waits.
    assert apply_edits("aaa bbb ccc", [diag(0, 3, "A"), judged]) == ("A bbb ccc", 1)
    # A later fix edits inside a taken context: it waits.
    assert apply_edits("aaa bbb ccc", [judged, diag(8, 11, "C")]) == ("aaa B ccc", 1)
    # Outside the context both apply; a context never blocks its own edits.
    assert apply_edits("aaa bbb ccc", [diag(4, 7, "B", context=(4, 7)), diag(8, 11, "C")]) == (
        "aaa B C",
        2,
    )


def test_two_judged_fixes_with_overlapping_contexts_but_apart_edits_both_apply() -> None:
    # Neither edits what the other read: contexts may overlap.
    first = diag(0, 3, "A", context=(0, 7))
    second = diag(8, 11, "C", context=(4, 11))
    assert apply_edits("aaa bbb ccc", [first, second]) == ("A bbb C", 2)


# ------------------------------------------------------------------ engine downgrades


def fixes(lint_xt: Lint, text: str, path: str) -> list[tuple[str, str | None]]:
    return [
        (d.text, d.fix.applicability.value if d.fix else None)
        for d in lint_xt(text, path)
        if d.code == "XT002"
    ]


def test_fix_inside_emphasis_is_exact_and_keeps_markup(lint_xt: Lint) -> None:
    text = "We **utilise** it.\n"
    assert fixes(lint_xt, text, "a.md") == [("utilise", "safe")]
    (d,) = [d for d in lint_xt(text, "a.md") if d.code == "XT002"]
    assert apply_edits(text, [d]) == ("We **use** it.\n", 1)


def test_fix_across_markup_is_display_only(lint_xt: Lint) -> None:
    assert fixes(lint_xt, "We *util*ise it.\n", "a.md") == [("util*ise", "display")]
    assert fixes(lint_xt, "<p>We util<b>ise</b> it.</p>", "a.html") == [("util<b>ise", "display")]
    assert fixes(lint_xt, "<p>in&#32;excess of</p>", "a.html") == [("in&#32;excess of", "display")]


def test_fix_touching_a_quotation_is_display_only(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "q"\n', encoding="utf-8")
    (folder / "quoted.toml").write_text(
        textwrap.dedent(
            """\
            code = "XT401"
            kind = "substitution"
            category = "style"
            summary = "s"
            message = "m"
            fix = "safe"
            in_quotes = true
            [swap]
            "utilise" = "use"
            """
        ),
        encoding="utf-8",
    )
    settings = resolve_settings(
        None,
        overrides={"rule_paths": (str(folder),), "select": ("XT401",), "style": "none"},
        isolated=True,
    )
    text = '"We utilise it," she said. They utilise it.'
    report = lint_source(text, "a.txt", LinterFactory(settings), fix=True)
    apps = [(d.span.start, d.fix.applicability.value) for d in report.diagnostics if d.fix]
    assert apps == [(4, "display")]
    assert report.fixed_source == '"We utilise it," she said. They use it.'


def test_rules_that_skip_quotes_report_nothing_inside_them(lint_xt: Lint) -> None:
    text = '"We utilise it," she said. They utilise it.'
    assert [d.span.start for d in lint_xt(text)] == [text.rindex("utilise")]


# ------------------------------------------------------------------ the fix loop


@pytest.fixture
def chain_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "chain"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "chain"\n', encoding="utf-8")
    rule = textwrap.dedent(
        """\
        code = "{code}"
        kind = "substitution"
        category = "style"
        summary = "s"
        message = "m"
        fix = "safe"
        [swap]
        "{old}" = "{new}"
        """
    )
    (folder / "one.toml").write_text(rule.format(code="XT501", old="big cat", new="cat"))
    (folder / "two.toml").write_text(rule.format(code="XT502", old="cat", new="dog"))
    (folder / "loop.toml").write_text(rule.format(code="XT503", old="hen", new="hen hen"))
    return folder


def _factory(pack: Path, *select: str) -> LinterFactory:
    settings = resolve_settings(
        None,
        overrides={"rule_paths": (str(pack),), "select": select, "style": "none"},
        isolated=True,
    )
    return LinterFactory(settings)


def test_fix_loop_resolves_overlaps_in_later_passes(chain_pack: Path) -> None:
    report = lint_source(
        "A big cat sat.", "a.txt", _factory(chain_pack, "XT501", "XT502"), fix=True
    )
    assert report.fixed_source == "A dog sat."
    assert report.fixes_applied == 2
    assert report.diagnostics == []
    assert report.original_source == "A big cat sat."


def test_fix_loop_is_bounded(chain_pack: Path) -> None:
    report = lint_source("A hen.", "a.txt", _factory(chain_pack, "XT503"), fix=True)
    assert report.fixes_applied == 2**MAX_FIX_PASSES - 1  # 1 + 2 + 4 ... per pass
    assert report.fixed_source == "A " + " ".join(["hen"] * 2**MAX_FIX_PASSES) + "."
    assert report.warnings == [
        f"a.txt: fixes still pending after {MAX_FIX_PASSES} passes; run --fix again"
    ]


def test_a_fix_loop_that_settles_says_nothing(chain_pack: Path) -> None:
    report = lint_source(
        "A big cat sat.", "a.txt", _factory(chain_pack, "XT501", "XT502"), fix=True
    )
    assert report.warnings == []


def _swap_pack(folder: Path, swaps: Sequence[tuple[str, str]]) -> LinterFactory:
    """Return a factory running one safe substitution rule per (old, new) in ``swaps``."""
    folder.mkdir()
    (folder / "pack.toml").write_text(f'name = "{folder.name}"\n', encoding="utf-8")
    codes = []
    for n, (old, new) in enumerate(swaps):
        code = f"XT6{n:02d}"
        codes.append(code)
        (folder / f"rule-{n}.toml").write_text(
            f'code = "{code}"\nkind = "substitution"\ncategory = "style"\nsummary = "s"\n'
            f'message = "m"\nfix = "safe"\n[swap]\n"{old}" = "{new}"\n',
            encoding="utf-8",
        )
    return _factory(folder, *codes)


def test_fixes_that_undo_each_other_are_not_applied(tmp_path: Path) -> None:
    factory = _swap_pack(tmp_path / "swap", [("cat", "dog"), ("dog", "cat")])
    report = lint_source("A cat sat. A cat ran.", "a.txt", factory, fix=True)
    # Pass one makes "dog", pass two would bring back "cat": the fixes in the
    # cycle are not applied, and the file is left as it was.
    assert report.fixed_source is None
    assert report.fixes_applied == 0
    assert [d.code for d in report.diagnostics] == ["XT600", "XT600"]
    assert [w.split(":")[0] for w in report.warnings] == ["a.txt"]
    assert "undo one another" in report.warnings[0]


def test_a_fix_cycle_entered_after_other_fixes_keeps_them_and_settles(tmp_path: Path) -> None:
    swaps = [("cat", "dog"), ("dog", "cat"), ("big", "large"), ("sat", "cat")]
    factory = _swap_pack(tmp_path / "pair", swaps)
    # "sat" -> "cat" enters a cat/dog cycle in the pass that fixes "big".
    first = lint_source("A big sat.", "a.txt", factory, fix=True)
    assert first.fixed_source == "A large cat."
    assert any("undo one another" in w for w in first.warnings)
    # The loop leaves the text where the cycle starts: a second --fix keeps it.
    second = lint_source(first.fixed_source, "a.txt", factory, fix=True)
    assert second.fixed_source is None


# ------------------------------------------------------------------ writing


def test_write_atomic_keeps_bom_newlines_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(str(path), "one\r\ntwo\r\n", bom=True)
    assert path.read_bytes() == b"\xef\xbb\xbfone\r\ntwo\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temp file left


def test_lint_file_fix_roundtrip_crlf_bom(tmp_path: Path, xt_pack: Path) -> None:
    path = tmp_path / "story.txt"
    original = "\ufeffTitle\r\n\r\nWe utilise it in excess of 5 per cent.\r\n"
    path.write_bytes(original.encode("utf-8"))
    factory = _factory(xt_pack, "XT")
    report = lint_file(str(path), factory, fix=True)
    assert report.fixes_applied == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == "\ufeffTitle\r\n\r\nWe use it more than 5 per cent.\r\n".encode()
    # The unsafe fix only with unsafe_fixes.
    report = lint_file(str(path), factory, fix=True, unsafe_fixes=True)
    assert path.read_bytes().endswith(b"more than 5%.\r\n")
    # Positions are in the decoded text (BOM removed).
    assert report.diagnostics == []


def test_lint_file_without_write_leaves_the_file(tmp_path: Path, xt_pack: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("We utilise it.\n", encoding="utf-8")
    report = lint_file(str(path), _factory(xt_pack, "XT"), fix=True, write=False)
    assert report.fixed_source == "We use it.\n"
    assert path.read_text(encoding="utf-8") == "We utilise it.\n"


def test_fix_write_failure_is_reported(
    tmp_path: Path, xt_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import newslint.runner

    def refuse(path: str, text: str, bom: bool) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(newslint.runner, "write_atomic", refuse)
    path = tmp_path / "story.txt"
    path.write_text("We utilise it.\n", encoding="utf-8")
    report = lint_file(str(path), _factory(xt_pack, "XT"), fix=True)
    assert report.error == f"{path}: cannot write fixes: Permission denied"
    assert path.read_text(encoding="utf-8") == "We utilise it.\n"


def test_write_atomic_cleans_up_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(str(path), "new", bom=False)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
