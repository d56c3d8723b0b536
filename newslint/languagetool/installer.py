"""Install a pinned LanguageTool into newslint's cache folder.

Preferred route: Maven Central. The bundled ``pom.xml`` names
``languagetool-server`` and ``language-en``; ``mvn dependency:copy-dependencies``
copies them and every runtime dependency into ``lib/``. Fallback when ``mvn``
is not installed: language-tool-python's own download of the release zip
(needs access to languagetool.org).

The install is atomic and idempotent: everything is built in a temporary
folder next to the target, verified by starting the server once and checking
a sentence, and only then renamed into place. A file lock serialises
concurrent installs; a finished install is left alone unless ``force``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newslint.languagetool.client import Client
from newslint.languagetool.errors import LanguageToolError
from newslint.languagetool.installation import Installation, find_installation, write_manifest
from newslint.languagetool.java import require_java
from newslint.languagetool.paths import LT_VERSION, POM_PATH, install_dir, languagetool_dir
from newslint.languagetool.server import LocalServer
from newslint.languagetool.settings import CheckSettings

MAVEN_TIMEOUT = 30 * 60.0
DOWNLOAD_TIMEOUT = 30 * 60.0
LOCK_TIMEOUT = 45 * 60.0
# A sentence LanguageTool 6.x flags with a grammar rule (HE_VERB_AGR): proves
# that the English module loaded, not just that the HTTP server answers.
VERIFY_TEXT = "He go to school every day."

Reporter = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"newslint: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _install_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder/.install.lock`` (POSIX; a no-op elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(folder / ".install.lock", "a+b") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LanguageToolError(
                        f"another newslint is still installing LanguageTool into {folder}"
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(text: str, lines: int = 3) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in kept if line.startswith("[ERROR]")]
    return " | ".join((errors or kept)[:lines]) or "(no output)"


def install_with_maven(target: Path, version: str, mvn: str) -> Installation:
    """Copy LanguageTool ``version`` and its dependencies from Maven Central into ``target/lib``."""
    pom = target / "pom.xml"
    shutil.copyfile(POM_PATH, pom)
    command = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(pom),
        f"-Dlanguagetool.version={version}",
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={target / 'lib'}",
    ]
    try:
        done = subprocess.run(
            command,
            cwd=target,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=MAVEN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LanguageToolError(
            f"mvn did not finish within {MAVEN_TIMEOUT / 60:g} minutes"
        ) from None
    except OSError as exc:
        raise LanguageToolError(f"cannot run {mvn}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise LanguageToolError(
            f"mvn failed (exit {done.returncode}) fetching LanguageTool {version} "
            f"from Maven Central: {_tail(done.stdout + done.stderr)}"
        )
    jars = sorted((target / "lib").glob("*.jar"))
    if not any(jar.name == f"languagetool-server-{version}.jar" for jar in jars):
        raise LanguageToolError(f"mvn finished but languagetool-server-{version}.jar is missing")
    return Installation(
        version=version,
        root=target,
        classpath=("lib/*",),
        method="maven",
        details=(("jars", str(len(jars))),),
    )


_DOWNLOAD_SCRIPT = """
import sys
from language_tool_python.download_lt import LocalLanguageTool
LocalLanguageTool.from_version_name(sys.argv[1]).download()
"""


def install_with_download(target: Path, version: str) -> Installation:
    """Fetch the LanguageTool release zip with language-tool-python into ``target``.

    Runs in a child Python so that language-tool-python's download folder
    (``LTP_PATH``) can point into ``target`` without touching this process's
    environment.
    """
    env = dict(os.environ, LTP_PATH=str(target))
    env.pop("LTP_JAR_DIR_PATH", None)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _DOWNLOAD_SCRIPT, version],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=DOWNLOAD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LanguageToolError(
            "language-tool-python's download did not finish within "
            f"{DOWNLOAD_TIMEOUT / 60:g} minutes"
        ) from None
    if done.returncode != 0:
        raise LanguageToolError(
            "mvn is not installed and language-tool-python's download of LanguageTool "
            f"{version} failed: {_tail(done.stderr, 1)}"
        )
    folder = target / f"LanguageTool-{version}"
    jar = next(
        (
            folder / name
            for name in ("languagetool-server.jar", "languagetool.jar")
            if (folder / name).is_file()
        ),
        None,
    )
    if jar is None:
        raise LanguageToolError(f"the LanguageTool {version} download has no server jar")
    return Installation(
        version=version,
        root=target,
        classpath=(str(jar.relative_to(target)),),
        method="download",
    )


def verify(installation: Installation, timeout: float = 120.0) -> float:
    """Start the server from ``installation``, check a sentence, stop; return seconds taken.

    Raises:
        LanguageToolError: the server does not start, reports another
            version, or does not find the known grammar error.
    """
    began = time.monotonic()
    with LocalServer(installation, start_timeout=timeout) as server:
        assert server.url is not None
        client = Client(server.url, timeout=timeout)
        matches, version = client.check_one(VERIFY_TEXT, CheckSettings())
    if version != installation.version:
        raise LanguageToolError(
            f"installed LanguageTool reports version {version!r}, expected {installation.version}"
        )
    if not matches:
        raise LanguageToolError(
            f"installed LanguageTool found no error in the test sentence {VERIFY_TEXT!r}"
        )
    return time.monotonic() - began


def install(
    cache_dir: Path | str | None = None,
    *,
    version: str = LT_VERSION,
    force: bool = False,
    method: str = "auto",
    check: bool = True,
    report: Reporter = _stderr,
) -> Installation:
    """Install LanguageTool ``version`` into the cache and return it; a no-op when present.

    Args:
        cache_dir: the newslint cache root (default ``NEWSLINT_CACHE_DIR`` or
            ``~/.cache/newslint``).
        force: reinstall even when a verified install exists.
        method: ``"maven"``, ``"download"`` or ``"auto"`` (Maven when ``mvn``
            is on PATH, else the download).
        check: start the server once to verify the install before keeping it.
        report: receives one-line progress messages.

    Raises:
        LanguageToolError: Java or Maven missing, the fetch failed, or the
            verification failed. Nothing is left behind in that case.
    """
    existing = find_installation(version, cache_dir)
    if existing is not None and not force:
        report(f"LanguageTool {version} is already installed in {existing.root}")
        return existing
    java = require_java()
    mvn = shutil.which("mvn")
    if method == "auto":
        method = "maven" if mvn else "download"
    if method == "maven" and mvn is None:
        raise LanguageToolError(
            "mvn not found: install Maven (apt-get install maven) or use the download"
        )
    if method not in ("maven", "download"):
        raise LanguageToolError(f"unknown install method {method!r} (maven, download or auto)")
    base = languagetool_dir(cache_dir)
    final = install_dir(version, cache_dir)
    with _install_lock(base):
        existing = find_installation(version, cache_dir)
        if existing is not None and not force:
            report(f"LanguageTool {version} was installed by another newslint meanwhile")
            return existing
        began = time.monotonic()
        staging = Path(tempfile.mkdtemp(prefix=f".install-{version}-", dir=base))
        try:
            if method == "maven":
                assert mvn is not None
                report(f"fetching LanguageTool {version} from Maven Central with {mvn} ...")
                installation = install_with_maven(staging, version, mvn)
            else:
                report(
                    f"mvn not found; downloading LanguageTool {version} "
                    "with language-tool-python ..."
                )
                installation = install_with_download(staging, version)
            fetched = time.monotonic() - began
            details = dict(installation.details)
            details.update(java=java.version, fetch_seconds=f"{fetched:.1f}")
            if check:
                report(f"verifying: starting the LanguageTool {version} server once ...")
                details["verify_seconds"] = f"{verify(installation):.1f}"
            staged = Installation(
                version=version,
                root=staging,
                classpath=installation.classpath,
                method=installation.method,
                details=tuple(sorted(details.items())),
            )
            write_manifest(staged)
            _swap_into_place(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    done = find_installation(version, cache_dir)
    if done is None:  # pragma: no cover - only if something deletes it underneath us
        raise LanguageToolError(f"LanguageTool install in {final} vanished after it was made")
    report(f"installed LanguageTool {version} in {final} ({time.monotonic() - began:.0f} s)")
    return done


def _swap_into_place(staging: Path, final: Path) -> None:
    """Rename ``staging`` to ``final``; an older ``final`` is moved aside first, then removed."""
    old: Path | None = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
