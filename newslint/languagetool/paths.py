"""Where LanguageTool lives on disk, and which version newslint pins.

The pin is one constant here and the ``languagetool.version`` property of the
bundled ``pom.xml`` (a test keeps them equal). Everything is kept under the
newslint cache root, ``NEWSLINT_CACHE_DIR`` or ``~/.cache/newslint``, so that
one ``rm -r`` resets it and nothing is ever written into a LanguageTool install
after it has been verified.
"""

from __future__ import annotations

import os
from pathlib import Path

# Newest release on Maven Central that resolves with all its dependencies and
# runs on Java 17; language-tool-python 3.4 downloads the same version.
LT_VERSION = "6.8"
MIN_JAVA_MAJOR = 17
# A running server to use instead of a local install (the ``languagetool-url`` setting's fallback).
URL_ENV = "NEWSLINT_LANGUAGETOOL_URL"

POM_PATH = Path(__file__).with_name("pom.xml")


def cache_root(cache_dir: Path | str | None = None) -> Path:
    """Return the newslint cache root (``NEWSLINT_CACHE_DIR`` or ``~/.cache/newslint``).

    Mirrors :func:`newslint.config.default_cache_dir` without importing the
    config machinery, so ``python -m newslint.languagetool`` stays light.
    """
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newslint"


def languagetool_dir(cache_dir: Path | str | None = None) -> Path:
    """Return the folder that holds every LanguageTool version and the result cache."""
    return cache_root(cache_dir) / "languagetool"


def install_dir(version: str = LT_VERSION, cache_dir: Path | str | None = None) -> Path:
    """Return the folder of one installed LanguageTool version."""
    return languagetool_dir(cache_dir) / version
