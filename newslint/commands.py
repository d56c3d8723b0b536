"""The typer commands: a thin shell over the runner and renderers.

Commands build settings, call the runner, render, and exit with the
documented code: 0 clean (or below ``--fail-on``), 1 findings at or above it,
2 usage, configuration or input errors. ``newslint check`` hands its options
to :func:`newslint.session.check_command`; the console script reaches this
module only when :mod:`newslint.quickargs` cannot read the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newslint import __version__
from newslint.cli import split_values, use_color
from newslint.config import OUTPUT_FORMATS, ConfigError, Settings

app = typer.Typer(
    name="newslint",
    help="A fact-checking and copy-editing linter for English news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

EXIT_USAGE = 2


def _err(message: str) -> None:
    """Print one line to stderr."""
    print(message, file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"newslint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A fact-checking and copy-editing linter for English news text."""


def _settings_for(
    target: Path | None, config: Path | None, isolated: bool, overrides: dict[str, Any]
) -> Settings:
    from newslint.config import resolve_settings

    return resolve_settings(target, config_file=config, overrides=overrides, isolated=isolated)


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders to lint (folders: .txt, .md, .markdown, .html); '-' reads stdin."
        ),
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, also apply unsafe fixes.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the fixes as a unified diff; write nothing.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Rule codes, prefixes or names to enable (comma-separated)."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", help="Enable these in addition to the selection."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Rule codes, prefixes or names to disable.")
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--output-format",
            "-o",
            help=f"One of {', '.join(OUTPUT_FORMATS)} (default: full on a terminal, else concise).",
        ),
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output-file", help="Write the report here instead of stdout.")
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print counts per rule instead of findings.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print findings only: no summary, no warnings.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Lowest severity that makes the exit code 1 (default warning)."
        ),
    ] = None,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even when findings remain (errors still exit 2)."),
    ] = False,
    format_in: Annotated[
        str | None,
        typer.Option("--format-in", help="Input format: txt, md or html (default: by extension)."),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option("--stdin-filename", help="Name (and format) for text read from stdin."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Use this config file instead of discovering one."),
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
    style: Annotated[
        str | None,
        typer.Option("--style", help="House style profile: ap, reuters, british or none."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The story's date (YYYY-MM-DD) for date and office checks."),
    ] = None,
    languagetool: Annotated[
        bool | None,
        typer.Option(
            "--languagetool/--no-languagetool",
            help="Force the LanguageTool tier on or off (default: config, else auto).",
        ),
    ] = None,
    languagetool_url: Annotated[
        str | None,
        typer.Option(
            "--languagetool-url",
            envvar="NEWSLINT_LANGUAGETOOL_URL",
            help="Use a running LanguageTool server at this URL.",
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the result cache.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Lint files in this many processes (default: cores)."),
    ] = None,
    show_people: Annotated[
        bool,
        typer.Option("--show-people", help="List the people the story names (terminal output)."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Report only findings that are not in this baseline."),
    ] = None,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            "--max-file-size",
            help="Refuse larger files: bytes or a size such as 64MB or 10MiB (default 10MiB).",
        ),
    ] = None,
) -> None:
    """Lint articles and report findings."""
    from newslint.session import CheckOptions, check_command

    options = CheckOptions(
        paths=paths,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        output_format=output_format,
        output_file=output_file,
        statistics=statistics,
        quiet=quiet,
        fail_on=fail_on,
        exit_zero=exit_zero,
        format_in=format_in,
        stdin_filename=stdin_filename,
        config=config,
        isolated=isolated,
        style=style,
        date=date,
        languagetool=languagetool,
        languagetool_url=languagetool_url,
        no_cache=no_cache,
        jobs=jobs,
        show_people=show_people,
        baseline=baseline,
        max_file_size=max_file_size,
    )
    raise typer.Exit(check_command(options))


languagetool_app = typer.Typer(help="Install LanguageTool and check on it.")
app.add_typer(languagetool_app, name="languagetool")


@languagetool_app.command("install")
def languagetool_install(
    force: Annotated[bool, typer.Option("--force", help="Reinstall even if present.")] = False,
    method: Annotated[
        str, typer.Option("--method", help="auto, maven (Maven Central) or download.")
    ] = "auto",
    no_verify: Annotated[
        bool, typer.Option("--no-verify", help="Skip starting the server once to check it.")
    ] = False,
) -> None:
    """Install the pinned LanguageTool into the cache folder (idempotent)."""
    from newslint.languagetool.__main__ import main as lt_main

    args = ["install", "--method", method]
    if force:
        args.append("--force")
    if no_verify:
        args.append("--no-verify")
    raise typer.Exit(lt_main(args))


@languagetool_app.command("status")
def languagetool_status(
    url: Annotated[
        str | None,
        typer.Option("--url", envvar="NEWSLINT_LANGUAGETOOL_URL", help="Server URL to probe."),
    ] = None,
) -> None:
    """Say what is installed, the Java version, and whether a server answers."""
    from newslint.languagetool.__main__ import main as lt_main

    raise typer.Exit(lt_main(["status", *(["--url", url] if url else [])]))


baseline_app = typer.Typer(help="Record current findings so only new ones fail.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders to record.")] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the baseline.")
    ] = Path(".newslint-baseline.json"),
    select: Annotated[list[str] | None, typer.Option("--select")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore")] = None,
    languagetool: Annotated[bool | None, typer.Option("--languagetool/--no-languagetool")] = None,
    config: Annotated[Path | None, typer.Option("--config")] = None,
) -> None:
    """Write a baseline of every current finding (use with check --baseline)."""
    from newslint.session import run_check

    overrides: dict[str, Any] = {"select": split_values(select), "ignore": split_values(ignore)}
    if languagetool is not None:
        overrides["languagetool"] = "on" if languagetool else "off"
    code = run_check(paths or ["."], overrides, config=config, baseline_out=output, quiet=True)
    raise typer.Exit(code)


@app.command()
def rules(
    output_format: Annotated[
        str, typer.Option("--format", help="table, markdown or json.")
    ] = "table",
    style: Annotated[
        str | None, typer.Option("--style", help="Style profile to list ('all': every profile).")
    ] = None,
    all_rules: Annotated[
        bool,
        typer.Option(
            "--all/--default-only",
            help="List rules that are off by default too (the default), or only those on.",
        ),
    ] = True,
) -> None:
    """List every rule: code, name, category, severity, fixable, source pack."""
    from newslint.ruledocs import render_rules

    try:
        settings = _settings_for(None, None, False, {"style": style})
        text = render_rules(settings, output_format, include_disabled=all_rules, color=use_color())
    except (ConfigError, ValueError) as exc:
        _err(f"newslint: error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    sys.stdout.write(text)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (NL201) or name (duplicated-word).")],
) -> None:
    """Show a rule's documentation: what it flags, why, an example, the fix."""
    from newslint.ruledocs import explain_rule

    try:
        settings = _settings_for(None, None, False, {})
        text = explain_rule(settings, rule)
    except (ConfigError, KeyError) as exc:
        _err(f"newslint: error: {exc.args[0] if exc.args else exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if use_color():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        sys.stdout.write(text)


@app.command("config")
def config_cmd(
    show: Annotated[
        Path | None,
        typer.Option("--show", help="Print the settings that apply to this file or folder."),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Config file to read.")] = None,
) -> None:
    """Print resolved settings (``newslint config --show PATH``)."""
    import json

    from newslint.config import describe

    try:
        settings = _settings_for(show or Path.cwd(), config, False, {})
    except ConfigError as exc:
        _err(f"newslint: error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    data = describe(settings)
    data["source"] = settings.source or "(defaults: no config file found)"
    print(json.dumps(data, indent=2, default=str))
