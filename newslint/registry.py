"""Find every rule (built-in, packs, plugins) and select the ones in force.

Selection follows ruff: selectors are code prefixes ("NL2", "NL201") or rule
names; the longest matching selector decides, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType

from newslint.packs import Pack
from newslint.plugins import ENTRY_POINT_GROUP, plugin_entry_points
from newslint.rule import CODE_RE, NAME_RE, Rule

__all__ = ["ENTRY_POINT_GROUP", "plugin_entry_points"]  # their home before newslint.plugins


class RegistryError(Exception):
    """Two rules collide, or a selector names nothing."""


def builtin_rules() -> list[type[Rule]]:
    """Return the built-in Python rules."""
    from newslint.checks import BUILTIN_RULES

    return list(BUILTIN_RULES)


def __getattr__(name: str) -> ModuleType:
    """Keep ``newslint.registry.metadata`` (``importlib.metadata``), imported on use."""
    if name == "metadata":
        from importlib import metadata

        return metadata
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def plugin_rules() -> list[type[Rule]]:
    """Return rules registered by installed packages under ``newslint.rules``.

    An entry point may name a Rule subclass or a sequence of them.
    """
    found: list[type[Rule]] = []
    for ep in plugin_entry_points():
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not take newslint down
            raise RegistryError(f"plugin entry point {ep.name!r} failed to load: {exc}") from exc
        items = obj if isinstance(obj, (list, tuple)) else [obj]
        for item in items:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise RegistryError(f"plugin entry point {ep.name!r} is not a newslint Rule")
            if item.pack == "builtin":
                item.pack = f"plugin:{ep.value.split(':')[0]}"
            found.append(item)
    return found


@dataclass
class Registry:
    """All known rules, by code and by name."""

    rules: list[type[Rule]]

    def __post_init__(self) -> None:
        self.by_code: dict[str, type[Rule]] = {}
        self.by_name: dict[str, type[Rule]] = {}
        for rule in self.rules:
            if not CODE_RE.match(rule.code):
                raise RegistryError(f"rule {rule.__name__} has an invalid code {rule.code!r}")
            if not NAME_RE.match(rule.name):
                raise RegistryError(f"rule {rule.code} has an invalid name {rule.name!r}")
            other = self.by_code.get(rule.code)
            if other is not None:
                raise RegistryError(
                    f"rule code {rule.code} is used twice: {other.name} ({other.pack}) "
                    f"and {rule.name} ({rule.pack})"
                )
            if rule.name in self.by_name:
                raise RegistryError(f"rule name {rule.name!r} is used twice")
            self.by_code[rule.code] = rule
            self.by_name[rule.name] = rule

    @classmethod
    def build(cls, packs: Iterable[Pack], *, plugins: bool = True) -> Registry:
        """Collect built-in rules, pack rules and (optionally) plugin rules."""
        packs = list(packs)
        rules: list[type[Rule]] = [r for r in builtin_rules() if _builtin_in_force(r, packs)]
        for pack in packs:
            rules.extend(pack.rules)
        if plugins:
            rules.extend(plugin_rules())
        return cls(rules)

    def lookup(self, key: str) -> type[Rule] | None:
        """Return the rule with this code or name."""
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def check_selectors(self, selectors: Iterable[str]) -> None:
        """Raise when a selector matches no rule at all."""
        for sel in selectors:
            if sel.upper() == "ALL":
                continue
            if not any(_matches(sel, r) for r in self.rules):
                raise RegistryError(f"selector {sel!r} matches no rule")

    def selector_problem(self, selector: str) -> str | None:
        """Return why ``selector`` (a code, prefix, name or ALL) selects nothing, or None."""
        if selector.strip().upper() == "ALL" or any(_matches(selector, r) for r in self.rules):
            return None
        return f"selector {selector!r} matches no rule"

    def rule_problem(self, key: str, *, names: bool = True) -> str | None:
        """Return why ``key`` names no single rule, or None.

        For settings that apply to one rule (``[rules.CODE]`` options by code
        or name; severity overrides by code only, ``names=False``), where a
        prefix or a name would silently do nothing.
        """
        rule = self.lookup(key)
        if rule is not None and (names or rule.code == key.upper()):
            return None
        if rule is not None:
            return f"{key!r} is a rule name; use its code {rule.code}"
        if self.selector_problem(key) is None:
            return f"{key!r} selects more than one rule; use one rule's full code"
        return f"{key!r} matches no rule"

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> list[type[Rule]]:
        """Return the rules in force, in code order."""
        self.check_selectors([*(select or ()), *ignore, *extend_select])
        chosen = []
        for rule in sorted(self.rules, key=lambda r: r.code):
            if is_selected(rule, select, ignore, extend_select):
                chosen.append(rule)
        return chosen


def _builtin_in_force(rule: type[Rule], packs: Sequence[Pack]) -> bool:
    """Decide whether a built-in Python rule belongs to the rule set.

    A built-in whose ``pack`` names a style profile (``pack = "ap"``: the
    stylebook rules that need logic) runs only when that profile is in force,
    unless a profile in force lists it in ``disable`` or ships a rule file with
    the same code (an override). Every other built-in always runs.
    """
    if rule.pack == "builtin":
        return True
    profiles = [p for p in packs if p.profile]
    if rule.pack not in {p.name for p in profiles}:
        return False
    for pack in profiles:
        if rule.name in pack.disable or rule.code in pack.disable:
            return False
        if any(r.code == rule.code for r in pack.rules):
            return False
    return True


def _matches(selector: str, rule: type[Rule]) -> bool:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    return rule.code.startswith(sel.upper()) or rule.name == sel.lower()


def _strength(selector: str, rule: type[Rule]) -> int:
    """Return how specific a matching selector is (names beat any prefix)."""
    if selector.upper() == "ALL":
        return 0
    if selector.lower() == rule.name:
        return 100
    return len(selector)


def is_selected(
    rule: type[Rule],
    select: Sequence[str] | None,
    ignore: Sequence[str],
    extend_select: Sequence[str] = (),
) -> bool:
    """Decide one rule: the most specific matching selector wins; ties ignore.

    A rule that is off by default is only turned on by its full code or name.
    """
    best_on = 0 if select is None and rule.default_enabled else -1
    for sel in [*(select or ()), *extend_select]:
        if not _matches(sel, rule):
            continue
        strength = _strength(sel, rule)
        if not rule.default_enabled and strength < len(rule.code):
            continue
        best_on = max(best_on, strength)
    if best_on < 0:
        return False
    best_off = max((_strength(s, rule) for s in ignore if _matches(s, rule)), default=-1)
    return best_on > best_off
