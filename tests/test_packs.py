"""Rule packs: loading TOML rules, and errors that name file, line and key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newslint.config import resolve_settings
from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind
from newslint.kinds import KINDS
from newslint.packs import PackError, key_line, load_pack, load_rule_file, resolve_packs
from newslint.rule import Scope
from newslint.runner import LinterFactory, lint_source
from tests.conftest import XT_CODES

GOOD = """\
code = "XT101"
kind = "existence"
category = "style"
severity = "warning"
summary = "Test."
message = "'{match}' found."
tokens = ["zork"]
"""


def write(tmp_path: Path, text: str, name: str = "my-rule.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> PackError:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as info:
        load_rule_file(path, "test")
    err = info.value
    assert str(path) in str(err)
    return err


def test_xt_pack_loads(xt_pack: Path) -> None:
    pack = load_pack(xt_pack)
    assert pack.name == "xt"
    assert pack.version == "1"
    by_code = {r.code: r for r in pack.rules}
    assert sorted(by_code) == list(XT_CODES)
    banned = by_code["XT001"]
    assert banned.name == "banned-word"  # the file stem
    assert banned.severity is Severity.ERROR
    assert banned.category is Category.STYLE
    assert banned.pack == "xt"
    assert not banned.fixable
    assert issubclass(banned, KINDS["existence"])
    assert by_code["XT002"].fixable and by_code["XT002"].spec.fix == "safe"
    assert by_code["XT003"].scope is Scope.DOCUMENT  # consistency defaults to the story
    # A pattern rule keeps the file's scope; the engine hands it the whole
    # story and it searches each sentence itself (one call per document).
    assert by_code["XT004"].spec.scope is Scope.SENTENCE
    assert by_code["XT004"].scope is Scope.DOCUMENT
    assert sorted(e.valid for e in by_code["XT002"].examples) == [False, True]
    docs = by_code["XT002"].docs()
    assert docs.what and docs.why and docs.fix
    assert "utilise" in docs.example and "fixed:" in docs.example


def test_full_key_set(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        code = "XT102"
        name = "custom-name"
        kind = "substitution"
        category = "grammar"
        severity = "info"
        summary = "S."
        description = "D."
        why = "W."
        advice = "A."
        link = "https://example.org"
        message = "M {match} {replacement}"
        scope = "paragraph"
        blocks = ["body", "caption"]
        in_quotes = true
        ignore_case = false
        fix = "unsafe"
        enabled = false
        exceptions = ["x y"]
        skip_headline = true
        [swap]
        "Foo" = ["bar", "baz"]
        """,
    )
    rule = load_rule_file(path, "test")
    assert rule.name == "custom-name"
    assert rule.category is Category.GRAMMAR
    assert rule.scope is Scope.PARAGRAPH
    assert rule.blocks == frozenset({BlockKind.BODY, BlockKind.CAPTION})
    assert rule.in_quotes and not rule.default_enabled
    assert rule.spec.data["swap"] == {"Foo": ["bar", "baz"]}
    assert rule.spec.exceptions == ("x y",)


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (GOOD + 'colour = "red"\n', 8, "colour", "unknown key 'colour'"),
        (GOOD.replace('"warning"', "3"), 4, "severity", "wrong type"),
        (GOOD.replace('"warning"', '"fatal"'), 4, "severity", "unknown severity"),
        (GOOD.replace('"existence"', '"magic"'), 2, "kind", "'kind' must be one of"),
        (GOOD.replace('"XT101"', '"nl12"'), 1, "code", "must look like NL123"),
        (GOOD.replace('"style"', '"opinion"'), 3, "category", "unknown category"),
        (GOOD + 'scope = "chapter"\n', 8, "scope", "'scope' must be"),
        (GOOD + 'blocks = ["sidebar"]\n', 8, "blocks", "'blocks' entries"),
        (GOOD + 'fix = "maybe"\n', 8, "fix", "'fix' must be"),
        (GOOD + 'name = "Not Kebab"\n', 8, "name", "kebab-case"),
        (GOOD.replace('tokens = ["zork"]', "tokens = []"), 7, "tokens", "non-empty list"),
        (GOOD + "[examples]\nbogus = 1\n", 8, "examples", "'valid' and 'invalid'"),
    ],
)
def test_errors_name_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, message: str
) -> None:
    err = load_error(tmp_path, text)
    assert err.line == line, str(err)
    assert err.key == key
    assert message in str(err)
    assert f":{line}:" in str(err)


def test_missing_required_key(tmp_path: Path) -> None:
    err = load_error(tmp_path, GOOD.replace('summary = "Test."\n', ""))
    assert "missing required key 'summary'" in str(err)


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, GOOD + "this is = = not toml\n")
    assert err.line == 8
    assert "invalid TOML" in str(err)


@pytest.mark.parametrize(
    ("extra", "key", "message"),
    [
        ("regex = '(unclosed'\n", "regex", "does not compile"),
        ("regex = 'a(b)'\ngroup = 2\n", "group", "'group' 2"),
        ("regex = 'a(b)'\ngroup = 'name'\n", "group", "'group' 'name'"),
    ],
)
def test_pattern_errors(tmp_path: Path, extra: str, key: str, message: str) -> None:
    text = GOOD.replace('"existence"', '"pattern"').replace('tokens = ["zork"]\n', extra)
    err = load_error(tmp_path, text)
    assert err.key == key
    assert message in str(err)


def test_substitution_and_consistency_errors(tmp_path: Path) -> None:
    sub = GOOD.replace('"existence"', '"substitution"').replace(
        'tokens = ["zork"]\n', "[swap]\n'a' = 3\n"
    )
    assert "swap value" in str(load_error(tmp_path, sub))
    empty = GOOD.replace('"existence"', '"substitution"').replace('tokens = ["zork"]\n', "[swap]\n")
    assert "'swap' must be a non-empty table" in str(load_error(tmp_path, empty))
    cons = GOOD.replace('"existence"', '"consistency"').replace(
        'tokens = ["zork"]\n', 'either = [["only-one"]]\n'
    )
    err = load_error(tmp_path, cons)
    assert err.key == "either" and err.line == 7


@pytest.mark.parametrize(
    ("examples", "message"),
    [
        ('[[examples.invalid]]\ntext = "zork"\n', "an invalid example needs 'expect'"),
        (
            '[[examples.valid]]\ntext = "zork"\nexpect = ["zork"]\n',
            "a valid example cannot expect findings",
        ),
        ('[[examples.valid]]\nwords = "zork"\n', "needs 'text'"),
        ('[[examples.valid]]\ntext = "x"\nextra = 1\n', "unknown key 'extra'"),
    ],
)
def test_example_errors(tmp_path: Path, examples: str, message: str) -> None:
    assert message in str(load_error(tmp_path, GOOD + examples))


def test_pack_toml_errors(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    with pytest.raises(PackError, match="not a rule pack"):
        load_pack(folder)
    (folder / "pack.toml").write_text('name = "p"\nflavour = "x"\n', encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(folder)
    assert info.value.line == 2 and info.value.key == "flavour"
    (folder / "pack.toml").write_text('name = "p"\nprofile = "yes"\n', encoding="utf-8")
    with pytest.raises(PackError, match="'profile' has the wrong type"):
        load_pack(folder)


def test_bad_rule_file_in_pack_names_the_rule_file(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "p"\n', encoding="utf-8")
    (folder / "broken.toml").write_text(GOOD + "oops = 1\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(folder)
    assert info.value.path == str(folder / "broken.toml")
    assert info.value.line == 8


def test_pack_default_severity_applies(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "p"\nseverity = "error"\n', encoding="utf-8")
    (folder / "r.toml").write_text(GOOD.replace('severity = "warning"\n', ""), encoding="utf-8")
    (rule,) = load_pack(folder).rules
    assert rule.severity is Severity.ERROR


def test_key_line() -> None:
    text = 'a = 1\n[swap]\n"b" = 2\n[[examples.invalid]]\ntext = "x"\n'
    assert key_line(text, "a") == 1
    assert key_line(text, "swap") == 2
    assert key_line(text, "b") == 3
    assert key_line(text, "examples.invalid") == 4
    assert key_line(text, "missing") is None


# ------------------------------------------------------------------ resolution


def test_resolve_styles() -> None:
    none = {p.name for p in resolve_packs("none")}
    ap = [p.name for p in resolve_packs("ap")]
    reuters = [p.name for p in resolve_packs("reuters")]
    assert "ap" not in none and "reuters" not in none
    assert "newsroom" in none
    assert "ap" in ap and "reuters" not in ap
    assert reuters.index("ap") < reuters.index("reuters")  # base first
    with pytest.raises(PackError, match="unknown style 'chicago'"):
        resolve_packs("chicago")


def test_extra_paths_pack_file_and_error(tmp_path: Path, xt_pack: Path) -> None:
    single = write(tmp_path, GOOD, "lone-rule.toml")
    packs = resolve_packs("none", [xt_pack, single])
    names = [p.name for p in packs]
    assert "xt" in names and "lone-rule" in names
    with pytest.raises(PackError, match=r"neither a pack folder nor a \.toml file"):
        resolve_packs("none", [tmp_path / "nowhere"])


def test_local_profile_extends_bundled(tmp_path: Path) -> None:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'name = "house"\nprofile = true\nextends = "ap"\ndisable = ["XT101"]\n', encoding="utf-8"
    )
    (folder / "zork.toml").write_text(GOOD, encoding="utf-8")
    (folder / "zap.toml").write_text(
        GOOD.replace("XT101", "XT103").replace("zork", "zap"), encoding="utf-8"
    )
    # Not chosen: a profile on a rule path is a style to choose, not always on.
    assert "house" not in {p.name for p in resolve_packs("ap", [folder])}
    packs = resolve_packs("house", [folder])
    house = next(p for p in packs if p.name == "house")
    assert [r.code for r in house.rules] == ["XT103"]  # XT101 disabled


def test_rule_paths_from_config_are_linted(tmp_path: Path, xt_pack: Path) -> None:
    settings = resolve_settings(
        None,
        overrides={"rule_paths": (str(xt_pack),), "select": ("XT001",), "style": "none"},
        isolated=True,
    )
    report = lint_source("Do not frobnicate.", "a.txt", LinterFactory(settings))
    assert [(d.code, d.text) for d in report.diagnostics] == [("XT001", "frobnicate")]


def test_pattern_timeout_is_a_rule_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "slow"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "slow"\n', encoding="utf-8")
    (folder / "backtrack.toml").write_text(
        GOOD.replace('"existence"', '"pattern"')
        .replace('tokens = ["zork"]\n', "regex = '(a|aa)+$'\n")
        .replace('scope = "sentence"', ""),
        encoding="utf-8",
    )
    settings = resolve_settings(
        None,
        overrides={"rule_paths": (str(folder),), "select": ("XT101",), "style": "none"},
        isolated=True,
    )
    report = lint_source("a" * 60 + "!", "a.txt", LinterFactory(settings))
    assert report.error is not None
    assert "XT101" in report.error and "timed out" in report.error


@pytest.mark.parametrize(
    ("scope", "blocks", "found"),
    [
        # Each sentence is searched on its own: "$" is a sentence's end, and
        # no match runs from one sentence into the next.
        ("sentence", "", [(1, "here."), (3, "end."), (3, "here.")]),
        ("paragraph", "", [(1, "here."), (3, "here.")]),
        ("text", "", [(3, "here.")]),
        # The file's blocks still choose the paragraphs: the headline only.
        ("sentence", 'blocks = ["headline"]\n', [(1, "here.")]),
    ],
)
def test_a_pattern_rule_searches_the_units_its_file_names(
    tmp_path: Path, scope: str, blocks: str, found: list[tuple[int, str]]
) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "units"\n', encoding="utf-8")
    (folder / "ends.toml").write_text(
        GOOD.replace('"existence"', '"pattern"').replace(
            'tokens = ["zork"]\n', f"regex = '\\w+\\.$'\nscope = \"{scope}\"\n{blocks}"
        ),
        encoding="utf-8",
    )
    settings = resolve_settings(
        None,
        overrides={"rule_paths": (str(folder),), "select": ("XT101",), "style": "none"},
        isolated=True,
    )
    text = "Headline ends here.\n\nA sentence can end. Then more here.\n"
    report = lint_source(text, "a.txt", LinterFactory(settings))
    assert report.error is None
    assert [(d.start.line, d.text) for d in report.diagnostics] == found


def test_a_profile_language_is_inherited_and_can_be_overridden(tmp_path: Path) -> None:
    from newslint.languagetool.settings import profile_language

    def profile(name: str, extra: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pack.toml").write_text(
            f'name = "{name}"\nprofile = true\n{extra}', encoding="utf-8"
        )
        return folder

    inherits = profile("our-desk", 'extends = "british"\n')
    own = profile("our-aussie-desk", 'extends = "british"\nlanguage = "en-AU"\n')
    paths = [str(inherits), str(own)]
    assert profile_language("british") == "en-GB"
    assert profile_language("our-desk", paths) == "en-GB"
    assert profile_language("our-aussie-desk", paths) == "en-AU"
    assert profile_language("ap", paths) is None
    assert profile_language("no-such-style", paths) is None
