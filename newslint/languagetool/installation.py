"""What an installed LanguageTool looks like on disk, and how to find it.

An install is a folder ``<cache>/languagetool/<version>/`` holding the jars
and a manifest, ``install.json``, written last. A folder without a readable
manifest is not an install, so a half-finished or interrupted install is never
picked up, whichever way (Maven or download) it was made.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import Any

from newslint.languagetool.paths import LT_VERSION, URL_ENV, install_dir, languagetool_dir

MANIFEST = "install.json"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class Installation:
    """A verified LanguageTool install: its version, folder and Java classpath."""

    version: str
    root: Path
    classpath: tuple[str, ...]  # relative to root; may hold a trailing '*' (Java wildcard)
    method: str  # "maven" or "download"
    details: tuple[tuple[str, str], ...] = ()  # free-form facts for ``status``

    def classpath_arg(self) -> str:
        """Return the ``-cp`` argument for ``java``."""
        return os.pathsep.join(str(self.root / entry) for entry in self.classpath)

    def is_complete(self) -> bool:
        """Return True when every classpath entry still matches a file."""
        return all(glob(str(self.root / entry)) for entry in self.classpath)

    def manifest(self) -> dict[str, Any]:
        """Return the JSON manifest for this install."""
        return {
            "format": MANIFEST_FORMAT,
            "version": self.version,
            "method": self.method,
            "classpath": list(self.classpath),
            "details": dict(self.details),
        }


def write_manifest(installation: Installation) -> None:
    """Write ``install.json`` atomically; it marks the folder as a finished install."""
    target = installation.root / MANIFEST
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(installation.manifest(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def read_installation(root: Path) -> Installation | None:
    """Return the install in ``root``, or None when it is missing, partial or foreign."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return None
        found = Installation(
            version=str(data["version"]),
            root=root,
            classpath=tuple(str(entry) for entry in data["classpath"]),
            method=str(data["method"]),
            details=tuple((str(k), str(v)) for k, v in dict(data.get("details", {})).items()),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return found if found.classpath and found.is_complete() else None


def find_installation(
    version: str = LT_VERSION, cache_dir: Path | str | None = None
) -> Installation | None:
    """Return the installed LanguageTool ``version``, or None."""
    return read_installation(install_dir(version, cache_dir))


def installed_versions(cache_dir: Path | str | None = None) -> list[Installation]:
    """Return every complete install in the cache, oldest version first."""
    base = languagetool_dir(cache_dir)
    if not base.is_dir():
        return []
    found = [read_installation(child) for child in sorted(base.iterdir()) if child.is_dir()]
    return [inst for inst in found if inst is not None]


def availability(mode: str, url: str | None = None) -> str:
    """Return what a run in ``mode`` finds, for the result cache's key.

    "off"; "server" (a URL from the setting or ``NEWSLINT_LANGUAGETOOL_URL``);
    "installed <version>"; or "missing". A result made in ``auto`` mode with
    LanguageTool missing has no NL8xx findings; keyed by this, it is replayed
    while LanguageTool stays missing and re-made once it is installed.
    """
    if mode == "off":
        return "off"
    if url or os.environ.get(URL_ENV):
        return "server"
    found = find_installation()
    return f"installed {found.version}" if found is not None else "missing"
