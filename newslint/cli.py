"""The ``newslint`` console script, and the small helpers its commands share.

Importing typer and building the command tree costs more than a whole
cached run of a 300-file folder, so :func:`main` first lets
:mod:`newslint.quickargs` read a plain ``newslint check ...`` command line;
anything it does not fully understand (help, other commands, unknown or
unusual options) goes to the typer app in :mod:`newslint.commands`, which
also gives every error message. ``newslint.cli.app`` is that app, imported
on first use.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def __getattr__(name: str) -> Any:
    """Return the typer app (``from newslint.cli import app``) without importing it up front."""
    if name == "app":
        from newslint.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def split_values(values: list[str] | None) -> tuple[str, ...] | None:
    """Return the items of repeated, comma-separated option values (None when not given)."""
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


def use_color() -> bool:
    """Return True when output should be coloured (``NO_COLOR``, ``FORCE_COLOR``, a terminal)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def unified_diff(path: str, before: str, after: str) -> str:
    """Return a unified diff of a fix."""
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def main() -> None:
    """Entry point of the ``newslint`` console script."""
    from newslint.gcpolicy import tune_for_batch

    tune_for_batch()
    try:
        from newslint.quickargs import run_quick

        code = run_quick(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from newslint.commands import app

        app()
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        sys.exit(130)
