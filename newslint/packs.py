"""Load rule packs: folders of TOML rule files with a ``pack.toml``.

Every problem in a rule file is a :class:`PackError` that names the file, the
line and the key, because a newsroom editor writing their first rule deserves
better than a traceback. Unknown keys are errors, not warnings.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind
from newslint.kinds import KINDS, DeclarativeRule, RuleSpec
from newslint.kinds.base import COMMON_KEYS, SpecError
from newslint.rule import ALL_BLOCKS, CODE_RE, NAME_RE, Example, Scope

PACK_KEYS = {
    "name": str,
    "version": str,
    "description": str,
    "profile": bool,
    "extends": str,
    "disable": list,
    # Profiles only: LanguageTool's variant for the profile's copy ("en-GB"),
    # read by newslint.languagetool.settings.profile_language.
    "language": str,
    "requires-newslint": str,
    "severity": str,
}
EXAMPLE_KEYS = {"text", "expect", "fixed", "format", "metadata"}


class PackError(Exception):
    """A rule pack or rule file is invalid."""

    def __init__(
        self, path: Path | str, message: str, line: int | None = None, key: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        detail = f" (key '{key}')" if key else ""
        super().__init__(f"{where}: {message}{detail}")
        self.path = str(path)
        self.line = line
        self.key = key


def key_line(text: str, key: str) -> int | None:
    """Return the 1-based line where ``key`` is first assigned or opened as a table."""
    leaf = key.split(".")[-1]
    pattern = regex.compile(
        rf"^\s*(?:\[+\s*(?:[\w.-]+\.)?{regex.escape(leaf)}\s*\]+|[\"']?{regex.escape(leaf)}[\"']?\s*=)",
        regex.M,
    )
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _load_toml(
    path: Path, parsed: Mapping[str, dict[str, Any]] | None = None
) -> tuple[dict[str, Any], str]:
    """Return a rule file's table and its text (for the line numbers of errors).

    ``parsed`` holds tables already parsed (from the data cache) by file name.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(path, f"cannot read rule file: {exc}") from None
    if parsed is not None and path.name in parsed:
        return parsed[path.name], text
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = regex.search(r"line (\d+)", str(exc))
        raise PackError(path, f"invalid TOML: {exc}", int(m.group(1)) if m else None) from None


def _parse_folder(folder: Path) -> dict[str, dict[str, Any]]:
    """Return the parsed tables of a pack folder's TOML files, by file name.

    The tables come from the data cache while the files are unchanged. Any
    problem (a file that does not parse, an unusable cache) returns what can
    be had, possibly nothing: :func:`_load_toml` then parses the file itself
    and reports the error with its line.
    """
    from newslint.datacache import cached

    files = sorted(folder.glob("*.toml"))

    def build() -> dict[str, dict[str, Any]]:
        return {p.name: tomllib.loads(p.read_text(encoding="utf-8")) for p in files}

    try:
        return cached("pack", files, build, salt=str(folder))
    except Exception:  # an invalid file: parsed (and reported) one by one
        return {}


@dataclass
class Pack:
    """A loaded pack and its rule classes."""

    name: str
    path: Path
    version: str = "0"
    description: str = ""
    profile: bool = False
    extends: str | None = None
    disable: list[str] = field(default_factory=list)
    rules: list[type[DeclarativeRule]] = field(default_factory=list)


def _examples(path: Path, text: str, raw: Any) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or set(raw) - {"valid", "invalid"}:
        raise PackError(
            path,
            "'examples' must hold 'valid' and 'invalid' arrays",
            key_line(text, "examples"),
            "examples",
        )
    out: list[Example] = []
    for group in ("valid", "invalid"):
        for item in raw.get(group, []):
            if not isinstance(item, dict) or "text" not in item:
                raise PackError(
                    path,
                    f"each examples.{group} needs 'text'",
                    key_line(text, group),
                    f"examples.{group}",
                )
            unknown = sorted(set(item) - EXAMPLE_KEYS)
            if unknown:
                raise PackError(
                    path,
                    f"unknown key '{unknown[0]}' in examples.{group}",
                    key_line(text, unknown[0]),
                    unknown[0],
                )
            expect = item.get("expect", [])
            if isinstance(expect, str):
                expect = [expect]
            if group == "invalid" and not expect:
                raise PackError(
                    path,
                    "an invalid example needs 'expect'",
                    key_line(text, group),
                    f"examples.{group}",
                )
            if group == "valid" and expect:
                raise PackError(
                    path,
                    "a valid example cannot expect findings",
                    key_line(text, group),
                    f"examples.{group}",
                )
            out.append(
                Example(
                    text=item["text"],
                    expect=tuple(expect),
                    fixed=item.get("fixed"),
                    format=item.get("format", "txt"),
                    metadata=item.get("metadata", {}),
                )
            )
    return tuple(out)


def load_rule_file(
    path: Path,
    pack: str,
    default_severity: str = "warning",
    parsed: Mapping[str, dict[str, Any]] | None = None,
) -> type[DeclarativeRule]:
    """Load one TOML rule file into a rule class (``parsed``: see :func:`_load_toml`)."""
    data, text = _load_toml(path, parsed)

    def fail(message: str, key: str | None) -> PackError:
        return PackError(path, message, key_line(text, key) if key else None, key)

    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise fail(f"'kind' must be one of {', '.join(sorted(KINDS))}", "kind")
    kind = KINDS[kind_name]
    allowed = {**COMMON_KEYS, **kind.kind_keys}
    for key, value in data.items():
        if key not in allowed:
            raise fail(f"unknown key '{key}' for kind '{kind_name}'", key)
        expected = allowed[key]
        if not isinstance(value, expected):
            raise fail(f"'{key}' has the wrong type ({type(value).__name__})", key)
    for required in ("code", "category", "summary", "message"):
        if required not in data:
            raise fail(f"missing required key '{required}'", None)
    code = data["code"]
    if not CODE_RE.match(code):
        raise fail(f"code {code!r} must look like NL123 (1-4 capitals, 3 digits)", "code")
    name = data.get("name", path.stem)
    if not NAME_RE.match(name):
        raise fail(f"name {name!r} must be kebab-case", "name")
    try:
        category = Category(data["category"])
    except ValueError:
        raise fail(f"unknown category {data['category']!r}", "category") from None
    try:
        severity = Severity.parse(data.get("severity", default_severity))
    except ValueError as exc:
        raise fail(str(exc), "severity") from None
    scope_name = data.get("scope", "document" if kind_name == "consistency" else "sentence")
    scope_map = {
        "sentence": Scope.SENTENCE,
        "paragraph": Scope.PARAGRAPH,
        "text": Scope.DOCUMENT,
        "document": Scope.DOCUMENT,
    }
    if scope_name not in scope_map:
        raise fail("'scope' must be sentence, paragraph or text", "scope")
    blocks = ALL_BLOCKS
    if "blocks" in data:
        try:
            blocks = frozenset(BlockKind(b) for b in data["blocks"])
        except ValueError:
            raise fail(
                f"'blocks' entries must be among {', '.join(b.value for b in BlockKind)}", "blocks"
            ) from None
    fix = data.get("fix", "none")
    if fix not in ("none", "safe", "unsafe"):
        raise fail("'fix' must be none, safe or unsafe", "fix")
    try:
        kind_data = kind.validate(data)
    except SpecError as exc:
        raise fail(str(exc), exc.key) from None
    examples = _examples(path, text, data.get("examples"))
    spec = RuleSpec(
        code=code,
        name=name,
        kind=kind_name,
        category=category,
        severity=severity,
        summary=data["summary"],
        description=data.get("description", ""),
        why=data.get("why", ""),
        advice=data.get("advice", ""),
        link=data.get("link", ""),
        message=data["message"],
        scope=scope_map[scope_name],
        blocks=blocks,
        in_quotes=data.get("in_quotes", False),
        ignore_case=data.get("ignore_case", True),
        fix=fix,
        enabled=data.get("enabled", True),
        exceptions=tuple(data.get("exceptions", ())),
        examples=examples,
        skip_headline=data.get("skip_headline", False),
        pack=pack,
        path=str(path),
        data=kind_data,
    )
    if spec.skip_headline:
        blocks = frozenset(b for b in blocks if b is not BlockKind.HEADLINE)
    attrs = {
        "spec": spec,
        "code": code,
        "name": name,
        "category": category,
        "severity": severity,
        "summary": spec.summary,
        "scope": kind.engine_scope(spec),
        "fixable": fix != "none",
        "in_quotes": spec.in_quotes,
        "blocks": blocks,
        "default_enabled": spec.enabled,
        "pack": pack,
        "examples": examples,
        "__doc__": spec.description or spec.summary,
    }
    class_name = "".join(part.capitalize() for part in name.split("-")) + "Rule"
    return type(class_name, (kind,), attrs)


def load_pack(folder: Path) -> Pack:
    """Load the pack in ``folder`` (a ``pack.toml`` and rule files)."""
    meta_path = folder / "pack.toml"
    if not meta_path.is_file():
        raise PackError(folder, "not a rule pack (no pack.toml)")
    parsed = _parse_folder(folder)
    meta, text = _load_toml(meta_path, parsed)
    for key, value in meta.items():
        if key not in PACK_KEYS:
            raise PackError(meta_path, f"unknown key '{key}'", key_line(text, key), key)
        if not isinstance(value, PACK_KEYS[key]):
            raise PackError(meta_path, f"'{key}' has the wrong type", key_line(text, key), key)
    pack = Pack(
        name=meta.get("name", folder.name),
        path=folder,
        version=meta.get("version", "0"),
        description=meta.get("description", ""),
        profile=meta.get("profile", False),
        extends=meta.get("extends"),
        disable=list(meta.get("disable", [])),
    )
    severity = meta.get("severity", "warning")
    for path in sorted(folder.glob("*.toml")):
        if path.name == "pack.toml":
            continue
        pack.rules.append(load_rule_file(path, pack.name, severity, parsed))
    return pack


def bundled_pack_dirs() -> list[Path]:
    """Return the folders of the packs shipped with newslint."""
    from newslint.data import rules_root

    root = rules_root()
    return sorted(p for p in root.iterdir() if (p / "pack.toml").is_file())


def resolve_packs(
    style: str, extra_paths: Iterable[str | Path] = (), enabled: Iterable[str] | None = None
) -> list[Pack]:
    """Return the packs in force: bundled non-profile packs, the style profile, extras.

    ``style`` names a profile pack ("ap", "reuters") or "none". A profile may
    ``extends`` another and ``disable`` some of its rules by name or code.
    """
    packs = {p.name: p for p in (load_pack(d) for d in bundled_pack_dirs())}
    # A profile pack on a rule path (a newsroom's own stylebook that ``extends``
    # a bundled one) becomes a style to choose, not an always-on pack.
    extra_paths = list(extra_paths)
    local: dict[Path, Pack] = {}
    for extra in extra_paths:
        folder = Path(extra)
        if (folder / "pack.toml").is_file():
            local[folder] = load_pack(folder)
            if local[folder].profile:
                packs[local[folder].name] = local[folder]
    chosen: list[Pack] = []
    wanted = set(enabled) if enabled is not None else None
    for pack in packs.values():
        if pack.profile:
            continue
        if wanted is None or pack.name in wanted:
            chosen.append(pack)
    if style and style != "none":
        if style not in packs or not packs[style].profile:
            profiles = sorted(n for n, p in packs.items() if p.profile)
            raise PackError(
                "config",
                f"unknown style {style!r} (choose from {', '.join([*profiles, 'none'])})",
                key="style",
            )
        chosen.extend(_profile_chain(packs, style))
    for extra in extra_paths:
        folder = Path(extra)
        if folder in local:
            if not local[folder].profile:
                chosen.append(local[folder])
        elif folder.is_file() and folder.suffix == ".toml":
            single = Pack(name=folder.stem, path=folder)
            single.rules.append(load_rule_file(folder, folder.parent.name or "local"))
            chosen.append(single)
        else:
            raise PackError(
                folder, "rule path is neither a pack folder nor a .toml file", key="rule-paths"
            )
    return chosen


def _profile_chain(packs: Mapping[str, Pack], style: str) -> list[Pack]:
    """Return the packs of a profile, base first, with ``disable`` applied."""
    chain: list[Pack] = []
    seen: set[str] = set()
    name: str | None = style
    while name:
        if name in seen or name not in packs:
            raise PackError("config", f"profile {style!r} extends unknown or cyclic {name!r}")
        seen.add(name)
        chain.append(packs[name])
        name = packs[name].extends
    chain.reverse()
    disabled: set[str] = set()
    for pack in chain:
        disabled.update(pack.disable)
    result = []
    for pack in chain:
        kept = [r for r in pack.rules if r.name not in disabled and r.code not in disabled]
        result.append(
            Pack(
                pack.name,
                pack.path,
                pack.version,
                pack.description,
                pack.profile,
                pack.extends,
                pack.disable,
                kept,
            )
        )
    # A later pack's rule with the same code overrides the base pack's.
    by_code: dict[str, tuple[int, type[DeclarativeRule]]] = {}
    for i, pack in enumerate(result):
        for rule in pack.rules:
            by_code[rule.code] = (i, rule)
    for i, pack in enumerate(result):
        pack.rules = [r for r in pack.rules if by_code[r.code] == (i, r)]
    return result
