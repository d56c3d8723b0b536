"""One ``newslint check`` invocation: settings per file, lint, render, exit code.

Kept out of ``cli.py`` so that the command stays a thin argument parser and
this orchestration can be tested without typer.
"""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.config import (
    OUTPUT_FORMATS,
    ConfigError,
    Settings,
    check_rule_references,
    find_config,
    resolve_settings,
)
from newslint.runner import (
    MIN_FILES_FOR_POOL,
    FileReport,
    LinterFactory,
    Run,
    default_jobs,
    discover,
    has_cache_misses,
    lint_many,
)

EXIT_USAGE = 2
PROGRESS_MIN_FILES = 20


@contextlib.contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[Callable[[], None] | None]:
    """Show a rich progress bar on stderr for long runs, only on a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    ) as bar:
        task = bar.add_task("linting", total=total)
        yield lambda: bar.advance(task)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _config_key(path: str, config: Path | None, isolated: bool) -> Path | None:
    if config is not None or isolated:
        return config
    folder = Path.cwd() if path == "-" else Path(path).resolve().parent
    return find_config(folder)


class LanguageToolUnavailable(Exception):
    """``languagetool = "on"`` and LanguageTool cannot be used."""


@contextlib.contextmanager
def _languagetool(
    factory: LinterFactory, files: list[str], services: list[Any], *, fix: bool
) -> Iterator[None]:
    """Make the LanguageTool backend active while a group of files is linted.

    One server serves the whole run (``services`` shares it between config
    groups). It is started up front only when a process pool will fork (the
    workers use it but never start one) and some file misses the result cache;
    otherwise it starts on the first paragraph that needs it, so a fully
    cached run never starts Java.
    """
    settings = factory.settings
    if settings.languagetool == "off" or not _uses_languagetool(factory, files):
        yield
        return
    from newslint.languagetool.backend import Backend, activate
    from newslint.languagetool.errors import LanguageToolError

    backend = Backend.from_settings(settings, service=services[0] if services else None)
    if not services and backend.service is not None:
        services.append(backend.service)
    jobs = settings.jobs or default_jobs()
    pooled = jobs > 1 and len([f for f in files if f != "-"]) >= MIN_FILES_FOR_POOL
    start = pooled and (fix or has_cache_misses(files, factory))
    try:
        with activate(backend, start=start, close=False):
            yield
    except LanguageToolError as exc:
        raise LanguageToolUnavailable(f"LanguageTool: {exc}") from None


def _uses_languagetool(factory: LinterFactory, files: list[str]) -> bool:
    """Return True when some file's selection includes a LanguageTool rule (NL8xx).

    ``--select NL2`` must neither start Java nor warn that LanguageTool is missing.
    Only the two NL8xx rules are asked about: building the whole rule registry
    for this question cost a fully cached run about 0.1 s.
    """
    from newslint.languagetool.rules import RULES

    return any(factory.selects(rule, path) for path in files[:1] or ["."] for rule in RULES)


def _carry_backend_warnings(reports: list[FileReport]) -> None:
    """Hand the first report the backend's warnings that no linted file carried.

    Files linted here or in workers carry the backend's warnings in their
    reports; a group served wholly from the result cache lints nothing, yet
    "LanguageTool is not installed" is as true as on the first run.
    """
    from newslint.languagetool.backend import active_backend

    backend = active_backend()
    if backend is None or not reports:
        return
    first = reports[0].warnings
    first.extend(w for w in backend.drain_warnings() if w not in first)


def _check_rule_references(factory: LinterFactory) -> None:
    """Refuse a config whose per-file-ignores, severity or rules tables name no rule.

    Done on every run, cached or not, so a config error never depends on the
    cache; settings without those tables skip building the rule registry.
    """
    s = factory.settings
    if s.per_file_ignores or s.severity or s.rules:
        check_rule_references(s, factory.registry)


def _run_wide_warnings(reports: list[FileReport], services: list[Any]) -> dict[str, str]:
    """Return the line to print for each run-wide LanguageTool warning (by its key)."""
    if not services:
        return {}
    from newslint.languagetool.backend import run_wide_warnings

    return run_wide_warnings((w for r in reports for w in r.warnings), services[0])


def statistics_table(run: Run) -> str:
    """Return counts per rule, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter((d.code, d.name) for d in run.diagnostics)
    lines = [
        f"{n:>6}  {code}  {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def run_check(
    targets: list[str],
    overrides: dict[str, Any],
    *,
    config: Path | None = None,
    isolated: bool = False,
    fix: bool = False,
    write: bool = True,
    unsafe_fixes: bool = False,
    diff: bool = False,
    output_file: Path | None = None,
    statistics: bool = False,
    quiet: bool = False,
    exit_zero: bool = False,
    stdin_filename: str | None = None,
    color: bool = False,
    show_people: bool = False,
    baseline: Path | None = None,
    baseline_out: Path | None = None,
) -> int:
    """Run a check and return the exit code.

    With ``baseline_out`` the run writes a baseline of its findings instead of
    reporting them; with ``baseline`` only findings new relative to it count.
    """
    stdin = sys.stdin.buffer.read() if "-" in targets else None
    files = list(discover(targets))
    missing = [t for t in targets if t != "-" and not Path(t).exists()]
    factories: dict[Path | None, LinterFactory] = {}
    reports: list[FileReport] = []
    base_settings: Settings | None = None
    services: list[Any] = []
    groups: dict[Path | None, list[str]] = {}
    for path in files:
        groups.setdefault(_config_key(path, config, isolated), []).append(path)
    try:
        with _progress(len(files), enabled=not quiet and len(files) >= PROGRESS_MIN_FILES) as tick:
            for key, group in groups.items():
                settings = resolve_settings(
                    None, config_file=key, overrides=overrides, isolated=key is None
                )
                factory = factories[key] = LinterFactory(settings)
                _check_rule_references(factory)
                if factory.result_cache is None:
                    # Surface config and rule-pack errors before any file. With the
                    # cache on, a full hit needs no linter: a cached result implies
                    # these settings built one before.
                    factory.linter_for(group[0])
                base_settings = base_settings or factory.settings
                with _languagetool(factory, group, services, fix=fix):
                    linted = lint_many(
                        group,
                        factory,
                        fix=fix,
                        unsafe_fixes=unsafe_fixes,
                        write=write,
                        stdin=stdin,
                        stdin_filename=stdin_filename,
                        progress=tick,
                    )
                    if factory.settings.languagetool != "off":
                        _carry_backend_warnings(linted)
                    reports.extend(linted)
        if base_settings is None:
            base_settings = resolve_settings(
                Path.cwd(), config_file=config, overrides=overrides, isolated=isolated
            )
        # Before the server is stopped: a dead one's exit status is in the message.
        merged = _run_wide_warnings(reports, services)
    except ConfigError as exc:
        _err(f"newslint: error: {exc}")
        return EXIT_USAGE
    except LanguageToolUnavailable as exc:
        _err(f"newslint: error: {exc}")
        return EXIT_USAGE
    finally:
        for service in services:
            service.close()
    for t in missing:
        if t not in files:  # discovered paths already got their own read error
            reports.append(FileReport(path=t, error=f"{t}: no such file or folder"))
    if not files and not missing:
        _err("newslint: warning: no article files found (.txt, .md, .markdown, .html)")
    run = Run(files=reports, settings=base_settings)

    if baseline_out is not None:
        import json

        from newslint import baseline as baseline_mod

        data = baseline_mod.create(reports)
        try:
            baseline_out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            _err(f"newslint: error: cannot write {baseline_out}: {exc.strerror or exc}")
            return EXIT_USAGE
        n = sum(len(r.diagnostics) for r in reports)
        _err(f"newslint: baseline of {n} finding{'s' if n != 1 else ''} written to {baseline_out}")
        return 2 if any(r.error for r in reports) else 0
    if baseline is not None:
        from newslint import baseline as baseline_mod

        try:
            known = baseline_mod.load(baseline)
        except ValueError as exc:
            _err(f"newslint: error: {exc}")
            return EXIT_USAGE
        dropped = baseline_mod.filter_new(reports, known)
        if not quiet and dropped:
            _err(
                f"newslint: {dropped} finding{'s' if dropped != 1 else ''} in the baseline "
                "not shown"
            )

    shown: set[str] = set()
    for report in reports:
        if report.error:
            _err(f"newslint: error: {report.error}")
        if not quiet:
            for warning in report.warnings:
                # Run-wide warnings (LanguageTool down) may arrive from every
                # worker, each with its own wording: once per kind.
                same: str = getattr(warning, "key", warning)
                if same not in shown:
                    shown.add(same)
                    _err(f"newslint: warning: {merged.get(same, warning)}")

    if diff:
        from newslint.cli import unified_diff

        out = "".join(
            unified_diff(r.path, r.original_source or "", r.fixed_source)
            for r in reports
            if r.fixed_source is not None
        )
        sys.stdout.write(out)
        return 2 if any(r.error for r in reports) else (1 if out else 0)

    fmt = base_settings.output_format or ("full" if color or sys.stdout.isatty() else "concise")
    if output_file is not None and base_settings.output_format is None:
        fmt = "concise"
    if statistics:
        text = statistics_table(run)
    else:
        from newslint.render import render

        text = render(fmt, run, color=color, show_people=show_people, quiet=quiet)
        if fmt == "concise" and show_people:
            from newslint.render.people import render_people

            text += render_people(run)
    if fmt == "full" and show_people and not statistics:
        from newslint.render.people import render_people

        text += render_people(run)
    if output_file is not None:
        try:
            output_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            _err(f"newslint: error: cannot write {output_file}: {exc.strerror or exc}")
            return EXIT_USAGE
    elif not (quiet and fmt == "full" and not run.diagnostics):
        sys.stdout.write(text)
    if fix and not quiet:
        fixed = sum(r.fixes_applied for r in reports)
        if fixed:
            _err(f"newslint: fixed {fixed} finding{'s' if fixed != 1 else ''}")
    return run.exit_code(base_settings.fail_on, exit_zero)


@dataclass(frozen=True)
class CheckOptions:
    """What ``newslint check`` was asked to do: its options, as the parser read them.

    One value per option of the command, named and defaulted as there, so
    the typer command and the quick parser (:mod:`newslint.quickargs`) hand
    over the same thing and :func:`check_command` is the one place that
    turns options into settings.
    """

    paths: list[str] | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    output_format: str | None = None
    output_file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    fail_on: str | None = None
    exit_zero: bool = False
    format_in: str | None = None
    stdin_filename: str | None = None
    config: Path | None = None
    isolated: bool = False
    style: str | None = None
    date: str | None = None
    languagetool: bool | None = None
    languagetool_url: str | None = None
    no_cache: bool = False
    jobs: int | None = None
    show_people: bool = False
    baseline: Path | None = None
    max_file_size: str | None = None


def check_command(opts: CheckOptions) -> int:
    """Run ``newslint check`` with parsed options; return the exit code."""
    from newslint.cli import split_values, use_color
    from newslint.diagnostics import Severity

    overrides: dict[str, Any] = {
        "select": split_values(opts.select),
        "extend_select": split_values(opts.extend_select),
        "ignore": split_values(opts.ignore),
        "output_format": opts.output_format,
        "style": opts.style,
        "format_in": opts.format_in,
        "languagetool_url": opts.languagetool_url,
        "jobs": opts.jobs,
    }
    try:
        if opts.fail_on is not None:
            overrides["fail_on"] = Severity.parse(opts.fail_on)
        if opts.date is not None:
            import datetime as dt

            try:
                overrides["date"] = dt.date.fromisoformat(opts.date)
            except ValueError:
                raise ConfigError(f"--date {opts.date!r} is not a date (YYYY-MM-DD)") from None
        if opts.languagetool is not None:
            overrides["languagetool"] = "on" if opts.languagetool else "off"
        if opts.no_cache:
            overrides["cache"] = False
        if opts.max_file_size is not None:
            from newslint.config import parse_size

            overrides["max_file_size"] = parse_size(opts.max_file_size, "--max-file-size")
        if opts.output_format is not None and opts.output_format not in OUTPUT_FORMATS:
            raise ConfigError(
                f"--output-format {opts.output_format!r}: choose from {', '.join(OUTPUT_FORMATS)}"
            )
        if opts.format_in is not None:
            from newslint.document import Format

            Format.parse(opts.format_in)
    except (ConfigError, ValueError) as exc:
        _err(f"newslint: error: {exc}")
        return EXIT_USAGE

    targets = opts.paths or ["."]
    if "-" in targets and opts.stdin_filename:
        overrides.setdefault("format_in", None)
        if not opts.format_in:
            from newslint.document import Format

            overrides["format_in"] = Format.from_path(opts.stdin_filename).value
    return run_check(
        targets,
        overrides,
        config=opts.config,
        isolated=opts.isolated,
        fix=opts.fix or opts.diff,
        write=opts.fix and not opts.diff,
        unsafe_fixes=opts.unsafe_fixes,
        diff=opts.diff,
        output_file=opts.output_file,
        statistics=opts.statistics,
        quiet=opts.quiet,
        exit_zero=opts.exit_zero,
        stdin_filename=opts.stdin_filename,
        color=use_color() and opts.output_file is None,
        show_people=opts.show_people,
        baseline=opts.baseline,
    )
