"""Meta-tests over every rule, plus registry selection semantics.

Every built-in Python rule and every rule of every bundled pack must have a
valid code, a kebab-case name, a summary, the four documentation sections and
runnable examples (embedded, or a fixture file with valid and invalid cases).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

import pytest

from newslint.checks import BUILTIN_RULES
from newslint.data import rules_root
from newslint.diagnostics import Category
from newslint.packs import load_pack, resolve_packs
from newslint.registry import Registry, RegistryError, is_selected
from newslint.rule import CODE_RE, NAME_RE, Rule
from newslint.testing import load_fixture
from tests.conftest import every_rule, rule_id

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DIR = REPO / "tests" / "fixtures" / "rules"
STYLES = ("none", "ap", "reuters", "british")


ALL_RULES = every_rule()


def test_there_are_rules() -> None:
    codes = {r.code for r in ALL_RULES}
    assert {"NL002", "NL003", "NL420"} <= codes


def test_codes_and_names_are_unique() -> None:
    """A code always means one rule name and a name one code (overrides keep both)."""
    names_of: dict[str, set[str]] = defaultdict(set)
    codes_of: dict[str, set[str]] = defaultdict(set)
    for rule in ALL_RULES:
        names_of[rule.code].add(rule.name)
        codes_of[rule.name].add(rule.code)
    assert {c: n for c, n in names_of.items() if len(n) > 1} == {}
    assert {n: c for n, c in codes_of.items() if len(c) > 1} == {}


def test_builtin_classes_are_listed_once() -> None:
    assert len(set(BUILTIN_RULES)) == len(BUILTIN_RULES)
    assert len({r.code for r in BUILTIN_RULES}) == len(BUILTIN_RULES)


@pytest.mark.parametrize("style", STYLES)
def test_registry_builds_for_every_style(style: str) -> None:
    registry = Registry.build(resolve_packs(style), plugins=False)
    assert registry.by_code
    for rule in registry.rules:
        assert registry.lookup(rule.code) is rule
        assert registry.lookup(rule.name) is rule


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_id)
def test_rule_metadata(rule: type[Rule]) -> None:
    assert CODE_RE.match(rule.code), rule.code
    assert rule.code.startswith("NL") and len(rule.code) == 5
    assert NAME_RE.match(rule.name), rule.name
    assert isinstance(rule.category, Category)
    assert rule.summary and rule.summary.strip() == rule.summary
    assert len(rule.summary) <= 100


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_id)
def test_rule_docs_have_every_section(rule: type[Rule]) -> None:
    docs = rule.docs()
    missing = [k for k in ("what", "why", "example", "fix") if not getattr(docs, k).strip()]
    assert missing == [], f"{rule.code} docs lack: {missing}"


def _fixture_kinds(code: str) -> tuple[bool, bool]:
    path = FIXTURE_DIR / f"{code}.toml"
    if not path.is_file():
        return False, False
    cases = load_fixture(path)
    return any(not c.expect for c in cases), any(c.expect for c in cases)


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_id)
def test_rule_has_valid_and_invalid_examples(rule: type[Rule]) -> None:
    valid = any(e.valid for e in rule.examples)
    invalid = any(not e.valid for e in rule.examples)
    fx_valid, fx_invalid = _fixture_kinds(rule.code)
    assert valid or fx_valid, f"{rule.code} has no valid example or fixture case"
    assert invalid or fx_invalid, f"{rule.code} has no invalid example or fixture case"


def test_fixture_files_name_known_rules() -> None:
    codes = {r.code for r in ALL_RULES}
    for path in sorted(FIXTURE_DIR.glob("*.toml")):
        cases = load_fixture(path)
        assert path.stem in codes, f"{path.name}: no rule {path.stem}"
        assert all(c.rule == path.stem for c in cases), f"{path.name}: 'rule' != file name"


def test_importing_rules_loads_no_heavy_library() -> None:
    """Heavy data and libraries load lazily inside ``check``, never at import time."""
    import subprocess
    import sys

    code = (
        "import sys, newslint.cli, newslint.checks\n"
        "heavy = {'wordfreq', 'symspellpy', 'language_tool_python', 'markdown_it', 'rich',"
        " 'numpy', 'requests', 'jsonschema'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ the rules/ folder


RULE_FILES = sorted(p for p in rules_root().rglob("*") if p.is_file())


def test_rules_folder_holds_only_data() -> None:
    bad = [str(p) for p in RULE_FILES if p.suffix not in (".toml", ".md", ".txt")]
    assert bad == []


@pytest.mark.parametrize(
    "path",
    [p for p in RULE_FILES if p.suffix == ".toml"],
    ids=lambda p: str(p.relative_to(rules_root())),
)
def test_every_toml_under_rules_loads(path: Path) -> None:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    assert isinstance(data, dict) and data
    if (path.parent / "pack.toml").is_file() and path.name != "pack.toml":
        # Rule files of a pack load as rules (the loader validates every key).
        pack = load_pack(path.parent)
        assert any(r.spec.path == str(path) for r in pack.rules)


# ------------------------------------------------------------------ selection


class _Fake(Rule):
    category = Category.STYLE
    summary = "Fake."


def fake(code: str, name: str, *, enabled: bool = True) -> type[Rule]:
    attrs = {"code": code, "name": name, "default_enabled": enabled}
    return type(name.replace("-", "_"), (_Fake,), attrs)


class TestSelection:
    RULES: ClassVar[list[type[Rule]]] = [
        fake("NL201", "duplicated-word"),
        fake("NL202", "repeated-phrase"),
        fake("NL204", "word-echo", enabled=False),
        fake("NL301", "said-verb"),
        fake("NL420", "wordy-phrase"),
    ]

    def chosen(self, select: tuple[str, ...] | None = None, ignore=(), extend=()) -> list[str]:
        return [r.code for r in Registry(self.RULES).select(select, ignore, extend)]

    def test_default_is_every_enabled_rule(self) -> None:
        assert self.chosen() == ["NL201", "NL202", "NL301", "NL420"]

    def test_prefix_and_name(self) -> None:
        assert self.chosen(("NL2",)) == ["NL201", "NL202"]
        assert self.chosen(("said-verb",)) == ["NL301"]
        assert self.chosen(("nl42",)) == ["NL420"]  # case-insensitive

    def test_ignore_and_longest_selector_wins(self) -> None:
        assert self.chosen(ignore=("NL2",)) == ["NL301", "NL420"]
        assert self.chosen(("NL201",), ignore=("NL2",)) == ["NL201"]
        assert self.chosen(("NL2",), ignore=("NL201",)) == ["NL202"]
        assert self.chosen(("NL2",), ignore=("NL2",)) == []  # a tie: ignore wins
        assert self.chosen(ignore=("duplicated-word",)) == ["NL202", "NL301", "NL420"]

    def test_extend_select(self) -> None:
        assert self.chosen(("NL3",), extend=("NL420",)) == ["NL301", "NL420"]
        assert self.chosen(extend=("NL204",)) == ["NL201", "NL202", "NL204", "NL301", "NL420"]

    def test_off_by_default_needs_full_code_or_name(self) -> None:
        assert "NL204" not in self.chosen(("NL2",))
        assert "NL204" not in self.chosen(("ALL",))
        assert "NL204" in self.chosen(("NL204",))
        assert "NL204" in self.chosen(("word-echo",))

    def test_all(self) -> None:
        assert self.chosen(("ALL",)) == ["NL201", "NL202", "NL301", "NL420"]
        assert self.chosen(("ALL",), ignore=("NL4",)) == ["NL201", "NL202", "NL301"]

    def test_unknown_selector_is_an_error(self) -> None:
        with pytest.raises(RegistryError, match="'NL9' matches no rule"):
            self.chosen(("NL9",))
        with pytest.raises(RegistryError, match="no-such-rule"):
            self.chosen(ignore=("no-such-rule",))

    def test_is_selected_directly(self) -> None:
        rule = self.RULES[0]
        assert is_selected(rule, None, ())
        assert not is_selected(rule, ("NL3",), ())


def test_duplicate_code_and_name_are_errors() -> None:
    with pytest.raises(RegistryError, match="NL201 is used twice"):
        Registry([fake("NL201", "one"), fake("NL201", "two")])
    with pytest.raises(RegistryError, match="name 'same' is used twice"):
        Registry([fake("NL201", "same"), fake("NL202", "same")])


@pytest.mark.parametrize(("code", "name"), [("N201", "ok-name"), ("NL2011", "x"), ("NL201", "Bad")])
def test_invalid_code_or_name(code: str, name: str) -> None:
    # "N201" is a valid third-party code shape; the others are not.
    if code == "N201":
        Registry([fake(code, name)])
        return
    with pytest.raises(RegistryError, match="invalid"):
        Registry([fake(code, name)])
