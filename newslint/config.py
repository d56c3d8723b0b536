"""Settings, and where they come from.

Resolution follows ruff: the closest ``.newslint.toml``, ``newslint.toml`` or
``pyproject.toml`` with a ``[tool.newslint]`` table applies (in that order of
preference within one folder); ``extend = "path"`` inherits explicitly; CLI
flags override. Unknown keys are errors that name the file, line and key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostics import Severity

if TYPE_CHECKING:
    import datetime as dt

    from newslint.registry import Registry

CONFIG_FILES = (".newslint.toml", "newslint.toml", "pyproject.toml")
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "html")
LANGUAGETOOL_MODES = ("auto", "on", "off")
# Files larger than this are refused unless ``max-file-size`` raises the limit.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


def key_line(text: str, key: str) -> int | None:
    """Return the line that sets ``key`` (:func:`newslint.packs.key_line`, imported lazily).

    Only error messages need it, and importing the pack loader costs start-up.
    """
    from newslint.packs import key_line as _key_line

    return _key_line(text, key)


class ConfigError(Exception):
    """A configuration file or option is invalid."""


@dataclass(frozen=True)
class Settings:
    """Every setting newslint reads, with defaults."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    output_format: str | None = None
    style: str = "ap"
    packs: tuple[str, ...] | None = None
    rule_paths: tuple[str, ...] = ()
    vocab: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    date: dt.date | None = None
    languagetool: str = "auto"
    languagetool_url: str | None = None
    # None: the style profile's language ("en-GB" for british), else en-US.
    languagetool_language: str | None = None
    languagetool_disabled_rules: tuple[str, ...] = ()
    languagetool_enabled_rules: tuple[str, ...] = ()
    cache: bool = True
    jobs: int | None = None
    format_in: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    source: str | None = None  # the config file this came from

    def rule_options(self, code: str, name: str) -> dict[str, Any]:
        """Return the options table for one rule (by code or name)."""
        for key, options in self.rules:
            if key.upper() == code or key.lower() == name:
                return dict(options)
        return {}

    def severity_overrides(self) -> dict[str, Severity]:
        """Return per-code severity overrides."""
        return dict(self.severity)


# Config key -> (Settings field, parser)
def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' must be a list of strings")
    return tuple(value)


def _severity(value: Any, key: str) -> Severity:
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return Severity.parse(value)


def _choice(choices: tuple[str, ...]) -> Any:
    def parse(value: Any, key: str) -> str:
        if value not in choices:
            raise ValueError(f"'{key}' must be one of {', '.join(choices)}")
        return str(value)

    return parse


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value


def _date(value: Any, key: str) -> dt.date:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"'{key}' must be a date (YYYY-MM-DD)")


def _jobs(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"'{key}' must be a positive integer")
    return value


_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.I)


def parse_size(value: Any, key: str = "max-file-size") -> int:
    """Return a size in bytes from an integer or a string such as "64MB" or "10MiB".

    kB/MB/GB are powers of 1000, KiB/MiB/GiB powers of 1024; a bare number is bytes.
    """
    match = _SIZE_RE.fullmatch(value) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    elif match is not None and match.group(2).lower() in _SIZE_UNITS:
        size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])
    else:
        example = '"64MB" or "10MiB"'
        raise ValueError(f"'{key}' must be a number of bytes or a size such as {example}")
    if size < 1:
        raise ValueError(f"'{key}' must be at least 1 byte")
    return size


def format_size(size: int) -> str:
    """Return ``size`` (bytes) the way a limit is written: "10 MiB", "64 MB", "500 bytes"."""
    for unit in ("GiB", "GB", "MiB", "MB", "KiB", "kB"):
        factor = _SIZE_UNITS[unit.lower()]
        if size and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _per_file_ignores(value: Any, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must be a table of glob = [codes]")
    return tuple((glob, _str_list(codes, key)) for glob, codes in value.items())


def _severity_table(value: Any, key: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must be a table of CODE = \"severity\"")
    return tuple((code.upper(), _severity(sev, key)) for code, sev in value.items())


def _rules_table(value: Any, key: str) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError(f"'{key}' must hold one table per rule")
    return tuple((code, tuple(sorted(opts.items()))) for code, opts in value.items())


_KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", _str_list),
    "extend-select": ("extend_select", _str_list),
    "ignore": ("ignore", _str_list),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "fail-on": ("fail_on", _severity),
    "output-format": ("output_format", _choice(OUTPUT_FORMATS)),
    "style": ("style", _string),
    "packs": ("packs", _str_list),
    "rule-paths": ("rule_paths", _str_list),
    "vocab": ("vocab", _str_list),
    "accept": ("accept", _str_list),
    "reject": ("reject", _str_list),
    "facts": ("facts", _str_list),
    "severity": ("severity", _severity_table),
    "rules": ("rules", _rules_table),
    "date": ("date", _date),
    "languagetool": ("languagetool", _choice(LANGUAGETOOL_MODES)),
    "languagetool-url": ("languagetool_url", _string),
    "languagetool-language": ("languagetool_language", _string),
    "languagetool-disabled-rules": ("languagetool_disabled_rules", _str_list),
    "languagetool-enabled-rules": ("languagetool_enabled_rules", _str_list),
    "cache": ("cache", _boolean),
    "jobs": ("jobs", _jobs),
    "format-in": ("format_in", _string),
    "max-file-size": ("max_file_size", parse_size),
}
_PATH_KEYS = {"rule_paths", "vocab", "facts"}


def _table_of(path: Path) -> tuple[dict[str, Any] | None, str]:
    import tomllib  # only runs that read a config file pay for it

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("newslint") if isinstance(tool, dict) else None
        return (table if isinstance(table, dict) else None), text
    return data, text


def parse_table(table: dict[str, Any], path: Path, text: str) -> dict[str, Any]:
    """Validate one config table; return Settings field values (paths resolved)."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key == "extend":
            continue
        if key not in _KEYS:
            line = key_line(text, key)
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(f"{where}: unknown config key '{key}'")
        name, parse = _KEYS[key]
        try:
            value = parse(raw, key)
        except ValueError as exc:
            line = key_line(text, key)
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(f"{where}: {exc}") from None
        if name in _PATH_KEYS:
            value = tuple(str((path.parent / p).resolve()) for p in value)
        values[name] = value
    return values


def load_file(path: Path, _seen: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """Return the field values a config file sets, following ``extend``."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: 'extend' forms a cycle")
    table, text = _table_of(path)
    if table is None:
        return {}
    values: dict[str, Any] = {}
    base = table.get("extend")
    if base is not None:
        if not isinstance(base, str):
            raise ConfigError(f"{path}:{key_line(text, 'extend')}: 'extend' must be a path")
        base_path = (path.parent / os.path.expanduser(base)).resolve()
        if not base_path.is_file():
            raise ConfigError(f"{path}: 'extend' names a missing file {base_path}")
        values.update(load_file(base_path, _seen | {path}))
    values.update(parse_table(table, path, text))
    values["source"] = str(path)
    return values


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Path | None:
    """Return the closest config file at or above ``folder``."""
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    table, _ = _table_of(candidate)
                    if table is None:
                        continue
                return candidate
    return None


def resolve_settings(
    target: Path | None = None,
    *,
    config_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    isolated: bool = False,
) -> Settings:
    """Return the settings for ``target`` (a file or folder), CLI overrides applied."""
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(load_file(config_file))
    elif not isolated:
        folder = (target or Path.cwd()).resolve()
        if folder.is_file() or not folder.exists():
            folder = folder.parent
        found = find_config(folder)
        if found is not None:
            values.update(load_file(found))
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    known = {f.name for f in fields(Settings)}
    return replace(Settings(), **{k: v for k, v in values.items() if k in known})


def describe(settings: Settings) -> dict[str, Any]:
    """Return the settings as plain data, for ``newslint config --show``."""
    import datetime as dt

    out: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, Severity):
            value = value.label
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif f.name == "severity":
            value = {code: sev.label for code, sev in value}
        elif f.name == "rules":
            value = {code: dict(opts) for code, opts in value}
        elif f.name == "per_file_ignores":
            value = {glob: list(codes) for glob, codes in value}
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name.replace("_", "-")] = value
    return out


def _where(settings: Settings, key: str, *probes: str) -> str:
    """Return ``file:line`` of the config file that sets ``key`` (for error messages).

    Follows ``extend`` from ``settings.source`` to the file whose table holds
    ``key``; the line is that of the first of ``probes`` found (a table
    header or key), else of ``key`` itself. Empty when no file is known
    (settings given as overrides, e.g. through the library API).
    """
    path = Path(settings.source) if settings.source else None
    seen: set[Path] = set()
    while path is not None and path not in seen:
        seen.add(path)
        try:
            table, text = _table_of(path)
        except ConfigError:
            break
        if table is None:
            break
        if key in table:
            line = next(filter(None, (_probe_line(text, p) for p in (*probes, key))), None)
            return f"{path}:{line}" if line else str(path)
        base = table.get("extend")
        path = (path.parent / os.path.expanduser(base)).resolve() if isinstance(base, str) else None
    return settings.source or ""


def _probe_line(text: str, name: str) -> int | None:
    """Return the line where ``name`` (a glob or rule code) is a key or ends a table header."""
    import re

    quoted = rf"""["']?{re.escape(name)}["']?"""
    pattern = re.compile(
        rf"^[ \t]*(?:\[+[ \t]*(?:[^\]\n]*\.)?[ \t]*{quoted}[ \t]*\]+|{quoted}[ \t]*=)",
        re.M | re.I,
    )
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def check_rule_references(settings: Settings, registry: Registry) -> None:
    """Raise :class:`ConfigError` when a setting names a rule that does not exist.

    ``select``, ``ignore`` and ``extend-select`` are checked by the registry
    as it selects. This covers the rest: ``per-file-ignores`` values (code
    prefixes or names, like ``ignore``), ``[rules.X]`` option tables (one
    rule's code or name) and ``[severity]`` keys (one rule's code). The
    registry includes pack, plugin and LanguageTool (NL8xx) rules.
    """
    for glob, codes in settings.per_file_ignores:
        for code in codes:
            _refuse(settings, "per-file-ignores", registry.selector_problem(code), glob)
    for key, _ in settings.rules:
        _refuse(settings, "rules", registry.rule_problem(key), key)
    for code, _ in settings.severity:
        _refuse(settings, "severity", registry.rule_problem(code, names=False), code)


def _refuse(settings: Settings, key: str, problem: str | None, probe: str) -> None:
    if problem is not None:
        where = _where(settings, key, probe)
        raise ConfigError(f"{where}: {key}: {problem}" if where else f"{key}: {problem}")


def default_cache_dir() -> Path:
    """Return the cache root (``NEWSLINT_CACHE_DIR`` or ``~/.cache/newslint``)."""
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "newslint"


def settings_fields() -> list[str]:
    """Return the config keys newslint accepts (for docs)."""
    return sorted(_KEYS)


__all__ = [
    "ConfigError",
    "Settings",
    "default_cache_dir",
    "describe",
    "field",
    "resolve_settings",
]
