"""What is sent with every ``/v2/check`` request, and newslint's default rule choices.

LanguageTool's defaults follow general-purpose (book and web) English. Some of
its rules contradict AP style or misfire on news copy that is checked one
paragraph at a time; those are switched off by default and listed, each with
its reason, in ``rules/languagetool.toml``. A user can re-enable one with
``languagetool-enabled-rules`` (or disable more with
``languagetool-disabled-rules``).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_LANGUAGE = "en-US"
DISABLED_RULES_FILE = "languagetool.toml"


@dataclass(frozen=True)
class DisabledRule:
    """A LanguageTool rule newslint turns off by default, and why."""

    id: str
    reason: str


@dataclass(frozen=True)
class CheckSettings:
    """The request parameters that decide LanguageTool's answer for a text.

    Part of the result-cache key: two checks with equal settings, text and
    LanguageTool version give the same matches.
    """

    language: str = DEFAULT_LANGUAGE
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    level: str = "default"  # or "picky"
    mother_tongue: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())  # other /v2/check parameters

    @classmethod
    def for_newslint(
        cls,
        language: str = DEFAULT_LANGUAGE,
        *,
        disabled_rules: Iterable[str] = (),
        enabled_rules: Iterable[str] = (),
        use_defaults: bool = True,
    ) -> CheckSettings:
        """Return settings with newslint's default-disabled rules plus the user's choices.

        A rule the user enables wins over newslint's default list, so that
        ``languagetool-enabled-rules = ["SERIAL_COMMA_ON"]`` brings it back.
        """
        enabled = tuple(sorted(set(enabled_rules)))
        disabled = set(disabled_rules)
        if use_defaults:
            disabled.update(rule.id for rule in default_disabled_rules())
        disabled.difference_update(enabled)
        return cls(language=language, disabled_rules=tuple(sorted(disabled)), enabled_rules=enabled)

    def form(self) -> dict[str, str]:
        """Return the form fields of a ``/v2/check`` request, text excluded."""
        fields = {"language": self.language}
        if self.disabled_rules:
            fields["disabledRules"] = ",".join(self.disabled_rules)
        if self.enabled_rules:
            fields["enabledRules"] = ",".join(self.enabled_rules)
        if self.disabled_categories:
            fields["disabledCategories"] = ",".join(self.disabled_categories)
        if self.enabled_categories:
            fields["enabledCategories"] = ",".join(self.enabled_categories)
        if self.level != "default":
            fields["level"] = self.level
        if self.mother_tongue:
            fields["motherTongue"] = self.mother_tongue
        fields.update(self.extra)
        return fields

    def fingerprint(self) -> str:
        """Return a stable hash of the request parameters (for the result cache)."""
        blob = json.dumps(sorted(self.form().items()), ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def profile_language(style: str, rule_paths: Iterable[str | Path] = ()) -> str | None:
    """Return the LanguageTool variant the style profile declares, or None.

    A profile's ``pack.toml`` may say ``language = "en-GB"``; a profile that
    does not inherits its base's (``extends``). Only the ``pack.toml`` files
    are read, never the rules: the backend is built even for a fully cached
    run, which must stay cheap.
    """
    from newslint.data import rules_root

    folders = [d for d in rules_root().iterdir() if (d / "pack.toml").is_file()]
    folders += [Path(p) for p in rule_paths if (Path(p) / "pack.toml").is_file()]
    profiles: dict[str, dict[str, object]] = {}
    for folder in folders:
        try:
            meta = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # the pack loader reports a broken pack.toml, with its line
        if meta.get("profile") is True:
            profiles[str(meta.get("name", folder.name))] = meta
    name: object = style
    seen: set[str] = set()
    while isinstance(name, str) and name in profiles and name not in seen:
        seen.add(name)
        language = profiles[name].get("language")
        if isinstance(language, str) and language:
            return language
        name = profiles[name].get("extends")
    return None


def disabled_rules_path() -> Path:
    """Return ``rules/languagetool.toml`` (bundled as ``newslint/_rules`` in a wheel)."""
    from newslint.data import rules_root

    return rules_root() / DISABLED_RULES_FILE


@lru_cache(maxsize=1)
def default_disabled_rules() -> tuple[DisabledRule, ...]:
    """Return the LanguageTool rules newslint disables by default.

    Raises:
        ValueError: the file is malformed (an entry without an id or reason);
            a silently empty list would re-enable every noisy rule.
    """
    path = disabled_rules_path()
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    entries = data.get("disabled", [])
    if not isinstance(entries, list):
        raise ValueError(f"{path}: 'disabled' must be an array of tables")
    rules: list[DisabledRule] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"{path}: disabled entry {number} is not a table")
        rule_id, reason = entry.get("id"), entry.get("reason")
        if not isinstance(rule_id, str) or not rule_id or not isinstance(reason, str) or not reason:
            raise ValueError(f"{path}: disabled entry {number} needs a non-empty 'id' and 'reason'")
        unknown = set(entry) - {"id", "reason"}
        if unknown:
            raise ValueError(f"{path}: disabled entry {rule_id}: unknown keys {sorted(unknown)}")
        rules.append(DisabledRule(rule_id, " ".join(reason.split())))
    return tuple(rules)
