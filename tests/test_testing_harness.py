"""The public rule-test harness (``newslint.testing``) catches what it promises to."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newslint.testing import (
    Case,
    Expectation,
    FixtureError,
    iter_fixture_cases,
    lint_case,
    load_fixture,
    run_case,
)


@pytest.fixture
def settings(xt_pack: Path) -> dict[str, object]:
    return {"rule_paths": [str(xt_pack)], "style": "none"}


def case(settings: dict[str, object], **kw: object) -> Case:
    base: dict[str, object] = {"rule": "XT002", "id": "c", "text": "", "settings": settings}
    base.update(kw)
    return Case(**base)  # type: ignore[arg-type]


def write_fixture(tmp_path: Path, body: str, name: str = "XT002.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_lint_case_runs_only_the_rule(settings: dict[str, object]) -> None:
    found = lint_case("XT002", "They utilise it; frobnicate.", settings=settings)
    assert [(d.code, d.text) for d in found] == [("XT002", "utilise")]


def test_passing_case(settings: dict[str, object]) -> None:
    run_case(
        case(
            settings,
            text="They utilise it and utilise more.",
            fixed="They use it and use more.",
            expect=[
                Expectation(
                    "utilise", 1, message="Use 'use'", suggestion="use", severity="warning"
                ),
                Expectation("utilise", 2, line=1, column=21),
            ],
        )
    )


def test_valid_case_with_nothing_found(settings: dict[str, object]) -> None:
    run_case(case(settings, text="They use it."))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"text": "They utilise it.", "fixed": "They use it."}, "unexpected: 'utilise'"),
        (
            {"text": "They use it.", "expect": [Expectation("use")]},
            "missing: 'use'",
        ),
        (
            {"text": "They utilise it.", "expect": [Expectation("nowhere")]},
            "'nowhere' (#1) not in text",
        ),
        (
            {"text": "They utilise it.", "fixed": "x", "expect": [Expectation("utilise")]},
            "fixed text",
        ),
        (
            {"text": "They utilise it.", "expect": [Expectation("utilise")]},
            "a safe fix applied but no 'fixed' was given",
        ),
        (
            {
                "text": "They utilise it.",
                "fixed": "They use it.",
                "expect": [Expectation("utilise", message="banana")],
            },
            "lacks 'banana'",
        ),
        (
            {
                "text": "They utilise it.",
                "fixed": "They use it.",
                "expect": [Expectation("utilise", suggestion="employ")],
            },
            "first suggestion",
        ),
        (
            {
                "text": "They utilise it.",
                "fixed": "They use it.",
                "expect": [Expectation("utilise", severity="error")],
            },
            "severity warning != error",
        ),
        (
            {
                "text": "They utilise it.",
                "fixed": "They use it.",
                "expect": [Expectation("utilise", line=2)],
            },
            "line 1 != 2",
        ),
        (
            {
                "text": "They utilise it.",
                "fixed": "They use it.",
                "expect": [Expectation("utilise", column=1)],
            },
            "column 6 != 1",
        ),
    ],
)
def test_failing_cases_are_reported(
    settings: dict[str, object], kw: dict[str, object], message: str
) -> None:
    with pytest.raises(FixtureError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_case(case(settings, **kw))


def test_unsafe_fixed(settings: dict[str, object]) -> None:
    run_case(
        case(
            settings,
            rule="XT004",
            text="Turnout rose 5 per cent.",
            expect=[Expectation("5 per cent")],
            unsafe_fixed="Turnout rose 5%.",
        )
    )
    with pytest.raises(FixtureError, match="fixed text"):
        run_case(
            case(
                settings,
                rule="XT004",
                text="Turnout rose 5 per cent.",
                expect=[Expectation("5 per cent")],
                unsafe_fixed="Turnout rose 5 percent.",
            )
        )


def test_fix_that_is_not_idempotent_fails(tmp_path: Path) -> None:
    pack = tmp_path / "loop"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "loop"\n', encoding="utf-8")
    (pack / "echo.toml").write_text(
        textwrap.dedent(
            """\
            code = "XT201"
            kind = "substitution"
            category = "style"
            summary = "Doubles a word."
            message = "m"
            fix = "safe"
            [swap]
            "cat" = "cat cat"
            """
        ),
        encoding="utf-8",
    )
    loop_settings = {"rule_paths": [str(pack)], "style": "none"}
    with pytest.raises(FixtureError, match="not idempotent"):
        run_case(
            Case(
                "XT201",
                "loop",
                "A cat.",
                fixed="A cat cat.",
                expect=[Expectation("cat")],
                settings=loop_settings,
            )
        )


def test_load_fixture_and_iterate(tmp_path: Path, xt_pack: Path) -> None:
    write_fixture(
        tmp_path,
        f"""\
        rule = "XT002"
        [settings]
        rule-paths = ["{xt_pack}"]
        style = "none"

        [[case]]
        id = "swap"
        text = "They utilise it."
        fixed = "They use it."
        [[case.expect]]
        match = "utilise"

        [[case]]
        id = "clean"
        text = "They use it."
        expect = []
        """,
    )
    cases = list(iter_fixture_cases(tmp_path))
    assert [c.test_id for c in cases] == ["XT002-swap", "XT002-clean"]
    assert cases[0].settings["style"] == "none"
    for c in cases:
        run_case(c)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('rule = "XT002"\nextra = 1\n', "unknown key"),
        ("[[case]]\nid = 'a'\ntext = 'x'\nexpect = []\n", "missing 'rule'"),
        ('rule = "XT002"\n[[case]]\nid = "a"\ntext = "x"\n', "needs 'expect'"),
        ('rule = "XT002"\n[[case]]\nid = "a"\ntext = "x"\nexpect = []\nwhat = 1\n', "unknown key"),
        (
            'rule = "XT002"\n[[case]]\nid = "a"\ntext = "x"\n'
            '[[case.expect]]\nmatch = "x"\nhue = 1\n',
            "expect has",
        ),
    ],
)
def test_malformed_fixture_files(tmp_path: Path, body: str, message: str) -> None:
    path = write_fixture(tmp_path, body)
    with pytest.raises(FixtureError, match=message):
        load_fixture(path)


def test_rule_failure_is_a_fixture_error(tmp_path: Path) -> None:
    pack = tmp_path / "slow"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "slow"\n', encoding="utf-8")
    (pack / "backtrack.toml").write_text(
        'code = "XT301"\nkind = "pattern"\ncategory = "style"\nsummary = "s"\n'
        "message = \"m\"\nregex = '(a|aa)+$'\n",
        encoding="utf-8",
    )
    with pytest.raises(FixtureError, match="timed out"):
        lint_case("XT301", "a" * 60 + "!", settings={"rule_paths": [str(pack)], "style": "none"})
