"""Pinned version, cache folder and the default-disabled rule list."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newslint.config import default_cache_dir
from newslint.languagetool import LT_VERSION, CheckSettings, default_disabled_rules
from newslint.languagetool.paths import POM_PATH, cache_root
from newslint.languagetool.settings import disabled_rules_path


def test_pom_pins_the_same_version() -> None:
    found = re.search(r"<languagetool.version>([^<]+)</", POM_PATH.read_text(encoding="utf-8"))
    assert found is not None and found.group(1) == LT_VERSION


@pytest.mark.parametrize(
    "env",
    [
        {"NEWSLINT_CACHE_DIR": "/tmp/a"},
        {"XDG_CACHE_HOME": "/tmp/xdg"},
        {},
    ],
)
def test_cache_root_agrees_with_config(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NEWSLINT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_root() == default_cache_dir()


def test_every_disabled_rule_has_a_reason() -> None:
    rules = default_disabled_rules()
    assert len(rules) >= 10
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids)), "duplicate rule id"
    for rule in rules:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", rule.id), rule.id
        assert len(rule.reason) > 20, rule.id


def test_file_has_only_known_keys() -> None:
    data = tomllib.loads(disabled_rules_path().read_text(encoding="utf-8"))
    assert set(data) == {"disabled"}


def test_malformed_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "languagetool.toml"
    bad.write_text('[[disabled]]\nid = "X"\n', encoding="utf-8")
    monkeypatch.setattr("newslint.languagetool.settings.disabled_rules_path", lambda: bad)
    default_disabled_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="reason"):
            default_disabled_rules()
    finally:
        default_disabled_rules.cache_clear()


def test_for_newslint_merges_defaults_and_user_choices() -> None:
    settings = CheckSettings.for_newslint(
        "en-GB", disabled_rules=["MY_RULE"], enabled_rules=["SERIAL_COMMA_ON"]
    )
    assert settings.language == "en-GB"
    assert "MY_RULE" in settings.disabled_rules
    assert "EN_UNPAIRED_QUOTES" in settings.disabled_rules
    assert "SERIAL_COMMA_ON" not in settings.disabled_rules
    assert settings.form()["enabledRules"] == "SERIAL_COMMA_ON"
    assert CheckSettings.for_newslint(use_defaults=False).disabled_rules == ()


def test_fingerprint_is_stable_and_sensitive() -> None:
    a = CheckSettings.for_newslint()
    assert a.fingerprint() == CheckSettings.for_newslint().fingerprint()
    assert a.fingerprint() != CheckSettings.for_newslint("en-GB").fingerprint()
    assert a.fingerprint() != CheckSettings.for_newslint(disabled_rules=["X"]).fingerprint()
