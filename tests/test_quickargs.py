"""The quick ``check`` parser reads exactly what typer reads, or leaves the line to typer.

Every comparison runs the typer command with :func:`newslint.session.check_command`
replaced by a recorder, so what both parsers hand over is compared field by field.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import newslint.session
from newslint.quickargs import ENVVARS, OPTIONS, parse_check
from newslint.session import CheckOptions

READ_BY_BOTH = [
    ["check"],
    ["check", "a.txt"],
    ["check", "a.txt", "folder", "-"],
    ["check", "--select", "NL1,NL2", "--select", "NL3", "a.txt", "--ignore=NL4"],
    ["check", "--extend-select", "NL5", "--extend-select=NL6,NL7"],
    ["check", "-o", "json", "-j", "2", "-q", "--no-cache", "--isolated", "x.md"],
    ["check", "--output-format=sarif", "--jobs=007", "--quiet"],
    ["check", "--languagetool", "--no-languagetool", "--output-file", "out.txt"],
    ["check", "--no-languagetool", "--languagetool", "--config=c.toml", "--baseline", "b.json"],
    ["check", "--fix", "--unsafe-fixes", "--diff", "--statistics", "--exit-zero"],
    ["check", "--show-people", "--date", "2024-01-01", "--style", "ap", "--fail-on", "info"],
    ["check", "--format-in", "md", "--stdin-filename", "s.md", "-", "--max-file-size", "10MB"],
    ["check", "--languagetool-url", "http://localhost:8081", "-o", "json", "-o", "concise"],
    ["check", "--style", "reuters", "--style=ap", "--jobs", "3", "-j", "0"],
    ["check", "./-odd.txt", "--date=2024-02-30"],
]

LEFT_TO_TYPER = [
    [],
    ["--version"],
    ["rules"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--bogus"],
    ["check", "-qj2"],  # clustered short options
    ["check", "-j2"],  # value attached to a short option
    ["check", "-o=json"],
    ["check", "--", "-a.txt"],
    ["check", "--select"],  # value missing
    ["check", "--select", "-x"],  # value that looks like an option
    ["check", "--jobs", "two"],
    ["check", "--jobs", "-1"],
    ["check", "--jobs", "\u0663"],  # a digit, but not ASCII
    ["check", "--fix=yes"],
    ["check", "--no-cache=1"],
    ["check", "--output-file", ""],
    ["check", ""],
    ["check", "--sel", "NL1"],  # click does not expand abbreviations
]


@pytest.fixture
def typer_reads(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Return a function: argv -> the CheckOptions the typer command builds."""
    from newslint.cli import app

    seen: list[CheckOptions] = []
    monkeypatch.setattr(newslint.session, "check_command", lambda o: seen.append(o) or 0)

    def read(argv: list[str], env: dict[str, str]) -> CheckOptions:
        seen.clear()
        full_env = {var: "" for var in ENVVARS.values()} | env
        result = CliRunner().invoke(app, argv, env=full_env)
        assert result.exit_code == 0, result.output
        assert len(seen) == 1
        return seen[0]

    return read


@pytest.mark.parametrize("argv", READ_BY_BOTH, ids=" ".join)
def test_quick_parser_reads_what_typer_reads(typer_reads: Any, argv: list[str]) -> None:
    quick = parse_check(argv, {})
    assert quick is not None
    assert quick == typer_reads(argv, {})


@pytest.mark.parametrize("value", ["http://lt.example:8081", ""])
def test_environment_variable_as_typer_reads_it(typer_reads: Any, value: str) -> None:
    env = {"NEWSLINT_LANGUAGETOOL_URL": value}
    for argv in (["check", "a.txt"], ["check", "--languagetool-url", "http://cli", "a.txt"]):
        quick = parse_check(argv, env)
        assert quick == typer_reads(argv, env)


_TOKENS = st.sampled_from(
    [*OPTIONS, "a.txt", "b.md", "-", "json", "NL1,NL2", "2", "07", "x=y", "--", "-x", "", "--fix=1"]
)


@given(st.lists(_TOKENS, max_size=8))
def test_whatever_the_quick_parser_reads_typer_reads_alike(
    typer_reads: Any, args: list[str]
) -> None:
    quick = parse_check(["check", *args], {})
    if quick is not None:
        assert quick == typer_reads(["check", *args], {})


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=repr)
def test_anything_unusual_is_left_to_typer(argv: list[str]) -> None:
    assert parse_check(argv, {}) is None


def test_shell_completion_is_left_to_typer() -> None:
    assert parse_check(["check", "a.txt"], {"_NEWSLINT_COMPLETE": "bash_complete"}) is None


def test_table_matches_the_typer_command() -> None:
    from newslint.cli import app

    command = typer.main.get_command(app)
    params = command.commands["check"].params  # type: ignore[attr-defined]
    expected: dict[str, tuple[str, str]] = {}
    envvars: dict[str, str] = {}
    for param in params:
        if param.name == "paths":
            assert param.nargs == -1
            continue
        assert param.name is not None
        if param.is_flag and param.secondary_opts:
            kinds = [(param.opts, "on"), (param.secondary_opts, "off")]
        elif param.is_flag:
            kinds = [(param.opts, "flag")]
        elif param.multiple:
            kinds = [(param.opts, "list")]
        else:
            kind = {"StringParamType": "value", "IntParamType": "int", "TyperPath": "path"}
            kinds = [(param.opts, kind[type(param.type).__name__])]
        for opts, kind in kinds:
            for opt in opts:
                expected[opt] = (param.name, kind)
        if param.envvar:
            envvars[param.name] = param.envvar
    assert expected == OPTIONS
    assert envvars == ENVVARS
    assert set(CheckOptions.__dataclass_fields__) == {p.name for p in params}


def test_console_script_runs_check_without_typer(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The the council met.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from newslint.cli import main\n"
        "sys.argv = ['newslint', 'check', '--select', 'NL201', '--no-languagetool',"
        " '--no-cache', '--isolated', 'a.txt']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code, 'typer' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert "NL201" in proc.stdout
    assert proc.stdout.rstrip().endswith("exit 1 False"), proc.stdout + proc.stderr


def test_console_script_leaves_errors_to_typer(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--bogus-flag", "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "No such option" in proc.stderr


def test_cli_module_imports_typer_only_for_the_app() -> None:
    code = (
        "import sys, newslint.cli\n"
        "before = 'typer' in sys.modules\n"
        "from newslint.cli import app\n"
        "print(before, 'typer' in sys.modules, type(app).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert out.split() == ["False", "True", "Typer"]
