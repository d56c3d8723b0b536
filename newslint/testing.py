"""Rule-test harness, public so that third-party packs can use it too.

A fixture file ``tests/fixtures/rules/<CODE>.toml`` follows sqlfluff's
semantics in TOML::

    rule = "NL201"
    [settings]                 # optional Settings overrides for every case
    date = 2025-06-01

    [[case]]
    id = "adjacent"
    text = "The council voted the the budget down."
    fixed = "The council voted the budget down."   # omit: no safe fix may apply
    format = "txt"                                  # txt | md | html
    [[case.expect]]
    match = "the"           # exact source text of the finding's span
    occurrence = 2          # which occurrence of `match` in the text (1-based)
    message = "Duplicated"  # optional substring of the message
    suggestion = "..."      # optional: must be the first suggestion
    severity = "warning"    # optional

    [[case]]
    id = "had-had"
    text = "She had had enough."
    expect = []             # explicit: no finding

For each case the rule is run alone; the set of findings must equal
``expect`` exactly; when ``fixed`` is given, safe fixes are applied and must
produce it, and the fixed text must lint clean for the rule (idempotence).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint.config import Settings, resolve_settings
from newslint.diagnostics import Diagnostic, Severity
from newslint.fix import apply_edits
from newslint.rule import Rule
from newslint.runner import LinterFactory, lint_source

CASE_KEYS = {"id", "text", "format", "fixed", "expect", "settings", "unsafe_fixed", "note"}
EXPECT_KEYS = {"match", "occurrence", "message", "suggestion", "severity", "line", "column"}


class FixtureError(AssertionError):
    """A fixture file is malformed or a case failed."""


@dataclass
class Expectation:
    """One expected finding."""

    match: str
    occurrence: int = 1
    message: str | None = None
    suggestion: str | None = None
    severity: str | None = None
    line: int | None = None
    column: int | None = None


@dataclass
class Case:
    """One fixture case."""

    rule: str
    id: str
    text: str
    format: str = "txt"
    fixed: str | None = None
    unsafe_fixed: str | None = None
    expect: list[Expectation] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def test_id(self) -> str:
        """Return the pytest id."""
        return f"{self.rule}-{self.id}"


def _settings(rule: str, extra: Mapping[str, Any]) -> Settings:
    overrides: dict[str, Any] = {"select": (rule,), "cache": False, "languagetool": "off"}
    for key, value in extra.items():
        name = key.replace("-", "_")
        if name == "date" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        if name == "fail_on" and isinstance(value, str):
            value = Severity.parse(value)
        if isinstance(value, list):
            value = tuple(value)
        overrides[name] = value
    return resolve_settings(None, overrides=overrides, isolated=True)


def lint_case(
    rule: str, text: str, fmt: str = "txt", settings: Mapping[str, Any] | None = None
) -> list[Diagnostic]:
    """Lint ``text`` with only ``rule`` selected.

    A case whose settings say ``languagetool = "on"`` runs against the real
    LanguageTool server (one per process, shared by all such cases); when it
    cannot be used, :class:`BackendUnavailable` is raised so the caller can
    decide between failing and skipping.
    """
    s = _settings(rule, settings or {})
    if s.languagetool == "off":
        report = lint_source(text, f"case.{fmt}", LinterFactory(s))
    else:
        from newslint.languagetool.backend import Backend, activate
        from newslint.languagetool.errors import LanguageToolError

        backend = Backend.from_settings(s, service=_shared_languagetool(s.languagetool_url))
        try:
            with activate(backend, start=False, close=False):
                report = lint_source(text, f"case.{fmt}", LinterFactory(s))
        except LanguageToolError as exc:
            raise BackendUnavailable(f"LanguageTool unavailable: {exc}") from None
    if report.error:
        if "LanguageTool" in report.error:
            raise BackendUnavailable(report.error)
        raise FixtureError(report.error)
    return report.diagnostics


class BackendUnavailable(FixtureError):
    """A case needs LanguageTool and it cannot be used here."""


_SERVICES: dict[str | None, Any] = {}


def _shared_languagetool(url: str | None) -> Any:
    """Return one LanguageTool service per process (it stops at interpreter exit)."""
    service = _SERVICES.get(url)
    if service is None:
        from newslint.languagetool.service import LanguageTool

        service = _SERVICES[url] = LanguageTool(url=url, use_cache=False)
    return service


def load_fixture(path: Path) -> list[Case]:
    """Load a fixture file into cases."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    unknown = sorted(set(data) - {"rule", "settings", "case"})
    if unknown:
        raise FixtureError(f"{path}: unknown key(s) {unknown}")
    rule = data.get("rule")
    if not isinstance(rule, str):
        raise FixtureError(f"{path}: missing 'rule'")
    shared = data.get("settings", {})
    cases = []
    for raw in data.get("case", []):
        bad = sorted(set(raw) - CASE_KEYS)
        if bad:
            raise FixtureError(f"{path}: case {raw.get('id')!r} has unknown key(s) {bad}")
        if "expect" not in raw:
            raise FixtureError(f"{path}: case {raw.get('id')!r} needs 'expect' (use [] for none)")
        expects = []
        for e in raw["expect"]:
            bad = sorted(set(e) - EXPECT_KEYS)
            if bad:
                raise FixtureError(f"{path}: case {raw.get('id')!r} expect has {bad}")
            expects.append(Expectation(**e))
        cases.append(
            Case(
                rule=rule,
                id=raw["id"],
                text=raw["text"],
                format=raw.get("format", "txt"),
                fixed=raw.get("fixed"),
                unsafe_fixed=raw.get("unsafe_fixed"),
                expect=expects,
                settings={**shared, **raw.get("settings", {})},
            )
        )
    return cases


def iter_fixture_cases(folder: Path) -> Iterator[Case]:
    """Yield every case of every fixture file in ``folder``."""
    for path in sorted(folder.glob("*.toml")):
        yield from load_fixture(path)


def _nth(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def run_case(case: Case) -> None:
    """Run one fixture case; raise :class:`FixtureError` with a readable diff."""
    found = lint_case(case.rule, case.text, case.format, case.settings)
    for d in found:
        if case.text[d.span.start : d.span.end] != d.text:
            raise FixtureError(f"{case.test_id}: span does not match its text: {d}")
    expected_spans = []
    for e in case.expect:
        start = _nth(case.text, e.match, e.occurrence)
        if start < 0:
            raise FixtureError(f"{case.test_id}: {e.match!r} (#{e.occurrence}) not in text")
        expected_spans.append((start, start + len(e.match), e))
    got = {(d.span.start, d.span.end): d for d in found}
    missing = [e for s, t, e in expected_spans if (s, t) not in got]
    extra = [d for span, d in got.items() if span not in {(s, t) for s, t, _ in expected_spans}]
    if missing or extra:
        lines = [f"{case.test_id}: findings differ"]
        lines += [f"  missing: {e.match!r} (#{e.occurrence})" for e in missing]
        lines += [
            f"  unexpected: {d.text!r} at {d.start.line}:{d.start.column}: {d.message}"
            for d in extra
        ]
        raise FixtureError("\n".join(lines))
    for s, t, e in expected_spans:
        d = got[(s, t)]
        if e.message and e.message not in d.message:
            raise FixtureError(f"{case.test_id}: message {d.message!r} lacks {e.message!r}")
        if e.suggestion is not None and (not d.suggestions or d.suggestions[0] != e.suggestion):
            raise FixtureError(
                f"{case.test_id}: first suggestion {d.suggestions[:1]} != {e.suggestion!r}"
            )
        if e.severity and d.severity.label != e.severity:
            raise FixtureError(f"{case.test_id}: severity {d.severity.label} != {e.severity}")
        if e.line is not None and d.start.line != e.line:
            raise FixtureError(f"{case.test_id}: line {d.start.line} != {e.line}")
        if e.column is not None and d.start.column != e.column:
            raise FixtureError(f"{case.test_id}: column {d.start.column} != {e.column}")
    _check_fix(case, found, unsafe=False, want=case.fixed)
    if case.unsafe_fixed is not None:
        _check_fix(case, found, unsafe=True, want=case.unsafe_fixed)


def _check_fix(case: Case, found: list[Diagnostic], *, unsafe: bool, want: str | None) -> None:
    fixed, applied = apply_edits(case.text, found, unsafe)
    if want is None:
        if not unsafe and applied:
            raise FixtureError(
                f"{case.test_id}: a safe fix applied but no 'fixed' was given: {fixed!r}"
            )
        return
    if fixed != want:
        raise FixtureError(f"{case.test_id}: fixed text\n  got:  {fixed!r}\n  want: {want!r}")
    again = lint_case(case.rule, fixed, case.format, case.settings)
    refixed, _ = apply_edits(fixed, again, unsafe)
    if refixed != fixed:
        raise FixtureError(f"{case.test_id}: fix is not idempotent: {refixed!r}")


def run_examples(rule: type[Rule], settings: Mapping[str, Any] | None = None) -> None:
    """Run a rule's embedded examples as tests.

    ``settings`` are overrides for every example (e.g. ``rule_paths`` for a
    pack that is not bundled); an example's own ``metadata`` wins over them.
    A rule of a bundled style profile runs under that profile. An expected
    text listed twice means its first and second occurrence.
    """
    base: dict[str, Any] = dict(settings or {})
    profile = _profile_of(rule)
    if profile is not None:
        base.setdefault("style", profile)
    for i, ex in enumerate(rule.examples):
        seen: dict[str, int] = {}
        expect = []
        for m in ex.expect:
            seen[m] = seen.get(m, 0) + 1
            expect.append(Expectation(m, occurrence=seen[m]))
        case = Case(
            rule=rule.code,
            id=f"example-{i}",
            text=ex.text,
            format=ex.format,
            fixed=ex.fixed,
            expect=expect,
            settings={**base, **ex.metadata},
        )
        run_case(case)


def _profile_of(rule: type[Rule]) -> str | None:
    """Return the bundled style profile a rule belongs to, if any."""
    return rule.pack if rule.pack in _bundled_profiles() else None


@lru_cache(maxsize=1)
def _bundled_profiles() -> frozenset[str]:
    from newslint.packs import bundled_pack_dirs, load_pack

    return frozenset(p.name for p in map(load_pack, bundled_pack_dirs()) if p.profile)
