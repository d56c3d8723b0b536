"""The JSON output contract of issue 2 (more keys are fine, none may go missing).

    {"newslint": VERSION, "files": [{"path": ..., "findings": [{"rule", "name",
     "category", "severity", "message", "start", "end", "line", "column",
     "end_line", "end_column", "text", "suggestions", "source"}]}], "summary": {...}}

Findings are sorted by path, start, rule; offsets are 0-based code points into
the decoded file, lines and columns 1-based, ends exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newslint import __version__
from newslint.cli import app
from tests.conftest import Project

FINDING_KEYS = {
    "rule": str,
    "name": str,
    "category": str,
    "severity": str,
    "message": str,
    "start": int,
    "end": int,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "text": str,
    "suggestions": list,
    "source": str,
}


def check_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", "--output-format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def twin_rule(project: Project) -> None:
    """Add a second rule that flags the same word as XT002 (same start, other code)."""
    (project.pack / "twin.toml").write_text(
        'code = "XT000"\nkind = "existence"\ncategory = "typo"\nseverity = "error"\n'
        'summary = "Twin."\nmessage = "\'{match}\' again."\ntokens = ["utilise"]\n',
        encoding="utf-8",
    )


def test_exact_shape_of_one_finding(project: Project) -> None:
    project.write("a.txt", "utilise the hall.\n")
    data = check_json("a.txt")
    assert data["newslint"] == __version__
    assert set(data) >= {"newslint", "files", "summary"}
    assert data["files"] == [
        {
            "path": "a.txt",
            "findings": [
                {
                    "rule": "XT002",
                    "name": "plain-words",
                    "category": "style",
                    "severity": "warning",
                    "message": "Use 'use' instead of 'utilise'.",
                    "start": 0,
                    "end": 7,
                    "line": 1,
                    "column": 1,
                    "end_line": 1,
                    "end_column": 8,
                    "text": "utilise",
                    "suggestions": ["use"],
                    "source": "newslint",
                    "fix": {
                        "applicability": "safe",
                        "title": "Replace 'utilise' with 'use'",
                        "edits": [{"start": 0, "end": 7, "replacement": "use"}],
                    },
                }
            ],
        }
    ]
    summary = data["summary"]
    assert summary["files"] == 1
    assert summary["findings"] == 1
    assert summary["by_severity"] == {"warning": 1}
    assert summary["by_category"] == {"style": 1}
    assert summary["by_rule"] == {"XT002": 1}
    assert summary["files_with_errors"] == 0


def test_every_finding_has_every_key_with_its_type(project: Project, twin_rule: None) -> None:
    project.write("a.txt", "Title\n\nWe utilise it in excess of 5 per cent. Do not frobnicate.\n")
    project.write("b.md", "The adviser and the adviser met the *advisor*.\n")
    data = check_json("a.txt", "b.md", "--fail-on", "error")
    findings = [f for entry in data["files"] for f in entry["findings"]]
    assert len(findings) == 6
    for f in findings:
        for key, kind in FINDING_KEYS.items():
            assert isinstance(f[key], kind), (key, f)
        assert f["severity"] in ("info", "warning", "error")
        assert f["category"] in (
            "typo", "repetition", "attribution", "fact", "style", "grammar", "boilerplate"
        )  # fmt: skip
        assert f["start"] <= f["end"]
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
        assert all(isinstance(s, str) for s in f["suggestions"])
    related = next(f for f in findings if f["rule"] == "XT003")["related"]
    assert related == [
        {"start": 4, "end": 11, "line": 1, "column": 5, "message": "'adviser' used here"}
    ]


def test_findings_sorted_by_path_start_rule(project: Project, twin_rule: None) -> None:
    project.write("z.txt", "They utilise it. We utilise it.\n")
    project.write("a/b.txt", "Do not frobnicate; utilise.\n")
    project.write("a.txt", "utilise\n")
    data = check_json("z.txt", "a/b.txt", "a.txt")
    assert [e["path"] for e in data["files"]] == ["a.txt", "a/b.txt", "z.txt"]
    for entry in data["files"]:
        keys = [(f["start"], f["rule"]) for f in entry["findings"]]
        assert keys == sorted(keys)
    z = data["files"][2]["findings"]
    assert [(f["start"], f["rule"]) for f in z] == [
        (5, "XT000"),
        (5, "XT002"),
        (20, "XT000"),
        (20, "XT002"),
    ]


def test_offsets_are_code_points_of_the_decoded_file(project: Project) -> None:
    path = project.root / "u.txt"
    path.write_bytes("\ufeff\U0001f600 caf\u00e9\r\nOn r\u00e9sum\u00e9s: utilise.\r\n".encode())
    (f,) = check_json("u.txt")["files"][0]["findings"]
    decoded = path.read_bytes().decode("utf-8-sig")
    assert decoded[f["start"] : f["end"]] == f["text"] == "utilise"
    assert (f["line"], f["column"], f["end_column"]) == (2, 13, 20)


def test_markdown_finding_points_at_source_not_prose(project: Project) -> None:
    project.write("a.md", "# Title\n\nA [link](http://x.org) and **utilise**.\n")
    (f,) = check_json("a.md")["files"][0]["findings"]
    source = (project.root / "a.md").read_text()
    assert source[f["start"] : f["end"]] == "utilise"
    assert (f["line"], f["column"]) == (3, 30)


def test_unreadable_file_entry(project: Project) -> None:
    result = CliRunner().invoke(app, ["check", "-o", "json", "missing.txt"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["files"] == [
        {"path": "missing.txt", "findings": [], "error": "missing.txt: no such file"}
    ]
    assert data["summary"]["files_with_errors"] == 1


def test_json_file_output_matches_stdout(project: Project, tmp_path: Path) -> None:
    project.write("a.txt", "They utilise it.\n")
    out = tmp_path / "report.json"
    CliRunner().invoke(app, ["check", "-o", "json", "--output-file", str(out), "a.txt"])
    assert json.loads(out.read_text()) == check_json("a.txt")


def test_a_fix_chosen_by_its_neighbours_carries_its_context(project: Project) -> None:
    text = "The council will hold a pubic meeting on Tuesday.\n"
    project.write("a.txt", text)
    data = check_json("a.txt", "--select", "NL102", "--no-languagetool")
    (finding,) = data["files"][0]["findings"]
    fix = finding["fix"]
    assert fix["edits"] == [{"start": 24, "end": 29, "replacement": "public"}]
    context = fix["context"]
    assert text[context["start"] : context["end"]] == "hold a pubic meeting on"
