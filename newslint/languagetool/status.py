"""Report what LanguageTool newslint can use: installs, Java, Maven, a server.

Backs ``newslint languagetool status``. Never starts Java's server; it only
reads the cache folder, asks ``java -version`` and, when a URL is configured,
asks that server for its languages.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from newslint.languagetool.client import Client
from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.installation import Installation, installed_versions
from newslint.languagetool.java import probe_java
from newslint.languagetool.paths import LT_VERSION, MIN_JAVA_MAJOR, languagetool_dir
from newslint.languagetool.service import URL_ENV


@dataclass
class Status:
    """The facts ``status`` prints, and whether LanguageTool is usable."""

    pinned_version: str
    cache_folder: Path
    installs: list[Installation] = field(default_factory=list)
    java: str | None = None
    java_ok: bool = False
    mvn: str | None = None
    url: str | None = None
    url_reachable: bool | None = None
    url_detail: str = ""

    @property
    def pinned_install(self) -> Installation | None:
        """Return the install of the pinned version, if present."""
        return next((i for i in self.installs if i.version == self.pinned_version), None)

    @property
    def usable(self) -> bool:
        """Return True when a check could run: a reachable URL, or the pinned install and Java."""
        if self.url is not None:
            return bool(self.url_reachable)
        return self.pinned_install is not None and self.java_ok

    def lines(self) -> list[str]:
        """Return the human-readable report, one fact per line."""
        out = [f"pinned version: LanguageTool {self.pinned_version}"]
        out.append(f"cache folder:   {self.cache_folder}")
        if self.installs:
            for inst in self.installs:
                facts = ", ".join(f"{k} {v}" for k, v in inst.details)
                out.append(
                    f"installed:      {inst.version} via {inst.method} in {inst.root}"
                    + (f" ({facts})" if facts else "")
                )
        else:
            out.append("installed:      nothing (run 'newslint languagetool install')")
        if self.java is None:
            out.append(f"java:           not found (LanguageTool needs Java {MIN_JAVA_MAJOR}+)")
        else:
            verdict = "ok" if self.java_ok else f"too old, needs {MIN_JAVA_MAJOR}+"
            out.append(f"java:           {self.java} ({verdict})")
        out.append(f"mvn:            {self.mvn or 'not found (install falls back to a download)'}")
        if self.url is None:
            out.append(f"server URL:     none ({URL_ENV} unset); newslint starts its own")
        else:
            state = "reachable" if self.url_reachable else "NOT reachable"
            detail = f": {self.url_detail}" if self.url_detail else ""
            out.append(f"server URL:     {self.url} ({state}{detail})")
        out.append(f"usable:         {'yes' if self.usable else 'no'}")
        return out


def status(cache_dir: Path | str | None = None, url: str | None = None) -> Status:
    """Return what LanguageTool is installed, the Java version, and whether a server answers."""
    report = Status(pinned_version=LT_VERSION, cache_folder=languagetool_dir(cache_dir))
    report.installs = installed_versions(cache_dir)
    java = probe_java()
    if java is not None:
        report.java = f"{java.version} ({java.executable})"
        report.java_ok = java.major >= MIN_JAVA_MAJOR
    report.mvn = shutil.which("mvn")
    report.url = url or os.environ.get(URL_ENV) or None
    if report.url is not None:
        try:
            languages = Client(report.url, timeout=5.0).languages()
            report.url_reachable = True
            report.url_detail = f"{len(languages)} languages"
        except LanguageToolError as exc:
            report.url_reachable = False
            report.url_detail = str(exc)
    return report
