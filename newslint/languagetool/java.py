"""Find the Java runtime LanguageTool needs and read its version.

LanguageTool 6.6 and later need Java 17. Checking up front turns the JVM's
``UnsupportedClassVersionError`` stack trace into one readable sentence.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.paths import MIN_JAVA_MAJOR

_VERSION_RE = re.compile(r'version "(?P<version>[^"]+)"')


@dataclass(frozen=True)
class Java:
    """A Java executable and the version it reports."""

    executable: str
    version: str

    @property
    def major(self) -> int:
        """Return the feature release (``17`` for ``17.0.15``, ``8`` for ``1.8.0``)."""
        return java_major(self.version)


def java_major(version: str) -> int:
    """Return the major version of a ``java -version`` string."""
    parts = re.split(r"[._+-]", version)
    try:
        first = int(parts[0])
        return int(parts[1]) if first == 1 and len(parts) > 1 else first
    except ValueError:
        return 0


def find_java_executable() -> str | None:
    """Return ``$JAVA_HOME/bin/java`` when set and present, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def probe_java(timeout: float = 20.0) -> Java | None:
    """Return the Java runtime, or None when there is none that answers."""
    executable = find_java_executable()
    if executable is None:
        return None
    try:
        done = subprocess.run(
            [executable, "-version"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = _VERSION_RE.search(done.stderr + done.stdout)
    return Java(executable, found.group("version") if found else "unknown")


def require_java() -> Java:
    """Return a Java runtime new enough for LanguageTool, or raise LanguageToolError."""
    java = probe_java()
    if java is None:
        raise LanguageToolError(
            "Java not found: LanguageTool needs a Java "
            f"{MIN_JAVA_MAJOR}+ runtime on PATH or in JAVA_HOME "
            "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless)"
        )
    if java.major < MIN_JAVA_MAJOR:
        raise LanguageToolError(
            f"Java {java.version} at {java.executable} is too old: "
            f"LanguageTool needs Java {MIN_JAVA_MAJOR} or newer"
        )
    return java
