"""The command line: exit codes, selection, output formats, fixing, stdin, subcommands.

Runs in a temporary project whose ``newslint.toml`` loads the XT test pack and
selects only its rules, so these tests never depend on the built-in checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newslint import __version__
from newslint.cli import app
from tests.conftest import REPO, Project

CLEAN = "Council backs budget\n\nThe council met on Tuesday.\n"
WARN = "Council backs budget\n\nThey utilise the hall.\n"  # XT002 (warning, safe fix)
ERROR = "Council backs budget\n\nThey frobnicate.\n"  # XT001 (error)
INFO = "The adviser met an adviser and an advisor.\n"  # XT003 (info)
MIXED = "Title\n\nWe utilise it in excess of 5 per cent. Do not frobnicate.\n"


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, env=env)


@pytest.fixture(autouse=True)
def _no_color_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NO_COLOR", "FORCE_COLOR", "NEWSLINT_LANGUAGETOOL_URL"):
        monkeypatch.delenv(var, raising=False)


# ------------------------------------------------------------------ exit codes


def test_exit_0_when_clean(project: Project) -> None:
    project.write("a.txt", CLEAN)
    result = run("check", "a.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_exit_1_on_findings(project: Project) -> None:
    project.write("a.txt", WARN)
    result = run("check", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == "a.txt:3:6: XT002 [*] Use 'use' instead of 'utilise'.\n"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--select", "NOPE"], "selector 'NOPE' matches no rule"),
        (["--ignore", "no-such-rule"], "matches no rule"),
        (["--output-format", "pdf"], "--output-format 'pdf'"),
        (["--fail-on", "fatal"], "unknown severity"),
        (["--date", "yesterday"], "is not a date"),
        (["--format-in", "docx"], "unknown input format"),
        (["--style", "chicago"], "unknown style 'chicago'"),
        (["--bogus-flag"], "No such option"),
    ],
)
def test_exit_2_on_usage_errors(project: Project, args: list[str], fragment: str) -> None:
    project.write("a.txt", WARN)
    result = run("check", *args, "a.txt")
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert result.stdout == ""


def test_exit_2_on_bad_config(project: Project) -> None:
    project.write("a.txt", WARN)
    (project.root / "newslint.toml").write_text('select = ["XT"]\ncolour = "red"\n')
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "newslint.toml:2: unknown config key 'colour'" in result.stderr


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (WARN, None, 1),
        (WARN, "error", 0),
        (WARN, "warning", 1),
        (ERROR, "error", 1),
        (INFO, None, 0),
        (INFO, "info", 1),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on(project: Project, text: str, fail_on: str | None, code: int) -> None:
    project.write("a.txt", text)
    args = ["check", "a.txt"] + (["--fail-on", fail_on] if fail_on else [])
    result = run(*args)
    assert result.exit_code == code, result.output
    assert (result.stdout != "") == (text != CLEAN)


def test_fail_on_from_config(project: Project) -> None:
    project.write("a.txt", WARN)
    config = project.root / "newslint.toml"
    config.write_text(config.read_text() + 'fail-on = "error"\n')
    assert run("check", "a.txt").exit_code == 0


def test_exit_zero(project: Project) -> None:
    project.write("a.txt", ERROR)
    result = run("check", "--exit-zero", "a.txt")
    assert result.exit_code == 0
    assert "XT001" in result.stdout
    # An unreadable file still exits 2.
    assert run("check", "--exit-zero", "a.txt", "missing.txt").exit_code == 2


# ------------------------------------------------------------------ selection


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ([], ["XT002", "XT002", "XT004", "XT001"]),
        (["--select", "XT001"], ["XT001"]),
        (["--select", "banned-word,plain-words"], ["XT002", "XT002", "XT001"]),
        (["--select", "XT00", "--ignore", "XT002"], ["XT004", "XT001"]),
        (["--ignore", "per-cent", "--ignore", "XT001"], ["XT002", "XT002"]),
        (["--select", "XT001", "--extend-select", "XT004"], ["XT004", "XT001"]),
        (["--select", "NL420"], []),
    ],
)
def test_selection(project: Project, args: list[str], codes: list[str]) -> None:
    project.write("a.txt", MIXED)
    result = run("check", "-o", "json", *args, "a.txt")
    found = [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert found == codes


def test_per_file_ignores(project: Project) -> None:
    config = project.root / "newslint.toml"
    config.write_text(config.read_text() + '[per-file-ignores]\n"wire/*" = ["XT002"]\n')
    project.write("wire/a.txt", WARN)
    project.write("desk/a.txt", WARN)
    result = run("check", "-o", "json", "wire", "desk")
    by_path = {f["path"]: len(f["findings"]) for f in json.loads(result.stdout)["files"]}
    assert by_path == {"wire/a.txt": 0, "desk/a.txt": 1}


# ------------------------------------------------------------------ output formats


def test_concise_is_the_default_off_a_terminal(project: Project) -> None:
    project.write("a.txt", MIXED)
    result = run("check", "a.txt")
    assert result.stdout.splitlines() == [
        "a.txt:3:4: XT002 [*] Use 'use' instead of 'utilise'.",
        "a.txt:3:15: XT002 [*] Use 'more than' instead of 'in excess of'.",
        "a.txt:3:28: XT004 Write '5%'.",
        "a.txt:3:47: XT001 'frobnicate' is banned.",
    ]


def test_full_output_is_annotated(project: Project) -> None:
    project.write("a.txt", INFO)
    result = run("check", "--output-format", "full", "--fail-on", "info", "a.txt")
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "XT003 [*] 'advisor' here but 'adviser' elsewhere. (adviser-spelling, info)" in out
    assert " --> a.txt:1:35" in out
    assert "1 | The adviser met an adviser and an advisor." in out
    caret_line = next(line for line in out.splitlines() if "^" in line)
    assert caret_line.index("^") == out.splitlines()[3].index("advisor.")
    assert caret_line.count("^") == len("advisor")
    assert "did you mean 'adviser'?" in out
    assert "= help: Replace 'advisor' with 'adviser' (safe fix" in out
    assert "= note: 'adviser' used here at 1:5" in out
    assert "Found 1 finding (1 info) in 1 file." in out


def test_full_output_multiline_and_clean_summary(project: Project) -> None:
    project.write("a.txt", CLEAN)
    result = run("check", "-o", "full", "a.txt")
    assert result.stdout.strip() == "All clear: no findings in 1 file."


def test_force_color_and_no_color(project: Project) -> None:
    project.write("a.txt", WARN)
    coloured = run("check", "-o", "full", "a.txt", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = run("check", "-o", "full", "a.txt", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout
    assert "XT002" in plain.stdout


def test_json_output(project: Project) -> None:
    project.write("b.md", "We *utilise* it.\n")
    project.write("a.txt", WARN)
    data = json.loads(run("check", "-o", "json", ".").stdout)
    assert data["newslint"] == __version__
    assert [f["path"] for f in data["files"]] == ["./a.txt", "./b.md"]
    finding = data["files"][1]["findings"][0]
    assert finding["text"] == "utilise"
    assert (finding["line"], finding["column"], finding["start"]) == (1, 5, 4)
    assert data["summary"]["findings"] == 2


def test_github_output(project: Project) -> None:
    project.write("a.txt", MIXED)
    lines = run("check", "-o", "github", "a.txt").stdout.splitlines()
    assert lines[0] == (
        "::warning file=a.txt,line=3,col=4,endLine=3,endColumn=11,title=XT002::"
        "Use 'use' instead of 'utilise'. Suggestion: use"
    )
    assert lines[2].startswith("::warning file=a.txt,line=3,col=28,")
    assert lines[2].endswith("::Write '5%25'. Suggestion: 5%25")  # '%' escaped
    assert lines[3].startswith("::error file=a.txt,line=3,col=47,")


def test_github_output_reports_unreadable_files(project: Project) -> None:
    lines = run("check", "-o", "github", "missing.txt").stdout.splitlines()
    assert lines == ["::error file=missing.txt,title=newslint::missing.txt: no such file"]


def test_sarif_output_parses(project: Project) -> None:
    project.write("a.txt", MIXED)
    data = json.loads(run("check", "-o", "sarif", "a.txt").stdout)
    assert data["version"] == "2.1.0"
    results = data["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["XT002", "XT002", "XT004", "XT001"]
    assert results[3]["level"] == "error"


def test_output_file(project: Project) -> None:
    project.write("a.txt", WARN)
    result = run("check", "--output-file", "report.txt", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (project.root / "report.txt").read_text().startswith("a.txt:3:6: XT002")
    result = run("check", "-o", "json", "--output-file", "report.json", "a.txt")
    assert json.loads((project.root / "report.json").read_text())["summary"]["findings"] == 1


def test_output_file_unwritable(project: Project) -> None:
    project.write("a.txt", WARN)
    result = run("check", "--output-file", "no/such/dir/report.txt", "a.txt")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_statistics(project: Project) -> None:
    project.write("a.txt", MIXED)
    project.write("b.txt", WARN)
    result = run("check", "--statistics", "a.txt", "b.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "     3  XT002  plain-words",
        "     1  XT001  banned-word",
        "     1  XT004  per-cent",
    ]


def test_quiet(project: Project) -> None:
    project.write("a.txt", WARN)
    project.write("empty.txt", "")
    loud = run("check", "-o", "full", "a.txt", "empty.txt")
    assert "file is empty" in loud.stderr
    assert "Found 1 finding" in loud.stdout
    quiet = run("check", "-q", "-o", "full", "a.txt", "empty.txt")
    assert quiet.exit_code == 1
    assert quiet.stderr == ""
    assert "XT002" in quiet.stdout and "Found" not in quiet.stdout
    clean = run("check", "-q", "-o", "full", "empty.txt")
    assert clean.stdout == "" and clean.exit_code == 0


def test_findings_go_to_stdout_and_problems_to_stderr(project: Project) -> None:
    project.write("a.txt", WARN)
    result = run("check", "a.txt", "missing.txt")
    assert result.exit_code == 2
    assert result.stdout == "a.txt:3:6: XT002 [*] Use 'use' instead of 'utilise'.\n"
    assert result.stderr == "newslint: error: missing.txt: no such file\n"


# ------------------------------------------------------------------ fixing


def test_diff_shows_fixes_without_writing(project: Project) -> None:
    path = project.write("a.txt", MIXED)
    result = run("check", "--diff", "a.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1,3 +1,3 @@",
        " Title",
        " ",
        "-We utilise it in excess of 5 per cent. Do not frobnicate.",
        "+We use it more than 5 per cent. Do not frobnicate.",
    ]
    assert path.read_text() == MIXED
    unsafe = run("check", "--diff", "--unsafe-fixes", "a.txt")
    assert "+We use it more than 5%. Do not frobnicate." in unsafe.stdout
    project.write("clean.txt", CLEAN)
    nothing = run("check", "--diff", "clean.txt")
    assert (nothing.exit_code, nothing.stdout) == (0, "")


def test_fix_writes_and_reports_what_remains(project: Project) -> None:
    path = project.write("a.txt", MIXED)
    result = run("check", "--fix", "a.txt")
    assert path.read_text() == "Title\n\nWe use it more than 5 per cent. Do not frobnicate.\n"
    assert result.exit_code == 1  # XT001 and XT004 remain
    # Positions are those of the fixed text.
    assert result.stdout.splitlines() == [
        "a.txt:3:21: XT004 Write '5%'.",
        "a.txt:3:40: XT001 'frobnicate' is banned.",
    ]
    assert "fixed 2 findings" in result.stderr
    again = run("check", "--fix", "--unsafe-fixes", "--select", "XT002,XT004", "a.txt")
    assert again.exit_code == 0
    assert path.read_text() == "Title\n\nWe use it more than 5%. Do not frobnicate.\n"
    third = run("check", "--fix", "--select", "XT002,XT004", "a.txt")
    assert (third.exit_code, third.stderr) == (0, "")


def test_fix_keeps_crlf_and_bom(project: Project) -> None:
    path = project.root / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nThey utilise the hall.\r\n")
    result = run("check", "--fix", "a.txt")
    assert result.exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfTitle\r\n\r\nThey use the hall.\r\n"
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".newslint-")]
    assert leftovers == []


def test_fix_markdown_keeps_markup(project: Project) -> None:
    path = project.write("a.md", "# Head\n\nThey **utilise** the [hall](http://x.org).\n")
    run("check", "--fix", "a.md")
    assert path.read_text() == "# Head\n\nThey **use** the [hall](http://x.org).\n"


# ------------------------------------------------------------------ stdin


def test_stdin_with_stdin_filename(project: Project) -> None:
    result = run(
        "check",
        "-",
        "--stdin-filename",
        "desk/story.md",
        "-o",
        "json",
        input=b"They *utilise* it.\n",
    )
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["path"] == "desk/story.md"
    assert entry["findings"][0]["column"] == 7  # Markdown: the emphasis is markup


def test_stdin_plain(project: Project) -> None:
    result = run("check", "-", input=b"They utilise it.\n")
    assert result.exit_code == 1
    assert result.stdout.endswith(":1:6: XT002 [*] Use 'use' instead of 'utilise'.\n")


def test_stdin_invalid_utf8_names_the_stdin_file(project: Project) -> None:
    result = run("check", "-", "--stdin-filename", "wire.txt", input=b"caf\xe9\n")
    assert result.exit_code == 2
    assert "wire.txt: not valid UTF-8" in result.stderr


def test_format_in_overrides_extension(project: Project) -> None:
    project.write("a.txt", "They *utilise* it.\n")
    as_text = json.loads(run("check", "-o", "json", "a.txt").stdout)
    as_md = json.loads(run("check", "-o", "json", "--format-in", "md", "a.txt").stdout)
    assert as_text["files"][0]["findings"][0]["column"] == 7
    assert as_md["files"][0]["findings"][0]["column"] == 7
    project.write("b.txt", "They util*ise* it.\n")
    as_text = json.loads(run("check", "-o", "json", "b.txt").stdout)
    as_md = json.loads(run("check", "-o", "json", "--format-in", "md", "b.txt").stdout)
    assert as_text["files"][0]["findings"] == []
    assert as_md["files"][0]["findings"][0]["text"] == "util*ise"


# ------------------------------------------------------------------ discovery


def test_folders_are_walked_for_article_files(project: Project) -> None:
    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.json", "f.py", ".hidden.txt"):
        project.write(f"desk/{name}", WARN if not name.endswith(".html") else f"<p>{WARN}</p>")
    project.write("desk/.git/g.txt", WARN)
    project.write("desk/sub/h.txt", WARN)
    data = json.loads(run("check", "-o", "json", "desk").stdout)
    assert [f["path"] for f in data["files"]] == [
        "desk/a.txt",
        "desk/b.md",
        "desk/c.markdown",
        "desk/d.html",
        "desk/sub/h.txt",
    ]
    assert all(len(f["findings"]) == 1 for f in data["files"])


def test_no_files_found_warns(project: Project) -> None:
    (project.root / "empty").mkdir()
    result = run("check", "empty")
    assert result.exit_code == 0
    assert "no article files found" in result.stderr


def test_nearest_config_applies_per_file(project: Project) -> None:
    project.write("a.txt", WARN)
    project.write("strict/a.txt", WARN)
    (project.root / "strict" / "newslint.toml").write_text(
        f'rule-paths = ["{project.pack}"]\nselect = ["XT001"]\nstyle = "none"\n'
    )
    data = json.loads(run("check", "-o", "json", "a.txt", "strict/a.txt").stdout)
    assert {f["path"]: len(f["findings"]) for f in data["files"]} == {
        "a.txt": 1,
        "strict/a.txt": 0,
    }


# ------------------------------------------------------------------ other commands


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"newslint {__version__}\n")


def test_rules_lists_config_packs(project: Project) -> None:
    table = run("rules")
    assert table.exit_code == 0
    row = next(line for line in table.stdout.splitlines() if line.startswith("XT002"))
    assert row.split()[:6] == ["XT002", "plain-words", "style", "warning", "yes", "xt"]
    rows = {r["code"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
    assert rows["XT001"]["pack"] == "xt" and rows["XT001"]["severity"] == "error"
    assert rows["NL420"]["pack"] == "newsroom"
    assert rows["NL002"]["pack"] == "builtin"
    markdown = run("rules", "--format", "markdown").stdout
    assert "| XT002 | `plain-words` | style | warning | yes | xt |" in markdown
    assert run("rules", "--format", "yaml").exit_code == 2


def test_rules_default_only(project: Project) -> None:
    (project.pack / "off.toml").write_text(
        'code = "XT009"\nkind = "existence"\ncategory = "style"\nsummary = "Off."\n'
        'message = "m"\ntokens = ["zz"]\nenabled = false\n',
        encoding="utf-8",
    )
    everything = {r["code"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
    assert everything["XT009"]["enabled"] is False
    on = {r["code"] for r in json.loads(run("rules", "--default-only", "--format", "json").stdout)}
    assert "XT009" not in on and "XT001" in on


def test_rule_failure_exits_2_with_one_line(project: Project) -> None:
    (project.pack / "slow.toml").write_text(
        'code = "XT008"\nkind = "pattern"\ncategory = "style"\nsummary = "s"\n'
        "message = \"m\"\nregex = '(a|aa)+$'\n",
        encoding="utf-8",
    )
    project.write("a.txt", "a" * 60 + "!\n\nThey utilise it.\n")
    result = run("check", "a.txt")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("newslint: error: a.txt: rule XT008 (slow) failed: ")
    assert "RegexTimeout" in line and "regex timed out after 1 s" in line
    assert "XT002" in result.stdout  # the other rules' findings are kept


def test_explain(project: Project) -> None:
    result = run("explain", "XT002")
    assert result.exit_code == 0
    for part in ("# XT002 `plain-words`", "**What it flags.**", "**Why.**", "**Example.**"):
        assert part in result.stdout
    assert run("explain", "wordy-phrase").stdout.startswith("# NL420 `wordy-phrase`")
    missing = run("explain", "NL999")
    assert missing.exit_code == 2
    assert "no rule with code or name 'NL999'" in missing.stderr


def test_config_show(project: Project) -> None:
    result = run("config", "--show", "a.txt")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["select"] == ["XT"]
    assert data["style"] == "none"
    assert data["source"] == str((project.root / "newslint.toml").resolve())
    assert data["rule-paths"] == [str(project.pack.resolve())]


def test_config_show_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("config", "--show", str(tmp_path)).stdout)
    assert data["source"].startswith("(defaults")
    assert data["fail-on"] == "warning"


# ------------------------------------------------------------------ real processes


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(REPO)
    return env


def test_python_dash_m(project: Project) -> None:
    project.write("a.txt", WARN)
    version = subprocess.run(
        [sys.executable, "-m", "newslint", "--version"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert (version.returncode, version.stdout) == (0, f"newslint {__version__}\n")
    check = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "a.txt"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=project.root,
        timeout=60,
    )
    assert check.returncode == 1
    assert check.stdout == "a.txt:3:6: XT002 [*] Use 'use' instead of 'utilise'.\n"


def test_console_script_reads_real_stdin(project: Project) -> None:
    script = Path(sys.executable).parent / "newslint"
    if not script.exists():
        pytest.fail(f"console script missing next to {sys.executable}")
    proc = subprocess.run(
        [str(script), "check", "-", "--stdin-filename", "x.md", "-o", "concise"],
        input=b"They utilise it.\n",
        capture_output=True,
        env=_env(),
        cwd=project.root,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == b"x.md:1:6: XT002 [*] Use 'use' instead of 'utilise'.\n"
    assert proc.stderr == b""


def test_no_arguments_shows_help() -> None:
    result = run()
    assert result.exit_code == 2
    assert "Usage: newslint [OPTIONS] COMMAND" in result.stdout
    for command in ("check", "rules", "explain", "config"):
        assert command in result.stdout
