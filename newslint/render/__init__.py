"""Output formats. Each renderer gets the finished run and returns text.

Renderers only read :class:`~newslint.runner.Run`; they never lint, so adding
a format never changes what is found (flake8's formatter split).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newslint.runner import Run

Renderer = Callable[..., str]


def get_renderer(name: str) -> Renderer:
    """Return the renderer for an output format name."""
    if name == "json":
        from newslint.render.json import render_json

        return render_json
    if name == "concise":
        from newslint.render.concise import render_concise

        return render_concise
    if name == "github":
        from newslint.render.github import render_github

        return render_github
    if name == "sarif":
        from newslint.render.sarif import render_sarif

        return render_sarif
    if name == "full":
        from newslint.render.full import render_full

        return render_full
    if name == "junit":
        from newslint.render.junit import render_junit

        return render_junit
    if name == "html":
        from newslint.render.html import render_html

        return render_html
    raise ValueError(f"unknown output format {name!r}")


def render(name: str, run: Run, **options: Any) -> str:
    """Render ``run`` in format ``name``."""
    return get_renderer(name)(run, **options)
