"""Configuration: discovery (nearest file wins), validation, extend, overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newslint.config import (
    ConfigError,
    Settings,
    describe,
    find_config,
    load_file,
    resolve_settings,
    settings_fields,
)
from newslint.diagnostics import Severity
from newslint.runner import LinterFactory, lint_source


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    s = Settings()
    assert s.select is None
    assert s.fail_on is Severity.WARNING
    assert s.style == "ap"
    assert s.languagetool == "auto"


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'fail-on = "error"\n')
    write(tmp_path / "desk" / "pyproject.toml", '[tool.newslint]\nfail-on = "info"\n')
    deep = tmp_path / "desk" / "politics"
    deep.mkdir()
    assert find_config(deep) == tmp_path / "desk" / "pyproject.toml"
    assert resolve_settings(deep / "story.md").fail_on is Severity.INFO
    assert resolve_settings(tmp_path / "story.md").fail_on is Severity.ERROR


def test_file_preference_within_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nstyle = "none"\n')
    write(tmp_path / "newslint.toml", 'style = "reuters"\n')
    assert find_config(tmp_path) == tmp_path / "newslint.toml"
    sub = tmp_path / "sub"
    write(sub / ".newslint.toml", 'style = "ap"\n')
    write(sub / "newslint.toml", 'style = "none"\n')
    assert find_config(sub) == sub / ".newslint.toml"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'style = "none"\n')
    inner = tmp_path / "pkg"
    write(inner / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(inner) == tmp_path / "newslint.toml"


def test_every_key_parses(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "newslint.toml",
        """\
select = ["NL2", "NL420"]
extend-select = ["NL204"]
ignore = "NL203"
per-file-ignores = { "wire/*.txt" = ["NL4"] }
fail-on = "error"
output-format = "json"
style = "reuters"
packs = ["newsroom"]
rule-paths = ["local"]
vocab = ["words.toml"]
accept = ["Kyiv"]
reject = ["Kiev"]
facts = ["facts"]
date = 2024-05-01
languagetool = "off"
languagetool-url = "http://localhost:8081"
languagetool-language = "en-GB"
languagetool-disabled-rules = ["WHITESPACE_RULE"]
cache = false
jobs = 2
format-in = "md"
[severity]
nl201 = "error"
[rules.NL204]
window = 3
""",
    )
    s = resolve_settings(None, config_file=cfg)
    assert s.select == ("NL2", "NL420")
    assert s.extend_select == ("NL204",)
    assert s.ignore == ("NL203",)
    assert s.per_file_ignores == (("wire/*.txt", ("NL4",)),)
    assert s.fail_on is Severity.ERROR
    assert s.output_format == "json"
    assert s.rule_paths == (str((tmp_path / "local").resolve()),)  # relative to the file
    assert s.vocab == (str((tmp_path / "words.toml").resolve()),)
    assert s.date == dt.date(2024, 5, 1)
    assert s.severity_overrides() == {"NL201": Severity.ERROR}
    assert s.rule_options("NL204", "word-echo") == {"window": 3}
    assert s.rule_options("NL201", "duplicated-word") == {}
    assert s.cache is False and s.jobs == 2
    assert s.source == str(cfg.resolve())
    keys = set(settings_fields())
    assert {"select", "per-file-ignores", "rule-paths", "fail-on"} <= keys


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('style = "none"\ncolour = "red"\n', 2, "unknown config key 'colour'"),
        ('fail-on = "fatal"\n', 1, "unknown severity"),
        ("select = 3\n", 1, "'select' must be a list of strings"),
        ('output-format = "pdf"\n', 1, "'output-format' must be one of"),
        ('languagetool = "maybe"\n', 1, "'languagetool' must be one of"),
        ("jobs = 0\n", 1, "'jobs' must be a positive integer"),
        ('date = "tomorrow"\n', 1, "'date' must be a date"),
        ("cache = 1\n", 1, "'cache' must be true or false"),
        ('per-file-ignores = ["x"]\n', 1, "'per-file-ignores' must be a table"),
        ("[rules]\nNL201 = 1\n", 1, "'rules' must hold one table per rule"),
    ],
)
def test_bad_config_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    cfg = write(tmp_path / "newslint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_file(cfg)
    message = str(info.value)
    assert f"{cfg.resolve()}:{line}:" in message
    assert fragment in message


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    cfg = write(tmp_path / "newslint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(cfg)


def test_pyproject_unknown_key_is_reported(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.newslint]\nbogus = 1\n'
    )
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: unknown config key 'bogus'"):
        load_file(cfg)


def test_extend_inherits_and_overrides(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", 'style = "reuters"\nfail-on = "error"\naccept = ["Kyiv"]\n')
    child = write(
        tmp_path / "team" / "newslint.toml", 'extend = "../base.toml"\nfail-on = "info"\n'
    )
    s = resolve_settings(None, config_file=child)
    assert s.style == "reuters"
    assert s.fail_on is Severity.INFO
    assert s.accept == ("Kyiv",)


def test_extend_errors(tmp_path: Path) -> None:
    a = write(tmp_path / "a.toml", 'extend = "b.toml"\n')
    write(tmp_path / "b.toml", 'extend = "a.toml"\n')
    with pytest.raises(ConfigError, match="cycle"):
        load_file(a)
    missing = write(tmp_path / "c.toml", 'extend = "nowhere.toml"\n')
    with pytest.raises(ConfigError, match="missing file"):
        load_file(missing)
    bad = write(tmp_path / "d.toml", "extend = 3\n")
    with pytest.raises(ConfigError, match="'extend' must be a path"):
        load_file(bad)


def test_overrides_beat_files_and_isolated_ignores_them(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'style = "none"\nfail-on = "error"\n')
    s = resolve_settings(tmp_path, overrides={"fail_on": Severity.INFO, "select": None})
    assert s.fail_on is Severity.INFO
    assert s.style == "none"
    assert s.select is None  # None overrides are "not given"
    iso = resolve_settings(tmp_path, isolated=True)
    assert iso.style == "ap" and iso.source is None


def test_describe_is_plain_data(tmp_path: Path) -> None:
    cfg = write(tmp_path / "newslint.toml", '[severity]\nNL201 = "info"\n')
    data = describe(resolve_settings(None, config_file=cfg))
    assert data["severity"] == {"NL201": "info"}
    assert data["fail-on"] == "warning"
    assert data["select"] is None
    assert isinstance(data["ignore"], list)


# ------------------------------------------------------------------ settings in force


def _lint(text: str, path: str, **overrides: object) -> list[tuple[str, str]]:
    settings = resolve_settings(None, overrides=overrides, isolated=True)
    report = lint_source(text, path, LinterFactory(settings))
    return [(d.code, d.severity.label) for d in report.diagnostics]


def test_severity_override_and_per_file_ignores(xt_pack: Path) -> None:
    base = {"rule_paths": (str(xt_pack),), "style": "none", "select": ("XT",)}
    text = "They utilise it."
    assert _lint(text, "a.txt", **base) == [("XT002", "warning")]
    assert _lint(text, "a.txt", **base, severity=(("XT002", Severity.ERROR),)) == [
        ("XT002", "error")
    ]
    ignores = (("wire/*.txt", ("XT002",)),)
    assert _lint(text, "wire/a.txt", **base, per_file_ignores=ignores) == []
    assert _lint(text, "desk/wire/a.txt", **base, per_file_ignores=ignores) == []
    assert _lint(text, "desk/a.txt", **base, per_file_ignores=ignores) == [("XT002", "warning")]


def test_unknown_rule_option_is_a_config_error(xt_pack: Path) -> None:
    settings = resolve_settings(
        None,
        overrides={
            "rule_paths": (str(xt_pack),),
            "style": "none",
            "select": ("XT002",),
            "rules": (("XT002", (("colour", "red"),)),),
        },
        isolated=True,
    )
    with pytest.raises(ConfigError, match="has no option"):
        LinterFactory(settings).linter_for("a.txt")


def test_bad_rule_path_is_a_config_error(tmp_path: Path) -> None:
    settings = resolve_settings(
        None, overrides={"rule_paths": (str(tmp_path / "missing"),)}, isolated=True
    )
    with pytest.raises(ConfigError, match="neither a pack folder"):
        LinterFactory(settings).linter_for("a.txt")
