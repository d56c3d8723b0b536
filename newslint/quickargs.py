"""Read a plain ``newslint check ...`` command line without importing typer.

Importing typer and building its command tree takes longer than replaying a
300-file folder from the result cache, and a pre-commit hook pays it on
every commit. This parser understands exactly the options of ``newslint
check`` (:data:`OPTIONS`, kept equal to the typer command's by a test), in
the forms people type: ``--name value``, ``--name=value``, ``-o value``,
flags, repeated list options and paths in any order. Whatever else it meets
(help, another command, an unknown or clustered option, a value that looks
like an option, a bad number, ``--``, shell completion) makes it give up, and
the typer command reads the line instead, with its own messages: the quick
path never decides anything typer would decide differently.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.session import CheckOptions

# Option spellings -> (field of CheckOptions, how the option reads its value):
# "flag" sets True, "on"/"off" set True/False, "value" takes a string,
# "path" a Path, "int" a whole number, "list" appends to a list.
OPTIONS: dict[str, tuple[str, str]] = {
    "--fix": ("fix", "flag"),
    "--unsafe-fixes": ("unsafe_fixes", "flag"),
    "--diff": ("diff", "flag"),
    "--select": ("select", "list"),
    "--extend-select": ("extend_select", "list"),
    "--ignore": ("ignore", "list"),
    "--output-format": ("output_format", "value"),
    "-o": ("output_format", "value"),
    "--output-file": ("output_file", "path"),
    "--statistics": ("statistics", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--fail-on": ("fail_on", "value"),
    "--exit-zero": ("exit_zero", "flag"),
    "--format-in": ("format_in", "value"),
    "--stdin-filename": ("stdin_filename", "value"),
    "--config": ("config", "path"),
    "--isolated": ("isolated", "flag"),
    "--style": ("style", "value"),
    "--date": ("date", "value"),
    "--languagetool": ("languagetool", "on"),
    "--no-languagetool": ("languagetool", "off"),
    "--languagetool-url": ("languagetool_url", "value"),
    "--no-cache": ("no_cache", "flag"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--show-people": ("show_people", "flag"),
    "--baseline": ("baseline", "path"),
    "--max-file-size": ("max_file_size", "value"),
}
# Options that fall back to an environment variable when not given (non-empty only).
ENVVARS: dict[str, str] = {"languagetool_url": "NEWSLINT_LANGUAGETOOL_URL"}

_NO_VALUE = ("flag", "on", "off")


def parse_check(argv: Sequence[str], environ: Mapping[str, str]) -> CheckOptions | None:
    """Return the options of a ``check`` command line, or None to leave it to typer."""
    if not argv or argv[0] != "check":
        return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return None  # a shell-completion request
    values: dict[str, Any] = {}
    paths: list[str] = []
    args = list(argv[1:])
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "-" or (token and not token.startswith("-")):
            paths.append(token)
            continue
        name, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        spec = OPTIONS.get(name)
        if spec is None:
            return None  # unknown, clustered, "--", or an empty argument
        field, kind = spec
        if kind in _NO_VALUE:
            if eq:
                return None
            values[field] = kind != "off"
            continue
        if eq:
            value = inline
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            return None  # missing value
        if not value or value.startswith("-"):
            return None
        if kind == "int":
            if not (value.isascii() and value.isdigit()):
                return None
            values[field] = int(value)
        elif kind == "path":
            values[field] = Path(value)
        elif kind == "list":
            values.setdefault(field, []).append(value)
        else:
            values[field] = value
    for field, var in ENVVARS.items():
        if field not in values and environ.get(var):
            values[field] = environ[var]
    from newslint.session import CheckOptions

    return CheckOptions(paths=paths or None, **values)


def run_quick(argv: Sequence[str]) -> int | None:
    """Run ``newslint check`` when :func:`parse_check` reads ``argv``; else return None.

    Interrupts and a closed output pipe end the run as under typer (exit 130
    and 1, without a traceback).
    """
    options = parse_check(argv, os.environ)
    if options is None:
        return None
    from newslint.session import check_command

    try:
        return check_command(options)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # Nothing more can reach the reader; keep the exit flush quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                os.dup2(devnull, stream.fileno())
        return 1
